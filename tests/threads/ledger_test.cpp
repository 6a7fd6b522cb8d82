// The owner ledger across threads (detail/owner_ledger.hpp): the thread that took a chunk drops
// its handles (refunds into the ledger) while the allocator, handed to another thread, leaves
// the chunk there (the foreign close: heavy fence, then wait for the owner). Under
// ThreadSanitizer a close that does not synchronise with the owner's last refund is a reported
// race (the elements are destroyed on the closing thread after the owner's reads), and a missed
// refund leaves elements never destroyed, which the registry counts.
#include <arena_arc/arena_arc.hpp>

#include <gtest/gtest.h>

#include <atomic>
#include <cstddef>
#include <optional>
#include <thread>
#include <vector>

#include "tracked.hpp"

namespace {

using namespace arena_arc_test;  // NOLINT(google-build-using-namespace): the test vocabulary
using RC = arena_arc::atomic_refcount;

// Rounds of: this thread makes slices from a fresh allocator's first chunk, hands the allocator
// to the worker and drops the slices (reading them first) while the worker either destroys the
// allocator or fills the chunk and moves on; both leave the chunk on the worker's thread.
void run_rounds(bool worker_allocates) {
  const std::size_t rounds = stress_iterations() / 4 + 1;
  registry reg(rounds * (12 + 10) + 16);
  std::optional<tracked_allocator<RC>> slot;
  std::atomic<std::size_t> handed{0};
  std::atomic<std::size_t> done{0};

  std::thread worker([&] {
    for (std::size_t r = 1; r <= rounds; ++r) {
      // acquire: the allocator (and this round's chunk) as this thread left them.
      while (handed.load(std::memory_order_acquire) < r) std::this_thread::yield();
      if (worker_allocates) {
        // 4 left in the chunk, 6 in a new one: the allocator leaves the chunk for the new one.
        const tracked_slice<RC> fill = make_slice(*slot, reg, 10);
        check_all(reg, fill);
      }
      slot.reset();
      done.store(r, std::memory_order_release);
    }
  });
  for (std::size_t r = 1; r <= rounds; ++r) {
    slot.emplace();
    std::vector<tracked_slice<RC>> mine;
    mine.reserve(3);
    for (std::size_t len = 3; len <= 5; ++len) mine.push_back(make_slice(*slot, reg, len));
    handed.store(r, std::memory_order_release);  // the allocator is the worker's from here
    for (tracked_slice<RC>& s : mine) {
      check_all(reg, s);
      s = tracked_slice<RC>{};  // a refund, or atomic once the worker closed the ledger
    }
    while (done.load(std::memory_order_acquire) < r) std::this_thread::yield();
  }
  worker.join();
  EXPECT_EQ(reg.destroyed(), reg.constructed());
  EXPECT_EQ(reg.destroyed_twice(), 0U);
  EXPECT_EQ(reg.damaged(), 0U);
}

TEST(Ledger, OwnerDropsWhileTheAllocatorIsDestroyedOnAnotherThread) { run_rounds(false); }

TEST(Ledger, OwnerDropsWhileTheAllocatorLeavesTheChunkOnAnotherThread) { run_rounds(true); }

}  // namespace
