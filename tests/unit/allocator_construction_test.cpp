// Allocator construction, capacity, upstream, and moves (construction and assignment).
#include <arena_arc/arena_arc.hpp>

#include <cstddef>
#include <cstdint>
#include <memory_resource>
#include <optional>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include <arena_arc_testing/counting_resource.hpp>

#include "support/counted.hpp"
#include "support/helpers.hpp"

namespace {

using arena_arc::AllocatorStats;
using arena_arc_testing::Counted;
using arena_arc_testing::counted_from;
using arena_arc_testing::counting_resource;
using arena_arc_testing::id_sequence;
using arena_arc_testing::ids_of;
using arena_arc_testing::int_sequence;
using arena_arc_testing::ints_from;
using arena_arc_testing::lifecycle;
using arena_arc_testing::to_vector;

using Alloc = arena_arc::Allocator<int, std::uint32_t, 8>;

TEST(AllocatorConstruction, DefaultHasCapacityNAndEmptyStats) {
  const Alloc a;
  EXPECT_EQ(a.chunk_capacity(), 8u);
  EXPECT_EQ(Alloc::default_chunk_capacity, 8u);
  EXPECT_EQ(a.stats(), AllocatorStats{});

  const arena_arc::Allocator<int> defaults;
  EXPECT_EQ(defaults.chunk_capacity(), 256u);
}

TEST(AllocatorConstruction, DefaultUpstreamServesRequests) {
  Alloc a;
  const auto slice = a.alloc(20, ints_from(0));
  EXPECT_EQ(to_vector(slice), int_sequence(0, 20));
}

TEST(AllocatorConstruction, UpstreamConstructorUsesCapacityNAndThatResource) {
  counting_resource upstream;
  Alloc a(&upstream);
  EXPECT_EQ(a.chunk_capacity(), 8u);
  EXPECT_EQ(upstream.allocations(), 0u) << "the first chunk is allocated lazily";

  const auto first = a.alloc(8, ints_from(0));
  const auto second = a.alloc(1, ints_from(0));
  EXPECT_EQ(upstream.allocations(), 2u);
  EXPECT_EQ(upstream.block_index_of(first.data()), 0u);
  EXPECT_EQ(upstream.block_index_of(second.data()), 1u);
}

TEST(AllocatorConstruction, NewDeleteResourceCanBeNamedExplicitly) {
  Alloc a(std::pmr::new_delete_resource());
  EXPECT_EQ(to_vector(a.alloc(3, ints_from(4))), int_sequence(4, 3));
}

template <class I>
void expect_capacity_from(I capacity, std::size_t expected) {
  const Alloc a(capacity);
  EXPECT_EQ(a.chunk_capacity(), expected);
  counting_resource upstream;
  const Alloc b(capacity, &upstream);
  EXPECT_EQ(b.chunk_capacity(), expected);
}

TEST(AllocatorConstruction, CapacityAcceptsAnyIntegerType) {
  expect_capacity_from(3, 3);
  expect_capacity_from(3u, 3);
  expect_capacity_from(static_cast<signed char>(5), 5);
  expect_capacity_from(static_cast<unsigned char>(6), 6);
  expect_capacity_from(static_cast<short>(7), 7);
  expect_capacity_from(static_cast<unsigned short>(9), 9);
  expect_capacity_from(10L, 10);
  expect_capacity_from(11UL, 11);
  expect_capacity_from(12LL, 12);
  expect_capacity_from(13ULL, 13);
  expect_capacity_from(std::size_t{1000}, 1000);
  expect_capacity_from(std::ptrdiff_t{1001}, 1001);
  expect_capacity_from(static_cast<char>(14), 14);
}

TEST(AllocatorConstruction, RuntimeCapacityReplacesN) {
  counting_resource upstream;
  Alloc a(std::size_t{3}, &upstream);
  const auto three = a.alloc(3, ints_from(0));
  const auto one = a.alloc(1, ints_from(0));
  EXPECT_EQ(upstream.allocations(), 2u);
  EXPECT_EQ(a.stats().dedicated_chunks, 0u);
  const auto four = a.alloc(4, ints_from(0));  // longer than 3 (though not than N): dedicated
  EXPECT_EQ(a.stats().dedicated_chunks, 1u);
}

class AllocatorMove : public ::testing::Test {
 private:
  arena_arc_testing::lifecycle_scope scope_;
};

TEST_F(AllocatorMove, ConstructionTakesTheChunkAndTheStats) {
  counting_resource upstream;
  Alloc source(5, &upstream);
  const auto before = source.alloc(2, ints_from(0));
  const AllocatorStats stats = source.stats();

  Alloc target(std::move(source));
  EXPECT_EQ(target.stats(), stats);
  EXPECT_EQ(target.chunk_capacity(), 5u);
  const auto next = target.alloc(2, ints_from(10));
  EXPECT_EQ(next.data(), before.data() + 2) << "the target continues in the source's chunk";
  EXPECT_EQ(to_vector(before), int_sequence(0, 2));
  EXPECT_EQ(upstream.allocations(), 1u);
}

TEST_F(AllocatorMove, TheSourceStaysUsableWithItsCapacityAndUpstream) {
  counting_resource upstream;
  Alloc source(5, &upstream);
  const auto before = source.alloc(2, ints_from(0));
  Alloc target(std::move(source));

  // NOLINTBEGIN(bugprone-use-after-move): a moved-from allocator is specified to stay usable.
  EXPECT_EQ(source.stats(), AllocatorStats{});
  EXPECT_EQ(source.chunk_capacity(), 5u);
  const auto fresh = source.alloc(3, ints_from(20));
  // NOLINTEND(bugprone-use-after-move)
  EXPECT_EQ(to_vector(fresh), int_sequence(20, 3));
  EXPECT_EQ(upstream.allocations(), 2u) << "the source opened a chunk of its own";
  EXPECT_NE(upstream.block_index_of(fresh.data()), upstream.block_index_of(before.data()));
  EXPECT_EQ(source.stats(), (AllocatorStats{1, 0, 0, 3, 0}));
}

TEST_F(AllocatorMove, AssignmentTakesTheChunkCapacityUpstreamAndStats) {
  counting_resource source_upstream;
  counting_resource target_upstream;
  Alloc source(5, &source_upstream);
  Alloc target(3, &target_upstream);
  const auto from_source = source.alloc(2, ints_from(0));
  const auto from_target = target.alloc(1, ints_from(100));
  const AllocatorStats stats = source.stats();

  target = std::move(source);
  EXPECT_EQ(target.stats(), stats);
  EXPECT_EQ(target.chunk_capacity(), 5u);
  EXPECT_EQ(target.alloc(3, ints_from(10)).data(), from_source.data() + 2);
  const auto next_chunk = target.alloc(4, ints_from(20));
  EXPECT_EQ(source_upstream.allocations(), 2u) << "new chunks come from the source's upstream";
  EXPECT_EQ(target_upstream.allocations(), 1u);
  EXPECT_EQ(to_vector(from_target), int_sequence(100, 1)) << "old handles stay valid";

  // NOLINTNEXTLINE(bugprone-use-after-move): a moved-from allocator is specified to stay usable.
  EXPECT_EQ(to_vector(source.alloc(2, ints_from(7))), int_sequence(7, 2));
}

TEST_F(AllocatorMove, AssignmentReleasesTheTargetsOldChunkOnceItsHandlesGo) {
  arena_arc::Allocator<Counted, std::uint32_t, 8> target;
  arena_arc::Allocator<Counted, std::uint32_t, 8> source;
  std::optional kept(target.alloc(3, counted_from(0)));
  (void)target.alloc(2, counted_from(10));  // no handle left: only the allocator holds it

  target = std::move(source);
  EXPECT_TRUE(lifecycle().destroyed().empty()) << "a handle still refers to the old chunk";
  EXPECT_EQ(ids_of(*kept), id_sequence(0, 3));
  kept.reset();
  EXPECT_EQ(lifecycle().destroyed(), (std::vector<int>{11, 10, 2, 1, 0}));
}

TEST_F(AllocatorMove, AssignmentOverAChunkWithoutHandlesDestroysItsElementsAtOnce) {
  arena_arc::Allocator<Counted, std::uint32_t, 8> target;
  (void)target.alloc(2, counted_from(0));

  target = arena_arc::Allocator<Counted, std::uint32_t, 8>();
  EXPECT_EQ(lifecycle().destroyed(), (std::vector<int>{1, 0}));
}

TEST_F(AllocatorMove, SelfMoveAssignmentChangesNothing) {
  arena_arc::Allocator<Counted, std::uint32_t, 8> a;
  const auto first = a.alloc(2, counted_from(0));
  const AllocatorStats stats = a.stats();
  auto& same = a;
  a = std::move(same);

  EXPECT_EQ(a.stats(), stats);
  EXPECT_TRUE(lifecycle().destroyed().empty());
  EXPECT_EQ(a.alloc(1, counted_from(5)).data(), first.data() + 2);
}

TEST_F(AllocatorMove, HandlesSurviveTheMovedToAllocatorsDestruction) {
  std::optional<arena_arc::Allocator<Counted, std::uint32_t, 8>> source(std::in_place);
  const auto slice = source->alloc(4, counted_from(0));
  {
    auto target = std::move(*source);
    source.reset();
  }
  EXPECT_TRUE(lifecycle().destroyed().empty());
  EXPECT_EQ(ids_of(slice), id_sequence(0, 4));
}

}  // namespace
