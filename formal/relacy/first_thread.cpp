// The first thread starting while handles made on the single-threaded fast path are live, under
// Relacy (first_thread_scenarios.hpp). Every schedule: elements destroyed exactly once, after
// every read on both threads (no data race), no leak, no access to freed memory. Then the
// negative control: a thread the process flag does not see (the flag stays "one thread") must
// make Relacy find a failure (a lost count update: an early destruction or a leak).
//   formal_relacy_first_thread [starts|unseen]    one test, or both
#include "first_thread_scenarios.hpp"
#include "model.hpp"

int main(int argc, char** argv) {
  using namespace formal_relacy;  // NOLINT(google-build-using-namespace): the model's vocabulary
  program relacy("first_thread", argc, argv);
  if (relacy.wants("starts")) {
    relacy.run<first_thread_starts_while_handles_live<true, rl::test_result_success>>(
        "first thread starts while handles live", preemption_bound(3, 5));
  }
  if (relacy.wants("unseen")) {
    relacy.run<first_thread_starts_while_handles_live<false, rl::test_result_data_race>>(
        "negative: a thread the flag does not see", preemption_bound(3, 5));
  }
  return relacy.finish();
}
