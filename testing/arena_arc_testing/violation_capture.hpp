// Test support: observing violations without dying. While a throwing_violation_scope lives, a
// failed check throws violation_error (the library allows a handler to throw; the failed
// operation has then changed nothing); the previous handler is restored on exit.
// violation_error derives from no standard exception on purpose: a test or harness that
// catches the library's documented errors (std::logic_error, std::bad_alloc, ...) never
// swallows a violation by mistake.
#ifndef ARENA_ARC_TESTING_VIOLATION_CAPTURE_HPP
#define ARENA_ARC_TESTING_VIOLATION_CAPTURE_HPP

#include <arena_arc/violation.hpp>

#include <optional>
#include <string>
#include <utility>

namespace arena_arc_testing {

/// What the throwing handler carries out of a failed check.
class violation_error {
 public:
  explicit violation_error(const arena_arc::violation_info& info)
      : check_(info.check), message_(info.message) {}
  /// The name of the failed check, e.g. "Allocator re-entrancy".
  [[nodiscard]] const std::string& check() const noexcept { return check_; }
  [[nodiscard]] const std::string& message() const noexcept { return message_; }
  [[nodiscard]] bool is(const char* name) const { return check_ == name; }

 private:
  std::string check_;
  std::string message_;
};

[[noreturn]] inline void throw_violation(const arena_arc::violation_info& info) {
  throw violation_error(info);
}

/// Installs throw_violation while it lives; puts the previous handler back afterwards.
class throwing_violation_scope {
 public:
  throwing_violation_scope() noexcept
      : previous_(arena_arc::set_violation_handler(&throw_violation)) {}
  throwing_violation_scope(const throwing_violation_scope&) = delete;
  throwing_violation_scope& operator=(const throwing_violation_scope&) = delete;
  ~throwing_violation_scope() { arena_arc::set_violation_handler(previous_); }

  [[nodiscard]] arena_arc::violation_handler previous() const noexcept { return previous_; }

 private:
  arena_arc::violation_handler previous_;
};

/// The name of the check that failed while `operation` ran, or nothing if none did. Only for
/// operations that may throw: a violation inside a noexcept function terminates instead.
template <class F>
std::optional<std::string> violation_of(F&& operation) {
  const throwing_violation_scope scope;
  try {
    std::forward<F>(operation)();
  } catch (const violation_error& v) {
    return v.check();
  }
  return std::nullopt;
}

}  // namespace arena_arc_testing

#endif  // ARENA_ARC_TESTING_VIOLATION_CAPTURE_HPP
