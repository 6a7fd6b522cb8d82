// Fills with the running CPU's AVX2 stores (detail/wide_fill.hpp): the AVX2 instantiation of a
// fill (fill_each_wide) and the compile target's (fill_each_here) must build the same elements,
// call init once per element in index order, and stop at the same index with nothing left built;
// the dispatch must agree with the CPU flags the kernel reports; and translation units built with
// and without ARENA_ARC_WIDE_FILL must both fill correctly in one program, whichever copy of a
// shared instantiation the linker keeps.
#include <arena_arc/arena_arc.hpp>
#include <arena_arc/detail/construct.hpp>

#include <cstddef>
#include <cstdint>
#include <fstream>
#include <memory>
#include <new>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "support/fill_elements.hpp"
#include "wide_fill_mixed.hpp"

namespace {

using arena_arc_testing::max_fill_len;
using arena_arc_testing::value_for;

#if ARENA_ARC_WIDE_FILL  // the default on x86-64; elsewhere there is no AVX2 path to compare

// What one fill did: whether it finished, the indices init was called with, the elements built.
template <class T>
struct fill_record {
  bool done = false;
  std::vector<std::size_t> calls;
  std::vector<T> elements;  // the first calls.size() slots, or all n when done
};

enum class fill_path { here, wide };

// Fills n slots of fresh storage through one path; init stops at `stop` (returns false) or
// throws there when `throws`; stop >= n: never.
template <class T>
fill_record<T> fill_through(fill_path path, std::uint32_t n, std::size_t stop, bool throws) {
  std::allocator<T> storage;
  T* dst = storage.allocate(n == 0 ? 1 : n);
  fill_record<T> r;
  auto make = [&r, stop, throws](T* p, std::uint32_t i) {
    r.calls.push_back(i);
    if (i == stop) {
      if (throws) throw std::runtime_error("init failed");
      return false;
    }
    ::new (static_cast<void*>(p)) T(value_for<T>(i));  // p: the fill's slot i, unconstructed
    return true;
  };
  try {
    r.done = path == fill_path::wide ? arena_arc::detail::fill_each_wide(dst, n, make)
                                     : arena_arc::detail::fill_each_here(dst, n, make);
  } catch (const std::runtime_error&) {
    r.done = false;
  }
  if (r.done) r.elements.assign(dst, dst + n);  // T is trivially copyable: slots are objects
  storage.deallocate(dst, n == 0 ? 1 : n);
  return r;
}

bool kernel_reports_avx2() {
  std::ifstream cpuinfo("/proc/cpuinfo");
  std::string line;
  while (std::getline(cpuinfo, line)) {
    if (line.rfind("flags", 0) != 0) continue;
    std::istringstream words(line.substr(line.find(':') + 1));
    std::string flag;
    while (words >> flag) {
      if (flag == "avx2") return true;
    }
    return false;
  }
  throw std::runtime_error("/proc/cpuinfo has no flags line");
}

TEST(WideFill, AvailableExactlyWhereTheKernelReportsAvx2) {
  if (!std::ifstream("/proc/cpuinfo")) GTEST_SKIP() << "no /proc/cpuinfo to compare with";
  EXPECT_EQ(arena_arc::detail::wide_fill_available(), kernel_reports_avx2());
}

template <class T>
class WideFill : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!arena_arc::detail::wide_fill_available()) {
      GTEST_SKIP() << "this CPU cannot run the AVX2 fill";
    }
  }
};
using element_types = ::testing::Types<std::uint8_t, std::uint16_t, std::uint32_t, std::uint64_t,
                                       float, double, arena_arc_testing::rgb24>;
TYPED_TEST_SUITE(WideFill, element_types);

