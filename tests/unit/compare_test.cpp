// Comparison by content: ArcSlice == and <=> against slices of any index type and policy and
// against contiguous ranges of T; ArcSingle by value; the O(1) identity shortcut and where it
// must not apply (NaN, class types by default); the constraints.
#include <arena_arc/arena_arc.hpp>

#include <array>
#include <compare>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <gtest/gtest.h>
#include <arena_arc_testing/violation_capture.hpp>

#include "support/helpers.hpp"

namespace {

using arena_arc_testing::ints_from;

// An element whose == and <=> count their calls, so that a test can tell whether the elements
// were read. `reflexive_tally` is identical but declared reflexive below.
template <int Tag>
struct tallied {
  int value;
  static inline int comparisons = 0;
  friend bool operator==(const tallied& a, const tallied& b) {
    ++comparisons;
    return a.value == b.value;
  }
  friend std::strong_ordering operator<=>(const tallied& a, const tallied& b) {
    ++comparisons;
    return a.value <=> b.value;
  }
};
using plain_tally = tallied<0>;
using reflexive_tally = tallied<1>;

struct no_equality {
  int value;
};

}  // namespace

template <>
struct arena_arc::identity_implies_equal<reflexive_tally> : std::true_type {};

namespace {

class CompareTest : public ::testing::Test {
 protected:
  arena_arc::Allocator<int, std::uint32_t, 16> ints_;
  arena_arc::Allocator<char, std::uint32_t, 64> chars_;
  arena_arc::Allocator<double, std::uint32_t, 16> doubles_;

  arena_arc::ArcSlice<char> text(std::string_view s) { return chars_.alloc_copy(s); }
};

TEST_F(CompareTest, EqualContentsInDifferentChunksAreEqual) {
  const auto a = ints_.alloc(5, ints_from(1));
  arena_arc::Allocator<int, std::uint32_t, 16> other;
  const auto b = other.alloc(5, ints_from(1));
  ASSERT_NE(a.data(), b.data());
  EXPECT_TRUE(a == b);
  EXPECT_FALSE(a != b);
  EXPECT_EQ(a <=> b, std::strong_ordering::equal);
}

TEST_F(CompareTest, LengthOrOneElementMakesADifference) {
  const auto a = ints_.alloc(5, ints_from(1));
  const auto shorter = ints_.alloc(4, ints_from(1));
  const auto changed = ints_.alloc(5, [](std::size_t i) { return i == 3 ? 99 : int(i) + 1; });
  EXPECT_NE(a, shorter);
  EXPECT_NE(a, changed);
  EXPECT_NE(a, a.first(4));
  EXPECT_EQ(a.first(4), shorter);
}

TEST_F(CompareTest, EmptySlicesAreEqualWhereverTheyComeFrom) {
  const auto empty = arena_arc::ArcSlice<int>();
  const auto also_empty = ints_.alloc(3, ints_from(0)).subslice(1, 0);
  EXPECT_EQ(empty, also_empty);
  EXPECT_EQ(empty, std::vector<int>{});
  EXPECT_EQ(empty <=> also_empty, std::strong_ordering::equal);
  EXPECT_LT(empty, ints_.alloc(1, ints_from(0)));
}

TEST_F(CompareTest, ComparesWithContiguousRangesOfTheSameElementType) {
  const auto s = ints_.alloc(3, ints_from(1));
  const std::vector<int> v{1, 2, 3};
  const std::array<int, 3> a{1, 2, 3};
  const std::span<const int> sp(v);
  EXPECT_TRUE(s == v);
  EXPECT_TRUE(v == s);  // rewritten by C++20
  EXPECT_TRUE(s == a);
  EXPECT_TRUE(a == s);
  EXPECT_TRUE(s == sp);
  EXPECT_TRUE(sp == s);
  const std::vector<int> one_two{1, 2};
  const std::vector<int> one_two_four{1, 2, 4};
  EXPECT_TRUE(s != one_two);
  EXPECT_TRUE(one_two_four != s);
  EXPECT_TRUE(s < one_two_four);
  EXPECT_TRUE(one_two_four > s);
  EXPECT_TRUE(s > one_two);
  EXPECT_TRUE(one_two < s);
}

TEST_F(CompareTest, CharacterSlicesCompareWithStringViewsAndStrings) {
  const auto hello = text("hello");
  EXPECT_TRUE(hello == std::string_view("hello"));
  EXPECT_TRUE(std::string_view("hello") == hello);
  EXPECT_TRUE(hello == std::string("hello"));
  EXPECT_TRUE(hello != std::string_view("hell"));
  EXPECT_TRUE(hello < std::string_view("help"));
  EXPECT_TRUE(std::string_view("hellp") > hello);
  EXPECT_EQ(hello <=> std::string_view("hello"), std::strong_ordering::equal);
}

TEST_F(CompareTest, OrderIsLexicographic) {
  const auto ab = text("ab");
  const auto abc = text("abc");
  const auto b = text("b");
  EXPECT_LT(ab, abc);  // a proper prefix comes first
  EXPECT_LT(abc, b);   // the first difference decides, not the length
  EXPECT_GT(b, ab);
  EXPECT_LE(ab, ab);
  EXPECT_GE(b, b);
  EXPECT_EQ(ab <=> abc, std::strong_ordering::less);
  EXPECT_EQ(b <=> abc, std::strong_ordering::greater);
}

TEST_F(CompareTest, SlicesOfOtherIndexTypesAndPoliciesCompare) {
  const auto a = ints_.alloc(4, ints_from(7));
  arena_arc::Allocator<int, std::uint8_t, 8, arena_arc::local_refcount> local;
  const auto b = local.alloc(4, ints_from(7));
  const auto c = local.alloc(4, ints_from(8));
  EXPECT_TRUE(a == b);
  EXPECT_TRUE(b == a);
  EXPECT_TRUE(a < c);
  EXPECT_TRUE(c > a);
}

TEST_F(CompareTest, FloatingPointFollowsTheElementsAndHasNoIdentityShortcut) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const auto with_nan = doubles_.alloc(2, [nan](std::size_t i) { return i == 0 ? 1.0 : nan; });
  const auto same_handle = with_nan;
  static_assert(std::is_same_v<decltype(with_nan <=> same_handle), std::partial_ordering>);
  EXPECT_FALSE(with_nan == same_handle);  // as std::vector<double>: a NaN is not equal to itself
  EXPECT_EQ(with_nan <=> same_handle, std::partial_ordering::unordered);
  const auto zeros = doubles_.alloc(1, [](std::size_t) { return 0.0; });
  const std::vector<double> negative_zero{-0.0};
  EXPECT_TRUE(zeros == negative_zero);  // element ==, not bytes
}

