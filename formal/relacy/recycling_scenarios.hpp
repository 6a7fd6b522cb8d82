// formal/relacy/: the recycling scenarios that negative controls reuse, shared by recycling.cpp
// (the library as it is: every schedule must pass) and weakened_order.cpp (built with one order
// of the recycler relaxed: Relacy must report the data race on a storage slot). `Expected` is
// the result Relacy must report.
#ifndef ARENA_ARC_FORMAL_RELACY_RECYCLING_SCENARIOS_HPP
#define ARENA_ARC_FORMAL_RELACY_RECYCLING_SCENARIOS_HPP

#include "model.hpp"

#include <cstddef>
#include <new>
#include <optional>

namespace formal_relacy {

/// Chunk A returns from thread 1 while the allocator on thread 0, whose upstream grants no
/// more chunks, tries twice to allocate a full chunk: a success reuses A (new elements where
/// thread 1 destroyed the old ones: the slots race unless the hand-off synchronises), then B,
/// which the allocator itself left; a failure (nothing back yet) changes nothing.
template <rl::test_result_e Expected>
struct reuse_after_return : rl::test_suite<reuse_after_return<Expected>, 2, Expected> {
  rl::atomic<int> destroyed;
  storage_slots slots;
  limited_upstream upstream{2};
  std::optional<allocator> a;
  slice in_a;
  int built = 0;  // thread 0's only, read in after()

  void before() {
    destroyed(RL_INFO) = 0;
    a.emplace(&upstream);
    in_a = a->alloc(4, values_from(0, destroyed, &slots));
    slots.add(0, in_a.data());
    const slice filler = a->alloc(4, values_from(10, destroyed));  // A left behind, B current
  }
  void thread(unsigned index) {
    if (index == 0) {
      for (int round = 0; round < 2; ++round) {
        try {
          const slice s = a->alloc(4, values_from(100 + 10 * round, destroyed, &slots));
          read_all(s, 100 + 10 * round);
          ++built;
        } catch (const std::bad_alloc&) {
          RL_ASSERT(a->stats().chunks_reused == static_cast<std::size_t>(built));
        }
      }
      RL_ASSERT(a->stats().chunks_allocated == 2);  // upstream gave only A and B
      RL_ASSERT(a->stats().chunks_reused == static_cast<std::size_t>(built));
      a.reset();
    } else {
      read_and_drop(in_a, 0);
    }
  }
  void after() { RL_ASSERT(destroyed(RL_INFO) == 8 + 4 * built); }
};

/// The allocator (thread 0) is destroyed while thread 1 reads and drops the last handle of
/// chunk A, which the allocator left behind. A returned before the close is freed by the
/// allocator; after it, by thread 1. Its upstream overwrites a block given back (as a resource
/// handing it out again would), so freeing A on thread 0 must come after thread 1 destroyed A's
/// elements: the close's exchange must synchronise with the push.
template <rl::test_result_e Expected>
struct close_while_chunk_returns
    : rl::test_suite<close_while_chunk_returns<Expected>, 2, Expected> {
  rl::atomic<int> destroyed;
  storage_slots slots;
  limited_upstream upstream{2, &slots};
  std::optional<allocator> a;
  slice in_a;

  void before() {
    destroyed(RL_INFO) = 0;
    a.emplace(&upstream);
    in_a = a->alloc(4, values_from(0, destroyed, &slots));
    slots.add(0, in_a.data());
    const slice filler = a->alloc(4, values_from(10, destroyed));  // A left behind, B current
  }
  void thread(unsigned index) {
    if (index == 0) {
      a.reset();
    } else {
      read_and_drop(in_a, 0);
    }
  }
  void after() { RL_ASSERT(destroyed(RL_INFO) == 8); }
};

}  // namespace formal_relacy

#endif  // ARENA_ARC_FORMAL_RELACY_RECYCLING_SCENARIOS_HPP
