// Checks that stay on at every hardening level: re-entrant use of an allocator from inside its
// own init, reference-count overflow, and the documented exceptions of at(), subslice(),
// first(), last() and of lengths (which throw, never reach the violation handler).
#include <arena_arc/arena_arc.hpp>

#include <gtest/gtest.h>

#include <csignal>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include <arena_arc_testing/gtest_types.hpp>
#include <arena_arc_testing/hardening_levels.hpp>
#include <arena_arc_testing/violation_capture.hpp>

namespace {

using arena_arc_testing::default_handler_line;
using arena_arc_testing::violation_of;
using Alloc = arena_arc::Allocator<int, std::uint8_t, 16>;

const std::optional<std::string> reentrancy = "Allocator re-entrancy";
const std::optional<std::string> overflow = "reference count overflow";

// Each entry runs an allocation whose init uses `a` again.
std::vector<std::function<void(Alloc&)>> reentering_operations() {
  auto reenter = [](Alloc& a) { static_cast<void>(a.alloc_value(1)); };
  return {
      [=](Alloc& a) {
        static_cast<void>(a.alloc(3, [&](std::size_t i) {
          if (i == 2) reenter(a);
          return 0;
        }));
      },
      [=](Alloc& a) {
        static_cast<void>(a.try_alloc(3, [&](std::size_t i) {
          if (i == 1) reenter(a);
          return std::optional<int>(0);
        }));
      },
      [=](Alloc& a) {
        static_cast<void>(a.alloc_single([&] {
          reenter(a);
          return 0;
        }));
      },
      [=](Alloc& a) {
        static_cast<void>(a.try_alloc_single([&] {
          static_cast<void>(a.alloc(2, [](std::size_t) { return 0; }));
          return std::optional<int>(0);
        }));
      },
  };
}

TEST(AlwaysChecks, ReentrantAllocationFromInit) {
  for (const auto& operation : reentering_operations()) {
    Alloc a;
    const auto kept = a.alloc(2, [](std::size_t i) { return static_cast<int>(i) + 5; });
    const arena_arc::AllocatorStats before = a.stats();
    EXPECT_EQ(violation_of([&] { operation(a); }), reentrancy);
    // The failed call changed nothing and the allocator is usable again.
    EXPECT_EQ(a.stats(), before);
    const auto next = a.alloc(1, [](std::size_t) { return 9; });
    EXPECT_EQ(next.data(), kept.data() + 2);
    EXPECT_EQ(kept[1], 6);
  }
}

TEST(AlwaysChecksDeathTest, MoveConstructFromInsideInit) {
  Alloc a;
  EXPECT_EXIT(static_cast<void>(a.alloc_single([&] {
                Alloc stolen(std::move(a));
                return 0;
              })),
              testing::KilledBySignal(SIGABRT), default_handler_line("Allocator re-entrancy"));
}

TEST(AlwaysChecksDeathTest, MoveAssignFromInsideInit) {
  Alloc a;
  Alloc other;
  EXPECT_EXIT(static_cast<void>(a.alloc_single([&] {
                other = std::move(a);
                return 0;
              })),
              testing::KilledBySignal(SIGABRT), default_handler_line("Allocator re-entrancy"));
  EXPECT_EXIT(static_cast<void>(a.alloc_single([&] {
                a = std::move(other);
                return 0;
              })),
              testing::KilledBySignal(SIGABRT), default_handler_line("Allocator re-entrancy"));
}

TEST(AlwaysChecksDeathTest, DestroyFromInsideInit) {
  std::optional<Alloc> a(std::in_place);
  EXPECT_EXIT(static_cast<void>(a->alloc_single([&] {
                a.reset();
                return 0;
              })),
              testing::KilledBySignal(SIGABRT), default_handler_line("Allocator re-entrancy"));
}

template <class RC>
class RefcountOverflow : public testing::Test {};
using Policies = arena_arc_testing::gtest_types<arena_arc_testing::refcount_policies>;
TYPED_TEST_SUITE(RefcountOverflow, Policies);

TYPED_TEST(RefcountOverflow, AcquirePastBoundLeavesCountUnchanged) {
  using ops = arena_arc::detail::counter_ops<TypeParam>;
  std::size_t cell = arena_arc::detail::max_refcount - 1;
  EXPECT_EQ(violation_of([&] { ops::acquire(cell); }), std::nullopt);
  EXPECT_EQ(cell, arena_arc::detail::max_refcount);
  EXPECT_EQ(violation_of([&] { ops::acquire(cell); }), overflow);
  EXPECT_EQ(cell, arena_arc::detail::max_refcount);
}

TYPED_TEST(RefcountOverflow, HandleCopiesAtBound) {
  using access = arena_arc::detail::handle_access;
  using ops = arena_arc::detail::counter_ops<TypeParam>;
  arena_arc::Allocator<int, std::uint32_t, 8, TypeParam> a;
  const auto slice = a.alloc(3, [](std::size_t i) { return static_cast<int>(i); });
  const auto single = a.alloc_value(42);
  auto* chunk = access::chunk_of(slice);
  ASSERT_EQ(chunk, access::chunk_of(single));
  // Stand-in for max_refcount live handles, which no test can create; put back below so that
  // the chunk is released normally.
  const std::size_t real = ops::load(chunk->refs);
  chunk->refs = arena_arc::detail::max_refcount;
  // The copies are the operations under test (each takes one reference).
  using slice_type = typename decltype(a)::slice_type;
  using single_type = typename decltype(a)::single_type;
  EXPECT_EQ(violation_of([&] { static_cast<void>(slice_type(slice)); }), overflow);
  EXPECT_EQ(violation_of([&] { static_cast<void>(single_type(single)); }), overflow);
  EXPECT_EQ(violation_of([&] { static_cast<void>(slice.first(1)); }), overflow);
  EXPECT_EQ(violation_of([&] { static_cast<void>(single.to_slice()); }), overflow);
  EXPECT_EQ(ops::load(chunk->refs), arena_arc::detail::max_refcount);
  chunk->refs = real;
  const auto copy = slice;
  EXPECT_EQ(ops::load(chunk->refs), real + 1);
  EXPECT_EQ(copy[2], 2);
}

TEST(AlwaysChecks, DocumentedErrorsThrowWithoutViolation) {
  Alloc a;
  const auto s = a.alloc(4, [](std::size_t i) { return static_cast<int>(i); });
  const arena_arc::ArcSingle<int, std::uint8_t> single = a.alloc_value(1);
  const auto expect_throw_only = [](auto operation, const char* what) {
    std::optional<std::string> report;
    bool threw = false;
    try {
      report = violation_of(operation);
    } catch (const std::logic_error&) {
      threw = true;
    }
    EXPECT_TRUE(threw) << what;
    EXPECT_EQ(report, std::nullopt) << what;
  };
  expect_throw_only([&] { static_cast<void>(s.at(4)); }, "at");
  expect_throw_only([&] { static_cast<void>(s.subslice(3, 2)); }, "subslice");
  expect_throw_only([&] { static_cast<void>(s.first(5)); }, "first");
  expect_throw_only([&] { static_cast<void>(s.last(5)); }, "last");
  expect_throw_only([&] { static_cast<void>(a.alloc(256, [](std::size_t) { return 0; })); },
                    "length above L");
  expect_throw_only([&] { static_cast<void>(a.alloc(-1, [](std::size_t) { return 0; })); },
                    "negative length");
  expect_throw_only([&] { static_cast<void>(Alloc(0)); }, "zero capacity");
  expect_throw_only([&] { static_cast<void>(decltype(single)::from_slice(s)); }, "from_slice");
  EXPECT_THROW(static_cast<void>(s.at(4)), std::out_of_range);
  EXPECT_THROW(static_cast<void>(Alloc(0)), std::length_error);
  EXPECT_THROW(static_cast<void>(decltype(single)::from_slice(s)), std::invalid_argument);
}

}  // namespace
