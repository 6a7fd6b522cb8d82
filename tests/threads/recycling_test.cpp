// Chunks recycled across threads: a producer allocates batches of slices and hands each batch
// to a consumer, which drops it while the producer keeps allocating. Each standard chunk's last
// release runs on the consumer and returns the chunk to the producer's allocator, which reuses
// it; so the allocator asks upstream for a bounded number of chunks however many batches go
// by. With local_refcount the producer drops old batches itself, on its own thread.
#include <arena_arc/arena_arc.hpp>

#include <gtest/gtest.h>

#include <atomic>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <utility>
#include <vector>

#include <arena_arc_testing/gtest_types.hpp>

#include "tracked.hpp"

namespace {

using namespace arena_arc_test;

template <class RC>
class Recycling : public testing::Test {};
using Policies = arena_arc_testing::gtest_types<arena_arc_testing::refcount_policies>;
TYPED_TEST_SUITE(Recycling, Policies);

TYPED_TEST(Recycling, BatchesDroppedElsewhereComeBackForReuse) {
  using Slice = tracked_slice<TypeParam>;
  using batch = std::vector<Slice>;
  // 8 slices of 8 fill exactly 4 chunks of 16.
  constexpr std::size_t slices_per_batch = 8;
  constexpr std::size_t slice_length = 8;
  constexpr std::size_t chunks_per_batch = 4;
  constexpr std::size_t max_queued = 2;
  const std::size_t batch_count = 8 + stress_iterations() / 10;
  registry reg(batch_count * slices_per_batch * slice_length + 64);

  // The queue's mutex must not order the consumer's drops before the producer's reuse (that
  // ordering is the recycler's job, and the test's point under ThreadSanitizer). So the
  // consumer takes the lock only to pop a batch it knows is there, drops the batch after
  // unlocking, and otherwise polls relaxed counters, which order nothing.
  std::mutex mutex;
  std::deque<batch> queue;
  std::atomic<std::size_t> published{0};
  std::atomic<std::size_t> taken{0};
  std::atomic<bool> producer_done{false};
  arena_arc::AllocatorStats stats;

  std::vector<std::function<void()>> workers;
  workers.emplace_back([&] {
    tracked_allocator<TypeParam> a;
    for (std::size_t b = 0; b < batch_count; ++b) {
      batch next;
      for (std::size_t i = 0; i < slices_per_batch; ++i) {
        next.push_back(make_slice(a, reg, slice_length));
      }
      if constexpr (TypeParam::is_atomic) {
        // Bounded hand-off: wait while the consumer is behind.
        while (b - taken.load(std::memory_order_relaxed) >= max_queued) std::this_thread::yield();
        {
          const std::lock_guard<std::mutex> lock(mutex);
          queue.push_back(std::move(next));
        }
        published.fetch_add(1, std::memory_order_relaxed);
      } else {
        // The consumer runs afterwards: drop the oldest batch here (its job, done inline) and
        // leave it `published` == queue.size() batches.
        queue.push_back(std::move(next));
        if (queue.size() > max_queued) {
          queue.pop_front();
        } else {
          published.fetch_add(1, std::memory_order_relaxed);
        }
      }
    }
    stats = a.stats();
    producer_done.store(true, std::memory_order_release);
  });
  workers.emplace_back([&] {
    std::size_t popped = 0;
    while (true) {
      if (popped == published.load(std::memory_order_relaxed)) {
        // acquire: after the producer is done, `published` holds its final value.
        if (producer_done.load(std::memory_order_acquire) &&
            popped == published.load(std::memory_order_relaxed)) {
          break;
        }
        std::this_thread::yield();
        continue;
      }
      batch mine;
      {
        const std::lock_guard<std::mutex> lock(mutex);
        mine = std::move(queue.front());
        queue.pop_front();
      }
      ++popped;
      taken.fetch_add(1, std::memory_order_relaxed);
      for (const Slice& s : mine) check_all(reg, s);
      // `mine` dies here, on this thread, after the lock is released.
    }
  });
  run_workers<TypeParam>(workers);

  // At most max_queued batches wait, one is being consumed and one built: every other chunk
  // came back from the consumer and was reused.
  const std::size_t live_batches_bound = max_queued + 2;
  EXPECT_LE(stats.chunks_allocated, (live_batches_bound + 1) * chunks_per_batch);
  EXPECT_EQ(stats.chunks_allocated + stats.chunks_reused, batch_count * chunks_per_batch);
  EXPECT_EQ(stats.elements_allocated, batch_count * slices_per_batch * slice_length);
  EXPECT_EQ(reg.destroyed(), reg.constructed());
  EXPECT_EQ(reg.destroyed_twice(), 0U);
  EXPECT_EQ(reg.damaged(), 0U);
}

}  // namespace
