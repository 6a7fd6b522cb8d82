// SliceBuilder: where the elements go (the current chunk's room, a new standard chunk, a
// dedicated chunk), what finish() returns, and what an unfinished builder leaves behind.
#include <arena_arc/arena_arc.hpp>

#include <cstddef>
#include <cstdint>
#include <list>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <gtest/gtest.h>
#include <arena_arc_testing/counting_resource.hpp>

#include "support/counted.hpp"
#include "support/helpers.hpp"
#include "support/int_range.hpp"
#include "support/unsized_range.hpp"

namespace {

using arena_arc_testing::Counted;
using arena_arc_testing::counted_from;
using arena_arc_testing::id_sequence;
using arena_arc_testing::ids_of;
using arena_arc_testing::int_sequence;
using arena_arc_testing::ints_from;
using arena_arc_testing::lifecycle;
using arena_arc_testing::to_vector;

class SliceBuilderTest : public ::testing::Test {
 protected:
  arena_arc::Allocator<int, std::uint32_t, 8> ints_;
  arena_arc::Allocator<Counted, std::uint32_t, 8> counted_;

  arena_arc::ArcSlice<int> build_ints(int first, int count) {
    auto b = ints_.builder();
    for (int i = 0; i < count; ++i) b.push_back(first + i);
    return std::move(b).finish();
  }

