// The Rust crate's own tests, ported one for one, run under both reference-count policies.
#include <arena_arc/arena_arc.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include <gtest/gtest.h>

#include <arena_arc_testing/gtest_types.hpp>

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

template <class RC>
class RustPort : public ::testing::Test {
 protected:
  template <class T, std::size_t N, class L = std::uint32_t>
  using allocator = arena_arc::Allocator<T, L, N, RC>;

 private:
  arena_arc_testing::lifecycle_scope scope_;
};

using Policies = arena_arc_testing::gtest_types<arena_arc_testing::refcount_policies>;
TYPED_TEST_SUITE(RustPort, Policies, arena_arc_testing::type_names);

TYPED_TEST(RustPort, SlicesOf10And20FromN16AndACopyAreAllIntact) {
  typename TestFixture::template allocator<int, 16> a;
  const auto ten = a.alloc(10, ints_from(0));
  const auto twenty = a.alloc(20, ints_from(100));  // longer than a chunk: dedicated chunk
  const auto copy = ten;  // NOLINT(performance-unnecessary-copy-initialization): the crate's clone

  EXPECT_EQ(to_vector(ten), int_sequence(0, 10));
  EXPECT_EQ(to_vector(twenty), int_sequence(100, 20));
  EXPECT_EQ(to_vector(copy), int_sequence(0, 10));
  EXPECT_EQ(copy.data(), ten.data());
}

TYPED_TEST(RustPort, EightCountedElementsDieOnlyAfterEveryHandleAndTheAllocator) {
  std::optional<typename TestFixture::template allocator<Counted, 8>> a(std::in_place);
  std::optional slice(a->alloc(8, counted_from(0)));
  std::optional copy(*slice);

  slice.reset();
  EXPECT_TRUE(lifecycle().destroyed().empty());
  copy.reset();
  EXPECT_TRUE(lifecycle().destroyed().empty()) << "the allocator still holds the chunk";
  a.reset();
  EXPECT_EQ(lifecycle().destroyed().size(), 8u);
}

TYPED_TEST(RustPort, EightCountedElementsOutliveTheAllocatorUntilTheLastHandle) {
  std::optional<typename TestFixture::template allocator<Counted, 8>> a(std::in_place);
  std::optional slice(a->alloc(8, counted_from(0)));
  std::optional copy(*slice);

  a.reset();
  EXPECT_TRUE(lifecycle().destroyed().empty());
  slice.reset();
  EXPECT_TRUE(lifecycle().destroyed().empty());
  EXPECT_EQ(ids_of(*copy), id_sequence(0, 8));
  copy.reset();
  EXPECT_EQ(lifecycle().destroyed().size(), 8u);
}

TYPED_TEST(RustPort, N4WithSlicesOf3And2And10DestroysExactly15) {
  {
    typename TestFixture::template allocator<Counted, 4> a;
    const auto three = a.alloc(3, counted_from(0));
    const auto two = a.alloc(2, counted_from(10));
    const auto ten = a.alloc(10, counted_from(20));
    EXPECT_EQ(ids_of(three), id_sequence(0, 3));
    EXPECT_EQ(ids_of(two), id_sequence(10, 2));
    EXPECT_EQ(ids_of(ten), id_sequence(20, 10));
  }
  EXPECT_EQ(lifecycle().constructed().size(), 15u);
  EXPECT_EQ(lifecycle().destroyed().size(), 15u);
}

TYPED_TEST(RustPort, EmptyStructAtLengths0And8) {
  struct Empty {};
  typename TestFixture::template allocator<Empty, 256> a;
  const auto none = a.alloc(0, [](std::size_t) { return Empty{}; });
  const auto eight = a.alloc(8, [](std::size_t) { return Empty{}; });

  EXPECT_TRUE(none.empty());
  EXPECT_EQ(none.size(), 0u);
  EXPECT_EQ(eight.size(), 8u);
  EXPECT_EQ(eight.end() - eight.begin(), 8);
}

