// formal/relacy/: the violation handler under Relacy, shared by handles.cpp (the library as it
// is: every schedule must pass) and weakened_order.cpp (built with the handler's exchange or its
// load relaxed: Relacy must report the data race). `Expected` is the result Relacy must report.
#ifndef ARENA_ARC_FORMAL_RELACY_VIOLATION_SCENARIOS_HPP
#define ARENA_ARC_FORMAL_RELACY_VIOLATION_SCENARIOS_HPP

#include "model.hpp"

#include <cstdint>

namespace formal_relacy {

/// Thread 0 writes plain data, then installs a handler that reads it; thread 1 takes the
/// installed handler as a violation does (get_violation_handler) and, if it is the new one,
/// calls it: the handler's read must happen after thread 0's write, through the library's
/// exchange (release) and load (acquire). Both outcomes (old handler, new one) must occur.
template <rl::test_result_e Expected>
struct handler_installed_on_another_thread
    : rl::test_suite<handler_installed_on_another_thread<Expected>, 2, Expected> {
  static inline rl::var<int>* data_of_handler = nullptr;
  static inline unsigned long long saw_new = 0;
  static inline unsigned long long saw_old = 0;

  static void reading_handler(const arena_arc::violation_info&) {
    RL_ASSERT((*data_of_handler)(RL_INFO) == 42);
  }
  static void other_handler(const arena_arc::violation_info&) {}

  rl::atomic<std::uintptr_t> cell;
  rl::var<int> data;
  bool called = false;  // thread 1's, read in after()

  void before() {
    arena_arc::program_wide::model_violation_handler = &cell;
    // The handler in place before the test (address bits, as the library stores them).
    cell.store(reinterpret_cast<std::uintptr_t>(&other_handler), rl::mo_relaxed, RL_INFO);
    data(RL_INFO) = 0;
    data_of_handler = &data;
  }
  void thread(unsigned index) {
    if (index == 0) {
      data(RL_INFO) = 42;
      const arena_arc::violation_handler previous =
          arena_arc::set_violation_handler(&reading_handler);
      RL_ASSERT(previous == &other_handler);
    } else {
      const arena_arc::violation_handler h = arena_arc::get_violation_handler();
      const arena_arc::violation_info info{"check", "message", __FILE__, __LINE__};
      called = h == &reading_handler;
      h(info);
    }
  }
  void after() {
    ++(called ? saw_new : saw_old);
    arena_arc::program_wide::model_violation_handler = nullptr;
  }
};

}  // namespace formal_relacy

#endif  // ARENA_ARC_FORMAL_RELACY_VIOLATION_SCENARIOS_HPP
