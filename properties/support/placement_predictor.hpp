// A from-scratch statement of the allocator's placement rules (the README's placement section),
// independent of the library's code: where the next slice of `n` elements lands, which chunks
// come from upstream, and what every stats() counter must read afterwards.
//
// Rules: n == 0 touches nothing. n > capacity: a dedicated chunk of exactly n, the current
// chunk untouched. n <= room left in the current chunk: bump-allocated after the last slice.
// Otherwise a new standard chunk; the allocator keeps the old one only if its room is strictly
// greater than the new chunk's room (capacity - n), and the chunk it stops using leaves its room
// as waste. A standard chunk may come from the allocator's recycling cache instead of upstream
// (the caller says so): it then counts as chunks_reused, not chunks_allocated. A chunk whose
// element storage is a whole number of 4 KiB pages takes two upstream blocks (storage_blocks).
#pragma once

#include <arena_arc/allocator_stats.hpp>

#include <cstddef>
#include <cstdint>

namespace props {

/// Upstream blocks a chunk of `capacity` elements of `element_size` bytes holds: element storage
/// of a whole number of 4 KiB pages is a block apart from the header (two), any other chunk one.
[[nodiscard]] inline std::size_t storage_blocks(std::size_t capacity,
                                                std::size_t element_size) noexcept {
  constexpr std::size_t page = 4096;
  if (element_size == 0 || capacity > SIZE_MAX / element_size) return 1;
  const std::size_t bytes = capacity * element_size;
  return bytes >= page && bytes % page == 0 ? 2 : 1;
}

/// Where one allocation lands. Chunks are named by the order in which they were opened.
struct placement {
  int chunk = -1;  // -1: nothing placed (n == 0)
  std::size_t offset = 0;
  bool opened = false;     // the chunk came from upstream for this allocation
  bool dedicated = false;  // a chunk of exactly n elements
  int left = -1;           // the chunk the allocator stopped allocating from, or -1
};

struct placement_predictor {
  std::size_t capacity = 1;
  int current = -1;  // chunk the allocator bump-allocates from, -1 before the first
  std::size_t used = 0;
  int next_chunk = 0;
  arena_arc::AllocatorStats stats{};

  [[nodiscard]] std::size_t room() const noexcept { return current < 0 ? 0 : capacity - used; }

  /// Whether allocating n > 0 elements asks upstream for a chunk.
  [[nodiscard]] bool needs_chunk(std::size_t n) const noexcept {
    return current < 0 || n > capacity - used;
  }

  placement place(std::size_t n, bool reused = false) {
    if (n == 0) return {};
    stats.elements_allocated += n;
    if (!needs_chunk(n)) {
      const std::size_t offset = used;
      used += n;
      return {current, offset, false, false, -1};
    }
    const int fresh = next_chunk++;
    if (n > capacity) {
      ++stats.chunks_allocated;
      ++stats.dedicated_chunks;
      return {fresh, 0, true, true, -1};
    }
    ++(reused ? stats.chunks_reused : stats.chunks_allocated);
    const std::size_t room_new = capacity - n;
    if (current >= 0 && room() > room_new) {
      stats.elements_wasted += room_new;
      return {fresh, 0, true, false, -1};
    }
    stats.elements_wasted += room();
    const int left = current;
    current = fresh;
    used = n;
    return {fresh, 0, true, false, left};
  }

  /// The allocator stops using its current chunk (destroyed, or moved from); returns it or -1.
  /// No counter changes.
  int leave() noexcept {
    const int left = current;
    current = -1;
    used = 0;
    return left;
  }
};

}  // namespace props