TEST_F(CompareTest, TwoHandlesOfTheSameElementsAreEqualWithoutReadingThem) {
  arena_arc::Allocator<reflexive_tally, std::uint32_t, 16> alloc;
  const auto a = alloc.alloc(8, [](std::size_t i) { return reflexive_tally{int(i)}; });
  const auto copy = a;
  reflexive_tally::comparisons = 0;
  EXPECT_TRUE(a == copy);
  EXPECT_TRUE(a.subslice(2, 3) == a.subslice(2, 3));
  EXPECT_TRUE(a == a.get());  // the same elements seen through a span
  EXPECT_EQ(a <=> copy, std::strong_ordering::equal);
  EXPECT_EQ(reflexive_tally::comparisons, 0);
  // Overlapping but not the same: the elements are compared.
  EXPECT_FALSE(a.subslice(0, 3) == a.subslice(1, 3));
  EXPECT_GT(reflexive_tally::comparisons, 0);
}

TEST_F(CompareTest, ClassTypesAreComparedElementByElementUnlessDeclaredReflexive) {
  static_assert(!arena_arc::identity_implies_equal_v<plain_tally>);
  static_assert(!arena_arc::identity_implies_equal_v<double>);
  static_assert(arena_arc::identity_implies_equal_v<int>);
  static_assert(arena_arc::identity_implies_equal_v<const char*>);
  arena_arc::Allocator<plain_tally, std::uint32_t, 16> alloc;
  const auto a = alloc.alloc(8, [](std::size_t i) { return plain_tally{int(i)}; });
  const auto copy = a;
  plain_tally::comparisons = 0;
  EXPECT_TRUE(a == copy);
  EXPECT_EQ(plain_tally::comparisons, 8);
}

