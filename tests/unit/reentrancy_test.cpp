// Using an allocator from inside its own init would overwrite the slice being built, so it is a
// violation (checked at every hardening level). With a throwing handler installed the violation
// surfaces as an exception that leaves the outer call, which then changes nothing; moving or
// destroying the allocator from inside init (noexcept operations) stops the process.
#include <arena_arc/arena_arc.hpp>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <ostream>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "support/helpers.hpp"
#include "support/violation_scope.hpp"

namespace {

using arena_arc::AllocatorStats;
using arena_arc_test::throwing_violation_scope;
using arena_arc_test::violation_error;

// An element that can run arbitrary code while it is being constructed, so that emplace and
// alloc_copy (which take no init) can also re-enter the allocator.
struct hook {
  using callback = std::function<int()>;
  explicit hook(int v) : value(v) {}
  hook(const callback& cb) : value(cb()) {}  // NOLINT(google-explicit-constructor): alloc_copy
  int value;
};

using Alloc = arena_arc::Allocator<hook, std::uint32_t, 8>;
using reenter_fn = void (*)(Alloc&);

struct inner_call {
  const char* name;
  reenter_fn call;
};

const inner_call inner_calls[] = {
    {"alloc", [](Alloc& a) { (void)a.alloc(2, [](std::size_t) { return hook(0); }); }},
    // Zero length touches no chunk, but is re-entrant use all the same.
    {"alloc_zero_length",
     [](Alloc& a) { (void)a.alloc(0, [](std::size_t) { return hook(0); }); }},
    {"try_alloc_zero_length",
     [](Alloc& a) {
       (void)a.try_alloc(0, [](std::size_t) { return std::optional<hook>(std::in_place, 0); });
     }},
    {"alloc_copy_empty", [](Alloc& a) { (void)a.alloc_copy(std::vector<hook>{}); }},
    {"try_alloc",
     [](Alloc& a) {
       (void)a.try_alloc(1, [](std::size_t) { return std::optional<hook>(std::in_place, 0); });
     }},
    {"alloc_single", [](Alloc& a) { (void)a.alloc_single([] { return hook(0); }); }},
    {"try_alloc_single",
     [](Alloc& a) {
       (void)a.try_alloc_single([] { return std::optional<hook>(std::in_place, 0); });
     }},
    {"alloc_value", [](Alloc& a) { (void)a.alloc_value(hook(0)); }},
    {"emplace", [](Alloc& a) { (void)a.emplace(0); }},
    {"alloc_copy", [](Alloc& a) { (void)a.alloc_copy(std::vector<hook>{hook(0)}); }},
};

// The outer call re-enters through `reenter` while building its second element (or its only
// one). `prefix` is allocated first so that the outer call takes the path named.
struct outer_call {
  const char* name;
  std::size_t prefix;
  void (*call)(Alloc& a, const std::function<void()>& reenter);
};

auto reentering_init(const std::function<void()>& reenter) {
  return [&reenter](std::size_t i) {
    if (i == 1) reenter();
    return hook(static_cast<int>(i));
  };
}

const outer_call outer_calls[] = {
    {"alloc_fast_path", 2,
     [](Alloc& a, const std::function<void()>& r) { (void)a.alloc(3, reentering_init(r)); }},
    {"alloc_new_chunk", 7,
     [](Alloc& a, const std::function<void()>& r) { (void)a.alloc(3, reentering_init(r)); }},
    {"alloc_dedicated_chunk", 2,
     [](Alloc& a, const std::function<void()>& r) { (void)a.alloc(12, reentering_init(r)); }},
    {"try_alloc", 2,
     [](Alloc& a, const std::function<void()>& r) {
       (void)a.try_alloc(3, [&r](std::size_t i) {
         if (i == 1) r();
         return std::optional<hook>(std::in_place, 0);
       });
     }},
    {"alloc_single", 2,
     [](Alloc& a, const std::function<void()>& r) {
       (void)a.alloc_single([&r] {
         r();
         return hook(0);
       });
     }},
    {"try_alloc_single", 2,
     [](Alloc& a, const std::function<void()>& r) {
       (void)a.try_alloc_single([&r] {
         r();
         return std::optional<hook>(std::in_place, 0);
       });
     }},
    {"emplace", 2,
     [](Alloc& a, const std::function<void()>& r) {
       (void)a.emplace(hook::callback([&r] {
         r();
         return 0;
       }));
     }},
    {"alloc_copy", 2,
     [](Alloc& a, const std::function<void()>& r) {
       const std::vector<hook::callback> source{[] { return 0; },
                                                [&r] {
                                                  r();
                                                  return 1;
                                                }};
       (void)a.alloc_copy(source);
     }},
};

std::ostream& operator<<(std::ostream& os, const inner_call& c) { return os << c.name; }
std::ostream& operator<<(std::ostream& os, const outer_call& c) { return os << c.name; }

using outer_and_inner = std::tuple<outer_call, inner_call>;

std::string outer_and_inner_name(const ::testing::TestParamInfo<outer_and_inner>& param) {
  return std::string(std::get<0>(param.param).name) + "_then_" + std::get<1>(param.param).name;
}

class Reentrancy : public ::testing::TestWithParam<outer_and_inner> {};

TEST_P(Reentrancy, IsAViolationAndTheOuterCallChangesNothing) {
  // Not a structured binding: clang 14 cannot capture those in a lambda.
  const outer_call& outer = std::get<0>(GetParam());
  const inner_call& inner = std::get<1>(GetParam());
  const arena_arc::violation_handler original = arena_arc::get_violation_handler();
  {
    const throwing_violation_scope violations;
    Alloc a;
    const auto before =
        a.alloc(outer.prefix, [](std::size_t i) { return hook(static_cast<int>(i)); });
    const AllocatorStats stats = a.stats();
    bool inner_returned = false;
    const std::function<void()> reenter = [&] {
      inner.call(a);
      inner_returned = true;
    };

    try {
      outer.call(a, reenter);
      ADD_FAILURE() << "re-entrant use was not reported";
    } catch (const violation_error& e) {
      EXPECT_EQ(e.check(), "Allocator re-entrancy");
    }
    EXPECT_FALSE(inner_returned);
    EXPECT_EQ(a.stats(), stats);
    // Still usable, and the next element goes right after the prefix.
    const auto next = a.alloc_single([] { return hook(42); });
    EXPECT_EQ(&next.get(), before.data() + outer.prefix);
    EXPECT_EQ(next->value, 42);
  }
  EXPECT_EQ(arena_arc::get_violation_handler(), original) << "the scope restores the handler";
}

INSTANTIATE_TEST_SUITE_P(EveryEntryPoint, Reentrancy,
                         ::testing::Combine(::testing::ValuesIn(outer_calls),
                                            ::testing::ValuesIn(inner_calls)),
                         outer_and_inner_name);

TEST(ReentrancyOfOtherAllocators, AnotherAllocatorMayBeUsedInsideInit) {
  Alloc outer;
  Alloc other;
  std::optional<arena_arc::ArcSlice<hook>> built_inside;
  const auto slice = outer.alloc(3, [&](std::size_t i) {
    if (i == 1)
      built_inside = other.alloc(2, [](std::size_t j) { return hook(10 + static_cast<int>(j)); });
    return hook(static_cast<int>(i));
  });
  ASSERT_TRUE(built_inside.has_value());
  EXPECT_EQ((*built_inside)[1].value, 11);
  EXPECT_EQ(slice[2].value, 2);
}

TEST(ReentrancyOfOtherAllocators, TheSameAllocatorWorksAgainAfterInitReturns) {
  Alloc a;
  const auto first = a.alloc(2, [](std::size_t i) { return hook(static_cast<int>(i)); });
  const auto second = a.alloc(2, [](std::size_t i) { return hook(static_cast<int>(i)); });
  EXPECT_EQ(second.data(), first.data() + 2);
}

// Moves and destruction are noexcept: a violation there ends the process, whatever the handler.
class ReentrancyDeathTest : public ::testing::Test {
 protected:
  ReentrancyDeathTest() { GTEST_FLAG_SET(death_test_style, "threadsafe"); }
  static constexpr const char* message = "arena_arc: violation of Allocator re-entrancy";
};

TEST_F(ReentrancyDeathTest, MoveConstructingFromInsideInit) {
  EXPECT_DEATH(
      {
        Alloc a;
        (void)a.alloc(2, [&a](std::size_t) {
          const Alloc stolen(std::move(a));
          return hook(0);
        });
      },
      message);
}

TEST_F(ReentrancyDeathTest, MoveAssigningFromInsideInit) {
  EXPECT_DEATH(
      {
        Alloc a;
        Alloc other;
        (void)a.alloc(2, [&](std::size_t) {
          other = std::move(a);
          return hook(0);
        });
      },
      message);
}

TEST_F(ReentrancyDeathTest, MoveAssigningIntoItFromInsideInit) {
  EXPECT_DEATH(
      {
        Alloc a;
        (void)a.alloc(2, [&a](std::size_t) {
          a = Alloc();
          return hook(0);
        });
      },
      message);
}

TEST_F(ReentrancyDeathTest, DestroyingFromInsideInit) {
  EXPECT_DEATH(
      {
        std::optional<Alloc> a(std::in_place);
        (void)a->alloc(2, [&a](std::size_t) {
          a.reset();
          return hook(0);
        });
      },
      message);
}

}  // namespace
