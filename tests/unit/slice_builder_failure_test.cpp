// SliceBuilder's strong guarantee: a throwing element constructor, a throwing copy during a
// relocation, an upstream that fails, a length past the index type, and append() taking back
// what it added; misuse (the allocator used while a builder is open, re-entry from an element
// constructor, a finished or moved-from builder) is a violation, checked always.
#include <arena_arc/arena_arc.hpp>

#include <cstddef>
#include <cstdint>
#include <new>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>
#include <arena_arc_testing/counting_resource.hpp>
#include <arena_arc_testing/violation_capture.hpp>

#include "support/counted.hpp"
#include "support/helpers.hpp"

namespace {

using arena_arc_testing::Counted;
using arena_arc_testing::id_sequence;
using arena_arc_testing::ids_of;
using arena_arc_testing::int_sequence;
using arena_arc_testing::ints_from;
using arena_arc_testing::lifecycle;
using arena_arc_testing::to_vector;
using arena_arc_testing::violation_of;

// Throws from its constructor from an int when asked to, and from its copy constructor once
// `copies_left` reaches zero; its move may throw (not noexcept), so relocations copy it.
struct fragile {
  int value;
  static inline int copies_left = -1;  // -1: never throw
  explicit fragile(int v) : value(v) {
    if (v < 0) throw std::runtime_error("negative");
  }
  fragile(const fragile& other) : value(other.value) {
    if (copies_left == 0) throw std::runtime_error("copy");
    if (copies_left > 0) --copies_left;
  }
  fragile(fragile&& other) noexcept(false) : fragile(static_cast<const fragile&>(other)) {}
  fragile& operator=(const fragile&) = default;
  ~fragile() = default;
};

std::vector<int> values_of(const arena_arc::ArcSlice<fragile>& s) {
  std::vector<int> v;
  for (const fragile& f : s) v.push_back(f.value);
  return v;
}

class SliceBuilderFailureTest : public ::testing::Test {
 protected:
  void TearDown() override { fragile::copies_left = -1; }

