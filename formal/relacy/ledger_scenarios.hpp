// The owner ledger (include/arena_arc/detail/owner_ledger.hpp) under Relacy (model.hpp): the
// thread that took a chunk releases handles of it into the ledger with plain loads and stores,
// while the allocator, handed to another thread, closes the ledger there. Relacy models the
// light fence (a compiler barrier at run time) and the heavy one (membarrier) as sequentially
// consistent fences, the standard model of asymmetric fences.
#ifndef ARENA_ARC_FORMAL_RELACY_LEDGER_SCENARIOS_HPP
#define ARENA_ARC_FORMAL_RELACY_LEDGER_SCENARIOS_HPP

#include "model.hpp"

#include <cstddef>
#include <optional>

namespace formal_relacy {

using ledger = arena_arc::detail::owner_ledger<arena_arc::atomic_refcount>;

/// The protocol alone. Thread 0 opens a ledger, hands it to thread 1, writes a variable (an
/// access through the handle it is about to release) and refunds one reference; thread 1 closes
/// the ledger from its side (heavy fence, then waits for the owner) and, if it got the
/// reference, writes the variable (as the destruction it may now run would). Every schedule:
/// the reference is counted exactly once (refunded into the ledger and returned by close(), or
/// refused and left to the atomic path), and the owner's write happens before the closer's.
/// Both outcomes must occur; their counts are kept for the caller.
template <rl::test_result_e Expected>
struct ledger_protocol : rl::test_suite<ledger_protocol<Expected>, 2, Expected> {
  static inline unsigned long long counted_runs = 0;
  static inline unsigned long long refused_runs = 0;

  std::optional<ledger> book;
  rl::atomic<int> handed;
  rl::var<int> data;
  bool counted = false;      // thread 0's, read in after()
  std::size_t returned = 0;  // thread 1's, read in after()

  void before() {
    book.emplace();
    handed(RL_INFO) = 0;
    data(RL_INFO) = 0;
  }
  void thread(unsigned index) {
    if (index == 0) {
      book->open_here();
      handed.store(1, rl::memory_order_release);  // the allocator goes to thread 1
      data(RL_INFO) = 1;
      counted = book->try_refund();
    } else {
      while (handed.load(rl::memory_order_acquire) == 0) rl::yield(1, RL_INFO);
      returned = book->close();
      if (returned == 1) data(RL_INFO) = 2;
    }
  }
  void after() {
    RL_ASSERT(returned == (counted ? 1U : 0U));
    ++(counted ? counted_runs : refused_runs);
  }
};

/// The whole library. Thread 0 makes two slices from one chunk (it becomes the chunk's ledger
/// owner), hands the allocator to thread 1, then reads and drops both slices; thread 1 destroys
/// the allocator, closing the ledger from its side. Every schedule: the elements are destroyed
/// exactly once, after thread 0's reads (no data race), and the chunk is freed (Relacy's leak
/// check): a refund the closer missed would leave its reference counted forever.
template <rl::test_result_e Expected>
struct allocator_handed_over_while_owner_drops
    : rl::test_suite<allocator_handed_over_while_owner_drops<Expected>, 2, Expected> {
  rl::atomic<int> destroyed;
  rl::atomic<int> handed;
  std::optional<allocator> a;

  void before() {
    destroyed(RL_INFO) = 0;
    handed(RL_INFO) = 0;
    a.emplace();
  }
  void thread(unsigned index) {
    if (index == 0) {
      slice first = a->alloc(2, values_from(0, destroyed));
      slice second = a->alloc(2, values_from(10, destroyed));
      handed.store(1, rl::memory_order_release);
      read_and_drop(first, 0);
      read_and_drop(second, 10);
    } else {
      while (handed.load(rl::memory_order_acquire) == 0) rl::yield(1, RL_INFO);
      a.reset();
    }
  }
  void after() { RL_ASSERT(destroyed(RL_INFO) == 4); }
};

}  // namespace formal_relacy

#endif  // ARENA_ARC_FORMAL_RELACY_LEDGER_SCENARIOS_HPP
