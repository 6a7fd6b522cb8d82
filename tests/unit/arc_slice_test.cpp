// ArcSlice: the read-only, reference-counted slice handle — access, views, copies, moves, swap,
// and the conversion from ArcSingle.
#include <arena_arc/arena_arc.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <ranges>
#include <span>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "support/counted.hpp"
#include "support/helpers.hpp"

namespace {

using arena_arc_testing::Counted;
using arena_arc_testing::counted_from;
using arena_arc_testing::id_sequence;
using arena_arc_testing::ids_of;
using arena_arc_testing::int_sequence;
using arena_arc_testing::ints_from;
using arena_arc_testing::lifecycle;
using arena_arc_testing::to_vector;

using Slice = arena_arc::ArcSlice<int>;
using CountedSlice = arena_arc::ArcSlice<Counted>;

class ArcSliceTest : public ::testing::Test {
 protected:
  arena_arc::Allocator<int, std::uint32_t, 64> ints_;
  arena_arc::Allocator<Counted, std::uint32_t, 64> counted_;

 private:
  arena_arc_testing::lifecycle_scope scope_;
};

std::size_t span_size(std::span<const int> s) { return s.size(); }

TEST_F(ArcSliceTest, DefaultConstructedIsEmpty) {
  const Slice s;
  EXPECT_TRUE(s.empty());
  EXPECT_EQ(s.size(), 0u);
  EXPECT_EQ(s.data(), nullptr);
  EXPECT_EQ(s.begin(), s.end());
  EXPECT_TRUE(s.get().empty());
}

TEST_F(ArcSliceTest, GetIsASpanOverTheElements) {
  const Slice s = ints_.alloc(5, ints_from(10));
  const std::span<const int> view = s.get();
  EXPECT_EQ(view.data(), s.data());
  EXPECT_EQ(view.size(), 5u);
  EXPECT_EQ(to_vector(view), int_sequence(10, 5));
}

TEST_F(ArcSliceTest, ConvertsImplicitlyToSpan) {
  const Slice s = ints_.alloc(4, ints_from(0));
  const std::span<const int> view = s;
  EXPECT_EQ(view.data(), s.data());
  EXPECT_EQ(span_size(s), 4u);
}

TEST_F(ArcSliceTest, DataSizeEmptyBeginEndDescribeTheElements) {
  const Slice s = ints_.alloc(3, ints_from(7));
  EXPECT_FALSE(s.empty());
  EXPECT_EQ(s.size(), 3u);
  EXPECT_EQ(s.begin(), s.data());
  EXPECT_EQ(s.end(), s.data() + 3);
  EXPECT_EQ(s.data()[0], 7);
  EXPECT_EQ(s.data()[2], 9);
}

TEST_F(ArcSliceTest, WorksWithRangeForAndRangesAlgorithms) {
  const Slice s = ints_.alloc(6, ints_from(1));
  int sum = 0;
  for (const int v : s) sum += v;
  EXPECT_EQ(sum, 21);
  EXPECT_TRUE(std::ranges::equal(s, int_sequence(1, 6)));
  EXPECT_EQ(std::ranges::find(s, 4), s.begin() + 3);
  EXPECT_EQ(std::ranges::size(s), 6u);
  EXPECT_EQ(std::ranges::data(s), s.data());
}

TEST_F(ArcSliceTest, IndexFrontBackAndAtReadTheElements) {
  const Slice s = ints_.alloc(4, ints_from(20));
  EXPECT_EQ(s[0], 20);
  EXPECT_EQ(s[3], 23);
  EXPECT_EQ(&s[1], s.data() + 1);
  EXPECT_EQ(s.front(), 20);
  EXPECT_EQ(s.back(), 23);
  EXPECT_EQ(&s.back(), s.data() + 3);
  EXPECT_EQ(s.at(2), 22);
  EXPECT_EQ(&s.at(2), s.data() + 2);
}

TEST_F(ArcSliceTest, SubsliceFirstAndLastShareTheElements) {
  const Slice s = ints_.alloc(8, ints_from(0));
  const Slice mid = s.subslice(2, 4);
  const Slice head = s.first(3);
  const Slice tail = s.last(2);

  EXPECT_EQ(mid.data(), s.data() + 2);
  EXPECT_EQ(to_vector(mid), int_sequence(2, 4));
  EXPECT_EQ(head.data(), s.data());
  EXPECT_EQ(to_vector(head), int_sequence(0, 3));
  EXPECT_EQ(tail.data(), s.data() + 6);
  EXPECT_EQ(to_vector(tail), int_sequence(6, 2));
}

TEST_F(ArcSliceTest, SubslicesCompose) {
  const Slice s = ints_.alloc(10, ints_from(0));
  const Slice nested = s.subslice(2, 7).subslice(1, 5).last(3).first(2);
  EXPECT_EQ(nested.data(), s.data() + 5);
  EXPECT_EQ(to_vector(nested), int_sequence(5, 2));
}

TEST_F(ArcSliceTest, EmptyPartsAtTheEdgesAreAllowed) {
  const Slice s = ints_.alloc(4, ints_from(0));
  EXPECT_TRUE(s.subslice(4, 0).empty());
  EXPECT_TRUE(s.subslice(0, 0).empty());
  EXPECT_TRUE(s.first(0).empty());
  EXPECT_TRUE(s.last(0).empty());
  EXPECT_EQ(s.subslice(0, 4).data(), s.data());
  EXPECT_EQ(s.last(4).size(), 4u);

  const Slice none;
  EXPECT_TRUE(none.subslice(0, 0).empty());
  EXPECT_TRUE(none.first(0).empty());
  EXPECT_TRUE(none.last(0).empty());
}

TEST_F(ArcSliceTest, ASubsliceKeepsTheElementsAliveWithoutTheOriginal) {
  std::optional<CountedSlice> whole(counted_.alloc(6, counted_from(0)));
  const CountedSlice part = whole->subslice(1, 2);
  whole.reset();
  {
    auto moved_out = std::move(counted_);  // the allocator leaves: only `part` holds the chunk
  }
  EXPECT_TRUE(lifecycle().destroyed().empty());
  EXPECT_EQ(ids_of(part), id_sequence(1, 2));
}

TEST_F(ArcSliceTest, CopiesAliasTheSameElements) {
  const Slice s = ints_.alloc(3, ints_from(0));
  // NOLINTNEXTLINE(performance-unnecessary-copy-initialization): the copy is under test
  const Slice copy(s);
  Slice assigned;
  assigned = s;
  EXPECT_EQ(copy.data(), s.data());
  EXPECT_EQ(copy.size(), s.size());
  EXPECT_EQ(assigned.data(), s.data());
  EXPECT_EQ(assigned.size(), 3u);
}

TEST_F(ArcSliceTest, MoveLeavesTheSourceEmpty) {
  Slice s = ints_.alloc(3, ints_from(0));
  const int* data = s.data();
  Slice moved(std::move(s));
  EXPECT_EQ(moved.data(), data);
  EXPECT_EQ(moved.size(), 3u);
  EXPECT_TRUE(s.empty());  // NOLINT(bugprone-use-after-move): moved-from state is specified
  EXPECT_EQ(s.data(), nullptr);

  Slice target;
  target = std::move(moved);
  EXPECT_EQ(target.data(), data);
  EXPECT_TRUE(moved.empty());  // NOLINT(bugprone-use-after-move)
}

TEST_F(ArcSliceTest, AssignmentReleasesTheTargetsOldElements) {
  // Dedicated chunks (longer than 64) die with their last handle, so releases are visible.
  CountedSlice target = counted_.alloc(65, counted_from(0));
  CountedSlice source = counted_.alloc(66, counted_from(100));
  const CountedSlice other = counted_.alloc(67, counted_from(200));

  target = other;
  EXPECT_EQ(lifecycle().destroyed().size(), 65u);
  EXPECT_EQ(lifecycle().destructions_of(64), 1);
  source = std::move(target);
  EXPECT_EQ(lifecycle().destroyed().size(), 65u + 66u);
  EXPECT_EQ(ids_of(source), id_sequence(200, 67));
}

TEST_F(ArcSliceTest, SelfAssignmentIsSafe) {
  CountedSlice s = counted_.alloc(70, counted_from(0));  // dedicated: dies with its last handle
  const CountedSlice& same = s;
  s = same;
  EXPECT_EQ(ids_of(s), id_sequence(0, 70));
  CountedSlice& also_same = s;
  s = std::move(also_same);
  EXPECT_EQ(ids_of(s), id_sequence(0, 70));
  EXPECT_TRUE(lifecycle().destroyed().empty());
}

TEST_F(ArcSliceTest, SwapExchangesTheHandles) {
  Slice a = ints_.alloc(2, ints_from(0));
  Slice b = ints_.alloc(5, ints_from(10));
  const int* a_data = a.data();
  const int* b_data = b.data();

  a.swap(b);
  EXPECT_EQ(a.data(), b_data);
  EXPECT_EQ(a.size(), 5u);
  EXPECT_EQ(b.data(), a_data);
  EXPECT_EQ(b.size(), 2u);

  using std::swap;
  swap(a, b);  // the friend swap, found by argument-dependent lookup
  EXPECT_EQ(a.data(), a_data);
  EXPECT_EQ(b.data(), b_data);

  Slice empty;
  swap(a, empty);
  EXPECT_TRUE(a.empty());
  EXPECT_EQ(empty.data(), a_data);
}

TEST_F(ArcSliceTest, ConstructsFromAnArcSingle) {
  const auto single = ints_.alloc_value(42);
  const Slice from_copy(single);
  EXPECT_EQ(from_copy.size(), 1u);
  EXPECT_EQ(from_copy.data(), &single.get());
  EXPECT_EQ(from_copy[0], 42);

  auto moved = ints_.alloc_value(43);
  const int* element = &moved.get();
  const Slice from_moved(std::move(moved));
  EXPECT_EQ(from_moved.size(), 1u);
  EXPECT_EQ(from_moved.data(), element);
}

TEST_F(ArcSliceTest, ASliceFromASingleKeepsTheElementAlive) {
  std::optional single(counted_.alloc_single([] { return Counted(5); }));
  const CountedSlice slice(std::move(*single));
  single.reset();
  { auto moved_out = std::move(counted_); }
  EXPECT_TRUE(lifecycle().destroyed().empty());
  EXPECT_EQ(ids_of(slice), std::vector<int>{5});
}

}  // namespace
