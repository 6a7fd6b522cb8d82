// The first thread of the process starts while handles are live. Until then atomic_refcount's
// counts are updated with plain loads and stores (include/arena_arc/detail/single_threaded.hpp);
// the counts they left must be exactly right for the locked updates that follow on every
// thread. One scenario per process, because only a fresh process is single-threaded:
//   arena_arc_first_thread_test handles_live      threads copy and drop handles made before
//   arena_arc_first_thread_test allocator_moves   the allocator moves to the new thread
// Each checks that it started single-threaded (and fails otherwise: the scenario would test
// nothing), that the flag went false when the thread started, that every element is destroyed
// exactly once and only after its last handle, and that every chunk went back upstream. A lost
// update shows up as an element destroyed too early (damaged reads, AddressSanitizer,
// ThreadSanitizer) or one never destroyed.
#include <arena_arc/arena_arc.hpp>

#include <cstddef>
#include <cstdio>
#include <optional>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include <arena_arc_testing/counting_resource.hpp>

#include "tracked.hpp"

namespace {

using namespace arena_arc_test;  // NOLINT(google-build-using-namespace): the tests' vocabulary
using RC = arena_arc::atomic_refcount;
using slice = tracked_slice<RC>;
using allocator = tracked_allocator<RC>;

int failures = 0;

void expect(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "FAILED: %s\n", what);
    ++failures;
  }
}

/// Copies and drops handles of `shared` (read only) `iterations` times, keeping a few copies for
/// a while, and reads every element it holds.
void churn(registry& reg, const std::vector<slice>& shared, std::size_t seed,
           std::size_t iterations) {
  rng pick(seed);
  std::vector<slice> held(8);
  for (std::size_t i = 0; i < iterations; ++i) {
    // A copy on purpose: concurrent copies and releases are what this test races.
    // NOLINTNEXTLINE(performance-unnecessary-copy-initialization)
    const slice copy = shared[pick.below(shared.size())];
    check_all(reg, copy);
    held[pick.below(held.size())] = copy;
  }
}

/// Handles made single-threaded (fast-path increments and decrements) are shared with two new
/// threads while this thread keeps copying and dropping them too.
void handles_live(registry& reg, arena_arc_testing::counting_resource& upstream) {
  std::optional<allocator> a(std::in_place, &upstream);
  std::vector<slice> slices;
  for (std::size_t i = 0; i < 12; ++i) slices.push_back(make_slice(*a, reg, 1 + i % 5));
  std::vector<slice> copies;  // 400 plain increments, then 100 plain decrements
  for (std::size_t i = 0; i < 400; ++i) copies.push_back(slices[i % slices.size()]);
  copies.resize(300);
  churn(reg, slices, 1, 1000);  // more plain updates, still one thread
  expect(arena_arc::detail::process_single_threaded(), "still one thread before the start");

  const std::size_t iterations = stress_iterations();
  std::vector<slice> theirs(std::make_move_iterator(copies.begin() + 150),
                            std::make_move_iterator(copies.end()));
  copies.resize(150);
  std::thread first([&reg, &slices, mine = std::move(theirs), iterations]() mutable {
    churn(reg, slices, 2, iterations);
    for (const slice& s : mine) check_all(reg, s);
    mine.clear();  // released on this thread: locked decrements of counts made plainly
  });
  expect(!arena_arc::detail::process_single_threaded(), "the flag is false once a thread runs");
  std::thread second([&reg, &slices, iterations] { churn(reg, slices, 3, iterations); });
  churn(reg, slices, 4, iterations);
  copies.clear();
  first.join();
  second.join();
  expect(reg.destroyed() == 0, "nothing destroyed while the slices live");
  a.reset();
  expect(reg.destroyed() == 0, "nothing destroyed while the slices live, allocator gone");
  slices.clear();
}

/// The allocator takes its chunk while the process has one thread (its ledger opens here, and
/// this thread's drops skip it); then it moves to the first thread, which keeps allocating from
/// that chunk and finally destroys it there (a foreign close of the ledger), while this thread,
/// now one of two, drops handles into the ledger.
void allocator_moves(registry& reg, arena_arc_testing::counting_resource& upstream) {
  std::optional<allocator> a(std::in_place, &upstream);
  std::vector<slice> early;
  for (std::size_t i = 0; i < 6; ++i) early.push_back(make_slice(*a, reg, 2));
  early.erase(early.begin(), early.begin() + 2);  // plain decrements, no ledger refund
  std::vector<slice> made_there;
  std::thread first([&] {
    for (std::size_t i = 0; i < 3; ++i) made_there.push_back(make_slice(*a, reg, 1));
    a.reset();
  });
  expect(!arena_arc::detail::process_single_threaded(), "the flag is false once a thread runs");
  for (const slice& s : early) check_all(reg, s);
  early.clear();  // the refunds race with the close on the other thread
  first.join();
  // One chunk holds all 15 elements: the slices made there keep it alive.
  expect(reg.destroyed() == 0, "nothing destroyed while the slices made there live");
  made_there.clear();
}

}  // namespace

int main(int argc, char** argv) {
  const std::string_view scenario = argc > 1 ? argv[1] : "";
  if (scenario != "handles_live" && scenario != "allocator_moves") {
    std::fprintf(stderr, "usage: arena_arc_first_thread_test handles_live|allocator_moves\n");
    return 2;
  }
  if (!arena_arc::detail::process_single_threaded()) {
    std::fprintf(stderr,
                 "FAILED: the process did not start single-threaded (glibc >= 2.32 with "
                 "<sys/single_threaded.h> is needed): the scenario would test nothing\n");
    return 1;
  }
  arena_arc_testing::counting_resource upstream;
  {
    registry reg(256);
    if (scenario == "handles_live") {
      handles_live(reg, upstream);
    } else {
      allocator_moves(reg, upstream);
    }
    expect(reg.destroyed() == reg.constructed(), "every element destroyed");
    expect(reg.destroyed_twice() == 0, "no element destroyed twice");
    expect(reg.damaged() == 0, "no element read or destroyed damaged");
    std::printf("%s: %zu elements, %zu destroyed once\n", argv[1], reg.constructed(),
                reg.destroyed());
  }
  expect(upstream.live_blocks() == 0, "every chunk given back upstream");
  if (failures != 0) return 1;
  std::printf("%s: passed\n", argv[1]);
  return 0;
}
