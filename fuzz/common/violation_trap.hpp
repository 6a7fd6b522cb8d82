// Turns arena_arc violations into exceptions so that a harness can observe the ones it
// provokes on purpose (the failed operation has changed nothing). A violation the harness did
// not expect escapes LLVMFuzzerTestOneInput uncaught, or is raised inside a noexcept function:
// either way std::terminate, which the fuzzer and the replay tests report as a crash.
#ifndef ARENA_ARC_FUZZ_VIOLATION_TRAP_HPP
#define ARENA_ARC_FUZZ_VIOLATION_TRAP_HPP

#include <arena_arc/arena_arc.hpp>

#include <string>

namespace arena_arc_fuzz {

struct violation_error {
  std::string check;
  [[nodiscard]] bool is(const char* name) const { return check == name; }
};

[[noreturn]] inline void throwing_violation_handler(const arena_arc::violation_info& info) {
  throw violation_error{info.check};
}

/// Installs the throwing handler for the lifetime of the object.
class violation_trap {
 public:
  violation_trap() noexcept
      : previous_(arena_arc::set_violation_handler(&throwing_violation_handler)) {}
  violation_trap(const violation_trap&) = delete;
  violation_trap& operator=(const violation_trap&) = delete;
  ~violation_trap() { arena_arc::set_violation_handler(previous_); }

 private:
  arena_arc::violation_handler previous_;
};

}  // namespace arena_arc_fuzz

#endif  // ARENA_ARC_FUZZ_VIOLATION_TRAP_HPP
