// try_alloc / try_alloc_single reporting failure (an empty optional, or an error where
// std::expected exists) at every index and on every placement path: the call returns the
// failure, the elements it built are destroyed, the allocator is unchanged, and the next
// allocation lands where it would have. Also an init that throws inside try_alloc.
#include <arena_arc/config.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <version>

#if defined(__cpp_lib_expected)
#include <expected>
#elif defined(ARENA_ARC_TEST_REQUIRE_EXPECTED)
#error "this build must test try_alloc with std::expected, but __cpp_lib_expected is not defined"
#endif

#include <gtest/gtest.h>

#include "support/every_index.hpp"

namespace fault_injection {
namespace {

template <class Cfg>
class TryAllocFailure : public ::testing::Test {};
TYPED_TEST_SUITE(TryAllocFailure, configs, config_names);

constexpr std::uint64_t base = 900;

TYPED_TEST(TryAllocFailure, NulloptAtEveryIndexLeavesNothingBehind) {
  using W = world<TypeParam>;
  fail_at_every_index<TypeParam>(
      slice_paths(), [](W& w, const path_case& pc, std::optional<std::size_t> fail_at) {
        std::size_t calls = 0;
        auto r = w.main->try_alloc(pc.len, [&](std::size_t i) -> std::optional<element> {
          ++calls;
          if (fail_at == i) return std::nullopt;
          return element(base + i, w.ledger);
        });
        if (!r) {
          EXPECT_EQ(calls, *fail_at + 1) << "init was called again after it reported failure";
          return false;
        }
        w.keep(*std::move(r), W::sequence(base, pc.len));
        return true;
      });
}

TYPED_TEST(TryAllocFailure, SingleNulloptLeavesNothingBehind) {
  using W = world<TypeParam>;
  fail_at_every_index<TypeParam>(
      single_paths(), [](W& w, const path_case&, std::optional<std::size_t> fail_at) {
        auto r = w.main->try_alloc_single([&]() -> std::optional<element> {
          if (fail_at) return std::nullopt;
          return element(base, w.ledger);
        });
        if (!r) return false;
        w.keep(*std::move(r), base);
        return true;
      });
}

#if ARENA_ARC_HAS_EXCEPTIONS
TYPED_TEST(TryAllocFailure, InitThrowingAtEveryIndexLeavesNothingBehind) {
  using W = world<TypeParam>;
  fail_at_every_index<TypeParam>(
      slice_paths(), [](W& w, const path_case& pc, std::optional<std::size_t> fail_at) {
        try {
          auto r = w.main->try_alloc(pc.len, [&](std::size_t i) -> std::optional<element> {
            if (fail_at == i) throw init_failure{i};
            return element(base + i, w.ledger);
          });
          EXPECT_TRUE(r.has_value());
          if (r) w.keep(*std::move(r), W::sequence(base, pc.len));
          return true;
        } catch (const init_failure& f) {
          EXPECT_EQ(std::optional<std::size_t>(f.index), fail_at);
          return false;
        }
      });
}
#endif

#if defined(__cpp_lib_expected)
enum class fault_code { refused = 7 };

TYPED_TEST(TryAllocFailure, ExpectedErrorAtEveryIndexLeavesNothingBehind) {
  using W = world<TypeParam>;
  fail_at_every_index<TypeParam>(
      slice_paths(), [](W& w, const path_case& pc, std::optional<std::size_t> fail_at) {
        auto r = w.main->try_alloc(
            pc.len, [&](std::size_t i) -> std::expected<element, fault_code> {
              if (fail_at == i) return std::unexpected(fault_code::refused);
              return element(base + i, w.ledger);
            });
        if (!r) {
          EXPECT_EQ(r.error(), fault_code::refused);
          return false;
        }
        w.keep(*std::move(r), W::sequence(base, pc.len));
        return true;
      });
}

TYPED_TEST(TryAllocFailure, SingleExpectedErrorLeavesNothingBehind) {
  using W = world<TypeParam>;
  fail_at_every_index<TypeParam>(
      single_paths(), [](W& w, const path_case&, std::optional<std::size_t> fail_at) {
        auto r = w.main->try_alloc_single([&]() -> std::expected<element, fault_code> {
          if (fail_at) return std::unexpected(fault_code::refused);
          return element(base, w.ledger);
        });
        if (!r) {
          EXPECT_EQ(r.error(), fault_code::refused);
          return false;
        }
        w.keep(*std::move(r), base);
        return true;
      });
}
#endif

}  // namespace
}  // namespace fault_injection
