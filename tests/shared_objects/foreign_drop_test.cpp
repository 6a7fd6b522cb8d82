// Handles of lib_a's chunks dropped through lib_b on other threads, under load, while lib_a's
// threads keep allocating and dropping: every chunk must come back to upstream. Each library
// has its own copy of arena-arc's inline variables, so a thread's identity must not come from
// one of them: lib_b's first threads would carry the same identity as lib_a's first threads and
// their drops would pass for the owner's own refunds, racing with the owner's plain stores
// (refunds lost: chunks never freed).
#include <arena_arc_testing/counting_resource.hpp>

#include "library_api.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <mutex>
#include <thread>
#include <utility>
#include <vector>

namespace {

constexpr std::size_t threads_per_library = 2;
constexpr std::size_t slices_per_producer = 100000;
constexpr std::size_t chunk_capacity = 64;
constexpr std::size_t max_queued = 256;
constexpr std::size_t own_handles = 4;  // each producer holds this many before dropping

std::uint64_t sum_of(std::size_t length, std::uint64_t first) {
  const std::uint64_t n = length;
  return n * first + n * (n - 1) / 2;
}

// Handles in flight from lib_a's threads to lib_b's, with the sum each must read.
class hand_over {
 public:
  bool try_push(so_handle* h, std::uint64_t sum) {
    const std::lock_guard lock(mutex_);
    if (queue_.size() >= max_queued) return false;
    queue_.emplace_back(h, sum);
    return true;
  }
  bool try_pop(std::pair<so_handle*, std::uint64_t>& out) {
    const std::lock_guard lock(mutex_);
    if (queue_.empty()) return false;
    out = queue_.front();
    queue_.pop_front();
    return true;
  }

 private:
  std::mutex mutex_;
  std::deque<std::pair<so_handle*, std::uint64_t>> queue_;
};

TEST(SharedObjects, DropsThroughAnotherLibraryOnOtherThreadsReturnEveryChunk) {
  arena_arc_testing::counting_resource upstream;
  hand_over queue;
  std::atomic<std::size_t> producers_left{threads_per_library};
  std::atomic<std::size_t> bad_reads{0};
  std::atomic<std::size_t> handed_over{0};
  std::atomic<std::size_t> dropped_in_b{0};

  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < threads_per_library; ++t) {
    // A lib_a thread: its allocator's chunks are owned by this thread in lib_a.
    threads.emplace_back([&, t] {
      so_allocator* allocator = lib_a_make_allocator(&upstream, chunk_capacity);
      std::deque<so_handle*> own;
      for (std::size_t i = 0; i < slices_per_producer; ++i) {
        const std::size_t length = 1 + (i + t) % 8;
        const std::uint64_t first = i * 8;
        so_handle* h = lib_a_alloc(allocator, length, first);
        if (i % 2 == 0 && queue.try_push(h, sum_of(length, first))) {
          handed_over.fetch_add(1);
          continue;
        }
        own.push_back(h);
        if (own.size() > own_handles) {
          lib_a_drop(own.front());
          own.pop_front();
        }
      }
      for (so_handle* h : own) lib_a_drop(h);
      lib_a_destroy_allocator(allocator);
      producers_left.fetch_sub(1);
    });
    // A lib_b thread: it allocates through lib_b first (so it has an identity there), then
    // copies, reads and drops lib_a's handles through lib_b.
    threads.emplace_back([&, t] {
      so_allocator* allocator = lib_b_make_allocator(&upstream, chunk_capacity);
      so_handle* mine = lib_b_alloc(allocator, 3, t);
      std::size_t n = 0;
      // Ends once every producer is done and the queue is drained: bounded by the producers'
      // bounded loops.
      for (;;) {
        std::pair<so_handle*, std::uint64_t> item{};
        if (!queue.try_pop(item)) {
          if (producers_left.load() != 0) {
            std::this_thread::yield();
            continue;
          }
          // Every producer is done, so nothing is pushed any more: this look is the last.
          if (!queue.try_pop(item)) break;
        }
        so_handle* copy = lib_b_copy(item.first);
        if (lib_b_sum(copy) != item.second) bad_reads.fetch_add(1);
        lib_b_drop(item.first);
        lib_b_drop(copy);
        dropped_in_b.fetch_add(1);
        if (++n % 16 == 0) {  // lib_b's own allocations and drops go on meanwhile
          lib_b_drop(mine);
          mine = lib_b_alloc(allocator, 3, n);
        }
      }
      lib_b_drop(mine);
      lib_b_destroy_allocator(allocator);
    });
  }
  for (std::thread& th : threads) th.join();

  EXPECT_GT(handed_over.load(), 0U);
  EXPECT_EQ(dropped_in_b.load(), handed_over.load());
  EXPECT_EQ(bad_reads.load(), 0U);
  EXPECT_GT(upstream.allocations(), threads_per_library);
  EXPECT_EQ(upstream.deallocations(), upstream.allocations());
  EXPECT_EQ(upstream.live_bytes(), 0U);
}

}  // namespace