TYPED_TEST(RustPort, N4With4Then3Then4RotatesAndKeepsFirstAndLastIntact) {
  typename TestFixture::template allocator<int, 4> a;
  const auto first = a.alloc(4, ints_from(0));
  const auto middle = a.alloc(3, ints_from(10));
  const auto last = a.alloc(4, ints_from(20));

  EXPECT_EQ(to_vector(first), int_sequence(0, 4));
  EXPECT_EQ(to_vector(middle), int_sequence(10, 3));
  EXPECT_EQ(to_vector(last), int_sequence(20, 4));
  EXPECT_EQ(a.stats().chunks_allocated, 3u);
}

TYPED_TEST(RustPort, ThirtyTwoSingleElementSlicesWithN8) {
  typename TestFixture::template allocator<int, 8> a;
  std::vector<arena_arc::ArcSlice<int, std::uint32_t, TypeParam>> slices;
  slices.reserve(32);
  for (int i = 0; i < 32; ++i) slices.push_back(a.alloc(1, [i](std::size_t) { return i; }));

  for (int i = 0; i < 32; ++i) {
    const auto& s = slices[static_cast<std::size_t>(i)];
    ASSERT_EQ(s.size(), 1u);
    EXPECT_EQ(s[0], i);
  }
  EXPECT_EQ(a.stats().chunks_allocated, 4u);
}

TYPED_TEST(RustPort, Uint64SlicesOf8And1And16WithN8) {
  typename TestFixture::template allocator<std::uint64_t, 8> a;
  auto value = [](std::uint64_t base) {
    return [base](std::size_t i) { return base + static_cast<std::uint64_t>(i); };
  };
  const auto eight = a.alloc(8, value(1000));
  const auto one = a.alloc(1, value(2000));
  const auto sixteen = a.alloc(16, value(3000));

  ASSERT_EQ(eight.size(), 8u);
  ASSERT_EQ(one.size(), 1u);
  ASSERT_EQ(sixteen.size(), 16u);
  for (std::size_t i = 0; i < 8; ++i) EXPECT_EQ(eight[i], 1000u + i);
  EXPECT_EQ(one[0], 2000u);
  for (std::size_t i = 0; i < 16; ++i) EXPECT_EQ(sixteen[i], 3000u + i);
}

TYPED_TEST(RustPort, PoisonOnDestroyElementStaysAliveWhileOnlyTheAllocatorHoldsItsChunk) {
  std::optional<typename TestFixture::template allocator<Counted, 8>> a(std::in_place);
  std::optional single(a->alloc_single([] { return Counted(7); }));
  // The element lives as long as its chunk: reading it through a plain pointer is valid while
  // the allocator still holds the chunk, and shows the poison value if it was destroyed early.
  const Counted* element = &single->get();

  single.reset();
  std::optional neighbour(a->alloc_single([] { return Counted(8); }));
  EXPECT_EQ(element->id(), 7);
  EXPECT_EQ(lifecycle().destructions_of(7), 0);
  EXPECT_EQ((*neighbour)->id(), 8);

  a.reset();
  EXPECT_EQ(element->id(), 7) << "the neighbour's handle keeps the shared chunk alive";
  EXPECT_TRUE(lifecycle().destroyed().empty());
  neighbour.reset();
  EXPECT_EQ(lifecycle().destroyed(), (std::vector<int>{8, 7}));
}

TYPED_TEST(RustPort, SixtyFourSinglesWithN4) {
  typename TestFixture::template allocator<int, 4> a;
  std::vector<arena_arc::ArcSingle<int, std::uint32_t, TypeParam>> singles;
  singles.reserve(64);
  for (int i = 0; i < 64; ++i) singles.push_back(a.alloc_value(i));

  for (int i = 0; i < 64; ++i) EXPECT_EQ(*singles[static_cast<std::size_t>(i)], i);
  EXPECT_EQ(a.stats().chunks_allocated, 16u);
}

TYPED_TEST(RustPort, ThirtyTwoCopiesStayValidAfterTheOriginalIsDropped) {
  typename TestFixture::template allocator<Counted, 16> a;
  std::optional original(a.alloc(5, counted_from(0)));
  std::vector<arena_arc::ArcSlice<Counted, std::uint32_t, TypeParam>> copies(32, *original);

  original.reset();
  for (const auto& copy : copies) EXPECT_EQ(ids_of(copy), id_sequence(0, 5));
  EXPECT_TRUE(lifecycle().destroyed().empty());
}

}  // namespace