 private:
  arena_arc_testing::lifecycle_scope scope_;
};

TEST_F(SliceBuilderFailureTest, AThrowingElementLeavesTheBuilderAsBefore) {
  arena_arc::Allocator<fragile, std::uint32_t, 4> alloc;
  auto b = alloc.builder();
  b.emplace_back(1);
  b.emplace_back(2);
  EXPECT_THROW(b.emplace_back(-1), std::runtime_error);  // in the room
  EXPECT_EQ(b.size(), 2U);
  b.emplace_back(3);
  b.emplace_back(4);
  EXPECT_THROW(b.emplace_back(-1), std::runtime_error);  // after a relocation
  EXPECT_EQ(b.size(), 4U);
  b.emplace_back(5);
  EXPECT_EQ(values_of(std::move(b).finish()), (std::vector<int>{1, 2, 3, 4, 5}));
}

TEST_F(SliceBuilderFailureTest, AThrowingCopyDuringARelocationKeepsTheElementsWhereTheyWere) {
  arena_arc_testing::counting_resource upstream;
  {
    arena_arc::Allocator<fragile, std::uint32_t, 4> alloc(&upstream);
    auto b = alloc.builder();
    for (int i = 0; i < 4; ++i) b.emplace_back(i);  // a full standard chunk
    const std::size_t blocks = upstream.live_blocks();
    fragile::copies_left = 2;  // the relocation to a dedicated chunk fails at its third copy
    EXPECT_THROW(b.emplace_back(4), std::runtime_error);
    EXPECT_EQ(upstream.live_blocks(), blocks);  // the new chunk was given back
    fragile::copies_left = -1;
    EXPECT_EQ(b.size(), 4U);
    b.emplace_back(4);
    EXPECT_EQ(values_of(std::move(b).finish()), (std::vector<int>{0, 1, 2, 3, 4}));
  }
  EXPECT_EQ(upstream.live_blocks(), 0U);
  EXPECT_TRUE(upstream.balanced());
}

TEST_F(SliceBuilderFailureTest, AnUpstreamFailureLeavesTheBuilderAsBefore) {
  arena_arc_testing::counting_resource upstream;
  {
    arena_arc::Allocator<Counted, std::uint32_t, 4> alloc(&upstream);
    auto b = alloc.builder();
    upstream.fail_in(0);
    EXPECT_THROW(b.emplace_back(0), std::bad_alloc);  // no chunk yet: the first one fails
    EXPECT_EQ(b.size(), 0U);
    for (int i = 0; i < 4; ++i) b.emplace_back(i);
    upstream.fail_in(0);
    EXPECT_THROW(b.emplace_back(4), std::bad_alloc);  // the dedicated chunk fails
    EXPECT_EQ(b.size(), 4U);
    EXPECT_EQ(lifecycle().live(), 4);
    b.emplace_back(4);
    EXPECT_EQ(ids_of(std::move(b).finish()), id_sequence(0, 5));
  }
  EXPECT_EQ(lifecycle().live(), 0);
  EXPECT_TRUE(upstream.balanced());
}

TEST_F(SliceBuilderFailureTest, AppendTakesBackWhatItAddedWhenAnElementThrows) {
  arena_arc::Allocator<fragile, std::uint32_t, 4> alloc;
  auto b = alloc.builder();
  b.emplace_back(1);
  const std::vector<int> bad{2, 3, 4, 5, -1, 6};
  EXPECT_THROW(b.append(bad), std::runtime_error);  // fragile(int) from each
  EXPECT_EQ(b.size(), 1U);
  b.append(std::vector<int>{2, 3});
  EXPECT_EQ(values_of(std::move(b).finish()), (std::vector<int>{1, 2, 3}));
}

TEST_F(SliceBuilderFailureTest, ALengthPastTheIndexTypeIsRefused) {
  arena_arc::Allocator<int, std::uint8_t, 16> small;
  auto b = small.builder();
  for (int i = 0; i < 255; ++i) b.push_back(i);
  EXPECT_THROW(b.push_back(255), std::length_error);
  EXPECT_THROW(b.append(std::vector<int>{1}), std::length_error);
  EXPECT_EQ(b.size(), 255U);
  const auto built = std::move(b).finish();
  EXPECT_EQ(to_vector(built), int_sequence(0, 255));
  auto c = small.builder();
  c.push_back(0);
  EXPECT_THROW(c.append(std::vector<int>(255, 0)), std::length_error);  // checked up front
  EXPECT_THROW(c.append(std::vector<int>(256, 0)), std::length_error);  // not even an L
  EXPECT_EQ(c.size(), 1U);
}

TEST_F(SliceBuilderFailureTest, UsingTheAllocatorWhileABuilderIsOpenIsAViolation) {
  arena_arc_testing::throwing_violation_scope scope;
  arena_arc::Allocator<int, std::uint32_t, 8> ints;
  auto b = ints.builder();
  b.push_back(1);
  EXPECT_EQ(violation_of([&] { return ints.alloc(1, ints_from(0)); }), "Allocator re-entrancy");
  EXPECT_EQ(violation_of([&] { return ints.alloc_value(1); }), "Allocator re-entrancy");
  EXPECT_EQ(violation_of([&] { return ints.builder(); }), "Allocator re-entrancy");
  b.push_back(2);
  EXPECT_EQ(to_vector(std::move(b).finish()), (std::vector<int>{1, 2}));
  EXPECT_EQ(ints.alloc(1, ints_from(7))[0], 7);  // usable again
}

TEST_F(SliceBuilderFailureTest, AFinishedOrMovedFromBuilderIsAViolationToUse) {
  arena_arc_testing::throwing_violation_scope scope;
  arena_arc::Allocator<int, std::uint32_t, 8> ints;
  auto a = ints.builder();
  auto b = std::move(a);
  // NOLINTBEGIN(bugprone-use-after-move): using the moved-from builder is the point
  EXPECT_EQ(violation_of([&] {
              a.push_back(1);
              return 0;
            }),
            "SliceBuilder open");
  EXPECT_EQ(violation_of([&] { return std::move(a).finish(); }), "SliceBuilder open");
  const auto s = std::move(b).finish();
  EXPECT_EQ(violation_of([&] {
              b.append(std::vector<int>{1});
              return 0;
            }),
            "SliceBuilder open");
  // NOLINTEND(bugprone-use-after-move)
  EXPECT_TRUE(s.empty());
}

// An element whose constructor uses the builder that is building it.
struct intruder {
  arena_arc::SliceBuilder<intruder>* builder;
  explicit intruder(arena_arc::SliceBuilder<intruder>* b) : builder(b) {
    if (b != nullptr) b->emplace_back(nullptr);
  }
};

TEST_F(SliceBuilderFailureTest, UsingTheBuilderFromAnElementConstructorIsAViolation) {
  arena_arc_testing::throwing_violation_scope scope;
  arena_arc::Allocator<intruder> alloc;
  auto b = alloc.builder();
  b.emplace_back(nullptr);
  EXPECT_EQ(violation_of([&] {
              b.emplace_back(&b);
              return 0;
            }),
            "SliceBuilder re-entrancy");
  EXPECT_EQ(b.size(), 1U);
  EXPECT_EQ(std::move(b).finish().size(), 1U);
}

void destroy_allocator_with_open_builder() {
  auto* ints = new arena_arc::Allocator<int, std::uint32_t, 8>();
  auto b = ints->builder();
  delete ints;  // the builder is still open
}

void move_allocator_with_open_builder() {
  arena_arc::Allocator<int, std::uint32_t, 8> ints;
  auto b = ints.builder();
  arena_arc::Allocator<int, std::uint32_t, 8> moved(std::move(ints));  // noexcept: aborts
}

void read_stats_with_open_builder() {
  arena_arc::Allocator<int, std::uint32_t, 8> ints;
  auto b = ints.builder();
  static_cast<void>(ints.stats());
}

void set_recycle_limit_with_open_builder() {
  arena_arc::Allocator<int, std::uint32_t, 8> ints;
  auto b = ints.builder();
  ints.set_recycle_limit(0);
}

// Moves, destruction, stats() and set_recycle_limit() are noexcept: their violation ends the
// process (the default handler).
TEST(SliceBuilderDeathTest, NoexceptMembersOfTheAllocatorOfAnOpenBuilderAreViolations) {
  EXPECT_DEATH(destroy_allocator_with_open_builder(), "Allocator re-entrancy");
  EXPECT_DEATH(move_allocator_with_open_builder(), "Allocator re-entrancy");
  EXPECT_DEATH(read_stats_with_open_builder(), "Allocator re-entrancy");
  EXPECT_DEATH(set_recycle_limit_with_open_builder(), "Allocator re-entrancy");
}

}  // namespace
