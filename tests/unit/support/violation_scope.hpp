// Test support: observe violations without dying. While a throwing_violation_scope lives, a
// failed check throws violation_error (the library allows a handler to throw; the failed
// operation has then changed nothing). The previous handler is restored on exit.
#ifndef ARENA_ARC_TESTS_UNIT_SUPPORT_VIOLATION_SCOPE_HPP
#define ARENA_ARC_TESTS_UNIT_SUPPORT_VIOLATION_SCOPE_HPP

#include <arena_arc/violation.hpp>

#include <stdexcept>
#include <string>

namespace arena_arc_test {

class violation_error : public std::logic_error {
 public:
  explicit violation_error(const arena_arc::violation_info& info)
      : std::logic_error(info.message), check_(info.check) {}
  /// The name of the failed check, e.g. "Allocator re-entrancy".
  [[nodiscard]] const std::string& check() const noexcept { return check_; }

 private:
  std::string check_;
};

[[noreturn]] inline void throw_violation(const arena_arc::violation_info& info) {
  throw violation_error(info);
}

class throwing_violation_scope {
 public:
  throwing_violation_scope() : previous_(arena_arc::set_violation_handler(&throw_violation)) {}
  throwing_violation_scope(const throwing_violation_scope&) = delete;
  throwing_violation_scope& operator=(const throwing_violation_scope&) = delete;
  ~throwing_violation_scope() { arena_arc::set_violation_handler(previous_); }

  [[nodiscard]] arena_arc::violation_handler previous() const noexcept { return previous_; }

 private:
  arena_arc::violation_handler previous_;
};

}  // namespace arena_arc_test

#endif  // ARENA_ARC_TESTS_UNIT_SUPPORT_VIOLATION_SCOPE_HPP
