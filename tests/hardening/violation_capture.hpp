// Test support: observing violations without dying, and what each hardening level must report.
#ifndef ARENA_ARC_TESTS_HARDENING_VIOLATION_CAPTURE_HPP
#define ARENA_ARC_TESTS_HARDENING_VIOLATION_CAPTURE_HPP

#include <arena_arc/arena_arc.hpp>

#include <optional>
#include <string>
#include <utility>

namespace arena_arc_test {

inline constexpr bool fast_checks = ARENA_ARC_HARDENING >= ARENA_ARC_HARDENING_FAST;
inline constexpr bool extensive_checks = ARENA_ARC_HARDENING >= ARENA_ARC_HARDENING_EXTENSIVE;
inline constexpr bool debug_checks = ARENA_ARC_HARDENING >= ARENA_ARC_HARDENING_DEBUG;

/// What the throwing handler carries out of a failed check.
struct observed_violation {
  std::string check;
};

[[noreturn]] inline void throw_violation(const arena_arc::violation_info& info) {
  throw observed_violation{info.check};
}

/// Installs throw_violation while it lives; puts the previous handler back afterwards.
class throwing_handler_scope {
 public:
  throwing_handler_scope() : previous_(arena_arc::set_violation_handler(&throw_violation)) {}
  throwing_handler_scope(const throwing_handler_scope&) = delete;
  throwing_handler_scope& operator=(const throwing_handler_scope&) = delete;
  ~throwing_handler_scope() { arena_arc::set_violation_handler(previous_); }

 private:
  arena_arc::violation_handler previous_;
};

/// The name of the check that failed while `operation` ran, or nothing if none did. Only for
/// operations that may throw: a violation inside a noexcept function is observed with a death
/// test instead.
template <class F>
std::optional<std::string> violation_of(F&& operation) {
  const throwing_handler_scope scope;
  try {
    std::forward<F>(operation)();
  } catch (const observed_violation& v) {
    return v.check;
  }
  return std::nullopt;
}

/// `check` when the level compiles it in, nothing otherwise.
inline std::optional<std::string> expected_when(bool compiled_in, const char* check) {
  if (compiled_in) return std::string(check);
  return std::nullopt;
}

/// The default handler's whole stderr output for a failed `check`: exactly one line.
inline std::string default_handler_line(const std::string& check) {
  return "^arena_arc: violation of " + check + ": [^\n]+ \\([^\n]+:[0-9]+\\)\n$";
}

}  // namespace arena_arc_test

#endif  // ARENA_ARC_TESTS_HARDENING_VIOLATION_CAPTURE_HPP
