// The owner ledger under Relacy (ledger_scenarios.hpp): refunds on the owner thread against a
// close on another thread, first the protocol alone, then through the whole library.
//   formal_relacy_ledger [protocol|handover]    one test, or all
#include "ledger_scenarios.hpp"
#include "model.hpp"

int main(int argc, char** argv) {
  using namespace formal_relacy;  // NOLINT(google-build-using-namespace): the model's vocabulary
  constexpr rl::test_result_e pass = rl::test_result_success;
  program relacy("ledger", argc, argv);
  if (relacy.wants("protocol")) {
    using test = ledger_protocol<pass>;
    relacy.run<test>("ledger: refund on the owner against a foreign close", full_search);
    relacy.require_both("ledger protocol", test::counted_runs, "counted the refund",
                        test::refused_runs, "refused it");
  }
  if (relacy.wants("handover")) {
    relacy.run<allocator_handed_over_while_owner_drops<pass>>(
        "ledger: allocator handed over while the owner drops", preemption_bound(4, 6));
  }
  return relacy.finish();
}
