// Test support: the element types the fill tests build (integers of every width, a 24-byte
// struct that is filled in blocks of two, a 40-byte one that is filled one by one) and the value
// each test expects at index i.
#ifndef ARENA_ARC_TESTS_UNIT_SUPPORT_FILL_ELEMENTS_HPP
#define ARENA_ARC_TESTS_UNIT_SUPPORT_FILL_ELEMENTS_HPP

#include <arena_arc/detail/construct.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <type_traits>

namespace arena_arc_testing {

struct rgb24 {  // 24 bytes, trivially copyable: blocks of 2
  std::uint64_t r, g, b;
  friend bool operator==(const rgb24&, const rgb24&) = default;
};
struct wide40 {  // 40 bytes: above the block limit, built one by one
  std::array<std::uint64_t, 5> v;
  friend bool operator==(const wide40&, const wide40&) = default;
};

/// The value a fill test puts at index i: distinct for neighbouring indices in every lane.
template <class T>
T value_for(std::size_t i) {
  if constexpr (std::is_integral_v<T>) {
    return static_cast<T>(i * 7 + 3);
  } else if constexpr (std::is_floating_point_v<T>) {
    return static_cast<T>(i) * T(0.5) - T(3);
  } else if constexpr (std::is_same_v<T, rgb24>) {
    return rgb24{i, i + 1, i * 3};
  } else {
    return wide40{{i, i + 1, i + 2, i + 3, i * 5}};
  }
}

/// Lengths 0 .. 2 large blocks + 2 small blocks + 3: empty, tail only, small blocks and a tail,
/// large blocks, small blocks and a tail.
template <class T>
inline constexpr std::size_t max_fill_len =
    2 * arena_arc::detail::fill_block<T, 512> + 2 * arena_arc::detail::fill_block<T, 64> + 3;

}  // namespace arena_arc_testing

#endif  // ARENA_ARC_TESTS_UNIT_SUPPORT_FILL_ELEMENTS_HPP
