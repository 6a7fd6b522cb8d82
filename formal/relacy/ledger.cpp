// The owner ledger under Relacy (ledger_scenarios.hpp): refunds on the owner thread against a
// close on another thread, first the protocol alone, then through the whole library.
//   formal_relacy_ledger [protocol|handover]    one test, or all
#include "ledger_scenarios.hpp"
#include "model.hpp"

#include <cstdio>
#include <string>

int main(int argc, char** argv) {
  using namespace formal_relacy;  // NOLINT(google-build-using-namespace): the model's vocabulary
  constexpr rl::test_result_e pass = rl::test_result_success;
  const std::string only = argc > 1 ? argv[1] : "";
  unsigned long long schedules = 0;
  bool ok = true;
  if (only.empty() || only == "protocol") {
    using test = ledger_protocol<pass>;
    ok = check<test>("ledger: refund on the owner against a foreign close", full_search,
                     schedules) && ok;
    std::printf("relacy ledger protocol outcomes: %llu counted, %llu refused\n",
                test::counted_runs, test::refused_runs);
    if (test::counted_runs == 0 || test::refused_runs == 0) {
      std::printf("relacy ledger protocol: one outcome never occurred\n");
      ok = false;
    }
  }
  if (only.empty() || only == "handover") {
    ok = check<allocator_handed_over_while_owner_drops<pass>>(
             "ledger: allocator handed over while the owner drops", preemption_bound(5),
             schedules) && ok;
  }
  std::printf("relacy ledger: %llu schedules explored, %s\n", schedules,
              ok ? "every test as expected" : "FAILED");
  return ok ? 0 : 1;
}
