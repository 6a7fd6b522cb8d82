// The upstream memory resource is called from whichever thread frees a chunk, not only from the
// allocator's (README "Threads"): a dedicated chunk, or a standard chunk with recycling off or
// whose allocator is gone, goes back upstream on the thread that drops its last handle. A
// resource that records the calling thread of each deallocation shows it.
#include <arena_arc/arena_arc.hpp>

#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>
#include <memory_resource>
#include <mutex>
#include <optional>
#include <thread>
#include <utility>
#include <vector>

namespace {

using allocator = arena_arc::Allocator<int, std::uint32_t, 4, arena_arc::atomic_refcount>;
using slice = arena_arc::ArcSlice<int, std::uint32_t, arena_arc::atomic_refcount>;

/// Forwards to the default resource and records which thread each deallocation ran on. The
/// recording is locked because, as the test shows, deallocations come from several threads.
class thread_recording_resource : public std::pmr::memory_resource {
 public:
  [[nodiscard]] std::vector<std::thread::id> deallocating_threads() const {
    const std::lock_guard<std::mutex> lock(mutex_);
    return deallocations_;
  }
  [[nodiscard]] std::size_t allocations() const {
    const std::lock_guard<std::mutex> lock(mutex_);
    return allocations_;
  }

 private:
  void* do_allocate(std::size_t bytes, std::size_t alignment) override {
    const std::lock_guard<std::mutex> lock(mutex_);
    ++allocations_;
    return std::pmr::new_delete_resource()->allocate(bytes, alignment);
  }
  void do_deallocate(void* p, std::size_t bytes, std::size_t alignment) override {
    {
      const std::lock_guard<std::mutex> lock(mutex_);
      deallocations_.push_back(std::this_thread::get_id());
    }
    std::pmr::new_delete_resource()->deallocate(p, bytes, alignment);
  }
  [[nodiscard]] bool do_is_equal(const std::pmr::memory_resource& other) const noexcept override {
    return this == &other;
  }

  mutable std::mutex mutex_;
  std::size_t allocations_ = 0;
  std::vector<std::thread::id> deallocations_;
};

auto values() {
  return [](std::size_t i) { return static_cast<int>(i); };
}

/// Drops `s` on a new thread (after reading it there) and returns that thread's id.
std::thread::id drop_on_worker(slice s) {
  std::thread::id worker_id;
  std::thread worker([&worker_id, mine = std::move(s)]() mutable {
    worker_id = std::this_thread::get_id();
    EXPECT_EQ(mine[mine.size() - 1], static_cast<int>(mine.size() - 1));
    mine = slice{};
  });
  worker.join();
  return worker_id;
}

std::size_t count_on(const std::vector<std::thread::id>& threads, std::thread::id id) {
  std::size_t n = 0;
  for (const std::thread::id& t : threads) n += t == id ? 1U : 0U;
  return n;
}

TEST(UpstreamThreads, DedicatedChunkIsFreedOnTheThreadDroppingItsHandle) {
  thread_recording_resource upstream;
  allocator a(&upstream);
  slice big = a.alloc(10, values());  // longer than the capacity: a dedicated chunk
  ASSERT_EQ(a.stats().dedicated_chunks, 1U);
  const std::thread::id worker = drop_on_worker(std::move(big));
  const std::vector<std::thread::id> freed = upstream.deallocating_threads();
  EXPECT_EQ(count_on(freed, worker), 1U);  // while the allocator is alive, on the worker
  EXPECT_NE(worker, std::this_thread::get_id());
}

TEST(UpstreamThreads, ChunkOutlivingItsAllocatorIsFreedOnTheLastHandlesThread) {
  thread_recording_resource upstream;
  std::optional<allocator> a(std::in_place, &upstream);
  slice s = a->alloc(2, values());
  a.reset();  // the allocator leaves the chunk; the handle keeps it
  EXPECT_TRUE(upstream.deallocating_threads().empty());
  const std::thread::id worker = drop_on_worker(std::move(s));
  const std::vector<std::thread::id> freed = upstream.deallocating_threads();
  ASSERT_EQ(freed.size(), upstream.allocations());  // nothing leaked
  EXPECT_EQ(count_on(freed, worker), 1U);
}

TEST(UpstreamThreads, WithRecyclingOffALeftChunkIsFreedOnTheLastHandlesThread) {
  thread_recording_resource upstream;
  allocator a(&upstream);
  a.set_recycle_limit(0);
  slice full = a.alloc(4, values());        // fills chunk A
  const slice next = a.alloc(1, values());  // B: the allocator leaves A
  const std::thread::id worker = drop_on_worker(std::move(full));
  const std::vector<std::thread::id> freed = upstream.deallocating_threads();
  EXPECT_EQ(count_on(freed, worker), 1U);  // A, while the allocator is alive and uses B
  EXPECT_EQ(next[0], 0);
  EXPECT_EQ(a.stats().chunks_reused, 0U);
}

}  // namespace
