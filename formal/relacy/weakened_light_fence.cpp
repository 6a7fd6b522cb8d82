// The third negative control of the interleaving checks: built with
// ARENA_ARC_TEST_WEAKEN_LIGHT_FENCE, which removes the owner's light fence from the ledger's
// refund (include/arena_arc/detail/owner_ledger.hpp). The owner's busy store may then pass its
// load of `open`: the closer can take a reference the owner counted without synchronising with
// the owner's accesses, or miss it. Relacy must report the data race in the protocol scenario
// (on its variable) and the lost refund in the hand-over (the chunk's elements are never
// destroyed, which its final assertion checks). The program succeeds only if it does.
#include "ledger_scenarios.hpp"
#include "model.hpp"

#include <cstdio>

#if !defined(ARENA_ARC_TEST_WEAKEN_LIGHT_FENCE)
#error "weakened_light_fence.cpp is built with ARENA_ARC_TEST_WEAKEN_LIGHT_FENCE"
#endif

int main() {
  using namespace formal_relacy;  // NOLINT(google-build-using-namespace): the model's vocabulary
  unsigned long long schedules = 0;
  bool ok = check<ledger_protocol<rl::test_result_data_race>>(
      "weakened light fence: ledger protocol", full_search, schedules);
  ok = check<allocator_handed_over_while_owner_drops<rl::test_result_user_assert_failed>>(
           "weakened light fence: allocator handed over", preemption_bound(4, 6), schedules) &&
       ok;
  std::printf("relacy weakened light fence: %s after %llu schedules\n",
              ok ? "counterexample found (data race and lost refund), as required" : "NOT REJECTED",
              schedules);
  return ok ? 0 : 1;
}
