// Last releases on threads other than the allocating one: handles handed to workers after the
// allocator is gone, an allocator destroyed while workers are still using its chunks, and a
// chunk whose last handle dies on a worker coming back to its allocator for reuse. With
// local_refcount the same workers run one after another on the allocating thread.
#include <arena_arc/arena_arc.hpp>

#include <gtest/gtest.h>

#include <array>
#include <atomic>
#include <cstddef>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>
#include <utility>
#include <vector>

#include <arena_arc_testing/gtest_types.hpp>

#include "tracked.hpp"

namespace {

using namespace arena_arc_test;

template <class RC>
class ForeignRelease : public testing::Test {};
using Policies = arena_arc_testing::gtest_types<arena_arc_testing::refcount_policies>;
TYPED_TEST_SUITE(ForeignRelease, Policies);

void expect_each_destroyed_once(const registry& reg) {
  EXPECT_EQ(reg.destroyed(), reg.constructed());
  EXPECT_EQ(reg.destroyed_twice(), 0U);
  EXPECT_EQ(reg.damaged(), 0U);
}

TYPED_TEST(ForeignRelease, HandlesOutliveAllocatorAndDieOnWorkers) {
  using Slice = tracked_slice<TypeParam>;
  constexpr std::size_t worker_count = 4;
  const std::size_t iterations = stress_iterations();
  const std::size_t slice_count = 64 + iterations / 8;
  registry reg(slice_count * 24 + 64);
  // Every slice goes to two workers, so which one drops it last varies from run to run.
  std::vector<std::vector<Slice>> owned(worker_count);
  {
    tracked_allocator<TypeParam> a;
    rng lengths(7);
    for (std::size_t i = 0; i < slice_count; ++i) {
      const Slice s = make_slice(a, reg, 1 + lengths.below(24));
      owned[i % worker_count].push_back(s);
      owned[(i + 1) % worker_count].push_back(s);
    }
  }
  EXPECT_EQ(reg.destroyed(), 0U);

  std::vector<std::function<void()>> workers;
  for (std::size_t w = 0; w < worker_count; ++w) {
    workers.emplace_back([&, w] {
      std::vector<Slice> mine = std::move(owned[w]);
      rng pick(w + 1);
      while (!mine.empty()) {
        const std::size_t k = pick.below(mine.size());
        const Slice copy = mine[k];
        check_all(reg, copy.first(copy.size() / 2));
        // Drop one owned handle now and then, in random order.
        if (pick.below(4) == 0) {
          mine[k] = std::move(mine.back());
          mine.pop_back();
        }
      }
    });
  }
  run_workers<TypeParam>(workers);

  expect_each_destroyed_once(reg);
  EXPECT_EQ(reg.destroyed_elsewhere(), TypeParam::is_atomic ? reg.constructed() : 0U);
}

TYPED_TEST(ForeignRelease, AllocatorDestroyedWhileWorkersUseItsChunks) {
  using Slice = tracked_slice<TypeParam>;
  constexpr std::size_t reader_count = 3;
  constexpr std::size_t mailbox_size = 32;
  const std::size_t iterations = stress_iterations();
  registry reg(iterations * 24 + 64);

  // The owner publishes copies into a bounded mailbox, overwriting old ones, so that chunks
  // whose handles all die are recycled while the allocator lives.
  std::mutex mutex;
  std::vector<Slice> mailbox(mailbox_size);
  std::atomic<std::size_t> readers_holding{0};
  std::atomic<bool> allocator_gone{false};
  arena_arc::AllocatorStats final_stats;
  std::size_t requested = 0;
  std::size_t destroyed_before_close = 0;

  std::vector<std::function<void()>> workers;
  workers.emplace_back([&] {
    {
      tracked_allocator<TypeParam> a;
      rng lengths(3);
      for (std::size_t i = 0; i < iterations; ++i) {
        const std::size_t len = 1 + lengths.below(20);
        requested += len;
        Slice s = make_slice(a, reg, len);
        const std::lock_guard<std::mutex> lock(mutex);
        mailbox[i % mailbox_size] = std::move(s);
      }
      // With threads, wait until every reader holds a handle, so that the allocator surely
      // goes away while its chunks are in use elsewhere.
      if constexpr (TypeParam::is_atomic) {
        while (readers_holding.load() < reader_count) std::this_thread::yield();
      }
      final_stats = a.stats();
      destroyed_before_close = reg.destroyed();
    }
    allocator_gone.store(true);
    const std::lock_guard<std::mutex> lock(mutex);
    mailbox.assign(mailbox_size, Slice{});  // the readers' copies are now the last owners
  });
  for (std::size_t r = 0; r < reader_count; ++r) {
    workers.emplace_back([&, r] {
      rng pick(50 + r);
      std::array<Slice, 6> held;
      bool counted = false;
      for (std::size_t i = 0; i < iterations || !allocator_gone.load(); ++i) {
        Slice copy;
        {
          const std::lock_guard<std::mutex> lock(mutex);
          copy = mailbox[pick.below(mailbox_size)];
        }
        check_all(reg, copy);
        if (copy.empty()) {
          std::this_thread::yield();
          continue;
        }
        held[pick.below(held.size())] = std::move(copy);
        if (!counted) {
          counted = true;
          readers_holding.fetch_add(1);
        }
      }
      for (const Slice& h : held) check_all(reg, h);
    });
  }
  run_workers<TypeParam>(workers);

  expect_each_destroyed_once(reg);
  EXPECT_EQ(reg.constructed(), requested);
  EXPECT_EQ(final_stats.elements_allocated, requested);
  // The mailbox (and, with threads, the readers) still held elements when the allocator went.
  EXPECT_LT(destroyed_before_close, requested);
}

TYPED_TEST(ForeignRelease, ChunkReleasedOnWorkerIsReused) {
  using Slice = tracked_slice<TypeParam>;
  registry reg(64);
  tracked_allocator<TypeParam> a;
  // Fill the first chunk (16 elements), then open a second one: the allocator leaves the first.
  std::vector<Slice> first_chunk;
  for (std::size_t i = 0; i < 4; ++i) first_chunk.push_back(make_slice(a, reg, 4));
  const Slice second = make_slice(a, reg, 10);
  ASSERT_EQ(a.stats().chunks_allocated, 2U);

  // The first chunk's last handles die on a worker; the chunk goes back to `a` from there.
  std::vector<std::function<void()>> workers;
  workers.emplace_back([handles = std::move(first_chunk), &reg]() mutable {
    for (const Slice& h : handles) check_all(reg, h);
    handles.clear();
  });
  run_workers<TypeParam>(workers);
  EXPECT_EQ(reg.destroyed(), 16U);

  // 10 used in the second chunk: a request for 8 needs a fresh one, which comes from recycling.
  const Slice third = make_slice(a, reg, 8);
  EXPECT_EQ(a.stats().chunks_allocated, 2U);
  EXPECT_EQ(a.stats().chunks_reused, 1U);
  check_all(reg, third);
  check_all(reg, second);
  EXPECT_EQ(reg.damaged(), 0U);
  EXPECT_EQ(reg.destroyed_twice(), 0U);
}

}  // namespace
