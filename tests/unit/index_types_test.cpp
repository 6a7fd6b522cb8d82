// Every index type L from uint8_t to uint64_t at its boundary capacities and lengths: the
// largest values are accepted, one past them (and anything negative) is std::length_error,
// raised before init is ever called.
#include <arena_arc/arena_arc.hpp>

#include <cstddef>
#include <cstdint>
#include <limits>
#include <stdexcept>
#include <vector>

#include <gtest/gtest.h>

#include <arena_arc_testing/gtest_types.hpp>

#include "support/helpers.hpp"

namespace {

using arena_arc::AllocatorStats;

template <class L>
constexpr std::uint64_t max_of = std::numeric_limits<L>::max();

// An init that must never run (length errors are raised before init).
struct forbidden_init {
  int* calls;
  char operator()(std::size_t) const {
    ++*calls;
    return 'x';
  }
};

template <class L>
class AllIndexTypes : public ::testing::Test {
 protected:
  using allocator_type = arena_arc::Allocator<char, L, 16>;
};

using IndexTypes = arena_arc_testing::gtest_types<arena_arc_testing::index_types>;
TYPED_TEST_SUITE(AllIndexTypes, IndexTypes, arena_arc_testing::type_names);

TYPED_TEST(AllIndexTypes, CapacityOneGivesEverySingleItsOwnChunk) {
  typename TestFixture::allocator_type a(1);
  EXPECT_EQ(a.chunk_capacity(), 1u);
  const auto x = a.alloc(1, [](std::size_t) { return 'a'; });
  const auto y = a.alloc_value('b');
  const auto z = a.alloc(2, [](std::size_t i) { return static_cast<char>('c' + i); });

  EXPECT_EQ(x[0], 'a');
  EXPECT_EQ(*y, 'b');
  EXPECT_EQ(z[1], 'd');
  EXPECT_EQ(a.stats(), (AllocatorStats{3, 0, 1, 4, 0}));
}

TYPED_TEST(AllIndexTypes, HandlesWorkWithEveryIndexType) {
  typename TestFixture::allocator_type a;
  const auto s = a.alloc(10, [](std::size_t i) { return static_cast<char>('0' + i); });
  const auto part = s.subslice(3, 4).last(2);
  EXPECT_EQ(part.size(), 2u);
  EXPECT_EQ(part[0], '5');
  EXPECT_EQ(part.data(), s.data() + 5);
  const auto single = arena_arc::ArcSingle<char, TypeParam>::from_slice(s.subslice(9, 1));
  EXPECT_EQ(*single, '9');
}

TYPED_TEST(AllIndexTypes, NegativeCapacityAndZeroAreLengthErrors) {
  using A = typename TestFixture::allocator_type;
  EXPECT_THROW((void)A(0), std::length_error);
  EXPECT_THROW((void)A(-1), std::length_error);
  EXPECT_THROW((void)A(std::numeric_limits<long long>::min()), std::length_error);
}

TYPED_TEST(AllIndexTypes, NegativeLengthsAreRejectedBeforeInit) {
  typename TestFixture::allocator_type a;
  int calls = 0;
  EXPECT_THROW((void)a.alloc(-1, forbidden_init{&calls}), std::length_error);
  EXPECT_THROW((void)a.alloc(std::numeric_limits<long long>::min(), forbidden_init{&calls}),
               std::length_error);
  EXPECT_THROW((void)a.alloc(static_cast<signed char>(-3), forbidden_init{&calls}),
               std::length_error);
  EXPECT_EQ(calls, 0);
  EXPECT_EQ(a.stats(), AllocatorStats{});
}

// Index types small enough to allocate at their full range in a test.
template <class L>
class SmallIndexTypes : public AllIndexTypes<L> {};

using SmallTypes = arena_arc_testing::gtest_types<arena_arc_testing::small_index_types>;
TYPED_TEST_SUITE(SmallIndexTypes, SmallTypes, arena_arc_testing::type_names);

TYPED_TEST(SmallIndexTypes, CapacityMaxOfLFillsOneChunkExactly) {
  typename TestFixture::allocator_type a(max_of<TypeParam>);
  EXPECT_EQ(a.chunk_capacity(), max_of<TypeParam>);
  const auto head = a.alloc(max_of<TypeParam> - 1, [](std::size_t) { return 'h'; });
  const auto last = a.alloc_value('l');  // at offset max - 1, the highest there is
  const auto next = a.alloc_value('n');

  EXPECT_EQ(&last.get(), head.data() + (max_of<TypeParam> - 1));
  EXPECT_EQ(*last, 'l');
  EXPECT_EQ(*next, 'n');
  EXPECT_EQ(a.stats(), (AllocatorStats{2, 0, 0, max_of<TypeParam> + 1, 0}));
}

TYPED_TEST(SmallIndexTypes, CapacityMaxPlusOneIsALengthError) {
  using A = typename TestFixture::allocator_type;
  EXPECT_THROW((void)A(max_of<TypeParam> + 1), std::length_error);
  EXPECT_THROW((void)A(static_cast<int>(max_of<TypeParam> + 1)), std::length_error);
}

TYPED_TEST(SmallIndexTypes, LengthMaxOfLGetsADedicatedChunkOfThatLength) {
  typename TestFixture::allocator_type a;
  const auto s = a.alloc(max_of<TypeParam>, [](std::size_t i) { return static_cast<char>(i); });
  ASSERT_EQ(s.size(), max_of<TypeParam>);
  EXPECT_EQ(s.back(), static_cast<char>(max_of<TypeParam> - 1));
  EXPECT_EQ(s.last(1).data(), s.data() + (max_of<TypeParam> - 1));
  EXPECT_EQ(a.stats(), (AllocatorStats{1, 0, 1, max_of<TypeParam>, 0}));
}

TYPED_TEST(SmallIndexTypes, LengthMaxPlusOneIsRejectedBeforeInit) {
  typename TestFixture::allocator_type a;
  int calls = 0;
  EXPECT_THROW((void)a.alloc(max_of<TypeParam> + 1, forbidden_init{&calls}), std::length_error);
  EXPECT_THROW((void)a.alloc(static_cast<int>(max_of<TypeParam> + 1), forbidden_init{&calls}),
               std::length_error);
  EXPECT_THROW((void)a.alloc(std::numeric_limits<std::size_t>::max(), forbidden_init{&calls}),
               std::length_error);
  EXPECT_EQ(calls, 0);
  EXPECT_EQ(a.stats(), AllocatorStats{});
}

TEST(Uint8Index, EveryOffsetUpTo254IsReachable) {
  arena_arc::Allocator<std::uint8_t, std::uint8_t, 255> a;
  std::vector<arena_arc::ArcSingle<std::uint8_t, std::uint8_t>> singles;
  singles.reserve(255);
  for (int i = 0; i < 255; ++i) singles.push_back(a.alloc_value(static_cast<std::uint8_t>(i)));
  for (std::size_t i = 0; i < singles.size(); ++i) {
    EXPECT_EQ(*singles[i], i);
    EXPECT_EQ(&*singles[i], &*singles[0] + i);
  }
  EXPECT_EQ(a.stats().chunks_allocated, 1u);
}

TEST(Uint8Index, Alloc300IsALengthErrorNotFortyFourElements) {
  arena_arc::Allocator<char, std::uint8_t, 16> a;
  int calls = 0;
  EXPECT_THROW((void)a.alloc(300, forbidden_init{&calls}), std::length_error);
  EXPECT_EQ(calls, 0);
}

TEST(Uint32Index, CapacityMaxIsAcceptedAndMaxPlusOneIsALengthError) {
  using A = arena_arc::Allocator<char, std::uint32_t, 16>;
  const A at_max(max_of<std::uint32_t>);  // chunks are allocated lazily: nothing is reserved
  EXPECT_EQ(at_max.chunk_capacity(), max_of<std::uint32_t>);
  EXPECT_THROW((void)A(max_of<std::uint32_t> + 1), std::length_error);
  EXPECT_THROW((void)A(std::numeric_limits<std::uint64_t>::max()), std::length_error);
}

TEST(Uint32Index, LengthMaxPlusOneIsRejectedBeforeInit) {
  arena_arc::Allocator<char, std::uint32_t, 16> a;
  int calls = 0;
  EXPECT_THROW((void)a.alloc(max_of<std::uint32_t> + 1, forbidden_init{&calls}), std::length_error);
  EXPECT_EQ(calls, 0);
}

TEST(Uint64Index, ACapacityWhoseByteSizeIsNotRepresentableIsALengthError) {
  using A = arena_arc::Allocator<std::uint64_t, std::uint64_t, 16>;
  // SIZE_MAX / 8 elements of 8 bytes plus a header overflow std::size_t.
  EXPECT_THROW((void)A(std::numeric_limits<std::size_t>::max() / 8), std::length_error);
  EXPECT_THROW((void)A(std::numeric_limits<std::uint64_t>::max()), std::length_error);
}

TEST(Uint64Index, ALengthWhoseByteSizeIsNotRepresentableIsALengthError) {
  arena_arc::Allocator<std::uint64_t, std::uint64_t, 16> a;
  int calls = 0;
  auto init = [&calls](std::size_t) {
    ++calls;
    return std::uint64_t{0};
  };
  // Opaque to the optimizer: with the constant, g++ -O3 warns about the fill loop of that
  // length, which is unreachable (the chunk's size is checked first).
  volatile std::size_t opaque_len = std::numeric_limits<std::size_t>::max() / 8;
  const std::size_t len = opaque_len;
  EXPECT_THROW((void)a.alloc(len, init), std::length_error);
  EXPECT_EQ(calls, 0);
  EXPECT_EQ(a.stats(), AllocatorStats{});
}

}  // namespace
