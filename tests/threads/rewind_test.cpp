// Rewinding after the last handle died on another thread: a consumer reads every element of a
// slice and drops it, while the producer's next allocation may find the chunk unreferenced and
// rewind it, overwriting those elements. Only the reference count orders the two (the hand-off's
// mutex is released before the consumer reads), so under ThreadSanitizer a missing acquire on
// the allocator's side is a reported race, and without it the consumer could read a later
// slice's values.
#include <arena_arc/arena_arc.hpp>

#include <gtest/gtest.h>

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <optional>
#include <thread>
#include <utility>

#include "tracked.hpp"

namespace {

using arena_arc_test::stress_iterations;

TEST(Rewind, ReusesAChunkWhoseLastHandleDiedOnAnotherThread) {
  constexpr std::size_t length = 16;  // one slice fills a chunk: every allocation may rewind
  using Slice = arena_arc::ArcSlice<std::uint64_t>;
  const std::size_t rounds = stress_iterations();
  std::mutex mutex;
  std::optional<Slice> slot;
  std::atomic<std::size_t> published{0};
  std::atomic<std::size_t> taken{0};
  std::atomic<std::size_t> damaged{0};

  std::thread consumer([&] {
    for (std::size_t r = 0; r < rounds; ++r) {
      while (published.load(std::memory_order_relaxed) == r) std::this_thread::yield();
      Slice mine;
      {
        const std::lock_guard<std::mutex> lock(mutex);
        mine = *std::move(slot);
        slot.reset();  // NOLINT(bugprone-use-after-move): empties the moved-from optional
      }
      // release: the drop of the previous slice (and its chunk's return to the recycler)
      // happens before the producer's next allocation; this slice's reads and drop do not.
      taken.fetch_add(1, std::memory_order_release);
      for (std::size_t i = 0; i < length; ++i) {
        if (mine.data()[i] != r * length + i) damaged.fetch_add(1, std::memory_order_relaxed);
      }
      // `mine` dies here, after the lock is released.
    }
  });

  arena_arc::AllocatorStats stats;
  {
    arena_arc::Allocator<std::uint64_t, std::uint32_t, length> a;
    for (std::size_t r = 0; r < rounds; ++r) {
      // The consumer holds the previous slice (it may still be reading or dropping it).
      while (taken.load(std::memory_order_acquire) < r) std::this_thread::yield();
      Slice next = a.alloc(length, [r](std::size_t i) { return r * length + i; });
      {
        const std::lock_guard<std::mutex> lock(mutex);
        slot = std::move(next);
      }
      published.fetch_add(1, std::memory_order_relaxed);
    }
    consumer.join();
    stats = a.stats();
  }
  EXPECT_EQ(damaged.load(), 0u);
  EXPECT_EQ(stats.chunks_allocated + stats.chunks_reused, rounds);
  EXPECT_EQ(stats.elements_allocated, rounds * length);
  // At most two slices are alive at once (the consumer's and the new one); every other chunk is
  // back by the time the producer needs one, or rewound.
  EXPECT_LE(stats.chunks_allocated, 2u);
}

}  // namespace
