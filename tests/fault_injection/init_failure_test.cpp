// init throwing while element i is built, for every i and every placement path: the elements
// already built by the call are destroyed, the allocator is unchanged, the exception reaches the
// caller, and the next allocation lands where it would have without the failure.
#include <cstddef>
#include <cstdint>
#include <optional>

#include <gtest/gtest.h>

#include "support/every_index.hpp"

namespace fault_injection {
namespace {

template <class Cfg>
class InitFailure : public ::testing::Test {};
TYPED_TEST_SUITE(InitFailure, configs, config_names);

constexpr std::uint64_t base = 500;

TYPED_TEST(InitFailure, AllocInitThrowingAtEveryIndexLeavesNothingBehind) {
  using W = world<TypeParam>;
  fail_at_every_index<TypeParam>(
      slice_paths(), [](W& w, const path_case& pc, std::optional<std::size_t> fail_at) {
        std::size_t calls = 0;
        auto init = [&](std::size_t i) {
          EXPECT_EQ(i, calls++) << "init must be called for 0, 1, ... in order";
          if (fail_at == i) throw init_failure{i};
          return element(base + i, w.ledger);
        };
        try {
          w.keep(w.main->alloc(pc.len, init), W::sequence(base, pc.len));
        } catch (const init_failure& f) {
          EXPECT_EQ(std::optional<std::size_t>(f.index), fail_at);
          EXPECT_EQ(calls, f.index + 1) << "init was called again after it threw";
          return false;
        }
        EXPECT_EQ(calls, pc.len);
        return true;
      });
}

TYPED_TEST(InitFailure, AllocSingleInitThrowingLeavesNothingBehind) {
  using W = world<TypeParam>;
  fail_at_every_index<TypeParam>(
      single_paths(), [](W& w, const path_case&, std::optional<std::size_t> fail_at) {
        auto init = [&]() {
          if (fail_at) throw init_failure{*fail_at};
          return element(base, w.ledger);
        };
        try {
          w.keep(w.main->alloc_single(init), base);
        } catch (const init_failure&) {
          return false;
        }
        return true;
      });
}

}  // namespace
}  // namespace fault_injection
