// The rewind of a chunk under Relacy (model.hpp): when an allocation does not fit and the
// allocator is the sole owner of its current chunk (every handle made from it is gone), it
// builds the new elements over the old ones in place. Sole ownership is read with an acquire
// load of the count; it must synchronise with the release decrement of the last handle dropped
// on another thread, or that thread's reads race with the new elements' construction.
#ifndef ARENA_ARC_FORMAL_RELACY_REWIND_SCENARIO_HPP
#define ARENA_ARC_FORMAL_RELACY_REWIND_SCENARIO_HPP

#include "model.hpp"

#include <optional>
#include <utility>

namespace formal_relacy {

/// What both scenarios below start from: chunk A, made full in before(), its slots registered,
/// and its only handle, which thread 1 takes, reads and drops.
struct full_chunk_a {
  storage_slots slots;
  std::optional<plain_allocator> a;
  plain_slice in_a;
  const void* chunk_a = nullptr;

  void make_a() {
    a.emplace();
    in_a = a->alloc(4, plain_values_from(0, slots));
    chunk_a = in_a.data();
    slots.add(0, chunk_a);
    slots.fill(0, 0);  // the elements above were built before their chunk was registered
  }
  void read_and_drop_a() {
    const plain_slice mine = std::move(in_a);
    check_values(mine, 0);
  }
  static void check_values(const plain_slice& s, int base) {
    for (std::size_t i = 0; i < s.size(); ++i) RL_ASSERT(s[i].read() == base + static_cast<int>(i));
  }
};

/// Chunk A is full; thread 1 reads and drops the only handle of it while thread 0 allocates a
/// full chunk's worth: if the drop came first, the allocator rewinds A (new elements in A's
/// slots), else it takes a new chunk and leaves A, which thread 1's drop then recycles. The
/// counts of both outcomes over all schedules are kept (`rewinds`, `switches`) so that the
/// caller can require that both were explored.
template <rl::test_result_e Expected>
struct rewind_after_release : rl::test_suite<rewind_after_release<Expected>, 2, Expected>,
                              full_chunk_a {
  static inline unsigned long long rewinds = 0;
  static inline unsigned long long switches = 0;

  bool rewound = false;  // thread 0's only, read in after()

  void before() { make_a(); }
  void thread(unsigned index) {
    if (index == 0) {
      {
        const plain_slice s = a->alloc(4, plain_values_from(10, slots));  // A is full
        check_values(s, 10);
        rewound = s.data() == chunk_a;
        const arena_arc::AllocatorStats stats = a->stats();
        RL_ASSERT(stats.chunks_allocated == (rewound ? 1U : 2U));
        RL_ASSERT(stats.chunks_reused == (rewound ? 1U : 0U));
      }
      a.reset();
    } else {
      read_and_drop_a();
    }
  }
  void after() { ++(rewound ? rewinds : switches); }
};

/// The same for a kept chunk (allocator.hpp, "keeping"): chunk A is full and kept, chunk B is
/// full and current, and thread 0 holds B's handle. Thread 1 reads and drops A's only handle
/// while thread 0 allocates a full chunk's worth: if the drop came first (and thread 0 owns A's
/// ledger: it ran before()), the allocator reuses A in place, else it takes a new chunk. Both
/// outcomes are counted, and both must occur.
template <rl::test_result_e Expected>
struct reuse_kept_after_release : rl::test_suite<reuse_kept_after_release<Expected>, 2, Expected>,
                                  full_chunk_a {
  static inline unsigned long long reuses = 0;
  static inline unsigned long long switches = 0;

  plain_slice in_b;
  bool reused = false;  // thread 0's only, read in after()

  void before() {
    make_a();
    in_b = a->alloc(4, plain_values_from(10, slots));  // A is full: kept, B current
  }
  void thread(unsigned index) {
    if (index == 0) {
      {
        const plain_slice s = a->alloc(4, plain_values_from(20, slots));  // B is full and live
        check_values(s, 20);
        reused = s.data() == chunk_a;
        RL_ASSERT(a->stats().chunks_reused == (reused ? 1U : 0U));
      }
      in_b = plain_slice{};
      a.reset();
    } else {
      read_and_drop_a();
    }
  }
  void after() { ++(reused ? reuses : switches); }
};

}  // namespace formal_relacy

#endif  // ARENA_ARC_FORMAL_RELACY_REWIND_SCENARIO_HPP
