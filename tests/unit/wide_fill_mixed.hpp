// The two translation units of the mixed ARENA_ARC_WIDE_FILL test (wide_fill_test.cpp with the
// default 1, wide_fill_mixed_tu.cpp with 0) share this init, so that both instantiate the same
// fill functions under the same names.
#ifndef ARENA_ARC_TESTS_UNIT_WIDE_FILL_MIXED_HPP
#define ARENA_ARC_TESTS_UNIT_WIDE_FILL_MIXED_HPP

#include <cstddef>
#include <cstdint>
#include <vector>

namespace arena_arc_testing {

struct mixed_fill_init {
  std::uint64_t operator()(std::size_t i) const noexcept { return i * 0x9E3779B97F4A7C15ULL + 1; }
};

/// A slice of n elements made with mixed_fill_init in the translation unit built with
/// ARENA_ARC_WIDE_FILL 0, copied out.
std::vector<std::uint64_t> fill_with_wide_fill_off(std::size_t n);

}  // namespace arena_arc_testing

#endif  // ARENA_ARC_TESTS_UNIT_WIDE_FILL_MIXED_HPP
