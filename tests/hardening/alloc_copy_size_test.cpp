// alloc_copy with a range whose size() promises more elements than it yields (level fast and
// above). The range below counts on past its end, so where the check is compiled out the extra
// reads are still defined and the slice simply holds the continued count.
#include <arena_arc/arena_arc.hpp>

#include <gtest/gtest.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <optional>
#include <ranges>
#include <string>
#include <utility>
#include <vector>

#include <arena_arc_testing/counted.hpp>
#include <arena_arc_testing/hardening_levels.hpp>
#include <arena_arc_testing/violation_capture.hpp>

namespace {

using arena_arc_testing::expected_when;
using arena_arc_testing::fast_checks;
using arena_arc_testing::violation_of;

// Yields 0, 1, 2, ... ; dereferencing is defined at every position, including past end().
struct counting_iterator {
  using value_type = int;
  using difference_type = std::ptrdiff_t;
  int value = 0;
  int operator*() const { return value; }
  counting_iterator& operator++() {
    ++value;
    return *this;
  }
  counting_iterator operator++(int) {
    counting_iterator before = *this;
    ++value;
    return before;
  }
  bool operator==(const counting_iterator&) const = default;
};
static_assert(std::forward_iterator<counting_iterator>);

// Iterates `yields` elements, counting from `first`, but reports `claims` as its size().
struct lying_range {
  int yields = 0;
  std::size_t claims = 0;
  int first = 0;
  [[nodiscard]] counting_iterator begin() const { return {first}; }
  [[nodiscard]] counting_iterator end() const { return {first + yields}; }
  [[nodiscard]] std::size_t size() const { return claims; }
};
static_assert(std::ranges::sized_range<lying_range>);
static_assert(!std::ranges::contiguous_range<lying_range>);

// A contiguous view [first, last) of a buffer that reports `claims` as its size(). Trivially
// copyable elements of the same type take alloc_copy's single-memcpy path, which checks the
// claim against last - first before copying. The buffers below are long enough that the copy
// stays inside them where the check is compiled out.
struct lying_span {
  const int* first;
  const int* last;
  std::size_t claims;
  [[nodiscard]] const int* begin() const { return first; }
  [[nodiscard]] const int* end() const { return last; }
  [[nodiscard]] std::size_t size() const { return claims; }
};
static_assert(std::ranges::contiguous_range<lying_span> && std::ranges::sized_range<lying_span>);

constexpr std::array<int, 8> buffer = {0, 1, 2, 3, 4, 5, 6, 7};

// alloc_copy(range) on an allocator of int: the violation it reports and the slice it made.
std::pair<std::optional<std::string>, std::vector<int>> copy_of(const lying_span& range) {
  arena_arc::Allocator<int, std::uint8_t, 16> a;
  std::optional<arena_arc::ArcSlice<int, std::uint8_t>> s;
  auto report = violation_of([&] { s.emplace(a.alloc_copy(range)); });
  return {report, s ? std::vector<int>(s->begin(), s->end()) : std::vector<int>{}};
}

TEST(AllocCopySize, HonestContiguousRangeNeverReports) {
  const auto [report, copied] = copy_of(lying_span{buffer.data(), buffer.data() + 3, 3});
  EXPECT_EQ(report, std::nullopt);
  EXPECT_EQ(copied, (std::vector<int>{0, 1, 2}));
}

TEST(AllocCopySize, ContiguousRangeShorterThanItsSize) {
  const auto [report, copied] = copy_of(lying_span{buffer.data(), buffer.data() + 3, 5});
  EXPECT_EQ(report, expected_when(fast_checks, "alloc_copy range size"));
  EXPECT_EQ(copied, (fast_checks ? std::vector<int>{} : std::vector<int>{0, 1, 2, 3, 4}));
}

TEST(AllocCopySize, ContiguousRangeEndingBeforeItsBegin) {
  const auto [report, copied] = copy_of(lying_span{buffer.data() + 4, buffer.data() + 1, 2});
  EXPECT_EQ(report, expected_when(fast_checks, "alloc_copy range size"));
  EXPECT_EQ(copied, (fast_checks ? std::vector<int>{} : std::vector<int>{4, 5}));
}

// The shared counted element over one ledger that counts live instances, to see that a failed
// copy destroys what it built.
struct counted_home {
  static arena_arc_testing::counter_set& ledger() noexcept {
    static arena_arc_testing::counter_set set;
    return set;
  }
};
using counted_base =
    arena_arc_testing::counted<arena_arc_testing::copy_identity::carry,
                               arena_arc_testing::move_identity::carry, counted_home>;
struct counted : counted_base {
  // NOLINTNEXTLINE(google-explicit-constructor): alloc_copy converts
  counted(int v) : counted_base(counted_home::ledger(), 0, static_cast<std::uint64_t>(v)) {}
  static std::ptrdiff_t live() noexcept { return counted_home::ledger().live(); }
};

TEST(AllocCopySize, HonestRangeNeverReports) {
  arena_arc::Allocator<int, std::uint8_t, 16> a;
  std::optional<arena_arc::ArcSlice<int, std::uint8_t>> s;
  EXPECT_EQ(violation_of([&] { s.emplace(a.alloc_copy(lying_range{5, 5})); }), std::nullopt);
  ASSERT_TRUE(s.has_value());
  EXPECT_EQ(std::vector<int>(s->begin(), s->end()), (std::vector<int>{0, 1, 2, 3, 4}));
}

TEST(AllocCopySize, RangeShorterThanItsSize) {
  arena_arc::Allocator<int, std::uint8_t, 16> a;
  std::optional<arena_arc::ArcSlice<int, std::uint8_t>> s;
  EXPECT_EQ(violation_of([&] {
              s.emplace(a.alloc_copy(lying_range{3, 5}));
            }),
            expected_when(fast_checks, "alloc_copy range size"));
  // Compiled out, the copy trusts size() and reads on past the end.
  const std::vector<int> expected =
      fast_checks ? std::vector<int>{} : std::vector<int>{0, 1, 2, 3, 4};
  EXPECT_EQ(s ? std::vector<int>(s->begin(), s->end()) : std::vector<int>{}, expected);
}

TEST(AllocCopySize, FailedCopyLeavesAllocatorAndElementsAsBefore) {
  arena_arc::Allocator<counted, std::uint8_t, 16> a;
  const auto kept = a.alloc_copy(lying_range{2, 2});
  const arena_arc::AllocatorStats before = a.stats();
  const auto report = violation_of([&] { static_cast<void>(a.alloc_copy(lying_range{3, 6})); });
  EXPECT_EQ(report, expected_when(fast_checks, "alloc_copy range size"));
  // Checked, the three elements it built are destroyed again and nothing else changes.
  // Unchecked, six elements are built and stay alive in the allocator's current chunk.
  arena_arc::AllocatorStats expected = before;
  expected.elements_allocated += fast_checks ? 0 : 6;
  EXPECT_EQ(counted::live(), fast_checks ? 2 : 8);
  EXPECT_EQ(a.stats(), expected);
  const auto next = a.alloc_copy(lying_range{1, 1});
  EXPECT_EQ(next[0].value(), 0U);
  EXPECT_EQ(kept[1].value(), 1U);
}

}  // namespace
