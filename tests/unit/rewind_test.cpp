// Rewinding: when a request does not fit, the allocator would switch to a new standard chunk, and
// no handle refers to its current chunk any more, it reuses that chunk in place from offset 0
// (trivially destructible elements, recycling on). Stats count it as a reuse plus the abandoned
// room as waste; a failed fill leaves the allocator as it was.
#include <arena_arc/arena_arc.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include <gtest/gtest.h>

#include <arena_arc_testing/counting_resource.hpp>
#include <arena_arc_testing/gtest_types.hpp>

#include "support/counted.hpp"
#include "support/helpers.hpp"

namespace {

using arena_arc::AllocatorStats;
using arena_arc_testing::Counted;
using arena_arc_testing::counted_from;
using arena_arc_testing::counting_resource;
using arena_arc_testing::init_failure;
using arena_arc_testing::int_sequence;
using arena_arc_testing::ints_from;
using arena_arc_testing::to_vector;

template <class RC>
class Rewind : public testing::Test {
 protected:
  using Alloc = arena_arc::Allocator<int, std::uint32_t, 8, RC>;
  counting_resource upstream;
  Alloc a{&upstream};
};
using Policies = arena_arc_testing::gtest_types<arena_arc_testing::refcount_policies>;
TYPED_TEST_SUITE(Rewind, Policies, arena_arc_testing::type_names);

TYPED_TEST(Rewind, WholeChunkSlicesDroppedAtOnceRunOnOneChunk) {
  const int* first = nullptr;
  for (int round = 0; round < 50; ++round) {
    const auto s = this->a.alloc(8, ints_from(round));
    EXPECT_EQ(to_vector(s), int_sequence(round, 8));
    if (round == 0) first = s.data();
    EXPECT_EQ(s.data(), first) << "round " << round;
  }
  EXPECT_EQ(this->upstream.allocations(), 1u);
  EXPECT_EQ(this->a.stats(), (AllocatorStats{1, 49, 0, 400, 0}));
}

TYPED_TEST(Rewind, StatsCountTheAbandonedRoomAsWaste) {
  (void)this->a.alloc(5, ints_from(0));            // dropped at once; 3 left
  const auto s = this->a.alloc(4, ints_from(10));  // a new chunk would keep 4: switch
  EXPECT_EQ(to_vector(s), int_sequence(10, 4));
  EXPECT_EQ(this->upstream.allocations(), 1u);
  EXPECT_EQ(this->a.stats(), (AllocatorStats{1, 1, 0, 9, 3}));
}

TYPED_TEST(Rewind, ALiveHandleKeepsItsChunk) {
  const auto kept = this->a.alloc(5, ints_from(0));
  // NOLINTNEXTLINE(performance-unnecessary-copy-initialization): a second handle is the point
  const auto copy = kept;
  const auto next = this->a.alloc(4, ints_from(10));
  EXPECT_NE(next.data(), kept.data());
  EXPECT_EQ(to_vector(copy), int_sequence(0, 5));
  EXPECT_EQ(to_vector(next), int_sequence(10, 4));
  EXPECT_EQ(this->a.stats(), (AllocatorStats{2, 0, 0, 9, 3}));
}

TYPED_TEST(Rewind, ACopyOutlivingTheOriginalKeepsTheChunk) {
  std::optional<arena_arc::ArcSlice<int, std::uint32_t, TypeParam>> copy;
  {
    const auto original = this->a.alloc(8, ints_from(0));
    copy = original.subslice(2, 3);
  }
  const auto next = this->a.alloc(8, ints_from(10));
  EXPECT_EQ(to_vector(*copy), int_sequence(2, 3));
  EXPECT_EQ(this->upstream.allocations(), 2u);
}

TYPED_TEST(Rewind, TheOldChunkIsKeptWhenItHasMoreRoomThanANewOne) {
  const int* base = nullptr;
  {
    const auto s = this->a.alloc(1, ints_from(0));
    base = s.data();
  }
  const auto full = this->a.alloc(8, ints_from(10));  // 7 left beats 0: a chunk of its own
  const auto rest = this->a.alloc(7, ints_from(20));  // the old chunk, right after element 0
  EXPECT_EQ(rest.data(), base + 1);
  EXPECT_EQ(to_vector(full), int_sequence(10, 8));
  EXPECT_EQ(this->upstream.allocations(), 2u);
  EXPECT_EQ(this->a.stats(), (AllocatorStats{2, 0, 0, 16, 0}));
}

TYPED_TEST(Rewind, AFailedFillLeavesTheAllocatorAsItWas) {
  const int* base = nullptr;
  {
    const auto s = this->a.alloc(5, ints_from(0));
    base = s.data();
  }
  const AllocatorStats before = this->a.stats();
  // 5 does not fit the 3 left, and a new chunk would keep no more than 3: a rewind.
  EXPECT_THROW((void)this->a.alloc(5,
                                   [](std::size_t i) {
                                     if (i == 3) throw init_failure{i};
                                     return 1;
                                   }),
               init_failure);
  const auto empty = this->a.try_alloc(5, [](std::size_t i) -> std::optional<int> {
    if (i == 4) return std::nullopt;
    return 1;
  });
  EXPECT_FALSE(empty.has_value());
  EXPECT_EQ(this->a.stats(), before);
  const auto rest = this->a.alloc(3, ints_from(30));  // still right after the first slice
  EXPECT_EQ(rest.data(), base + 5);
  EXPECT_EQ(to_vector(rest), int_sequence(30, 3));
  EXPECT_EQ(this->upstream.allocations(), 1u);
}

TYPED_TEST(Rewind, NoRewindWithRecyclingOff) {
  this->a.set_recycle_limit(0);
  for (int round = 0; round < 3; ++round) (void)this->a.alloc(8, ints_from(round));
  EXPECT_EQ(this->upstream.allocations(), 3u);
  EXPECT_EQ(this->a.stats().chunks_reused, 0u);
}

TYPED_TEST(Rewind, ElementsWithADestructorAreNeverRewound) {
  const arena_arc_testing::lifecycle_scope scope;
  {
    arena_arc::Allocator<Counted, std::uint32_t, 8, TypeParam> b(&this->upstream);
    for (int round = 0; round < 3; ++round) (void)b.alloc(8, counted_from(8 * round));
    // Each chunk dies when the allocator leaves it for the next one (taken before the old one
    // is left: a second chunk from upstream, then recycling alternates between the two).
    EXPECT_EQ(b.stats(), (AllocatorStats{2, 1, 0, 24, 0}));
    EXPECT_EQ(arena_arc_testing::lifecycle().destroyed().size(), 16u);
  }
  std::vector<int> expected;
  for (int round = 0; round < 3; ++round) {
    for (int i = 7; i >= 0; --i) expected.push_back(8 * round + i);
  }
  EXPECT_EQ(arena_arc_testing::lifecycle().destroyed(), expected);
}

}  // namespace
