// Interleavings of handle copies and releases, and of the allocator leaving its chunk, under
// Relacy (model.hpp, handle_scenarios.hpp). For every schedule explored: no data race on an
// element (its destruction comes after every read on every thread), elements destroyed exactly
// once, no memory leaked or freed twice (Relacy tracks the chunks and the recycler through its
// operator new/delete), no access to a freed atomic.
// The violation handler installed on one thread and called on another is checked here too.
//   formal_relacy_handles [copies|batches|leave|conversions|handler]    one test, or all
#include "handle_scenarios.hpp"
#include "model.hpp"
#include "violation_scenarios.hpp"

int main(int argc, char** argv) {
  using namespace formal_relacy;  // NOLINT(google-build-using-namespace): the model's vocabulary
  constexpr rl::test_result_e pass = rl::test_result_success;
  program relacy("handles", argc, argv);
  if (relacy.wants("copies")) {
    relacy.run<copies_and_releases<pass>>("copies and releases on 3 threads", full_search);
  }
  if (relacy.wants("batches")) {
    relacy.run<batches_released_together<pass>>("batches of copies released together on 2 threads",
                                                full_search);
  }
  if (relacy.wants("leave")) {
    relacy.run<allocator_leaves_its_chunk<pass>>("allocator leaves its chunk, 2 handles drop",
                                                 preemption_bound(3, 5));
  }
  if (relacy.wants("conversions")) {
    relacy.run<conversions_across_threads<pass>>("single <-> slice conversions on 2 threads",
                                                 full_search);
  }
  if (relacy.wants("handler")) {
    using test = handler_installed_on_another_thread<pass>;
    relacy.run<test>("violation handler installed on another thread", full_search);
    relacy.require_both("handler", test::saw_new, "called the new handler", test::saw_old,
                        "the old one");
  }
  return relacy.finish();
}
