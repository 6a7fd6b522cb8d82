// The implementation both libraries compile into themselves: each gets its own copy of these
// inline functions and of every inline variable of arena-arc (their symbols are hidden).
#ifndef ARENA_ARC_TESTS_SHARED_OBJECTS_BOXES_HPP
#define ARENA_ARC_TESTS_SHARED_OBJECTS_BOXES_HPP

#include "library_api.hpp"

#include <arena_arc/arena_arc.hpp>

#include <cstddef>
#include <cstdint>
#include <memory_resource>

struct so_allocator {
  arena_arc::Allocator<std::uint64_t> allocator;
};

struct so_handle {
  arena_arc::ArcSlice<std::uint64_t> slice;
};

namespace arena_arc_test::boxes {

inline so_allocator* make_allocator(std::pmr::memory_resource* upstream,
                                    std::size_t chunk_capacity) {
  return new so_allocator{arena_arc::Allocator<std::uint64_t>(chunk_capacity, upstream)};
}

inline so_handle* alloc(so_allocator* allocator, std::size_t length, std::uint64_t first) {
  return new so_handle{allocator->allocator.alloc(
      length, [first](std::size_t i) { return first + static_cast<std::uint64_t>(i); })};
}

inline std::uint64_t sum(const so_handle* handle) {
  std::uint64_t total = 0;
  for (const std::uint64_t value : handle->slice) total += value;
  return total;
}

inline void violate() {
  arena_arc::Allocator<std::uint64_t> allocator;
  // The init calls its own allocator: re-entrancy, a violation at every hardening level.
  static_cast<void>(allocator.alloc(1, [&allocator](std::size_t) {
    static_cast<void>(allocator.alloc(1, [](std::size_t) { return std::uint64_t{0}; }));
    return std::uint64_t{0};
  }));
}

inline bool handler_is_default() {
  return arena_arc::get_violation_handler() == &arena_arc::default_violation_handler;
}

}  // namespace arena_arc_test::boxes

#endif  // ARENA_ARC_TESTS_SHARED_OBJECTS_BOXES_HPP
