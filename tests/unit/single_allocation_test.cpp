// alloc_single, alloc_value and emplace: one element each, as an ArcSingle, placed by the same
// rules as alloc.
#include <arena_arc/arena_arc.hpp>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include <arena_arc_testing/counting_resource.hpp>

#include "support/counted.hpp"
#include "support/helpers.hpp"

namespace {

using arena_arc::AllocatorStats;
using arena_arc_testing::Counted;
using arena_arc_testing::lifecycle;

TEST(AllocSingle, CallsInitOnceWithNoArgument) {
  arena_arc::Allocator<int, std::uint32_t, 8> a;
  int calls = 0;
  const auto single = a.alloc_single([&calls] { return ++calls * 10; });
  EXPECT_EQ(calls, 1);
  EXPECT_EQ(*single, 10);
  EXPECT_EQ(a.stats().elements_allocated, 1u);
}

TEST(AllocSingle, ConvertsTheResultToT) {
  arena_arc::Allocator<std::string, std::uint32_t, 8> a;
  const auto single = a.alloc_single([] { return "converted"; });
  EXPECT_EQ(*single, "converted");
}

TEST(AllocValue, MovesTheValueIn) {
  arena_arc::Allocator<std::unique_ptr<int>, std::uint32_t, 8> a;
  auto owned = std::make_unique<int>(5);
  const int* target = owned.get();
  const auto single = a.alloc_value(std::move(owned));
  EXPECT_EQ(single->get(), target) << "moved, not copied";
  EXPECT_EQ(**single, 5);
}

TEST(AllocValue, BuildsExactlyOneElementThatLivesInTheChunk) {
  const arena_arc_testing::lifecycle_scope scope;
  {
    arena_arc::Allocator<Counted, std::uint32_t, 8> a;
    const auto single = a.alloc_value(Counted(3));
    EXPECT_EQ(single->id(), 3);
    EXPECT_EQ(lifecycle().live(), 1) << "the argument is gone, the element remains";
  }
  EXPECT_EQ(lifecycle().live(), 0);
}

TEST(Emplace, ForwardsAnyNumberOfArguments) {
  arena_arc::Allocator<std::string, std::uint32_t, 8> a;
  const auto none = a.emplace();
  const auto repeated = a.emplace(std::size_t{3}, 'z');
  const auto from_range = a.emplace("abcdef", std::size_t{2});
  EXPECT_EQ(*none, "");
  EXPECT_EQ(*repeated, "zzz");
  EXPECT_EQ(*from_range, "ab");
}

TEST(Emplace, ConstructsInPlaceWithoutATemporary) {
  const arena_arc_testing::lifecycle_scope scope;
  arena_arc::Allocator<Counted, std::uint32_t, 8> a;
  const auto single = a.emplace(9);
  EXPECT_EQ(lifecycle().constructed(), std::vector<int>{9});
  EXPECT_TRUE(lifecycle().destroyed().empty());
}

TEST(SingleAllocations, FollowThePlacementRules) {
  arena_arc_testing::counting_resource upstream;
  arena_arc::Allocator<int, std::uint32_t, 2> a(&upstream);
  const auto first = a.alloc_single([] { return 1; });
  const auto second = a.alloc_value(2);
  const auto third = a.emplace(3);  // the chunk of 2 is full: a new chunk
  EXPECT_EQ(&second.get(), &first.get() + 1);
  EXPECT_EQ(upstream.allocations(), 2u);
  EXPECT_NE(upstream.block_index_of(&third.get()), upstream.block_index_of(&first.get()));
  EXPECT_EQ(a.stats(), (AllocatorStats{2, 0, 0, 3, 0}));
}

}  // namespace
