// Interleavings of handle copies and releases, and of the allocator leaving its chunk, under
// Relacy (model.hpp, handle_scenarios.hpp). For every schedule explored: no data race on an
// element (its destruction comes after every read on every thread), elements destroyed exactly
// once, no memory leaked or freed twice (Relacy tracks the chunks and the recycler through its
// operator new/delete), no access to a freed atomic.
//   formal_relacy_handles [copies|leave|conversions]    one test, or all
#include "handle_scenarios.hpp"
#include "model.hpp"

int main(int argc, char** argv) {
  using namespace formal_relacy;  // NOLINT(google-build-using-namespace): the model's vocabulary
  constexpr rl::test_result_e pass = rl::test_result_success;
  program relacy("handles", argc, argv);
  if (relacy.wants("copies")) {
    relacy.run<copies_and_releases<pass>>("copies and releases on 3 threads", full_search);
  }
  if (relacy.wants("leave")) {
    relacy.run<allocator_leaves_its_chunk<pass>>("allocator leaves its chunk, 2 handles drop",
                                                 preemption_bound(4));
  }
  if (relacy.wants("conversions")) {
    relacy.run<conversions_across_threads<pass>>("single <-> slice conversions on 2 threads",
                                                 full_search);
  }
  return relacy.finish();
}
