// The placement rules (from the Rust crate), observed three ways: the allocator's stats, the
// upstream resource's allocation log, and the data() pointers of the handles (adjacency inside a
// chunk).
#include <arena_arc/arena_arc.hpp>

#include <cstddef>
#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include <arena_arc_testing/counting_resource.hpp>

#include "support/helpers.hpp"

namespace {

using arena_arc::AllocatorStats;
using arena_arc_testing::counting_resource;
using arena_arc_testing::int_sequence;
using arena_arc_testing::ints_from;
using arena_arc_testing::to_vector;

using Alloc = arena_arc::Allocator<int, std::uint32_t, 8>;
constexpr std::size_t no_chunk = std::numeric_limits<std::size_t>::max();

// One request and where it must land: `chunk` is the index of the upstream allocation that
// holds it (no_chunk for the empty handle), `offset` its first element's index in that chunk.
struct step {
  std::size_t len;
  std::size_t chunk;
  std::size_t offset;
};

struct placement_case {
  const char* name;
  std::vector<step> steps;
  AllocatorStats stats;
};

std::ostream& operator<<(std::ostream& os, const placement_case& c) { return os << c.name; }

// Capacity 8 throughout; the comment on each case gives the rule it pins.
const placement_case placement_cases[] = {
    // Consecutive requests that fit share the chunk, back to back.
    {"fills_one_chunk", {{3, 0, 0}, {5, 0, 3}}, {1, 0, 0, 8, 0}},
    // A full chunk (room 0) loses to a new one (room 7).
    {"opens_a_new_chunk_when_full", {{8, 0, 0}, {1, 1, 0}, {2, 1, 1}}, {2, 0, 0, 11, 0}},
    // Old room 5 > new room 1: the allocator keeps the old chunk; the new one is the slice's.
    {"keeps_the_roomier_old_chunk", {{3, 0, 0}, {7, 1, 0}, {5, 0, 3}}, {2, 0, 0, 15, 1}},
    // Old room 2 < new room 4: the allocator moves to the new chunk.
    {"switches_to_the_roomier_new_chunk", {{6, 0, 0}, {4, 1, 0}, {4, 1, 4}}, {2, 0, 0, 14, 2}},
    // Old room 3 == new room 3: a tie goes to the new chunk.
    {"a_tie_goes_to_the_new_chunk", {{5, 0, 0}, {5, 1, 0}, {3, 1, 5}}, {2, 0, 0, 13, 3}},
    // Exactly the capacity is a standard chunk, not a dedicated one.
    {"capacity_is_a_standard_request", {{8, 0, 0}, {8, 1, 0}}, {2, 0, 0, 16, 0}},
    // Longer than a chunk: a dedicated chunk; the current chunk goes on where it was.
    {"dedicated_leaves_the_current_chunk_as_is",
     {{3, 0, 0}, {20, 1, 0}, {5, 0, 3}},
     {2, 0, 1, 28, 0}},
    // A dedicated chunk first: the next request still opens a standard chunk.
    {"dedicated_before_any_standard_chunk", {{20, 0, 0}, {2, 1, 0}, {6, 1, 2}}, {2, 0, 1, 28, 0}},
    // Zero length touches nothing: the next request goes right after the previous one.
    {"zero_length_in_between", {{3, 0, 0}, {0, no_chunk, 0}, {2, 0, 3}}, {1, 0, 0, 5, 0}},
};

class Placement : public ::testing::TestWithParam<placement_case> {};

TEST_P(Placement, LandsWhereTheRulesSay) {
  const placement_case& c = GetParam();
  counting_resource upstream;
  Alloc a(&upstream);
  std::vector<arena_arc::ArcSlice<int>> slices;
  int next_value = 0;
  for (const step& s : c.steps) {
    slices.push_back(a.alloc(s.len, ints_from(next_value)));
    next_value += 100;
  }

  // Element 0 of each chunk: the data() of the step placed at offset 0 in it.
  std::map<std::size_t, const int*> chunk_start;
  for (std::size_t j = 0; j < c.steps.size(); ++j) {
    if (c.steps[j].chunk != no_chunk && c.steps[j].offset == 0) {
      chunk_start[c.steps[j].chunk] = slices[j].data();
    }
  }
  for (std::size_t j = 0; j < c.steps.size(); ++j) {
    SCOPED_TRACE(::testing::Message() << "step " << j << " (len " << c.steps[j].len << ")");
    const step& s = c.steps[j];
    const auto& slice = slices[j];
    ASSERT_EQ(slice.size(), s.len);
    EXPECT_EQ(to_vector(slice), int_sequence(static_cast<int>(100 * j), s.len));
    if (s.len == 0) {
      EXPECT_EQ(slice.data(), nullptr);
      continue;
    }
    EXPECT_EQ(upstream.block_index_of(slice.data()), s.chunk);
    EXPECT_EQ(slice.data(), chunk_start.at(s.chunk) + s.offset);
  }
  EXPECT_EQ(upstream.allocations(), chunk_start.size());
  EXPECT_EQ(a.stats(), c.stats);
}

std::string case_name(const ::testing::TestParamInfo<placement_case>& param) {
  return param.param.name;
}

INSTANTIATE_TEST_SUITE_P(Rules, Placement, ::testing::ValuesIn(placement_cases), case_name);

TEST(PlacementZeroLength, TouchesNoChunkAndNeverCallsInit) {
  counting_resource upstream;
  Alloc a(&upstream);
  int calls = 0;
  auto init = [&calls](std::size_t) { return ++calls; };

  const auto from_int = a.alloc(0, init);
  const auto from_unsigned = a.alloc(0u, init);
  const auto from_char = a.alloc(static_cast<signed char>(0), init);
  const auto from_size = a.alloc(std::size_t{0}, init);

  for (const auto* s : {&from_int, &from_unsigned, &from_char, &from_size}) {
    EXPECT_TRUE(s->empty());
    EXPECT_EQ(s->data(), nullptr);
  }
  EXPECT_EQ(calls, 0);
  EXPECT_EQ(upstream.allocations(), 0u);
  EXPECT_EQ(a.stats(), AllocatorStats{});
}

TEST(PlacementZeroLength, LeavesAnOpenChunkAsItWas) {
  counting_resource upstream;
  Alloc a(&upstream);
  const auto before = a.alloc(2, ints_from(0));
  const AllocatorStats stats = a.stats();

  const auto none = a.alloc(0, ints_from(0));
  const auto copied = a.alloc_copy(std::vector<int>{});

  EXPECT_TRUE(none.empty());
  EXPECT_TRUE(copied.empty());
  EXPECT_EQ(a.stats(), stats);
  EXPECT_EQ(a.alloc(1, ints_from(9)).data(), before.data() + 2);
  EXPECT_EQ(upstream.allocations(), 1u);
}

TEST(PlacementZeroLength, AllocEmptyTouchesNoChunk) {
  counting_resource upstream;
  Alloc a(&upstream);
  const auto empty = Alloc::alloc_empty();

  EXPECT_TRUE(empty.empty());
  EXPECT_EQ(empty.data(), nullptr);
  EXPECT_EQ(upstream.allocations(), 0u);
  EXPECT_EQ(a.stats(), AllocatorStats{});
}

TEST(PlacementChunks, NothingIsAllocatedBeforeTheFirstRequest) {
  counting_resource upstream;
  const Alloc a(&upstream);
  EXPECT_EQ(upstream.allocations(), 0u);
  EXPECT_EQ(a.stats(), AllocatorStats{});
}

TEST(PlacementChunks, DedicatedChunkHoldsExactlyLenElements) {
  counting_resource upstream;
  Alloc a(&upstream);
  const auto standard = a.alloc(1, ints_from(0));
  const auto dedicated = a.alloc(20, ints_from(0));
  const auto larger = a.alloc(33, ints_from(0));

  ASSERT_EQ(upstream.allocations(), 3u);
  const auto& blocks = upstream.blocks();
  // Same header in every chunk: the byte sizes differ by exactly the element storage.
  EXPECT_EQ(blocks[1].bytes - blocks[0].bytes, (20u - 8u) * sizeof(int));
  EXPECT_EQ(blocks[2].bytes - blocks[0].bytes, (33u - 8u) * sizeof(int));
  // The elements end exactly at the end of the dedicated block: no spare room.
  const auto block_end = [&](std::size_t i) {
    return static_cast<const std::byte*>(blocks[i].address) + blocks[i].bytes;
  };
  EXPECT_EQ(reinterpret_cast<const std::byte*>(dedicated.data() + 20), block_end(1));
  EXPECT_EQ(reinterpret_cast<const std::byte*>(larger.data() + 33), block_end(2));
  EXPECT_EQ(reinterpret_cast<const std::byte*>(standard.data() + 8), block_end(0));
}

TEST(PlacementChunks, SinglesAndSlicesShareTheChunkBackToBack) {
  counting_resource upstream;
  Alloc a(&upstream);
  const auto slice = a.alloc(2, ints_from(0));
  const auto single = a.alloc_single([] { return 10; });
  const auto value = a.alloc_value(11);
  const auto emplaced = a.emplace(12);
  const auto copied = a.alloc_copy(std::vector<int>{13, 14});
  const auto tried = a.try_alloc(1, [](std::size_t) { return std::optional<int>(15); });

  const int* base = slice.data();
  EXPECT_EQ(&single.get(), base + 2);
  EXPECT_EQ(&value.get(), base + 3);
  EXPECT_EQ(&emplaced.get(), base + 4);
  EXPECT_EQ(copied.data(), base + 5);
  ASSERT_TRUE(tried.has_value());
  EXPECT_EQ(tried->data(), base + 7);
  EXPECT_EQ(upstream.allocations(), 1u);
  EXPECT_EQ(a.stats(), (AllocatorStats{1, 0, 0, 8, 0}));
}

TEST(PlacementChunks, RuntimeCapacityDrivesTheRules) {
  counting_resource upstream;
  Alloc a(3, &upstream);  // capacity 3 instead of N = 8
  const auto first = a.alloc(2, ints_from(0));
  const auto dedicated = a.alloc(4, ints_from(0));
  const auto fits = a.alloc(1, ints_from(0));
  const auto next = a.alloc(1, ints_from(0));

  EXPECT_EQ(a.chunk_capacity(), 3u);
  EXPECT_EQ(fits.data(), first.data() + 2);
  EXPECT_NE(upstream.block_index_of(next.data()), upstream.block_index_of(first.data()));
  EXPECT_EQ(a.stats(), (AllocatorStats{3, 0, 1, 8, 0}));
}

}  // namespace
