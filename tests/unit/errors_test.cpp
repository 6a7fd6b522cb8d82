// Bad input gets the documented exception, never undefined behaviour, and a failed call leaves
// everything as it was: std::length_error (capacities, lengths, alloc_copy ranges),
// std::out_of_range (at, subslice, first, last), std::invalid_argument (from_slice, null
// upstream). try_from_slice reports the same mismatch as an empty optional.
#include <arena_arc/arena_arc.hpp>

#include <cstddef>
#include <cstdint>
#include <limits>
#include <list>
#include <stdexcept>
#include <vector>

#include <gtest/gtest.h>

#include <arena_arc_testing/counting_resource.hpp>

#include "support/helpers.hpp"
#include "support/int_range.hpp"

namespace {

using arena_arc::AllocatorStats;
using arena_arc_testing::counting_resource;
using arena_arc_testing::int_range;
using arena_arc_testing::int_sequence;
using arena_arc_testing::ints_from;
using arena_arc_testing::to_vector;

constexpr std::size_t size_max = std::numeric_limits<std::size_t>::max();

// --- std::length_error ------------------------------------------------------------------------

TEST(LengthError, CapacityZeroNegativeOrAboveTheIndexType) {
  using Small = arena_arc::Allocator<int, std::uint8_t, 16>;
  using Wide = arena_arc::Allocator<int, std::uint32_t, 16>;
  counting_resource upstream;
  EXPECT_THROW((void)Small(0), std::length_error);
  EXPECT_THROW((void)Small(0u, &upstream), std::length_error);
  EXPECT_THROW((void)Small(-1), std::length_error);
  EXPECT_THROW((void)Small(-1, &upstream), std::length_error);
  EXPECT_THROW((void)Small(256), std::length_error);
  EXPECT_THROW((void)Small(256, &upstream), std::length_error);
  EXPECT_THROW((void)Wide(std::uint64_t{1} << 32), std::length_error);
  EXPECT_THROW((void)Wide(size_max, &upstream), std::length_error);
  EXPECT_EQ(upstream.allocations(), 0u);
}

TEST(LengthError, AllocLengthNegativeOrAboveTheIndexTypeBeforeInit) {
  counting_resource upstream;
  arena_arc::Allocator<int, std::uint8_t, 16> a(&upstream);
  const auto before = a.alloc(2, ints_from(0));
  const AllocatorStats stats = a.stats();
  int calls = 0;
  auto init = [&calls](std::size_t) { return ++calls; };

  EXPECT_THROW((void)a.alloc(300, init), std::length_error);
  EXPECT_THROW((void)a.alloc(256u, init), std::length_error);
  EXPECT_THROW((void)a.alloc(-1, init), std::length_error);
  EXPECT_THROW((void)a.alloc(size_max, init), std::length_error);
  EXPECT_THROW((void)a.try_alloc(300, [&](std::size_t) { return std::optional<int>(++calls); }),
               std::length_error);
  EXPECT_THROW((void)a.try_alloc(-5, [&](std::size_t) { return std::optional<int>(++calls); }),
               std::length_error);

  EXPECT_EQ(calls, 0);
  EXPECT_EQ(a.stats(), stats);
  EXPECT_EQ(upstream.allocations(), 1u);
  EXPECT_EQ(a.alloc(1, ints_from(0)).data(), before.data() + 2);
}

TEST(LengthError, AllocCopyOfARangeLongerThanTheIndexTypeAllows) {
  counting_resource upstream;
  arena_arc::Allocator<int, std::uint8_t, 16> a(&upstream);
  EXPECT_THROW((void)a.alloc_copy(int_range(0, 300)), std::length_error);
  EXPECT_THROW((void)a.alloc_copy(std::vector<int>(256, 1)), std::length_error);
  EXPECT_THROW((void)a.alloc_copy(std::list<int>(256, 1)), std::length_error);
  EXPECT_EQ(a.stats(), AllocatorStats{});
  EXPECT_EQ(upstream.allocations(), 0u);

  const auto largest = a.alloc_copy(int_range(0, 255));
  EXPECT_EQ(to_vector(largest), int_sequence(0, 255));
}

// A sized range that claims far more elements than it has; its iterators must never be used.
struct oversized_range {
  mutable int iterator_uses = 0;
  const int* begin() const {
    ++iterator_uses;
    return nullptr;
  }
  const int* end() const {
    ++iterator_uses;
    return nullptr;
  }
  std::size_t claimed = size_max;
  std::size_t size() const { return claimed; }
};

TEST(LengthError, AllocCopyChecksTheSizeBeforeReadingTheRange) {
  arena_arc::Allocator<int, std::uint32_t, 16> a;
  const oversized_range range;
  static_assert(std::ranges::sized_range<const oversized_range&>);
  EXPECT_THROW((void)a.alloc_copy(range), std::length_error);
  EXPECT_EQ(range.iterator_uses, 0);
  EXPECT_EQ(a.stats(), AllocatorStats{});
}

// --- std::out_of_range ------------------------------------------------------------------------

class OutOfRange : public ::testing::Test {
 protected:
  arena_arc::Allocator<int, std::uint32_t, 16> a_;
  const arena_arc::ArcSlice<int> slice_ = a_.alloc(5, ints_from(0));

