// Lifetime: elements live until the last handle of their chunk is gone and the allocator has
// left it; then each is destroyed exactly once, in reverse order of construction. Handles may
// outlive their allocator. Run under both reference-count policies.
#include <arena_arc/arena_arc.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <utility>
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
using arena_arc_testing::lifecycle;

template <class RC>
class Lifetime : public ::testing::Test {
 protected:
  using allocator_type = arena_arc::Allocator<Counted, std::uint32_t, 8, RC>;
  using slice_type = arena_arc::ArcSlice<Counted, std::uint32_t, RC>;
  using single_type = arena_arc::ArcSingle<Counted, std::uint32_t, RC>;

  static std::vector<int> reversed(std::vector<int> v) {
    return std::vector<int>(v.rbegin(), v.rend());
  }

 private:
  arena_arc_testing::lifecycle_scope scope_;
};

using Policies = arena_arc_testing::gtest_types<arena_arc_testing::refcount_policies>;
TYPED_TEST_SUITE(Lifetime, Policies, arena_arc_testing::type_names);

TYPED_TEST(Lifetime, HandlesOutliveTheAllocator) {
  std::optional<typename TestFixture::slice_type> slice;
  std::optional<typename TestFixture::single_type> single;
  {
    typename TestFixture::allocator_type a;
    slice.emplace(a.alloc(3, counted_from(0)));
    single.emplace(a.alloc_single([] { return Counted(10); }));
  }
  EXPECT_TRUE(lifecycle().destroyed().empty());
  EXPECT_EQ(ids_of(*slice), id_sequence(0, 3));
  EXPECT_EQ((*single)->id(), 10);
  slice.reset();
  EXPECT_TRUE(lifecycle().destroyed().empty()) << "the single shares the chunk";
  single.reset();
  EXPECT_EQ(lifecycle().destroyed(), (std::vector<int>{10, 2, 1, 0}));
}

TYPED_TEST(Lifetime, AChunkDiesInReverseOrderOfConstructionAcrossAllItsHandles) {
  {
    typename TestFixture::allocator_type a;
    const auto first = a.alloc(2, counted_from(0));
    const auto value = a.alloc_single([] { return Counted(10); });
    const auto emplaced = a.emplace(11);
    const auto last = a.alloc(3, counted_from(20));
  }
  EXPECT_EQ(lifecycle().constructed(), (std::vector<int>{0, 1, 10, 11, 20, 21, 22}));
  EXPECT_EQ(lifecycle().destroyed(), TestFixture::reversed(lifecycle().constructed()));
}

TYPED_TEST(Lifetime, EveryElementIsDestroyedExactlyOnce) {
  {
    typename TestFixture::allocator_type a;
    std::vector<typename TestFixture::slice_type> handles;
    for (int round = 0; round < 10; ++round) {
      const auto s = a.alloc(static_cast<std::size_t>(round % 5 + 1), counted_from(100 * round));
      handles.push_back(s);
      handles.push_back(s.subslice(0, 1));
      handles.push_back(s.last(1));
    }
    for (std::size_t i = 0; i < handles.size(); i += 2) handles[i] = {};
  }
  EXPECT_EQ(lifecycle().live(), 0);
  for (const int id : lifecycle().constructed()) EXPECT_EQ(lifecycle().destructions_of(id), 1);
}

TYPED_TEST(Lifetime, TheAllocatorOwnsItsCurrentChunkUntilItLeavesIt) {
  typename TestFixture::allocator_type a;
  (void)a.alloc(5, counted_from(0));  // no handle is kept
  EXPECT_TRUE(lifecycle().destroyed().empty());
  (void)a.alloc(2, counted_from(10));
  EXPECT_TRUE(lifecycle().destroyed().empty()) << "still the allocator's current chunk";
  // Old room 1 < new room 4: the allocator moves on, and the old chunk has no owner left.
  const auto next = a.alloc(4, counted_from(20));
  EXPECT_EQ(lifecycle().destroyed(), (std::vector<int>{11, 10, 4, 3, 2, 1, 0}));
  EXPECT_EQ(ids_of(next), id_sequence(20, 4));
}

TYPED_TEST(Lifetime, ADedicatedChunkDiesWithItsLastHandle) {
  typename TestFixture::allocator_type a;
  std::optional dedicated(a.alloc(9, counted_from(0)));
  std::optional part(dedicated->subslice(3, 2));
  dedicated.reset();
  EXPECT_TRUE(lifecycle().destroyed().empty());
  part.reset();
  EXPECT_EQ(lifecycle().destroyed(), TestFixture::reversed(id_sequence(0, 9)));
}

TYPED_TEST(Lifetime, ANewChunkTheAllocatorDoesNotKeepDiesWithItsLastHandle) {
  typename TestFixture::allocator_type a;
  const auto small = a.alloc(2, counted_from(0));
  // Old room 6 > new room 1: the allocator keeps its chunk; the new one is only the slice's.
  std::optional big(a.alloc(7, counted_from(10)));
  big.reset();
  EXPECT_EQ(lifecycle().destroyed(), TestFixture::reversed(id_sequence(10, 7)));
  EXPECT_EQ(ids_of(small), id_sequence(0, 2));
}

TYPED_TEST(Lifetime, ASubsliceKeepsTheWholeChunkAlive) {
  std::optional<typename TestFixture::slice_type> part;
  {
    typename TestFixture::allocator_type a;
    const auto first = a.alloc(3, counted_from(0));
    const auto second = a.alloc(3, counted_from(10));
    part.emplace(second.subslice(1, 1));
  }
  EXPECT_TRUE(lifecycle().destroyed().empty());
  EXPECT_EQ(ids_of(*part), std::vector<int>{11});
  part.reset();
  EXPECT_EQ(lifecycle().destroyed(), (std::vector<int>{12, 11, 10, 2, 1, 0}));
}

TYPED_TEST(Lifetime, ChunksDieIndependently) {
  typename TestFixture::allocator_type a;
  std::optional first_chunk(a.alloc(8, counted_from(0)));
  const auto second_chunk = a.alloc(8, counted_from(100));  // the allocator moves on
  EXPECT_TRUE(lifecycle().destroyed().empty());
  first_chunk.reset();
  EXPECT_EQ(lifecycle().destroyed(), TestFixture::reversed(id_sequence(0, 8)));
  EXPECT_EQ(ids_of(second_chunk), id_sequence(100, 8));
}

TYPED_TEST(Lifetime, CopiesAndMovesOfHandlesDoNotDestroyAnything) {
  {
    typename TestFixture::allocator_type a;
    auto s = a.alloc(3, counted_from(0));
    auto copy = s;
    auto moved = std::move(s);
    copy = moved;
    moved = std::move(copy);
    EXPECT_TRUE(lifecycle().destroyed().empty());
    EXPECT_EQ(ids_of(moved), id_sequence(0, 3));
  }
  EXPECT_EQ(lifecycle().destroyed(), (std::vector<int>{2, 1, 0}));
}

}  // namespace
