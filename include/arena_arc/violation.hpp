// arena-arc: the violation handler.
//
// A failed check (a precondition at the configured hardening level, an internal invariant, a
// reference-count overflow, re-entrant use of an allocator, or any documented throw in a build
// without exceptions) calls the installed handler with a description of the check. The default
// handler writes one line to stderr and aborts. If a handler returns, std::abort() is called:
// a violation never continues into the operation that failed. A handler may throw (tests do);
// the exception then leaves the operation that failed the check, which has changed nothing.
#ifndef ARENA_ARC_VIOLATION_HPP
#define ARENA_ARC_VIOLATION_HPP

#include <arena_arc/detail/toolchain.hpp>  // first: one #error on an unsupported toolchain
#if ARENA_ARC_TOOLCHAIN_SUPPORTED

#include <arena_arc/config.hpp>
#include <arena_arc/detail/atomics.hpp>

#include <atomic>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

// Outside the configuration's inline namespace (config.hpp): the handler is one per program,
// whatever configurations its translation units were built with.
namespace arena_arc {

/// What failed: the check's name (a short identifier such as "ArcSlice::operator[] index"),
/// a human-readable message, and where the check is.
struct violation_info {
  const char* check;
  const char* message;
  const char* file;
  int line;
};

using violation_handler = void (*)(const violation_info&);

/// The default handler: one line on stderr, then std::abort().
[[noreturn]] inline void default_violation_handler(const violation_info& info) noexcept {
  std::fprintf(stderr, "arena_arc: violation of %s: %s (%s:%d)\n", info.check, info.message,
               info.file, info.line);
  std::abort();
}

// Not `detail`: a second arena_arc::detail beside the one in the inline namespace would make
// every arena_arc::detail:: name ambiguous. Nothing here depends on the configuration, so every
// translation unit defines these inline entities identically.
namespace program_wide {

// The two memory orders of the handler, each with the test-only switch that weakens it to
// relaxed (the negative controls of formal/relacy/; the library's other orders are in
// detail/memory_orders.hpp, which is configuration-specific).
#if defined(ARENA_ARC_TEST_WEAKEN_HANDLER_INSTALL)
inline constexpr std::memory_order handler_install = std::memory_order_relaxed;
#else
inline constexpr std::memory_order handler_install = std::memory_order_acq_rel;
#endif
#if defined(ARENA_ARC_TEST_WEAKEN_HANDLER_LOAD)
inline constexpr std::memory_order handler_load = std::memory_order_relaxed;
#else
inline constexpr std::memory_order handler_load = std::memory_order_acquire;
#endif

#if defined(ARENA_ARC_RELACY)
// Model-checking build: a Relacy atomic exists only inside a Relacy test, and holds integers and
// object pointers only. A test that installs or reaches a handler first points this at a cell of
// its own (formal/relacy/violation_scenarios.hpp); the cell holds the handler's address bits.
inline arena_arc::detail::atomics::cell<std::uintptr_t>* model_violation_handler = nullptr;

inline violation_handler exchange_handler(violation_handler h, std::memory_order order) {
  // Only ever converted back to the function pointer it came from.
  const auto bits = reinterpret_cast<std::uintptr_t>(h);
  const std::uintptr_t previous =
      arena_arc::detail::atomics::exchange(*model_violation_handler, bits, order);
  // NOLINTNEXTLINE(performance-no-int-to-ptr): model-checking build only; bits of a handler
  return reinterpret_cast<violation_handler>(previous);
}
inline violation_handler load_handler(std::memory_order order) {
  const std::uintptr_t bits = arena_arc::detail::atomics::load(*model_violation_handler, order);
  // NOLINTNEXTLINE(performance-no-int-to-ptr): model-checking build only; bits of a handler
  return reinterpret_cast<violation_handler>(bits);
}
#else
// One handler per program (an inline variable has one address across translation units), but
// one per shared object whose symbols are hidden (-fvisibility=hidden, a version script, or
// --exclude-libs): set_violation_handler then applies only within the calling shared object
// (README, "Hardening levels and violations"). Moving it out of the headers would need a
// compiled part, which a header-only library does not have.
inline std::atomic<violation_handler> installed_violation_handler{&default_violation_handler};

inline violation_handler exchange_handler(violation_handler h, std::memory_order order) noexcept {
  return installed_violation_handler.exchange(h, order);
}
inline violation_handler load_handler(std::memory_order order) noexcept {
  return installed_violation_handler.load(order);
}
#endif
}  // namespace program_wide

/// Installs `handler` (nullptr restores the default) and returns the previous one.
inline violation_handler set_violation_handler(violation_handler handler) noexcept {
  // acq_rel: release publishes what the handler reads to the threads that load it; acquire
  // makes the previous handler's data visible to a caller that calls or reinstalls it.
  return program_wide::exchange_handler(handler != nullptr ? handler : &default_violation_handler,
                                        program_wide::handler_install);
}

[[nodiscard]] inline violation_handler get_violation_handler() noexcept {
  // acquire: pairs with the installing exchange, so what the handler reads is visible here.
  return program_wide::load_handler(program_wide::handler_load);
}
}  // namespace arena_arc

ARENA_ARC_BEGIN_NAMESPACE
namespace detail {
[[noreturn]] ARENA_ARC_NOINLINE inline void report_violation(const char* check, const char* message,
                                                             const char* file, int line) {
  get_violation_handler()(violation_info{check, message, file, line});
  std::abort();  // a handler that returns must not let the failed operation continue
}
}  // namespace detail
ARENA_ARC_END_NAMESPACE

// The check macros. `check` names the check, `message` says what went wrong; both are string
// literals. Checks below the configured level compile to nothing (their condition is not
// evaluated).
#define ARENA_ARC_VIOLATION(check, message) \
  ::arena_arc::detail::report_violation(check, message, __FILE__, __LINE__)

#define ARENA_ARC_CHECK_ALWAYS(cond, check, message) \
  do {                                               \
    if (!(cond)) [[unlikely]] {                      \
      ARENA_ARC_VIOLATION(check, message);           \
    }                                                \
  } while (false)

#if ARENA_ARC_HARDENING >= ARENA_ARC_HARDENING_FAST
#define ARENA_ARC_CHECK_FAST(cond, check, message) ARENA_ARC_CHECK_ALWAYS(cond, check, message)
#else
#define ARENA_ARC_CHECK_FAST(cond, check, message) static_cast<void>(0)
#endif

#if ARENA_ARC_HARDENING >= ARENA_ARC_HARDENING_EXTENSIVE
#define ARENA_ARC_CHECK_EXTENSIVE(cond, check, message) ARENA_ARC_CHECK_ALWAYS(cond, check, message)
#else
#define ARENA_ARC_CHECK_EXTENSIVE(cond, check, message) static_cast<void>(0)
#endif

#if ARENA_ARC_HARDENING >= ARENA_ARC_HARDENING_DEBUG
#define ARENA_ARC_CHECK_DEBUG(cond, check, message) ARENA_ARC_CHECK_ALWAYS(cond, check, message)
#else
#define ARENA_ARC_CHECK_DEBUG(cond, check, message) static_cast<void>(0)
#endif

#endif  // ARENA_ARC_TOOLCHAIN_SUPPORTED

#endif  // ARENA_ARC_VIOLATION_HPP