TYPED_TEST(WideFill, BuildsWhatTheCompileTargetBuildsAtEveryLength) {
  using T = TypeParam;
  for (std::uint32_t n = 0; n <= max_fill_len<T>; ++n) {
    const fill_record<T> wide = fill_through<T>(fill_path::wide, n, n, false);
    const fill_record<T> here = fill_through<T>(fill_path::here, n, n, false);
    ASSERT_TRUE(wide.done && here.done) << "n = " << n;
    ASSERT_EQ(wide.calls.size(), n);
    for (std::size_t i = 0; i < n; ++i) {
      EXPECT_EQ(wide.calls[i], i) << "n = " << n;
      EXPECT_EQ(wide.elements[i], value_for<T>(i)) << "n = " << n << ", i = " << i;
    }
    EXPECT_EQ(wide.calls, here.calls);
    EXPECT_EQ(wide.elements, here.elements);
  }
}

TYPED_TEST(WideFill, StopsWhereTheCompileTargetStops) {
  using T = TypeParam;
  constexpr auto n = static_cast<std::uint32_t>(max_fill_len<T>);
  for (std::size_t k = 0; k < n; ++k) {
    for (const bool throws : {false, true}) {
      const fill_record<T> wide = fill_through<T>(fill_path::wide, n, k, throws);
      const fill_record<T> here = fill_through<T>(fill_path::here, n, k, throws);
      EXPECT_FALSE(wide.done) << "k = " << k;
      EXPECT_FALSE(here.done) << "k = " << k;
      EXPECT_EQ(wide.calls.size(), k + 1) << "k = " << k;
      EXPECT_EQ(wide.calls, here.calls) << "k = " << k;
    }
  }
}

// A fill from a constructor of the earliest priority a program may give (101), the priority of
// libgcc's own constructor that fills the CPU model: depending on link order it runs before that
// (the model reads "no AVX2" and the fill takes the compile target's path) or after. Either way
// the slice must be right; which case ran is recorded.
struct early_fill_result {
  bool ran = false;
  bool model_was_filled = false;
  bool values_right = false;
};
early_fill_result early_fill;

__attribute__((constructor(101))) void fill_before_main() {
  early_fill.model_was_filled = __builtin_cpu_is("amd") || __builtin_cpu_is("intel");
  arena_arc::Allocator<std::uint32_t, std::uint32_t, 4096> a;
  const auto s = a.alloc(1000, [](std::size_t i) { return static_cast<std::uint32_t>(i * 5); });
  early_fill.values_right = s.size() == 1000;
  for (std::size_t i = 0; i < s.size(); ++i) {
    early_fill.values_right = early_fill.values_right && s[i] == i * 5;
  }
  early_fill.ran = true;
}

TEST(WideFill, AFillBeforeTheCpuModelIsFilledIsRight) {
  ASSERT_TRUE(early_fill.ran);
  EXPECT_TRUE(early_fill.values_right);
  RecordProperty("cpu_model_filled_before_the_fill", early_fill.model_was_filled ? "yes" : "no");
}

#endif  // ARENA_ARC_WIDE_FILL

// One instantiation of Allocator<std::uint64_t, std::uint32_t, 4096>::alloc with
// mixed_fill_init, compiled here (ARENA_ARC_WIDE_FILL as configured) and in wide_fill_mixed_tu.cpp
// (0): the linker keeps one copy of each function, and both call sites must see correct slices.
std::vector<std::uint64_t> fill_with_wide_fill_on(std::size_t n) {
  arena_arc::Allocator<std::uint64_t, std::uint32_t, 4096> a;
  const auto s = a.alloc(n, arena_arc_testing::mixed_fill_init{});
  return {s.begin(), s.end()};
}

TEST(WideFillMixed, TranslationUnitsWithAndWithoutItFillAlike) {
  for (std::size_t n = 0; n <= 300; ++n) {
    std::vector<std::uint64_t> expected(n);
    for (std::size_t i = 0; i < n; ++i) expected[i] = arena_arc_testing::mixed_fill_init{}(i);
    EXPECT_EQ(fill_with_wide_fill_on(n), expected) << "n = " << n;
    EXPECT_EQ(arena_arc_testing::fill_with_wide_fill_off(n), expected) << "n = " << n;
  }
}

}  // namespace
