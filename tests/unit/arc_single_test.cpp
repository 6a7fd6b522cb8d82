// ArcSingle: the read-only handle to one element — access, copies, moves, swap, and the
// conversions from and to ArcSlice.
#include <arena_arc/arena_arc.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "support/counted.hpp"
#include "support/helpers.hpp"

namespace {

using arena_arc_testing::Counted;
using arena_arc_testing::counted_from;
using arena_arc_testing::ints_from;
using arena_arc_testing::lifecycle;

struct point {
  int x;
  int y;
};

class ArcSingleTest : public ::testing::Test {
 protected:
  arena_arc::Allocator<int, std::uint32_t, 16> ints_;
  arena_arc::Allocator<point, std::uint32_t, 16> points_;
  arena_arc::Allocator<Counted, std::uint32_t, 16> counted_;

 private:
  arena_arc_testing::lifecycle_scope scope_;
};

using Single = arena_arc::ArcSingle<int>;
using CountedSingle = arena_arc::ArcSingle<Counted>;

TEST_F(ArcSingleTest, GetStarAndArrowReachTheSameElement) {
  const auto p = points_.alloc_value(point{3, 4});
  EXPECT_EQ(p.get().x, 3);
  EXPECT_EQ((*p).y, 4);
  EXPECT_EQ(p->x, 3);
  EXPECT_EQ(&*p, &p.get());
  EXPECT_EQ(p.operator->(), &p.get());
}

TEST_F(ArcSingleTest, CopiesAliasTheSameElement) {
  const Single s = ints_.alloc_value(9);
  // NOLINTNEXTLINE(performance-unnecessary-copy-initialization): the copy is under test
  const Single copy(s);
  Single assigned = ints_.alloc_value(0);
  assigned = s;
  EXPECT_EQ(&copy.get(), &s.get());
  EXPECT_EQ(&assigned.get(), &s.get());
  EXPECT_EQ(*assigned, 9);
}

TEST_F(ArcSingleTest, AMovedFromSingleCanBeAssignedAgain) {
  Single s = ints_.alloc_value(1);
  const int* element = &s.get();
  Single moved(std::move(s));
  EXPECT_EQ(&moved.get(), element);

  s = ints_.alloc_value(2);  // NOLINT(bugprone-use-after-move): assigning revives it
  EXPECT_EQ(*s, 2);
  Single target = ints_.alloc_value(3);
  target = std::move(moved);
  EXPECT_EQ(&target.get(), element);
  moved = target;  // NOLINT(bugprone-use-after-move)
  EXPECT_EQ(&moved.get(), element);
}

TEST_F(ArcSingleTest, ACopyOfAMovedFromSingleHoldsNothing) {
  std::optional<arena_arc::Allocator<Counted, std::uint32_t, 16>> a(std::in_place);
  CountedSingle s = a->emplace(5);
  CountedSingle moved(std::move(s));
  const CountedSingle copy(s);  // NOLINT(bugprone-use-after-move): copies the moved-from state
  CountedSingle assigned = a->emplace(6);
  a.reset();
  assigned = copy;  // releases element 6; the chunk lives on through `moved`
  EXPECT_TRUE(lifecycle().destroyed().empty());
  moved = copy;  // the last reference: had `copy` taken one, nothing would be destroyed here
  EXPECT_EQ(lifecycle().destroyed(), (std::vector<int>{6, 5}));
}

TEST_F(ArcSingleTest, AssignmentReleasesTheTargetsOldElement) {
  // Each single sits in a chunk of its own (capacity 1), so a release is visible at once.
  arena_arc::Allocator<Counted, std::uint32_t, 16> one_per_chunk(1);
  CountedSingle target = one_per_chunk.alloc_single([] { return Counted(1); });
  CountedSingle source = one_per_chunk.alloc_single([] { return Counted(2); });
  const CountedSingle other = one_per_chunk.alloc_single([] { return Counted(3); });
  std::optional<decltype(one_per_chunk)> gone(std::move(one_per_chunk));
  gone.reset();

  target = other;
  EXPECT_EQ(lifecycle().destroyed(), std::vector<int>{1});
  source = std::move(target);
  EXPECT_EQ(lifecycle().destroyed(), (std::vector<int>{1, 2}));
  EXPECT_EQ(source->id(), 3);
}

TEST_F(ArcSingleTest, SelfAssignmentIsSafe) {
  Single s = ints_.alloc_value(5);
  const Single& same = s;
  s = same;
  EXPECT_EQ(*s, 5);
  Single& also_same = s;
  s = std::move(also_same);
  EXPECT_EQ(*s, 5);
}

TEST_F(ArcSingleTest, SwapExchangesTheHandles) {
  Single a = ints_.alloc_value(1);
  Single b = ints_.alloc_value(2);
  a.swap(b);
  EXPECT_EQ(*a, 2);
  EXPECT_EQ(*b, 1);
  using std::swap;
  swap(a, b);  // the friend swap, found by argument-dependent lookup
  EXPECT_EQ(*a, 1);
  EXPECT_EQ(*b, 2);
}

TEST_F(ArcSingleTest, FromSliceTakesTheOnlyElement) {
  const auto slice = ints_.alloc(1, ints_from(7));
  const Single single = Single::from_slice(slice);
  EXPECT_EQ(&single.get(), slice.data());
  EXPECT_EQ(*single, 7);

  auto part = ints_.alloc(5, ints_from(10)).subslice(3, 1);
  const int* element = part.data();
  const Single from_part = Single::from_slice(std::move(part));
  EXPECT_EQ(&from_part.get(), element);
  EXPECT_EQ(*from_part, 13);
  EXPECT_TRUE(part.empty());  // NOLINT(bugprone-use-after-move): the handle was moved in
}

TEST_F(ArcSingleTest, TryFromSliceTakesTheOnlyElement) {
  const auto slice = ints_.alloc(1, ints_from(8));
  const std::optional<Single> single = Single::try_from_slice(slice);
  ASSERT_TRUE(single.has_value());
  EXPECT_EQ(&single->get(), slice.data());
}

TEST_F(ArcSingleTest, TryFromSliceOfAnotherSizeIsEmptyAndDropsTheSlice) {
  EXPECT_FALSE(Single::try_from_slice(arena_arc::ArcSlice<int>{}).has_value());
  EXPECT_FALSE(Single::try_from_slice(ints_.alloc(2, ints_from(0))).has_value());

  // The slice passed in is released: a dedicated chunk (17 > 16) dies right away.
  EXPECT_FALSE(CountedSingle::try_from_slice(counted_.alloc(17, counted_from(0))).has_value());
  EXPECT_EQ(lifecycle().destroyed().size(), 17u);
}

TEST_F(ArcSingleTest, ToSliceIsALengthOneSliceOfTheSameElement) {
  const Single s = ints_.alloc_value(11);
  const arena_arc::ArcSlice<int> slice = s.to_slice();
  EXPECT_EQ(slice.size(), 1u);
  EXPECT_EQ(slice.data(), &s.get());
  EXPECT_EQ(*s, 11) << "to_slice leaves the single as it was";
}

TEST_F(ArcSingleTest, EachHandleKeepsTheElementAlive) {
  std::optional single(counted_.alloc_single([] { return Counted(1); }));
  const auto slice = single->to_slice();
  single.reset();
  {
    auto moved_out = std::move(counted_);  // the allocator leaves the chunk
  }
  EXPECT_TRUE(lifecycle().destroyed().empty());
  const CountedSingle again = CountedSingle::from_slice(slice);
  EXPECT_EQ(again->id(), 1);
}

TEST_F(ArcSingleTest, HoldsNonTrivialValues) {
  arena_arc::Allocator<std::string, std::uint32_t, 4> strings;
  const auto s = strings.alloc_single([] { return std::string(100, 'x'); });
  EXPECT_EQ(s->size(), 100u);
  EXPECT_EQ(s->front(), 'x');
}

}  // namespace
