// Interleavings of handle copies and releases, and of the allocator leaving its chunk, under
// Relacy (model.hpp, handle_scenarios.hpp). For every schedule explored: no data race on an
// element (its destruction comes after every read on every thread), elements destroyed exactly
// once, no memory leaked or freed twice (Relacy tracks the chunks and the recycler through its
// operator new/delete), no access to a freed atomic.
//   formal_relacy_handles [copies|leave|conversions]    one test, or all
#include "handle_scenarios.hpp"
#include "model.hpp"

#include <cstdio>
#include <string>

int main(int argc, char** argv) {
  using namespace formal_relacy;  // NOLINT(google-build-using-namespace): the model's vocabulary
  constexpr rl::test_result_e pass = rl::test_result_success;
  const std::string only = argc > 1 ? argv[1] : "";
  unsigned long long schedules = 0;
  bool ok = true;
  if (only.empty() || only == "copies") {
    ok = check<copies_and_releases<pass>>("copies and releases on 3 threads", full_search,
                                          schedules) && ok;
  }
  if (only.empty() || only == "leave") {
    ok = check<allocator_leaves_its_chunk<pass>>("allocator leaves its chunk, 2 handles drop",
                                                 preemption_bound(4), schedules) && ok;
  }
  if (only.empty() || only == "conversions") {
    ok = check<conversions_across_threads<pass>>("single <-> slice conversions on 2 threads",
                                                 full_search, schedules) && ok;
  }
  std::printf("relacy handles: %llu schedules explored, %s\n", schedules,
              ok ? "every test as expected" : "FAILED");
  return ok ? 0 : 1;
}
