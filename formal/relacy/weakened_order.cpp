// The negative controls of the memory orders without a program of their own: built once per
// switch of include/arena_arc/detail/memory_orders.hpp (and the owner ledger's heavy fence), each
// with exactly one order weakened to relaxed (or the fence removed). (The owner ledger's refund
// end and close wait have ThreadSanitizer controls instead: formal/tsan_controls.sh says why.) The
// scenario chosen below is one whose every schedule passes on the library as it is (handles.cpp,
// recycling.cpp, ledger.cpp); with the order weakened Relacy must report a data race in it. The
// program succeeds only if it does, and prints the schedule count at which the counterexample was
// found (Relacy prints the schedule itself). docs/VERIFICATION.md has the table of every order.
#include "handle_scenarios.hpp"
#include "ledger_scenarios.hpp"
#include "model.hpp"
#include "recycling_scenarios.hpp"
#include "violation_scenarios.hpp"

#include <cstdio>

namespace {

using namespace formal_relacy;  // NOLINT(google-build-using-namespace): the model's vocabulary
constexpr rl::test_result_e race = rl::test_result_data_race;

#if defined(ARENA_ARC_TEST_WEAKEN_LAST_RELEASE)
constexpr const char* weakened = "last-release acquire";
bool run(unsigned long long& schedules) {
  return check<copies_and_releases<race>>("weakened last release: copies and releases", full_search,
                                          schedules);
}
#elif defined(ARENA_ARC_TEST_WEAKEN_RECYCLER_PUSH)
constexpr const char* weakened = "recycler push";
bool run(unsigned long long& schedules) {
  return check<reuse_after_return<race>>("weakened recycler push: reuse after a return",
                                         preemption_bound(3, 4), schedules);
}
#elif defined(ARENA_ARC_TEST_WEAKEN_RECYCLER_TAKE)
constexpr const char* weakened = "recycler take_all";
bool run(unsigned long long& schedules) {
  return check<reuse_after_return<race>>("weakened recycler take_all: reuse after a return",
                                         preemption_bound(3, 4), schedules);
}
#elif defined(ARENA_ARC_TEST_WEAKEN_RECYCLER_CLOSE)
constexpr const char* weakened = "recycler close";
bool run(unsigned long long& schedules) {
  return check<close_while_chunk_returns<race>>("weakened recycler close: close while returning",
                                                full_when_deep(3), schedules);
}
#elif defined(ARENA_ARC_TEST_WEAKEN_HEAVY_FENCE)
constexpr const char* weakened = "ledger heavy fence";
bool run(unsigned long long& schedules) {
  return check<ledger_protocol<race>>("weakened heavy fence: ledger protocol", full_search,
                                      schedules);
}
#elif defined(ARENA_ARC_TEST_WEAKEN_HANDLER_INSTALL)
constexpr const char* weakened = "handler install";
bool run(unsigned long long& schedules) {
  return check<handler_installed_on_another_thread<race>>(
      "weakened handler install: handler on another thread", full_search, schedules);
}
#elif defined(ARENA_ARC_TEST_WEAKEN_HANDLER_LOAD)
constexpr const char* weakened = "handler load";
bool run(unsigned long long& schedules) {
  return check<handler_installed_on_another_thread<race>>(
      "weakened handler load: handler on another thread", full_search, schedules);
}
#else
#error "weakened_order.cpp is built with one ARENA_ARC_TEST_WEAKEN_* switch"
#endif

}  // namespace

int main() {
  unsigned long long schedules = 0;
  const bool ok = run(schedules);
  std::printf("relacy weakened %s: %s after %llu schedules\n", weakened,
              ok ? "counterexample found (data race), as required" : "NOT REJECTED", schedules);
  return ok ? 0 : 1;
}
