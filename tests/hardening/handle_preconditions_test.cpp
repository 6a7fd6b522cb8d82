// The O(1) handle preconditions (level fast and above): operator[], front(), back(), get() on a
// moved-from ArcSingle, ArcSlice(ArcSingle) from a moved-from single.
//
// Where a level compiles a check out, the test still runs the operation when the input keeps it
// well defined: an index past a sub-slice's end that is inside its parent, an empty sub-slice in
// the middle of a chunk. Inputs with no defined behaviour without the check (get() on a
// moved-from single, back() of an empty slice) run only at the levels that check them.
#include <arena_arc/arena_arc.hpp>

#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>

#include <arena_arc_testing/hardening_levels.hpp>
#include <arena_arc_testing/violation_capture.hpp>

namespace {

using arena_arc_testing::expected_when;
using arena_arc_testing::fast_checks;
using arena_arc_testing::violation_of;
using Alloc = arena_arc::Allocator<int, std::uint8_t, 16>;
using Slice = Alloc::slice_type;
using Single = Alloc::single_type;

// Elements 0, 10, 20, 30 at the start of one chunk.
Slice four_tens(Alloc& a) {
  return a.alloc(4, [](std::size_t i) { return static_cast<int>(i) * 10; });
}

TEST(HandlePreconditions, SubscriptInRangeNeverReports) {
  Alloc a;
  const Slice s = four_tens(a);
  int value = -1;
  EXPECT_EQ(violation_of([&] { value = s[3]; }), std::nullopt);
  EXPECT_EQ(value, 30);
}

TEST(HandlePreconditions, SubscriptPastSize) {
  Alloc a;
  const Slice parent = four_tens(a);
  const Slice head = parent.first(2);
  // Index 2 is past head's end but inside parent: a live element, so reading it is defined
  // where the check is compiled out.
  int value = -1;
  EXPECT_EQ(violation_of([&] { value = head[2]; }),
            expected_when(fast_checks, "ArcSlice::operator[] index"));
  EXPECT_EQ(value, fast_checks ? -1 : 20);
}

TEST(HandlePreconditions, FrontOfEmptySlice) {
  Alloc a;
  const Slice parent = four_tens(a);
  // An empty slice that still points into its chunk, at parent's element 2.
  const Slice empty_middle = parent.subslice(2, 0);
  ASSERT_TRUE(empty_middle.empty());
  int value = -1;
  EXPECT_EQ(violation_of([&] { value = empty_middle.front(); }),
            expected_when(fast_checks, "ArcSlice::front non-empty"));
  EXPECT_EQ(value, fast_checks ? -1 : 20);
}

TEST(HandlePreconditions, FrontAndBackOfNonEmptySliceNeverReport) {
  Alloc a;
  const Slice s = four_tens(a);
  int front = -1;
  int back = -1;
  EXPECT_EQ(violation_of([&] { front = s.front(); }), std::nullopt);
  EXPECT_EQ(violation_of([&] { back = s.back(); }), std::nullopt);
  EXPECT_EQ(front, 0);
  EXPECT_EQ(back, 30);
}

TEST(HandlePreconditions, SingleFromMovedFromSingle) {
  Alloc a;
  Single single = a.alloc_value(7);
  const Single taken = std::move(single);
  std::optional<Slice> made;
  // Without the check the constructor takes the (null) chunk and yields an empty slice.
  // NOLINTNEXTLINE(bugprone-use-after-move): converting a moved-from single is under test
  EXPECT_EQ(violation_of([&] { made.emplace(std::move(single)); }),
            expected_when(fast_checks, "ArcSlice(ArcSingle) not moved-from"));
  EXPECT_EQ(made.has_value() && made->empty(), !fast_checks);
  EXPECT_EQ(*taken, 7);
}

TEST(HandlePreconditions, SingleFromLiveSingleNeverReports) {
  Alloc a;
  std::optional<Slice> made;
  EXPECT_EQ(violation_of([&] { made.emplace(a.alloc_value(7)); }), std::nullopt);
  ASSERT_TRUE(made.has_value());
  EXPECT_EQ(made->size(), 1U);
  EXPECT_EQ(made->front(), 7);
}

#if ARENA_ARC_HARDENING >= ARENA_ARC_HARDENING_FAST

TEST(HandlePreconditions, BackOfEmptySlice) {
  Alloc a;
  const Slice parent = four_tens(a);
  const Slice empty_middle = parent.subslice(2, 0);
  EXPECT_EQ(violation_of([&] { static_cast<void>(empty_middle.back()); }),
            std::optional<std::string>("ArcSlice::back non-empty"));
  const Slice empty;
  EXPECT_EQ(violation_of([&] { static_cast<void>(empty.back()); }),
            std::optional<std::string>("ArcSlice::back non-empty"));
  EXPECT_EQ(violation_of([&] { static_cast<void>(empty.front()); }),
            std::optional<std::string>("ArcSlice::front non-empty"));
}

TEST(HandlePreconditions, GetOnMovedFromSingle) {
  Alloc a;
  Single single = a.alloc_value(7);
  const Single taken = std::move(single);
  // The moved-from handle is read on purpose: that is the precondition under test.
  // NOLINTBEGIN(bugprone-use-after-move)
  EXPECT_EQ(violation_of([&] { static_cast<void>(single.get()); }),
            std::optional<std::string>("ArcSingle::get not moved-from"));
  EXPECT_EQ(violation_of([&] { static_cast<void>(*single); }),
            std::optional<std::string>("ArcSingle::get not moved-from"));
  EXPECT_EQ(violation_of([&] { static_cast<void>(single.operator->()); }),
            std::optional<std::string>("ArcSingle::get not moved-from"));
  // NOLINTEND(bugprone-use-after-move)
  EXPECT_EQ(taken.get(), 7);
}

#endif

}  // namespace
