// A chunk made in lib_a and given back through lib_b after lib_a's allocator is gone: its
// recycler is closed, so lib_b must free it (with a closed mark private to each shared object,
// lib_b did not recognise the mark and pushed the chunk onto a stack nobody drains: a leak).
#include <arena_arc_testing/counting_resource.hpp>

#include "library_api.hpp"

#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>
#include <vector>

namespace {

constexpr std::size_t chunk_capacity = 16;
constexpr std::size_t slice_length = 4;
constexpr std::size_t slices = 40;  // 10 chunks

TEST(SharedObjects, ChunksDroppedInAnotherLibraryAfterTheirAllocatorClosedAreFreed) {
  arena_arc_testing::counting_resource upstream;
  so_allocator* allocator = lib_a_make_allocator(&upstream, chunk_capacity);
  std::vector<so_handle*> held;
  held.reserve(slices);
  for (std::size_t i = 0; i < slices; ++i) {
    held.push_back(lib_a_alloc(allocator, slice_length, i * slice_length));
  }
  // Copies through lib_b, so that lib_b drops the last reference of every chunk.
  std::vector<so_handle*> copies;
  copies.reserve(slices);
  for (so_handle* h : held) copies.push_back(lib_b_copy(h));
  for (so_handle* h : held) lib_a_drop(h);
  // Chunks emptied before the close too: lib_b gives them back onto the open stack.
  for (std::size_t i = 0; i < chunk_capacity / slice_length; ++i) lib_b_drop(copies[i]);
  ASSERT_EQ(upstream.allocations(), slices * slice_length / chunk_capacity);

  lib_a_destroy_allocator(allocator);  // closes lib_a's recycler
  std::uint64_t total = 0;
  for (std::size_t i = chunk_capacity / slice_length; i < slices; ++i) {
    total += lib_b_sum(copies[i]);
    lib_b_drop(copies[i]);
  }

  const std::uint64_t first = chunk_capacity;
  const std::uint64_t last = slices * slice_length - 1;
  EXPECT_EQ(total, (first + last) * (last - first + 1) / 2);  // the elements were intact
  EXPECT_EQ(upstream.deallocations(), upstream.allocations());
  EXPECT_EQ(upstream.live_bytes(), 0U);
}

}  // namespace
