// Chunk storage from upstream: element storage of a whole number of 4 KiB pages is a block of
// exactly that size, the header a second block (so that general-purpose allocators serve it
// without rounding up); any other chunk is one block. Either way nothing leaks when an
// allocation fails halfway, and every block goes back with its size and alignment.
#include <arena_arc/arena_arc.hpp>

#include <cstddef>
#include <cstdint>
#include <new>
#include <vector>

#include <gtest/gtest.h>

#include <arena_arc_testing/counting_resource.hpp>

#include "support/helpers.hpp"

namespace {

using arena_arc::AllocatorStats;
using arena_arc_testing::counting_resource;

using Element = std::uint64_t;
constexpr std::size_t page_elements = 4096 / sizeof(Element);

auto iota_from(Element first) {
  return [first](std::size_t i) { return first + i; };
}

// Standard chunks of `Capacity` elements; with every handle alive, no chunk is reused.
template <std::size_t Capacity>
void expect_blocks_per_chunk(std::size_t blocks_per_chunk, bool element_block_exact) {
  counting_resource upstream;
  {
    arena_arc::Allocator<Element, std::uint32_t, Capacity> a(&upstream);
    std::vector<arena_arc::ArcSlice<Element>> kept;
    for (Element k = 0; k < 3; ++k) kept.push_back(a.alloc(Capacity, iota_from(100 * k)));
    EXPECT_EQ(upstream.allocations(), 3 * blocks_per_chunk);
    for (Element k = 0; k < 3; ++k) {
      const auto& s = kept[k];
      EXPECT_EQ(s.front(), 100 * k);
      EXPECT_EQ(s.back(), 100 * k + Capacity - 1);
      // Element 0 starts its block exactly when the elements have a block of their own.
      EXPECT_EQ(upstream.offset_in_block(s.data()) == 0, element_block_exact);
      const auto index = upstream.block_index_of(s.data());
      ASSERT_TRUE(index.has_value());
      if (element_block_exact) {
        EXPECT_EQ(upstream.blocks()[*index].bytes, Capacity * sizeof(Element));
      }
    }
    EXPECT_EQ(a.stats().chunks_allocated, 3u);
  }
  EXPECT_TRUE(upstream.balanced());
}

TEST(SplitStorage, PageMultipleElementStorageIsABlockOfItsOwn) {
  expect_blocks_per_chunk<page_elements>(2, true);
  expect_blocks_per_chunk<4 * page_elements>(2, true);
  expect_blocks_per_chunk<3 * page_elements>(2, true);
}

TEST(SplitStorage, OtherChunksAreOneBlock) {
  expect_blocks_per_chunk<page_elements - 1>(1, false);
  expect_blocks_per_chunk<page_elements + 1>(1, false);
  expect_blocks_per_chunk<page_elements / 2>(1, false);
}

TEST(SplitStorage, DedicatedChunksFollowTheSameRule) {
  counting_resource upstream;
  {
    arena_arc::Allocator<Element, std::uint32_t, 16> a(&upstream);
    const auto split = a.alloc(2 * page_elements, iota_from(0));
    EXPECT_EQ(upstream.allocations(), 2u);
    EXPECT_EQ(upstream.offset_in_block(split.data()), 0);
    const auto whole = a.alloc(page_elements + 1, iota_from(0));
    EXPECT_EQ(upstream.allocations(), 3u);
    EXPECT_EQ(a.stats().dedicated_chunks, 2u);
  }
  EXPECT_TRUE(upstream.balanced());
}

TEST(SplitStorage, AFailureOfEitherBlockLeavesNothingBehind) {
  for (std::size_t failing = 0; failing < 2; ++failing) {
    counting_resource upstream;
    {
      arena_arc::Allocator<Element, std::uint32_t, page_elements> a(&upstream);
      upstream.fail_in(failing);
      EXPECT_THROW((void)a.alloc(3, iota_from(0)), std::bad_alloc) << "failing " << failing;
      EXPECT_EQ(upstream.live_blocks(), 0u);
      EXPECT_EQ(a.stats(), AllocatorStats{});
      const auto s = a.alloc(3, iota_from(7));
      EXPECT_EQ(s.back(), 9u);
      EXPECT_EQ(upstream.live_blocks(), 2u);
    }
    EXPECT_TRUE(upstream.balanced());
  }
}

TEST(SplitStorage, RecycledChunksKeepBothBlocks) {
  counting_resource upstream;
  {
    arena_arc::Allocator<Element, std::uint32_t, page_elements> a(&upstream);
    std::vector<arena_arc::ArcSlice<Element>> batch;
    for (int round = 0; round < 4; ++round) {
      for (Element k = 0; k < 4; ++k) batch.push_back(a.alloc(page_elements, iota_from(k)));
      for (Element k = 0; k < 4; ++k) EXPECT_EQ(batch[k].back(), k + page_elements - 1);
      batch.clear();
    }
    EXPECT_EQ(upstream.allocations(), 2 * a.stats().chunks_allocated);
    EXPECT_EQ(upstream.deallocations(), 0u);
  }
  EXPECT_TRUE(upstream.balanced());
}

}  // namespace
