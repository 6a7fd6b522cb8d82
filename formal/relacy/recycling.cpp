// Interleavings of chunk recycling under Relacy (model.hpp): chunks whose last owner goes on
// another thread return to their allocator through the recycler's lock-free stack, the
// allocator takes them back and reuses them, and the allocator may be destroyed while chunks
// are still out. For every schedule explored: a reused chunk's new elements are built after
// the old ones were destroyed (the element variables would race otherwise), every element is
// destroyed exactly once, and every chunk and the recycler are freed exactly once (Relacy's
// leak and double-free checks).
// The rewind of a solely owned chunk (rewind_scenario.hpp) is checked here too: both outcomes
// (rewind, new chunk) must occur among the schedules.
//   formal_relacy_recycling [returns|shutdown|reuse|close|rewind|kept]    one test, or all
#include "model.hpp"
#include "recycling_scenarios.hpp"
#include "rewind_scenario.hpp"

#include <cstdio>
#include <new>
#include <optional>
#include <string>
#include <utility>

namespace {

using namespace formal_relacy;  // NOLINT(google-build-using-namespace): the model's vocabulary

/// Chunks A and B are full and left behind (the allocator moved on to C, and its upstream
/// grants no more chunks); threads 1 and 2 drop their last handles concurrently, so both push
/// onto the recycler's stack at once; thread 0 meanwhile needs a new chunk, which it can only
/// get by taking back one that has returned (or it fails with std::bad_alloc, changing
/// nothing), then destroys the allocator while chunks may still be on their way back.
struct concurrent_returns_and_take_back : rl::test_suite<concurrent_returns_and_take_back, 3> {
  rl::atomic<int> destroyed;
  storage_slots slots;
  limited_upstream upstream{3};
  std::optional<allocator> a;
  slice in_a;
  slice in_b;
  slice in_c;
  bool took_back = false;  // thread 0's only, read in after()

  void before() {
    destroyed(RL_INFO) = 0;
    a.emplace(&upstream);
    in_a = a->alloc(4, values_from(0, destroyed, &slots));
    in_b = a->alloc(4, values_from(10, destroyed, &slots));
    in_c = a->alloc(4, values_from(20, destroyed));
    slots.add(0, in_a.data());
    slots.add(1, in_b.data());
  }
  void thread(unsigned index) {
    if (index == 0) {
      try {
        const slice fresh = a->alloc(3, values_from(30, destroyed, &slots));  // C is full
        RL_ASSERT(fresh.data() != in_c.data());
        read_all(fresh, 30);
        took_back = true;
      } catch (const std::bad_alloc&) {
        RL_ASSERT(a->stats().chunks_reused == 0);  // nothing had come back yet
      }
      in_c = slice{};
      a.reset();
    } else if (index == 1) {
      read_and_drop(in_a, 0);
    } else {
      read_and_drop(in_b, 10);
    }
  }
  void after() { RL_ASSERT(destroyed(RL_INFO) == (took_back ? 15 : 12)); }
};

/// The allocator is destroyed (thread 0) while the last handles of two chunks are dropped on
/// threads 1 and 2: each chunk goes either onto the stack before the allocator closes it (and
/// is freed by the allocator) or after (and is freed by the releasing thread); the recycler is
/// freed by whoever drops its last reference.
struct allocator_destroyed_while_chunks_are_out
    : rl::test_suite<allocator_destroyed_while_chunks_are_out, 3> {
  rl::atomic<int> destroyed;
  std::optional<allocator> a;
  slice in_a;
  slice in_b;

  void before() {
    destroyed(RL_INFO) = 0;
    a.emplace();
    in_a = a->alloc(4, values_from(0, destroyed));
    in_b = a->alloc(4, values_from(10, destroyed));  // A left behind, B current
  }
  void thread(unsigned index) {
    if (index == 0) {
      a.reset();
    } else if (index == 1) {
      read_and_drop(in_a, 0);
    } else {
      read_and_drop(in_b, 10);
    }
  }
  void after() { RL_ASSERT(destroyed(RL_INFO) == 8); }
};

}  // namespace

int main(int argc, char** argv) {
  program relacy("recycling", argc, argv);
  if (relacy.wants("returns")) {
    relacy.run<concurrent_returns_and_take_back>("concurrent returns, allocator takes back",
                                                 preemption_bound(2, 3));
  }
  if (relacy.wants("shutdown")) {
    relacy.run<allocator_destroyed_while_chunks_are_out>(
        "allocator destroyed while 2 chunks are out", preemption_bound(3, 5));
  }
  if (relacy.wants("reuse")) {
    relacy.run<reuse_after_return<rl::test_result_success>>(
        "chunk reused after a return from another thread", preemption_bound(3, 4));
  }
  if (relacy.wants("close")) {
    relacy.run<close_while_chunk_returns<rl::test_result_success>>(
        "allocator closes while a chunk returns (upstream)", full_when_deep(3));
  }
  if (relacy.wants("rewind")) {
    using test = rewind_after_release<rl::test_result_success>;
    relacy.run<test>("allocator rewinds its chunk after a drop elsewhere", preemption_bound(5, 7));
    relacy.require_both("rewind", test::rewinds, "rewound the chunk", test::switches,
                        "took a new one");
  }
  if (relacy.wants("kept")) {
    using test = reuse_kept_after_release<rl::test_result_success>;
    relacy.run<test>("allocator reuses a kept chunk after a drop elsewhere",
                     preemption_bound(3, 5));
    relacy.require_both("kept", test::reuses, "reused the kept chunk", test::switches,
                        "took a new one");
  }
  return relacy.finish();
}
