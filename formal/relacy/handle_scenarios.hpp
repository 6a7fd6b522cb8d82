// formal/relacy/: the handle scenarios, shared by handles.cpp (the library as it is: every
// schedule must pass) and weakened_release.cpp (built with the release decrement relaxed:
// Relacy must find a schedule with a data race on an element). `Expected` is the result Relacy
// must report.
#ifndef ARENA_ARC_FORMAL_RELACY_HANDLE_SCENARIOS_HPP
#define ARENA_ARC_FORMAL_RELACY_HANDLE_SCENARIOS_HPP

#include "model.hpp"

#include <array>
#include <optional>
#include <utility>

namespace formal_relacy {

/// Three threads each hold a copy of one slice (the allocator is already gone), read it, make
/// one more copy, read through that and drop both: the last release lands on any of them.
template <rl::test_result_e Expected>
struct copies_and_releases : rl::test_suite<copies_and_releases<Expected>, 3, Expected> {
  rl::atomic<int> destroyed;
  std::array<slice, 3> handles;

  void before() {
    destroyed(RL_INFO) = 0;
    allocator a;
    const slice s = a.alloc(2, values_from(10, destroyed));
    for (slice& h : handles) h = s;
  }
  void thread(unsigned index) {
    slice mine = std::move(handles[index]);
    read_all(mine, 10);
    const slice copy = mine;
    mine = slice{};
    read_all(copy, 10);
  }
  void after() { RL_ASSERT(destroyed(RL_INFO) == 2); }
};

/// Two threads each hold a batch of copies of one slice (the allocator is already gone), read
/// them, and drop the batch with release_all (one subtraction of the batch's size); the last
/// subtraction, on either thread, destroys the elements after both threads' reads.
template <rl::test_result_e Expected>
struct batches_released_together
    : rl::test_suite<batches_released_together<Expected>, 2, Expected> {
  rl::atomic<int> destroyed;
  std::array<std::array<slice, 3>, 2> batches;

  void before() {
    destroyed(RL_INFO) = 0;
    allocator a;
    const slice s = a.alloc(2, values_from(30, destroyed));
    for (auto& batch : batches) batch.fill(s);
  }
  void thread(unsigned index) {
    std::array<slice, 3>& mine = batches[index];
    read_all(mine[0], 30);
    arena_arc::release_all(mine);
    for (const slice& h : mine) RL_ASSERT(h.empty());
  }
  void after() { RL_ASSERT(destroyed(RL_INFO) == 2); }
};

/// The allocator (thread 0) leaves its chunk by rotating to a new one, then is destroyed,
/// while threads 1 and 2 read and drop the handles made from the old chunk: the allocator's
/// pre-paid references and the handles' go in any order.
template <rl::test_result_e Expected>
struct allocator_leaves_its_chunk
    : rl::test_suite<allocator_leaves_its_chunk<Expected>, 3, Expected> {
  rl::atomic<int> destroyed;
  std::optional<allocator> a;
  slice first;
  slice second;

  void before() {
    destroyed(RL_INFO) = 0;
    a.emplace();
    first = a->alloc(2, values_from(0, destroyed));
    second = a->alloc(1, values_from(2, destroyed));
  }
  void thread(unsigned index) {
    if (index == 0) {
      {
        const slice fresh = a->alloc(2, values_from(20, destroyed));  // 1 left: rotation
        read_all(fresh, 20);
      }
      a.reset();
    } else if (index == 1) {
      read_and_drop(first, 0);
    } else {
      read_and_drop(second, 2);
    }
  }
  void after() { RL_ASSERT(destroyed(RL_INFO) == 5); }
};

/// A single made from a slice and a slice made from a single, on two threads, released in
/// any order.
template <rl::test_result_e Expected>
struct conversions_across_threads
    : rl::test_suite<conversions_across_threads<Expected>, 2, Expected> {
  rl::atomic<int> destroyed;
  slice pair;
  std::optional<single> one;

  void before() {
    destroyed(RL_INFO) = 0;
    allocator a;
    pair = a.alloc(2, values_from(5, destroyed));
    one.emplace(single::from_slice(pair.subslice(1, 1)));
  }
  void thread(unsigned index) {
    if (index == 0) {
      const slice mine = std::move(pair);
      read_all(mine.first(1), 5);
    } else {
      const slice back(std::move(*one));
      one.reset();
      read_all(back, 6);
    }
  }
  void after() { RL_ASSERT(destroyed(RL_INFO) == 2); }
};

}  // namespace formal_relacy

#endif  // ARENA_ARC_FORMAL_RELACY_HANDLE_SCENARIOS_HPP