TEST_F(CompareTest, DifferentLengthsAreUnequalWithoutReadingTheElements) {
  arena_arc::Allocator<plain_tally, std::uint32_t, 16> alloc;
  const auto a = alloc.alloc(8, [](std::size_t i) { return plain_tally{int(i)}; });
  plain_tally::comparisons = 0;
  EXPECT_FALSE(a == a.first(7));
  EXPECT_EQ(plain_tally::comparisons, 0);
}

TEST_F(CompareTest, SinglesCompareByValue) {
  const auto three = ints_.alloc_value(3);
  const auto other_three = ints_.alloc_value(3);
  const auto four = ints_.alloc_value(4);
  EXPECT_EQ(three, other_three);
  EXPECT_NE(three, four);
  EXPECT_LT(three, four);
  EXPECT_EQ(three <=> other_three, std::strong_ordering::equal);
  EXPECT_TRUE(three == 3);
  EXPECT_TRUE(3 == three);
  EXPECT_TRUE(three < 4);
  EXPECT_TRUE(4 > three);
  arena_arc::Allocator<int, std::uint16_t, 4, arena_arc::local_refcount> local;
  EXPECT_TRUE(local.alloc_value(3) == three);
}

TEST_F(CompareTest, TheSameSingleIsEqualWithoutReadingItWhenReflexive) {
  arena_arc::Allocator<reflexive_tally, std::uint32_t, 16> reflexive;
  const auto r = reflexive.alloc_value(reflexive_tally{5});
  const auto r_copy = r;
  arena_arc::Allocator<plain_tally, std::uint32_t, 16> plain;
  const auto p = plain.alloc_value(plain_tally{5});
  const auto p_copy = p;
  reflexive_tally::comparisons = 0;
  plain_tally::comparisons = 0;
  EXPECT_TRUE(r == r_copy);
  EXPECT_EQ(r <=> r_copy, std::strong_ordering::equal);
  EXPECT_TRUE(p == p_copy);
  EXPECT_EQ(reflexive_tally::comparisons, 0);
  EXPECT_EQ(plain_tally::comparisons, 1);
}

// Hardening NONE does not check get()'s precondition: reading a moved-from handle is undefined
// there, so the test exists only where the level checks it (FAST and above).
#if ARENA_ARC_HARDENING != ARENA_ARC_HARDENING_NONE
TEST_F(CompareTest, AMovedFromSingleIsAViolationWhenCompared) {
  arena_arc_testing::throwing_violation_scope scope;
  auto a = ints_.alloc_value(1);
  const auto b = ints_.alloc_value(1);
  const auto taken = std::move(a);
  // NOLINTNEXTLINE(bugprone-use-after-move): reading a moved-from handle is the point
  EXPECT_EQ(arena_arc_testing::violation_of([&] { return a == b; }),
            "ArcSingle::get not moved-from");
  EXPECT_TRUE(taken == b);
}
#endif

// The constraints: no operator where T has none, and no mixing of element types.
template <class A, class B>
concept equality_between = requires(const A& a, const B& b) {
  a == b;
};
template <class A, class B>
concept order_between = requires(const A& a, const B& b) {
  a < b;
};

static_assert(equality_between<arena_arc::ArcSlice<int>, std::vector<int>>);
static_assert(equality_between<std::vector<int>, arena_arc::ArcSlice<int>>);
static_assert(!equality_between<arena_arc::ArcSlice<int>, std::vector<long>>);
static_assert(
    !equality_between<arena_arc::ArcSlice<no_equality>, arena_arc::ArcSlice<no_equality>>);
static_assert(
    !equality_between<arena_arc::ArcSingle<no_equality>, arena_arc::ArcSingle<no_equality>>);
static_assert(!order_between<arena_arc::ArcSlice<no_equality>, arena_arc::ArcSlice<no_equality>>);
// A character array literal would compare its NUL: refused, pass a std::string_view.
static_assert(!equality_between<arena_arc::ArcSlice<char>, char[4]>);
static_assert(equality_between<arena_arc::ArcSlice<int>, int[3]>);
static_assert(!equality_between<arena_arc::ArcSlice<int>, arena_arc::ArcSingle<int>>);

}  // namespace
