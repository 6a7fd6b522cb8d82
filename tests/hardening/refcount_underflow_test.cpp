// Reference-count underflow, an internal invariant checked at level extensive and above.
// release() is noexcept, so the checked levels are observed through the default handler in a
// death test; below extensive, releasing too many references from a plain cell (no chunk behind
// it) is defined: the unsigned count wraps around and no handler runs.
#include <arena_arc/arena_arc.hpp>

#include <gtest/gtest.h>

#include <csignal>
#include <cstddef>
#include <limits>
#include <optional>

#include <arena_arc_testing/gtest_types.hpp>
#include <arena_arc_testing/hardening_levels.hpp>
#include <arena_arc_testing/violation_capture.hpp>

namespace {

using arena_arc_testing::default_handler_line;
using arena_arc_testing::extensive_checks;
using arena_arc_testing::violation_of;

template <class RC>
class RefcountUnderflowDeathTest : public testing::Test {};
using Policies = arena_arc_testing::gtest_types<arena_arc_testing::refcount_policies>;
TYPED_TEST_SUITE(RefcountUnderflowDeathTest, Policies);

TYPED_TEST(RefcountUnderflowDeathTest, BalancedReleasesNeverReport) {
  using ops = arena_arc::detail::counter_ops<TypeParam>;
  std::size_t cell = 3;
  bool last = true;
  EXPECT_EQ(violation_of([&] { last = ops::release(cell, 2); }), std::nullopt);
  EXPECT_FALSE(last);
  EXPECT_EQ(violation_of([&] { last = ops::release(cell, 1); }), std::nullopt);
  EXPECT_TRUE(last);
  EXPECT_EQ(cell, 0U);
}

// Releases n references from a cell holding `held` < n.
template <class RC>
void expect_underflow(std::size_t held, std::size_t n) {
  using ops = arena_arc::detail::counter_ops<RC>;
  std::size_t cell = held;
  if constexpr (extensive_checks) {
    EXPECT_EXIT(static_cast<void>(ops::release(cell, n)), testing::KilledBySignal(SIGABRT),
                default_handler_line("reference count underflow"));
  } else {
    bool last = true;
    EXPECT_EQ(violation_of([&] { last = ops::release(cell, n); }), std::nullopt);
    EXPECT_FALSE(last);
    EXPECT_EQ(cell, held - n);  // wrapped around, modulo 2^64
  }
}

TYPED_TEST(RefcountUnderflowDeathTest, ReleasingMoreThanHeld) { expect_underflow<TypeParam>(1, 2); }

TYPED_TEST(RefcountUnderflowDeathTest, ReleasingFromZero) { expect_underflow<TypeParam>(0, 1); }

TYPED_TEST(RefcountUnderflowDeathTest, ReleasingFarMoreThanHeld) {
  expect_underflow<TypeParam>(5, std::numeric_limits<std::size_t>::max());
}

}  // namespace
