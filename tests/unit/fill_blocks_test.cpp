// Element construction in blocks (detail::fill_each): small trivially copyable types are built in
// blocks of 512 bytes, then of 64, then one by one. Every length around the block boundaries must
// give init(i) at index i, call init once per element in index order, and leave the allocator
// exactly as before when init stops (nullopt) or throws at any index of a block or of the tail; an
// 8-bit index type must fill its whole 255-element chunk without wrapping.
#include <arena_arc/arena_arc.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "support/fill_elements.hpp"

namespace {

using arena_arc_testing::max_fill_len;
using arena_arc_testing::rgb24;
using arena_arc_testing::value_for;
using arena_arc_testing::wide40;
using arena_arc::detail::fill_block;
// Blocks of 512 bytes, then of 64, each of 2 to 64 elements, for small trivially copyable
// types; none for the others.
static_assert(fill_block<std::uint8_t, 512> == 64);
static_assert(fill_block<std::uint8_t, 64> == 64);
static_assert(fill_block<std::uint16_t, 64> == 32);
static_assert(fill_block<std::uint32_t, 64> == 16);
static_assert(fill_block<std::uint64_t, 512> == 64);
static_assert(fill_block<std::uint64_t, 64> == 8);
static_assert(fill_block<rgb24, 512> == 21);
static_assert(fill_block<rgb24, 64> == 2);
static_assert(fill_block<wide40, 512> == 1);
static_assert(fill_block<std::string, 64> == 1);

template <class T>
class FillBlocks : public ::testing::Test {};
using element_types =
    ::testing::Types<std::uint8_t, std::uint16_t, std::uint32_t, std::uint64_t, rgb24, wide40>;
TYPED_TEST_SUITE(FillBlocks, element_types);

TYPED_TEST(FillBlocks, EveryLengthHoldsInitOfIndexInOrder) {
  using T = TypeParam;
  arena_arc::Allocator<T, std::uint32_t, 4096> a;
  for (std::size_t n = 0; n <= max_fill_len<T>; ++n) {
    std::vector<std::size_t> calls;
    const auto s = a.alloc(n, [&calls](std::size_t i) {
      calls.push_back(i);
      return value_for<T>(i);
    });
    ASSERT_EQ(s.size(), n);
    ASSERT_EQ(calls.size(), n) << "n = " << n;
    for (std::size_t i = 0; i < n; ++i) {
      EXPECT_EQ(calls[i], i) << "n = " << n;
      EXPECT_EQ(s[i], value_for<T>(i)) << "n = " << n << ", i = " << i;
    }
  }
}

// The fill stops at index k (nullopt, or a throw): the allocation fails, init was called for
// 0..k only, and the next allocation lands where it would have without the failed one.
TYPED_TEST(FillBlocks, StoppingAtAnyIndexChangesNothing) {
  using T = TypeParam;
  constexpr std::size_t n = max_fill_len<T>;
  for (std::size_t k = 0; k < n; ++k) {
    for (const bool throws : {false, true}) {
      arena_arc::Allocator<T, std::uint32_t, 4096> a;
      const auto before = a.alloc(3, value_for<T>);
      const auto stats = a.stats();
      std::size_t calls = 0;
      auto init = [&calls, k, throws](std::size_t i) -> std::optional<T> {
        ++calls;
        if (i == k) {
          if (throws) throw std::runtime_error("init failed");
          return std::nullopt;
        }
        return value_for<T>(i);
      };
      if (throws) {
        EXPECT_THROW(static_cast<void>(a.try_alloc(n, init)), std::runtime_error);
      } else {
        EXPECT_FALSE(a.try_alloc(n, init).has_value());
      }
      EXPECT_EQ(calls, k + 1) << "k = " << k;
      EXPECT_EQ(a.stats(), stats) << "k = " << k;
      const auto next = a.alloc(n, value_for<T>);
      // The next slice starts right after `before`, in the same chunk.
      EXPECT_EQ(next.data(), before.data() + before.size()) << "k = " << k;
      for (std::size_t i = 0; i < n; ++i) EXPECT_EQ(next[i], value_for<T>(i));
    }
  }
}

// alloc's own path (init returns T, not an optional) throwing inside the first small block after
// a large one (k): nothing changes.
TYPED_TEST(FillBlocks, AllocThrowingMidBlockChangesNothing) {
  using T = TypeParam;
  constexpr std::size_t n = max_fill_len<T>;
  arena_arc::Allocator<T, std::uint32_t, 4096> a;
  const auto before = a.alloc(1, value_for<T>);
  const auto stats = a.stats();
  EXPECT_THROW(
      static_cast<void>(a.alloc(n,
                                [k = fill_block<T, 512> + fill_block<T, 64> / 2](std::size_t i) {
                                  if (i == k) throw std::runtime_error("init failed");
                                  return value_for<T>(i);
                                })),
      std::runtime_error);
  EXPECT_EQ(a.stats(), stats);
  const auto next = a.alloc(n, value_for<T>);
  EXPECT_EQ(next.data(), before.data() + 1);
}

// An 8-bit index type: a 255-element chunk filled by one allocation (15 blocks of 16 and a tail
// of 15), and by the longest slice a 16-bit index allows; no index wraps.
TEST(FillBlocksIndexTypes, NarrowIndexTypesFillTheirWholeRange) {
  arena_arc::Allocator<std::uint8_t, std::uint8_t, 255> a8;
  const auto s8 = a8.alloc(255, [](std::size_t i) { return static_cast<std::uint8_t>(i); });
  ASSERT_EQ(s8.size(), 255U);
  for (std::size_t i = 0; i < 255; ++i) ASSERT_EQ(s8[i], i);

  arena_arc::Allocator<std::uint16_t, std::uint16_t, 65535> a16;
  const auto s16 = a16.alloc(65535, [](std::size_t i) { return static_cast<std::uint16_t>(i); });
  ASSERT_EQ(s16.size(), 65535U);
  for (std::size_t i = 0; i < 65535; ++i) ASSERT_EQ(s16[i], i);
}

}  // namespace