 private:
  arena_arc_testing::lifecycle_scope scope_;
};

TEST_F(SliceBuilderTest, ASliceThatFitsIsBuiltInPlaceAfterTheLastOne) {
  const auto head = ints_.alloc(2, ints_from(0));
  const auto built = build_ints(10, 5);
  EXPECT_EQ(to_vector(built), int_sequence(10, 5));
  EXPECT_EQ(built.data(), head.data() + 2);  // no copy: built where it ends up
  EXPECT_EQ(ints_.alloc(1, ints_from(0)).data(), head.data() + 7);
  const auto stats = ints_.stats();
  EXPECT_EQ(stats.chunks_allocated, 1U);
  EXPECT_EQ(stats.elements_allocated, 8U);
}

TEST_F(SliceBuilderTest, AFreshAllocatorTakesItsFirstChunkForTheBuilder) {
  const auto built = build_ints(0, 3);
  EXPECT_EQ(to_vector(built), int_sequence(0, 3));
  EXPECT_EQ(ints_.alloc(1, ints_from(0)).data(), built.data() + 3);  // the chunk became current
  EXPECT_EQ(ints_.stats().chunks_allocated, 1U);
}

TEST_F(SliceBuilderTest, OutgrowingTheRoomMovesToANewChunkThatBecomesCurrent) {
  const auto head = ints_.alloc(6, ints_from(0));  // 2 left
  const auto built = build_ints(100, 5);           // moves to a new chunk, 3 left there
  EXPECT_EQ(to_vector(built), int_sequence(100, 5));
  EXPECT_NE(built.data(), head.data() + 6);
  EXPECT_EQ(ints_.alloc(1, ints_from(0)).data(), built.data() + 5);
  const auto stats = ints_.stats();
  EXPECT_EQ(stats.chunks_allocated, 2U);
  EXPECT_EQ(stats.elements_wasted, 2U);  // the old chunk's room, as alloc(5) would count it
}

TEST_F(SliceBuilderTest, TheOldChunkStaysCurrentWhenItHasMoreRoomLeft) {
  const auto head = ints_.alloc(1, ints_from(0));  // 7 left
  const auto built = build_ints(100, 8);           // a full new chunk: 0 left there
  EXPECT_EQ(to_vector(built), int_sequence(100, 8));
  EXPECT_EQ(ints_.alloc(1, ints_from(0)).data(), head.data() + 1);
  EXPECT_EQ(ints_.stats().chunks_allocated, 2U);
}

TEST_F(SliceBuilderTest, LongerThanTheCapacityEndsInADedicatedChunk) {
  const auto built = build_ints(0, 100);
  EXPECT_EQ(to_vector(built), int_sequence(0, 100));
  const auto stats = ints_.stats();
  EXPECT_EQ(stats.dedicated_chunks, 1U);
  EXPECT_EQ(stats.elements_allocated, 100U);
}

TEST_F(SliceBuilderTest, AppendTakesSizedAndUnsizedRanges) {
  auto b = ints_.builder();
  b.append(std::vector<int>{1, 2, 3});
  b.append(std::list<int>{4, 5});
  b.append(arena_arc_testing::unsized_ints(6, 12));  // an input range of unknown length
  b.append(arena_arc_testing::int_range(12, 15));    // sized, not contiguous
  b.push_back(20);
  b.emplace_back(21);
  EXPECT_EQ(b.size(), 16U);
  const auto built = std::move(b).finish();
  EXPECT_EQ(to_vector(built),
            (std::vector<int>{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 20, 21}));
}

TEST_F(SliceBuilderTest, AnUnsizedRangeLongerThanTheRoomGrowsAsItGoes) {
  const auto head = ints_.alloc(6, ints_from(0));  // 2 left
  auto b = ints_.builder();
  b.append(arena_arc_testing::unsized_ints(0, 30));  // room, standard chunk, dedicated chunk
  const auto built = std::move(b).finish();
  EXPECT_EQ(to_vector(built), int_sequence(0, 30));
  EXPECT_EQ(ints_.stats().dedicated_chunks, 1U);
}

TEST_F(SliceBuilderTest, FinishingEmptyGivesTheEmptyHandleAndChangesNothing) {
  const auto head = ints_.alloc(2, ints_from(0));
  const auto stats = ints_.stats();
  auto b = ints_.builder();
  EXPECT_TRUE(b.empty());
  const auto built = std::move(b).finish();
  EXPECT_TRUE(built.empty());
  EXPECT_EQ(built.data(), nullptr);
  EXPECT_EQ(ints_.stats().elements_allocated, stats.elements_allocated);
  EXPECT_EQ(ints_.alloc(1, ints_from(0)).data(), head.data() + 2);
}

TEST_F(SliceBuilderTest, ElementsMoveWhenTheBuilderGrowsAndLiveExactlyOnce) {
  {
    auto b = counted_.builder();
    for (int i = 0; i < 20; ++i) b.emplace_back(i);  // room, standard chunk, dedicated chunk
    const auto built = std::move(b).finish();
    EXPECT_EQ(ids_of(built), id_sequence(0, 20));
    EXPECT_EQ(lifecycle().live(), 20);
  }
  EXPECT_EQ(lifecycle().live(), 0);
  for (int i = 0; i < 20; ++i) EXPECT_EQ(lifecycle().destructions_of(i) >= 1, true) << i;
}

TEST_F(SliceBuilderTest, AnUnfinishedBuilderDestroysItsElementsAndGivesTheRoomBack) {
  const auto head = counted_.alloc(2, counted_from(0));
  const auto stats = counted_.stats();
  {
    auto b = counted_.builder();
    b.emplace_back(100);
    b.emplace_back(101);
    EXPECT_EQ(lifecycle().live(), 4);
  }
  EXPECT_EQ(lifecycle().live(), 2);
  const auto after = counted_.stats();
  EXPECT_EQ(after.elements_allocated, stats.elements_allocated);
  EXPECT_EQ(after.chunks_allocated, stats.chunks_allocated);
  EXPECT_EQ(counted_.alloc(1, counted_from(9)).data(), head.data() + 2);
}

TEST_F(SliceBuilderTest, AnUnfinishedGrownBuilderGivesItsChunksBackUpstream) {
  arena_arc_testing::counting_resource upstream;
  {
    arena_arc::Allocator<int, std::uint32_t, 8> ints(&upstream);
    const auto head = ints.alloc(1, ints_from(0));
    const std::size_t blocks = upstream.live_blocks();
    {
      auto b = ints.builder();
      for (int i = 0; i < 50; ++i) b.push_back(i);  // a standard chunk, then dedicated ones
    }
    EXPECT_EQ(upstream.live_blocks(), blocks);
    EXPECT_EQ(ints.stats().chunks_allocated, 1U);
  }
  EXPECT_EQ(upstream.live_blocks(), 0U);
  EXPECT_TRUE(upstream.balanced());
}

TEST_F(SliceBuilderTest, AGrownBuilderReusesAnIdleChunkFromTheCache) {
  arena_arc::Allocator<int, std::uint32_t, 8, arena_arc::local_refcount> ints;
  auto first = ints.alloc(8, ints_from(0));         // chunk A
  const auto second = ints.alloc(8, ints_from(0));  // chunk B; A is left ...
  first = {};                                       // ... and now idle in the cache
  auto b = ints.builder();
  for (int i = 0; i < 5; ++i) b.push_back(i);  // no room in B: A from the cache
  const auto built = std::move(b).finish();
  EXPECT_EQ(to_vector(built), int_sequence(0, 5));
  EXPECT_EQ(ints.stats().chunks_allocated, 2U);
  EXPECT_EQ(ints.stats().chunks_reused, 1U);
}

TEST_F(SliceBuilderTest, AnAbandonedBuilderPutsACachedChunkBack) {
  arena_arc::Allocator<int, std::uint32_t, 8, arena_arc::local_refcount> ints;
  auto first = ints.alloc(8, ints_from(0));
  const auto second = ints.alloc(8, ints_from(0));
  first = {};
  {
    auto b = ints.builder();
    for (int i = 0; i < 5; ++i) b.push_back(i);  // in the chunk taken from the cache
  }
  const auto stats = ints.stats();
  EXPECT_EQ(stats.chunks_reused, 0U);
  const auto next = ints.alloc(3, ints_from(0));  // no room in the second: the cached one
  EXPECT_EQ(ints.stats().chunks_reused, 1U);
  EXPECT_EQ(ints.stats().chunks_allocated, 2U);
}

TEST_F(SliceBuilderTest, AnAbandonedBuilderGivesAKeptChunkToTheCache) {
  arena_arc::Allocator<int, std::uint32_t, 8> ints;
  auto first = ints.alloc(8, ints_from(0));
  const auto second = ints.alloc(8, ints_from(0));
  first = {};
  {
    auto b = ints.builder();
    for (int i = 0; i < 5; ++i) b.push_back(i);  // in the idle kept chunk
  }
  const auto next = ints.alloc(3, ints_from(0));
  EXPECT_EQ(ints.stats().chunks_reused, 1U);
  EXPECT_EQ(ints.stats().chunks_allocated, 2U);
}

TEST_F(SliceBuilderTest, AGrownBuilderReusesAnIdleKeptChunk) {
  arena_arc::Allocator<int, std::uint32_t, 8> ints;  // atomic: full chunks are kept
  auto first = ints.alloc(8, ints_from(0));
  const auto second = ints.alloc(8, ints_from(0));
  first = {};
  auto b = ints.builder();
  for (int i = 0; i < 5; ++i) b.push_back(i);
  const auto built = std::move(b).finish();
  EXPECT_EQ(to_vector(built), int_sequence(0, 5));
  EXPECT_EQ(ints.stats().chunks_allocated, 2U);
  EXPECT_EQ(ints.stats().chunks_reused, 1U);
}

TEST_F(SliceBuilderTest, MovingABuilderMovesItsElements) {
  auto a = ints_.builder();
  a.push_back(1);
  auto b = std::move(a);
  b.push_back(2);
  EXPECT_EQ(to_vector(std::move(b).finish()), (std::vector<int>{1, 2}));
}

TEST_F(SliceBuilderTest, MoveAssignmentAbandonsTheTargetsElementsFirst) {
  arena_arc::Allocator<Counted, std::uint32_t, 8> other;
  auto target = other.builder();
  target.emplace_back(1);
  auto source = counted_.builder();
  source.emplace_back(2);
  target = std::move(source);
  EXPECT_EQ(lifecycle().destructions_of(1), 1);
  EXPECT_EQ(other.alloc(1, counted_from(3)).size(), 1U);  // `other` is free again
  EXPECT_EQ(ids_of(std::move(target).finish()), std::vector<int>{2});
}

TEST_F(SliceBuilderTest, TheAllocatorIsUsableAgainAfterFinish) {
  const auto built = build_ints(0, 3);
  const auto next = ints_.alloc(2, ints_from(5));
  EXPECT_EQ(to_vector(next), int_sequence(5, 2));
  EXPECT_EQ(to_vector(built), int_sequence(0, 3));
}

TEST_F(SliceBuilderTest, ALoopOfDroppedBuiltSlicesAlternatesBetweenTwoChunks) {
  for (int round = 0; round < 50; ++round) {
    const auto built = build_ints(round, 6);  // never fits the 2 left: grows every round
    EXPECT_EQ(built[5], round + 5);
  }
  EXPECT_EQ(ints_.stats().chunks_allocated, 2U);
  arena_arc::Allocator<int, std::uint32_t, 8, arena_arc::local_refcount> local;
  for (int round = 0; round < 50; ++round) {
    auto b = local.builder();
    for (int i = 0; i < 6; ++i) b.push_back(i);
    EXPECT_EQ(std::move(b).finish().size(), 6U);
  }
  EXPECT_EQ(local.stats().chunks_allocated, 2U);
}

TEST_F(SliceBuilderTest, StringsAreBuiltAsText) {
  arena_arc::Allocator<char, std::uint32_t, 16> chars;
  auto b = chars.builder();
  for (const std::string_view word : {"stream", "ing ", "tokens", " of unknown length"})
    b.append(word);
  const auto text = std::move(b).finish();
  EXPECT_EQ(text.view(), "streaming tokens of unknown length");
}

TEST_F(SliceBuilderTest, LocalRefcountAndSmallIndexTypesWork) {
  arena_arc::Allocator<int, std::uint8_t, 4, arena_arc::local_refcount> small;
  auto b = small.builder();
  for (int i = 0; i < 200; ++i) b.push_back(i);
  const auto built = std::move(b).finish();
  EXPECT_EQ(to_vector(built), int_sequence(0, 200));
}

}  // namespace
