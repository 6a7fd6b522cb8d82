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

#include <arena_arc/config.hpp>

#include <atomic>
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
// every arena_arc::detail:: name ambiguous.
namespace program_wide {
// One handler per program (an inline variable has one address across translation units), but
// one per shared object whose symbols are hidden (-fvisibility=hidden, a version script, or
// --exclude-libs): set_violation_handler then applies only within the calling shared object
// (README, "Hardening levels and violations"). Moving it out of the headers would need a
// compiled part, which a header-only library does not have.
inline std::atomic<violation_handler> installed_violation_handler{&default_violation_handler};
}  // namespace program_wide

/// Installs `handler` (nullptr restores the default) and returns the previous one.
inline violation_handler set_violation_handler(violation_handler handler) noexcept {
  return program_wide::installed_violation_handler.exchange(
      handler != nullptr ? handler : &default_violation_handler, std::memory_order_acq_rel);
}

[[nodiscard]] inline violation_handler get_violation_handler() noexcept {
  return program_wide::installed_violation_handler.load(std::memory_order_acquire);
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

#endif  // ARENA_ARC_VIOLATION_HPP
