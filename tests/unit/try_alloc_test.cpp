// try_alloc and try_alloc_single: init reports failure through std::optional (and, where
// __cpp_lib_expected is defined, through std::expected, whose error reaches the caller).
// The strong guarantee of these paths at every index is in failure_strong_guarantee_test.cpp.
#include <arena_arc/arena_arc.hpp>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>
#include <version>

#include <gtest/gtest.h>

#include <arena_arc_testing/counting_resource.hpp>

#include "support/helpers.hpp"

#if defined(ARENA_ARC_TEST_REQUIRE_EXPECTED) && !defined(__cpp_lib_expected)
#error "this build is meant to test try_alloc with std::expected, but <expected> is missing"
#endif
#if defined(__cpp_lib_expected)
#include <expected>
#endif

namespace {

using arena_arc::AllocatorStats;
using arena_arc_testing::int_sequence;
using arena_arc_testing::to_vector;

using Alloc = arena_arc::Allocator<int, std::uint32_t, 8>;

auto optional_ints_failing_at(std::size_t k, int& calls) {
  return [k, &calls](std::size_t i) -> std::optional<int> {
    ++calls;
    if (i == k) return std::nullopt;
    return static_cast<int>(i);
  };
}

TEST(TryAllocOptional, BuildsEveryElementWhenInitSucceeds) {
  Alloc a;
  int calls = 0;
  const std::optional<arena_arc::ArcSlice<int>> slice =
      a.try_alloc(5, optional_ints_failing_at(99, calls));
  ASSERT_TRUE(slice.has_value());
  EXPECT_EQ(to_vector(*slice), int_sequence(0, 5));
  EXPECT_EQ(calls, 5);
  EXPECT_EQ(a.stats().elements_allocated, 5u);
}

TEST(TryAllocOptional, StopsAtTheFirstEmptyOptional) {
  Alloc a;
  const auto before = a.alloc(2, arena_arc_testing::ints_from(0));
  const AllocatorStats stats = a.stats();
  int calls = 0;
  const auto slice = a.try_alloc(6, optional_ints_failing_at(3, calls));
  EXPECT_FALSE(slice.has_value());
  EXPECT_EQ(calls, 4) << "init is not called past the failing index";
  EXPECT_EQ(a.stats(), stats);
  EXPECT_EQ(a.alloc(1, arena_arc_testing::ints_from(0)).data(), before.data() + 2);
}

TEST(TryAllocOptional, ConvertsTheValueInsideTheOptional) {
  arena_arc::Allocator<std::string, std::uint32_t, 8> strings;
  const auto words = strings.try_alloc(
      2, [](std::size_t i) -> std::optional<const char*> { return i == 0 ? "zero" : "one"; });
  ASSERT_TRUE(words.has_value());
  EXPECT_EQ((*words)[0], "zero");
  EXPECT_EQ((*words)[1], "one");

  arena_arc::Allocator<long long, std::uint32_t, 8> wide;
  const auto widened = wide.try_alloc(1, [](std::size_t) { return std::optional<int>(-7); });
  ASSERT_TRUE(widened.has_value());
  EXPECT_EQ((*widened)[0], -7LL);
}

TEST(TryAllocOptional, ZeroLengthIsAnEmptySliceAndInitIsNeverCalled) {
  arena_arc_testing::counting_resource upstream;
  Alloc a(&upstream);
  int calls = 0;
  const auto slice = a.try_alloc(0, optional_ints_failing_at(0, calls));
  ASSERT_TRUE(slice.has_value());
  EXPECT_TRUE(slice->empty());
  EXPECT_EQ(calls, 0);
  EXPECT_EQ(upstream.allocations(), 0u);
}

TEST(TryAllocOptional, LongRequestsGetADedicatedChunk) {
  Alloc a;
  int calls = 0;
  const auto slice = a.try_alloc(20, optional_ints_failing_at(99, calls));
  ASSERT_TRUE(slice.has_value());
  EXPECT_EQ(to_vector(*slice), int_sequence(0, 20));
  EXPECT_EQ(a.stats().dedicated_chunks, 1u);
}

TEST(TryAllocSingleOptional, BuildsTheElementOrReportsFailure) {
  Alloc a;
  const auto single = a.try_alloc_single([] { return std::optional<int>(12); });
  ASSERT_TRUE(single.has_value());
  EXPECT_EQ(**single, 12);

  const AllocatorStats stats = a.stats();
  EXPECT_FALSE(a.try_alloc_single([] { return std::optional<int>(); }).has_value());
  EXPECT_EQ(a.stats(), stats);
  EXPECT_EQ(&a.alloc_value(13).get(), &single->get() + 1);
}

#if defined(__cpp_lib_expected)

enum class parse_error { bad_digit, overflow };

auto expected_ints_failing_at(std::size_t k, int& calls) {
  return [k, &calls](std::size_t i) -> std::expected<int, parse_error> {
    ++calls;
    if (i == k) return std::unexpected(parse_error::overflow);
    return static_cast<int>(i) * 2;
  };
}

TEST(TryAllocExpected, BuildsEveryElementWhenInitSucceeds) {
  Alloc a;
  int calls = 0;
  const std::expected<arena_arc::ArcSlice<int>, parse_error> slice =
      a.try_alloc(4, expected_ints_failing_at(99, calls));
  ASSERT_TRUE(slice.has_value());
  EXPECT_EQ(to_vector(*slice), (std::vector<int>{0, 2, 4, 6}));
  EXPECT_EQ(calls, 4);
}

TEST(TryAllocExpected, TheFirstErrorReachesTheCaller) {
  Alloc a;
  const auto before = a.alloc(3, arena_arc_testing::ints_from(0));
  const AllocatorStats stats = a.stats();
  for (std::size_t k = 0; k < 7; ++k) {
    int calls = 0;
    const auto slice = a.try_alloc(7, expected_ints_failing_at(k, calls));
    ASSERT_FALSE(slice.has_value());
    EXPECT_EQ(slice.error(), parse_error::overflow);
    EXPECT_EQ(calls, static_cast<int>(k) + 1);
    EXPECT_EQ(a.stats(), stats);
  }
  EXPECT_EQ(a.alloc(1, arena_arc_testing::ints_from(0)).data(), before.data() + 3);
}

TEST(TryAllocExpected, AMoveOnlyErrorIsMovedOut) {
  Alloc a;
  const auto slice = a.try_alloc(3, [](std::size_t i) -> std::expected<int, std::unique_ptr<int>> {
    if (i == 1) return std::unexpected(std::make_unique<int>(41));
    return 0;
  });
  ASSERT_FALSE(slice.has_value());
  ASSERT_NE(slice.error(), nullptr);
  EXPECT_EQ(*slice.error(), 41);
}

TEST(TryAllocExpected, ZeroLengthIsAnEmptySliceAndInitIsNeverCalled) {
  Alloc a;
  int calls = 0;
  const auto slice = a.try_alloc(0, expected_ints_failing_at(0, calls));
  ASSERT_TRUE(slice.has_value());
  EXPECT_TRUE(slice->empty());
  EXPECT_EQ(calls, 0);
}

TEST(TryAllocSingleExpected, BuildsTheElementOrReturnsTheError) {
  Alloc a;
  const auto single = a.try_alloc_single([]() -> std::expected<int, std::string> { return 5; });
  ASSERT_TRUE(single.has_value());
  EXPECT_EQ(**single, 5);

  const AllocatorStats stats = a.stats();
  const auto failed = a.try_alloc_single(
      []() -> std::expected<int, std::string> { return std::unexpected(std::string("no")); });
  ASSERT_FALSE(failed.has_value());
  EXPECT_EQ(failed.error(), "no");
  EXPECT_EQ(a.stats(), stats);
}

#endif  // __cpp_lib_expected

}  // namespace
