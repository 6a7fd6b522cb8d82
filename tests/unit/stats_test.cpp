// AllocatorStats: what each counter counts.
#include <arena_arc/arena_arc.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include <gtest/gtest.h>

#include "support/helpers.hpp"

namespace {

using arena_arc::AllocatorStats;
using arena_arc_testing::ints_from;

using Alloc = arena_arc::Allocator<int, std::uint32_t, 8>;

TEST(Stats, AFreshAllocatorCountsNothing) {
  const Alloc a;
  const AllocatorStats s = a.stats();
  EXPECT_EQ(s.chunks_allocated, 0u);
  EXPECT_EQ(s.chunks_reused, 0u);
  EXPECT_EQ(s.dedicated_chunks, 0u);
  EXPECT_EQ(s.elements_allocated, 0u);
  EXPECT_EQ(s.elements_wasted, 0u);
  EXPECT_EQ(s, AllocatorStats{});
}

TEST(Stats, EqualityComparesEveryCounter) {
  const AllocatorStats zero{};
  for (std::size_t field = 0; field < 5; ++field) {
    AllocatorStats one_differs{};
    const std::array<std::size_t*, 5> counters = {
        &one_differs.chunks_allocated, &one_differs.chunks_reused, &one_differs.dedicated_chunks,
        &one_differs.elements_allocated, &one_differs.elements_wasted};
    *counters.at(field) = 1;
    EXPECT_NE(one_differs, zero) << "counter " << field;
    EXPECT_EQ(one_differs, one_differs);
  }
}

TEST(Stats, ElementsAllocatedSumsEveryLengthHandedOut) {
  Alloc a;
  std::vector<arena_arc::ArcSlice<int>> slices;
  slices.push_back(a.alloc(3, ints_from(0)));
  slices.push_back(a.alloc(0, ints_from(0)));
  slices.push_back(a.alloc_copy(std::vector<int>{1, 2}));
  slices.push_back(*a.try_alloc(2, [](std::size_t) { return std::optional<int>(1); }));
  const auto single = a.alloc_single([] { return 1; });
  const auto value = a.alloc_value(2);
  const auto emplaced = a.emplace(3);
  const auto tried = a.try_alloc_single([] { return std::optional<int>(4); });
  slices.push_back(a.alloc(20, ints_from(0)));

  EXPECT_EQ(a.stats().elements_allocated, 3u + 0u + 2u + 2u + 4u * 1u + 20u);
}

TEST(Stats, ChunksAllocatedCountsStandardAndDedicatedChunks) {
  Alloc a;
  std::vector<arena_arc::ArcSlice<int>> slices;
  slices.push_back(a.alloc(8, ints_from(0)));   // standard 1
  slices.push_back(a.alloc(9, ints_from(0)));   // dedicated 1
  slices.push_back(a.alloc(1, ints_from(0)));   // standard 2
  slices.push_back(a.alloc(50, ints_from(0)));  // dedicated 2
  slices.push_back(a.alloc(7, ints_from(0)));   // fits: no chunk

  EXPECT_EQ(a.stats().chunks_allocated, 4u);
  EXPECT_EQ(a.stats().dedicated_chunks, 2u);
}

TEST(Stats, SwitchingChunksWastesTheOldChunksRemainingRoom) {
  Alloc a;
  const auto first = a.alloc(5, ints_from(0));
  const auto second = a.alloc(4, ints_from(0));  // room 3 < new room 4: switch, 3 wasted
  EXPECT_EQ(a.stats().elements_wasted, 3u);
  const auto third = a.alloc(4, ints_from(0));   // fits exactly: nothing wasted
  const auto fourth = a.alloc(1, ints_from(0));  // room 0 < 7: switch, 0 wasted
  EXPECT_EQ(a.stats().elements_wasted, 3u);
}

TEST(Stats, KeepingTheOldChunkWastesTheNewChunksRoom) {
  Alloc a;
  const auto first = a.alloc(2, ints_from(0));
  const auto second = a.alloc(7, ints_from(0));  // room 6 > new room 1: keep, 1 wasted
  EXPECT_EQ(a.stats().elements_wasted, 1u);
  EXPECT_EQ(a.stats().chunks_allocated, 2u);
}

TEST(Stats, DedicatedChunksAndZeroLengthsWasteNothing) {
  Alloc a;
  const auto first = a.alloc(2, ints_from(0));
  const auto dedicated = a.alloc(100, ints_from(0));
  const auto none = a.alloc(0, ints_from(0));
  EXPECT_EQ(a.stats().elements_wasted, 0u);
}

TEST(Stats, NothingIsReusedWhileEveryChunkStillHasAHandle) {
  Alloc a;
  std::vector<arena_arc::ArcSlice<int>> slices;
  slices.reserve(20);
  for (int i = 0; i < 20; ++i) slices.push_back(a.alloc(5, ints_from(i)));
  EXPECT_EQ(a.stats().chunks_reused, 0u);
  EXPECT_EQ(a.stats().chunks_allocated, 20u);
}

TEST(Stats, ChunksReusedCountsStandardChunksThatCameBack) {
  Alloc a;
  std::vector<arena_arc::ArcSlice<int>> batch;
  batch.reserve(4);
  for (int i = 0; i < 4; ++i) batch.push_back(a.alloc(8, ints_from(i)));  // one chunk each
  batch.clear();  // the first three chunks come back; the fourth is still the current one
  for (int i = 0; i < 4; ++i) batch.push_back(a.alloc(8, ints_from(i)));

  EXPECT_EQ(a.stats().chunks_allocated, 4u);
  EXPECT_EQ(a.stats().chunks_reused, 4u);
  EXPECT_EQ(a.stats().elements_allocated, 64u);
}

TEST(Stats, DedicatedChunksAreNeverReused) {
  Alloc a;
  (void)a.alloc(9, ints_from(0));
  (void)a.alloc(9, ints_from(0));
  EXPECT_EQ(a.stats().chunks_allocated, 2u);
  EXPECT_EQ(a.stats().dedicated_chunks, 2u);
  EXPECT_EQ(a.stats().chunks_reused, 0u);
}

TEST(Stats, ComparisonComparesEveryField) {
  const AllocatorStats base{1, 2, 3, 4, 5};
  EXPECT_EQ(base, (AllocatorStats{1, 2, 3, 4, 5}));
  EXPECT_NE(base, (AllocatorStats{0, 2, 3, 4, 5}));
  EXPECT_NE(base, (AllocatorStats{1, 0, 3, 4, 5}));
  EXPECT_NE(base, (AllocatorStats{1, 2, 0, 4, 5}));
  EXPECT_NE(base, (AllocatorStats{1, 2, 3, 0, 5}));
  EXPECT_NE(base, (AllocatorStats{1, 2, 3, 4, 0}));
}

TEST(Stats, TheyAreASnapshot) {
  Alloc a;
  const AllocatorStats before = a.stats();
  const auto s = a.alloc(3, ints_from(0));
  EXPECT_EQ(before, AllocatorStats{});
  EXPECT_EQ(a.stats().elements_allocated, 3u);
}

}  // namespace
