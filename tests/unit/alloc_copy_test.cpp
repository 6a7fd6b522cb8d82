// alloc_copy: a slice holding a copy of any sized range whose elements convert to T, placed by
// the same rules as alloc. (Length errors: errors_test.cpp; a throwing conversion at every
// index: failure_strong_guarantee_test.cpp.)
#include <arena_arc/arena_arc.hpp>

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <list>
#include <ranges>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include <arena_arc_testing/counting_resource.hpp>

#include "support/counted.hpp"
#include "support/helpers.hpp"
#include "support/int_range.hpp"

namespace {

using arena_arc::AllocatorStats;
using arena_arc_testing::Counted;
using arena_arc_testing::counting_resource;
using arena_arc_testing::int_range;
using arena_arc_testing::int_sequence;
using arena_arc_testing::lifecycle;
using arena_arc_testing::to_vector;

using Alloc = arena_arc::Allocator<int, std::uint32_t, 8>;

TEST(AllocCopy, CopiesAContiguousRangeOfT) {
  Alloc a;
  std::vector<int> source = int_sequence(3, 6);
  const auto copy = a.alloc_copy(source);
  source[0] = 99;  // the slice owns its own copy
  EXPECT_EQ(to_vector(copy), int_sequence(3, 6));
  EXPECT_NE(copy.data(), source.data());
}

TEST(AllocCopy, CopiesArraysSpansAndOtherSlices) {
  Alloc a;
  const std::array<int, 3> array{7, 8, 9};
  const auto from_array = a.alloc_copy(array);
  const auto from_span = a.alloc_copy(std::span<const int>(array).subspan(1));
  const auto from_slice = a.alloc_copy(from_array);
  EXPECT_EQ(to_vector(from_array), (std::vector<int>{7, 8, 9}));
  EXPECT_EQ(to_vector(from_span), (std::vector<int>{8, 9}));
  EXPECT_EQ(to_vector(from_slice), (std::vector<int>{7, 8, 9}));
  EXPECT_NE(from_slice.data(), from_array.data());
}

TEST(AllocCopy, CopiesNonContiguousSizedRanges) {
  Alloc a;
  const std::list<int> list{1, 2, 3, 4};
  const std::deque<int> deque{5, 6};
  const auto from_list = a.alloc_copy(list);
  const auto from_deque = a.alloc_copy(deque);
  const auto from_generator = a.alloc_copy(int_range(10, 15));

  EXPECT_EQ(to_vector(from_list), int_sequence(1, 4));
  EXPECT_EQ(to_vector(from_deque), int_sequence(5, 2));
  EXPECT_EQ(to_vector(from_generator), int_sequence(10, 5));
}

// clang 14 cannot compile libstdc++ 12's views; int_range covers the same ground there.
#if !(defined(__clang__) && __clang_major__ < 15)
TEST(AllocCopy, CopiesStandardViews) {
  Alloc a;
  const auto from_iota = a.alloc_copy(std::views::iota(10, 15));
  const auto from_transform =
      a.alloc_copy(std::views::iota(0, 4) | std::views::transform([](int i) { return i * i; }));
  EXPECT_EQ(to_vector(from_iota), int_sequence(10, 5));
  EXPECT_EQ(to_vector(from_transform), (std::vector<int>{0, 1, 4, 9}));
}
#endif

TEST(AllocCopy, ConvertsElementsToT) {
  arena_arc::Allocator<long long, std::uint32_t, 8> wide;
  const std::vector<short> shorts{-1, 2, -3};
  EXPECT_EQ(to_vector(wide.alloc_copy(shorts)), (std::vector<long long>{-1, 2, -3}));

  arena_arc::Allocator<std::string, std::uint32_t, 8> strings;
  const std::array<const char*, 2> words{"alpha", "beta"};
  const auto copied = strings.alloc_copy(words);
  EXPECT_EQ(to_vector(copied), (std::vector<std::string>{"alpha", "beta"}));
}

TEST(AllocCopy, UsesTheCopyConstructorAndLeavesTheSourceIntact) {
  const arena_arc_testing::lifecycle_scope scope;
  std::vector<Counted> source;
  source.reserve(3);
  for (int i = 0; i < 3; ++i) source.emplace_back(i);
  {
    arena_arc::Allocator<Counted, std::uint32_t, 8> a;
    const auto copy = a.alloc_copy(source);
    EXPECT_EQ(arena_arc_testing::ids_of(copy), (std::vector<int>{0, 1, 2}));
    EXPECT_EQ(lifecycle().constructed(), (std::vector<int>{0, 1, 2, 0, 1, 2}));
  }
  EXPECT_EQ(lifecycle().destroyed(), (std::vector<int>{2, 1, 0}));
  EXPECT_EQ(arena_arc_testing::ids_of(source), (std::vector<int>{0, 1, 2}));
}

TEST(AllocCopy, FollowsThePlacementRules) {
  counting_resource upstream;
  Alloc a(&upstream);
  const auto first = a.alloc_copy(std::vector<int>{1, 2, 3});
  const auto adjacent = a.alloc_copy(std::list<int>{4, 5});
  const auto dedicated = a.alloc_copy(std::vector<int>(30, 7));
  const auto after = a.alloc_copy(int_range(0, 3));

  EXPECT_EQ(adjacent.data(), first.data() + 3);
  EXPECT_EQ(after.data(), first.data() + 5) << "the dedicated chunk left the current one as is";
  EXPECT_EQ(upstream.allocations(), 2u);
  EXPECT_EQ(a.stats(), (AllocatorStats{2, 0, 1, 38, 0}));
}

// Byte copies of every length around the inline copy's cases (1-3, 4-7, 8-16, then memcpy),
// placed back to back in one chunk: each slice holds exactly its source bytes, and writing it
// touched none of the bytes of the slices before it. Also 2- and 8-byte elements.
TEST(AllocCopy, EveryShortLengthCopiesExactlyItsBytes) {
  arena_arc::Allocator<char, std::uint32_t, 4096> chars;
  std::string source(40, '\0');
  for (std::size_t i = 0; i < source.size(); ++i) source[i] = static_cast<char>('A' + i);
  std::vector<arena_arc::ArcSlice<char>> slices;
  for (std::size_t n = 0; n <= 40; ++n) {
    slices.push_back(chars.alloc_copy(std::string_view(source).substr(40 - n)));
  }
  for (std::size_t n = 0; n <= 40; ++n) {
    EXPECT_EQ(std::string_view(slices[n].data(), slices[n].size()),
              std::string_view(source).substr(40 - n))
        << "n = " << n;
    if (n > 1) {
      EXPECT_EQ(slices[n].data(), slices[n - 1].data() + (n - 1));  // back to back
    }
  }
  arena_arc::Allocator<std::uint16_t, std::uint32_t, 4096> halves;
  arena_arc::Allocator<std::uint64_t, std::uint32_t, 4096> words;
  std::vector<std::uint16_t> h(20);
  std::vector<std::uint64_t> w(5);
  for (std::size_t i = 0; i < h.size(); ++i) h[i] = static_cast<std::uint16_t>(0x1111 * (i + 1));
  for (std::size_t i = 0; i < w.size(); ++i) w[i] = 0x0101010101010101ULL * (i + 1);
  for (std::size_t n = 0; n <= h.size(); ++n) {
    const auto s = halves.alloc_copy(std::span(h).first(n));
    EXPECT_TRUE(std::ranges::equal(s.get(), std::span(h).first(n))) << "n = " << n;
  }
  for (std::size_t n = 0; n <= w.size(); ++n) {
    const auto s = words.alloc_copy(std::span(w).first(n));
    EXPECT_TRUE(std::ranges::equal(s.get(), std::span(w).first(n))) << "n = " << n;
  }
}

TEST(AllocCopy, AnEmptyRangeIsTheEmptyHandle) {
  counting_resource upstream;
  Alloc a(&upstream);
  EXPECT_TRUE(a.alloc_copy(std::vector<int>{}).empty());
  EXPECT_TRUE(a.alloc_copy(std::list<int>{}).empty());
  EXPECT_TRUE(a.alloc_copy(int_range(0, 0)).empty());
  EXPECT_EQ(upstream.allocations(), 0u);
  EXPECT_EQ(a.stats(), AllocatorStats{});
}

}  // namespace
