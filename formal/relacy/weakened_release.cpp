// The negative control of the interleaving checks: built with ARENA_ARC_TEST_WEAKEN_RELEASE,
// which makes the library's release decrement relaxed (include/arena_arc/detail/counter.hpp).
// Then a thread's reads of an element no longer happen before the destruction by the thread
// that drops the last reference, and Relacy must report the data race on the element in the
// handle scenarios. The program succeeds only if it does (and prints the schedule count at
// which the counterexample was found; Relacy prints the schedule itself).
#include "handle_scenarios.hpp"
#include "model.hpp"

#include <cstdio>

#if !defined(ARENA_ARC_TEST_WEAKEN_RELEASE)
#error "weakened_release.cpp is built with ARENA_ARC_TEST_WEAKEN_RELEASE"
#endif

int main() {
  using namespace formal_relacy;  // NOLINT(google-build-using-namespace): the model's vocabulary
  constexpr rl::test_result_e race = rl::test_result_data_race;
  unsigned long long schedules = 0;
  bool ok = true;
  ok = check<copies_and_releases<race>>("weakened release: copies and releases", full_search,
                                        schedules) &&
       ok;
  ok = check<batches_released_together<race>>("weakened release: batches released together",
                                              full_search, schedules) &&
       ok;
  ok = check<allocator_leaves_its_chunk<race>>("weakened release: allocator leaves its chunk",
                                               preemption_bound(3, 5), schedules) &&
       ok;
  std::printf("relacy weakened release: %s after %llu schedules\n",
              ok ? "counterexample found (data race), as required" : "NOT REJECTED", schedules);
  return ok ? 0 : 1;
}
