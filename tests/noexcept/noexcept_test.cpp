// Built with -fno-exceptions: every documented throw becomes a violation whose check is the
// exception's type name, reported by the default handler (one line, then abort); everything
// that does not fail works as usual.
#include <arena_arc/arena_arc.hpp>
#include <arena_arc_testing/counted.hpp>

#include <gtest/gtest.h>

#include <array>
#include <csignal>
#include <cstddef>
#include <cstdint>
#include <memory_resource>
#include <optional>
#include <string>
#include <vector>

static_assert(ARENA_ARC_HAS_EXCEPTIONS == 0, "this test must be built with -fno-exceptions");

namespace {

using Alloc8 = arena_arc::Allocator<int, std::uint8_t, 16>;

// Runs `operation` in a death-test child and expects the default handler's line for `check`.
template <class F>
void expect_violation(F operation, const std::string& check) {
  EXPECT_EXIT(operation(), testing::KilledBySignal(SIGABRT),
              "^arena_arc: violation of " + check + ": [^\n]+ \\([^\n]+:[0-9]+\\)\n$");
}

// A non-conforming resource that returns null instead of throwing (it cannot throw here).
class null_resource : public std::pmr::memory_resource {
  void* do_allocate(std::size_t, std::size_t) override { return nullptr; }
  void do_deallocate(void*, std::size_t, std::size_t) override {}
  [[nodiscard]] bool do_is_equal(const std::pmr::memory_resource& other) const noexcept override {
    return this == &other;
  }
};

// The shared counted element over one ledger that counts live instances.
struct counted_home {
  static arena_arc_testing::counter_set& ledger() noexcept {
    static arena_arc_testing::counter_set set;
    return set;
  }
};
using counted_base =
    arena_arc_testing::counted<arena_arc_testing::copy_identity::carry,
                               arena_arc_testing::move_identity::carry, counted_home>;
struct counted : counted_base {
  explicit counted(int v)
      : counted_base(counted_home::ledger(), 0, static_cast<std::uint64_t>(v)) {}
  static std::ptrdiff_t live() noexcept { return counted_home::ledger().live(); }
};

int index_value(std::size_t i) { return static_cast<int>(i); }

TEST(NoExceptionsDeathTest, LengthErrors) {
  expect_violation([] { static_cast<void>(Alloc8().alloc(256, index_value)); },
                   "std::length_error");
  expect_violation([] { static_cast<void>(Alloc8().alloc(-1, index_value)); }, "std::length_error");
  expect_violation([] { static_cast<void>(Alloc8().alloc_copy(std::vector<int>(300, 1))); },
                   "std::length_error");
  expect_violation([] { Alloc8 zero(0); }, "std::length_error");
  expect_violation([] { Alloc8 negative(-4); }, "std::length_error");
  expect_violation([] { Alloc8 above_l(256); }, "std::length_error");
  // A chunk of that many 1 KiB elements has no representable byte size.
  expect_violation(
      [] {
        arena_arc::Allocator<std::array<char, 1024>, std::uint64_t> huge(std::uint64_t{1} << 60);
      },
      "std::length_error");
}

TEST(NoExceptionsDeathTest, OutOfRange) {
  Alloc8 a;
  const auto s = a.alloc(3, index_value);
  expect_violation([&] { static_cast<void>(s.at(3)); }, "std::out_of_range");
  expect_violation([&] { static_cast<void>(s.subslice(2, 2)); }, "std::out_of_range");
  expect_violation([&] { static_cast<void>(s.first(4)); }, "std::out_of_range");
  expect_violation([&] { static_cast<void>(s.last(4)); }, "std::out_of_range");
}

TEST(NoExceptionsDeathTest, InvalidArgument) {
  Alloc8 a;
  const auto s = a.alloc(2, index_value);
  expect_violation([&] { static_cast<void>(Alloc8::single_type::from_slice(s)); },
                   "std::invalid_argument");
  expect_violation([] { static_cast<void>(Alloc8::single_type::from_slice({})); },
                   "std::invalid_argument");
  expect_violation([] { Alloc8 no_upstream(nullptr); }, "std::invalid_argument");
  expect_violation([] { Alloc8 no_upstream(std::size_t{4}, nullptr); }, "std::invalid_argument");
}

TEST(NoExceptionsDeathTest, UpstreamReturnsNull) {
  null_resource upstream;
  expect_violation([&] { static_cast<void>(Alloc8(&upstream).alloc_value(1)); }, "std::bad_alloc");
  // The dedicated-chunk path too.
  expect_violation([&] { static_cast<void>(Alloc8(&upstream).alloc(20, index_value)); },
                   "std::bad_alloc");
}

TEST(NoExceptions, AllocationsCopiesAndReadsWork) {
  Alloc8 a;
  const auto s = a.alloc(10, index_value);
  const auto copy = s;  // NOLINT(performance-unnecessary-copy-initialization): under test
  const auto big = a.alloc(40, index_value);  // dedicated chunk
  const auto single = a.alloc_value(77);
  EXPECT_EQ(std::vector<int>(copy.begin(), copy.end()),
            (std::vector<int>{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}));
  EXPECT_EQ(s.at(9), 9);
  EXPECT_EQ(s.subslice(2, 3).front(), 2);
  EXPECT_EQ(s.last(2)[1], 9);
  EXPECT_EQ(big.back(), 39);
  EXPECT_EQ(*single, 77);
  EXPECT_EQ(Alloc8::slice_type(single).size(), 1U);
  const arena_arc::AllocatorStats stats = a.stats();
  EXPECT_EQ(stats.chunks_allocated, 2U);
  EXPECT_EQ(stats.dedicated_chunks, 1U);
  EXPECT_EQ(stats.elements_allocated, 51U);
}

TEST(NoExceptions, TryVariantsReportFailureAndUndoTheirWork) {
  {
    arena_arc::Allocator<counted, std::uint8_t, 16> a;
    const auto kept = a.alloc_single([] { return counted(1); });
    const arena_arc::AllocatorStats before = a.stats();
    const auto failed = a.try_alloc(5, [](std::size_t i) {
      return i < 3 ? std::optional<counted>(counted(static_cast<int>(i))) : std::nullopt;
    });
    EXPECT_FALSE(failed.has_value());
    EXPECT_EQ(counted::live(), 1);
    EXPECT_EQ(a.stats(), before);
    const auto ok = a.try_alloc_single([] { return std::optional<counted>(counted(2)); });
    ASSERT_TRUE(ok.has_value());
    EXPECT_EQ((*ok)->value(), 2U);
    EXPECT_EQ(kept->value(), 1U);
  }
  EXPECT_EQ(counted::live(), 0);
}

TEST(NoExceptions, TryFromSliceAndHandlesOutlivingTheAllocator) {
  std::optional<Alloc8::single_type> single;
  Alloc8::slice_type pair;
  {
    Alloc8 a;
    single = Alloc8::single_type::try_from_slice(a.alloc(1, index_value));
    pair = a.alloc(2, [](std::size_t i) { return static_cast<int>(i) + 40; });
    EXPECT_FALSE(Alloc8::single_type::try_from_slice(pair).has_value());
  }
  ASSERT_TRUE(single.has_value());
  EXPECT_EQ(**single, 0);
  EXPECT_EQ(pair[1], 41);
}

}  // namespace
