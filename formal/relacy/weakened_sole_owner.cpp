// The second negative control of the interleaving checks: built with
// ARENA_ARC_TEST_WEAKEN_SOLE_OWNER, which makes the load that tells the allocator it is the sole
// owner of its chunk relaxed (include/arena_arc/detail/counter.hpp). Then another thread's reads
// through the last handle no longer happen before the allocator rebuilds elements in place, and
// Relacy must report the data race on a storage slot in the rewind scenario and in the
// kept-chunk one. The program succeeds only if it does.
#include "model.hpp"
#include "rewind_scenario.hpp"

#include <cstdio>

#if !defined(ARENA_ARC_TEST_WEAKEN_SOLE_OWNER)
#error "weakened_sole_owner.cpp is built with ARENA_ARC_TEST_WEAKEN_SOLE_OWNER"
#endif

int main() {
  using namespace formal_relacy;  // NOLINT(google-build-using-namespace): the model's vocabulary
  unsigned long long schedules = 0;
  constexpr rl::test_result_e race = rl::test_result_data_race;
  bool ok =
      check<rewind_after_release<race>>("weakened sole-owner load: rewind", full_search, schedules);
  ok = check<reuse_kept_after_release<race>>("weakened sole-owner load: kept chunk",
                                             preemption_bound(3, 5), schedules) &&
       ok;
  std::printf("relacy weakened sole owner: %s after %llu schedules\n",
              ok ? "counterexample found (data race), as required" : "NOT REJECTED", schedules);
  return ok ? 0 : 1;
}