  // The handle that threw is unchanged.
  void expect_unchanged() const {
    EXPECT_EQ(slice_.size(), 5u);
    EXPECT_EQ(to_vector(slice_), int_sequence(0, 5));
  }
};

TEST_F(OutOfRange, At) {
  EXPECT_THROW((void)slice_.at(5), std::out_of_range);
  EXPECT_THROW((void)slice_.at(size_max), std::out_of_range);
  EXPECT_THROW((void)arena_arc::ArcSlice<int>().at(0), std::out_of_range);
  expect_unchanged();
}

struct range_request {
  std::size_t offset;
  std::size_t count;
};

TEST_F(OutOfRange, SubsliceOutsideTheSliceIncludingOverflowingSums) {
  const range_request bad[] = {
      {6, 0},                // offset past the end
      {0, 6},                // one too many
      {1, 5},                // offset + count one past the end
      {5, 1},                // empty tail plus one
      {size_max, 2},         // offset + count would wrap to 1
      {2, size_max},         // offset + count would wrap to 1
      {size_max, size_max},  // both huge
      {size_max, 0},
      {0, size_max},
  };
  for (const range_request& r : bad) {
    SCOPED_TRACE(::testing::Message() << "subslice(" << r.offset << ", " << r.count << ")");
    EXPECT_THROW((void)slice_.subslice(r.offset, r.count), std::out_of_range);
  }
  EXPECT_THROW((void)arena_arc::ArcSlice<int>().subslice(0, 1), std::out_of_range);
  EXPECT_THROW((void)arena_arc::ArcSlice<int>().subslice(1, 0), std::out_of_range);
  expect_unchanged();
}

TEST_F(OutOfRange, FirstAndLastLongerThanTheSlice) {
  for (const std::size_t count : {std::size_t{6}, std::size_t{1000}, size_max}) {
    SCOPED_TRACE(::testing::Message() << "count " << count);
    EXPECT_THROW((void)slice_.first(count), std::out_of_range);
    EXPECT_THROW((void)slice_.last(count), std::out_of_range);
  }
  EXPECT_THROW((void)arena_arc::ArcSlice<int>().first(1), std::out_of_range);
  EXPECT_THROW((void)arena_arc::ArcSlice<int>().last(1), std::out_of_range);
  expect_unchanged();
}

// --- std::invalid_argument --------------------------------------------------------------------

TEST(InvalidArgument, FromSliceOfSizeZeroOrTwo) {
  arena_arc::Allocator<int, std::uint32_t, 16> a;
  using Single = arena_arc::ArcSingle<int>;
  EXPECT_THROW((void)Single::from_slice({}), std::invalid_argument);
  EXPECT_THROW((void)Single::from_slice(a.alloc(2, ints_from(0))), std::invalid_argument);
  const auto three = a.alloc(3, ints_from(0));
  EXPECT_THROW((void)Single::from_slice(three.first(0)), std::invalid_argument);
  EXPECT_EQ(to_vector(three), int_sequence(0, 3)) << "the slice passed in is unchanged";
}

TEST(InvalidArgument, TryFromSliceReportsTheSameMismatchAsNullopt) {
  arena_arc::Allocator<int, std::uint32_t, 16> a;
  using Single = arena_arc::ArcSingle<int>;
  EXPECT_FALSE(Single::try_from_slice({}).has_value());
  EXPECT_FALSE(Single::try_from_slice(a.alloc(2, ints_from(0))).has_value());
  EXPECT_TRUE(Single::try_from_slice(a.alloc(1, ints_from(0))).has_value());
}

TEST(InvalidArgument, NullUpstream) {
  using A = arena_arc::Allocator<int, std::uint32_t, 16>;
  std::pmr::memory_resource* const null_resource = nullptr;
  EXPECT_THROW(A{null_resource}, std::invalid_argument);
  EXPECT_THROW((void)A(8, null_resource), std::invalid_argument);
  EXPECT_THROW((void)A(std::size_t{8}, null_resource), std::invalid_argument);
}

}  // namespace
