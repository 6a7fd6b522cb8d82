// formal/: the named sweeps of the exhaustive-arithmetic check. Each is a constexpr function
// returning its tally; exhaustive_arithmetic_runtime.cpp runs them all at run time and prints
// the counts, exhaustive_arithmetic_static_*.cpp run them inside static_assert.
//
//   u8_*       every input for L = std::uint8_t (and 8/16-bit sources of to_length)
//   u16_*      every (offset, len) pair of std::uint16_t with representative capacities
//   bnd_*      every combination of boundary values for 16, 32 and 64 bits (and std::size_t)
//   size_*     the std::size_t helpers: range_in_bounds over [0, 300]^3, align_up over every
//              value below 4096 with every power-of-two alignment up to 4096 and non-powers
#ifndef ARENA_ARC_FORMAL_SUPPORT_SUITES_HPP
#define ARENA_ARC_FORMAL_SUPPORT_SUITES_HPP

#include "reference.hpp"
#include "sweeps.hpp"
#include "tally.hpp"

#include <array>
#include <cstddef>
#include <cstdint>

namespace formal {

using std::int16_t;
using std::int8_t;
using std::size_t;
using std::uint16_t;
using std::uint32_t;
using std::uint64_t;
using std::uint8_t;

// ---- L = uint8_t, every input ------------------------------------------------------------

constexpr tally u8_to_length() {
  tally t;
  t += sweep_to_length<uint8_t, int8_t>(every_value<int8_t>());
  t += sweep_to_length<uint8_t, uint8_t>(every_value<uint8_t>());
  t += sweep_to_length<uint8_t, int16_t>(every_value<int16_t>());
  t += sweep_to_length<uint8_t, uint16_t>(every_value<uint16_t>());
  t += sweep_to_length<uint8_t, char>(every_value<char>());
  t += sweep_to_length<uint8_t, char8_t>(every_value<char8_t>());
  t += sweep_to_length<uint8_t, char16_t>(every_value<char16_t>());
  return t;
}
constexpr tally u8_add() {
  return sweep_add<uint8_t>(every_value<uint8_t>(), every_value<uint8_t>());
}
/// Every (used, capacity, n), also used > capacity (outside fits' precondition: pinned to the
/// defined wrap-around).
constexpr tally u8_fits() {
  return sweep_fits<uint8_t>(every_value<uint8_t>(), every_value<uint8_t>(),
                             every_value<uint8_t>());
}
constexpr tally u8_remaining() {
  return sweep_remaining<uint8_t>(every_value<uint8_t>(), every_value<uint8_t>());
}
/// The same for char8_t, the other 8-bit index type (unsigned char is std::uint8_t).
constexpr tally u8_fits_char8() {
  return sweep_fits<char8_t>(every_value<char8_t>(), every_value<char8_t>(),
                             every_value<char8_t>());
}
/// Every capacity a uint8_t allocator could be asked for, through 16 bits.
constexpr tally u8_valid_capacity() {
  return sweep_valid_capacity<uint8_t>(every_value<uint16_t>());
}

// ---- L = uint16_t, every (offset, len) pair with representative capacities ---------------

/// The reference type of the dense 16-bit sweeps: 32 bits hold every sum of two 16-bit values
/// exactly (exact_for checks it) and, unlike u128, let the 2^32-input rows vectorise.
using dense_wide = std::uint32_t;

inline constexpr std::array<uint16_t, 7> u16_capacities = {1, 2, 255, 256, 4095, 65534, 65535};

constexpr tally u16_to_length() {
  tally t;
  t += sweep_to_length<uint16_t, int8_t>(every_value<int8_t>());
  t += sweep_to_length<uint16_t, uint8_t>(every_value<uint8_t>());
  t += sweep_to_length<uint16_t, int16_t>(every_value<int16_t>());
  t += sweep_to_length<uint16_t, uint16_t>(every_value<uint16_t>());
  t += sweep_to_length<uint16_t, char16_t>(every_value<char16_t>());
  return t;
}
/// offset + len on L for every pair (the capacity plays no part).
constexpr tally u16_add() {
  return sweep_add<uint16_t, dense_wide>(every_value<uint16_t>(), every_value<uint16_t>());
}
/// fits(offset, capacity, len) for every (offset, len) and the I-th representative capacity
/// (one function per capacity, so that the run-time check can spread them over threads).
template <std::size_t I>
constexpr tally u16_fits_at() {
  const std::array<uint16_t, 1> capacity = {u16_capacities[I]};
  return sweep_fits<uint16_t, dense_wide>(every_value<uint16_t>(), capacity,
                                          every_value<uint16_t>());
}
constexpr tally u16_remaining() {
  return sweep_remaining<uint16_t, dense_wide>(every_value<uint16_t>(), every_value<uint16_t>());
}
/// A subslice (offset, len) of a slice of the I-th representative capacity.
template <std::size_t I>
constexpr tally u16_range_in_bounds_at() {
  const std::array<uint16_t, 1> size = {u16_capacities[I]};
  return sweep_range_in_bounds<dense_wide>(size, every_value<uint16_t>(), every_value<uint16_t>());
}
constexpr tally u16_valid_capacity() {
  return sweep_valid_capacity<uint16_t>(closed_range(0, 1U << 17));
}

// ---- boundary values: 16, 32 and 64 bits --------------------------------------------------

/// to_length<L>(n) for every source integer type at its own boundary values and L's.
template <class L>
constexpr tally bnd_to_length_for() {
  tally t;
  t += sweep_to_length<L, signed char>(boundaries<signed char>);
  t += sweep_to_length<L, unsigned char>(boundaries<unsigned char>);
  t += sweep_to_length<L, short>(boundaries<short>);
  t += sweep_to_length<L, unsigned short>(boundaries<unsigned short>);
  t += sweep_to_length<L, int>(boundaries<int>);
  t += sweep_to_length<L, unsigned>(boundaries<unsigned>);
  t += sweep_to_length<L, long>(boundaries<long>);
  t += sweep_to_length<L, unsigned long>(boundaries<unsigned long>);
  t += sweep_to_length<L, long long>(boundaries<long long>);
  t += sweep_to_length<L, unsigned long long>(boundaries<unsigned long long>);
  t += sweep_to_length<L, char>(boundaries<char>);
  t += sweep_to_length<L, wchar_t>(boundaries<wchar_t>);
  t += sweep_to_length<L, char8_t>(boundaries<char8_t>);
  t += sweep_to_length<L, char16_t>(boundaries<char16_t>);
  t += sweep_to_length<L, char32_t>(boundaries<char32_t>);
  return t;
}

/// add, fits, remaining and valid_capacity on L over every combination of its boundary values.
template <class L>
constexpr tally bnd_index_helpers_for() {
  constexpr const auto& b = boundaries<L>;
  tally t;
  t += sweep_add<L>(b, b);
  t += sweep_fits<L>(b, b, b);
  t += sweep_remaining<L>(b, b);
  t += sweep_valid_capacity<L>(boundaries<uint64_t>);
  return t;
}

constexpr tally bnd_to_length() {
  tally t;
  t += bnd_to_length_for<uint8_t>();
  t += bnd_to_length_for<uint16_t>();
  t += bnd_to_length_for<uint32_t>();
  t += bnd_to_length_for<uint64_t>();
  t += bnd_to_length_for<unsigned long long>();
  t += bnd_to_length_for<char32_t>();
  return t;
}
constexpr tally bnd_index_16() { return bnd_index_helpers_for<uint16_t>(); }
constexpr tally bnd_index_32() { return bnd_index_helpers_for<uint32_t>(); }
constexpr tally bnd_index_64() { return bnd_index_helpers_for<uint64_t>(); }

/// The std::size_t helpers over every combination of its boundary values.
constexpr tally bnd_size_helpers() {
  constexpr const auto& b = boundaries<size_t>;
  tally t;
  t += sweep_range_in_bounds(b, b, b);
  t += sweep_mul_add_size(b, b);
  t += sweep_align_up(b, boundaries<size_t>);
  return t;
}

/// layout_for: capacity x element size over every boundary pair with the headers and
/// alignments a chunk really has; then header x alignment over every boundary pair.
constexpr tally bnd_layout_for() {
  constexpr const auto& b = boundaries<size_t>;
  constexpr std::array<size_t, 4> headers = {24, 32, 40, 48};
  constexpr std::array<size_t, 5> aligns = {1, 8, 16, 64, 4096};
  constexpr std::array<size_t, 3> small = {0, 1, 8};
  tally t;
  t += sweep_layout_for(b, headers, b, aligns);
  t += sweep_layout_for(small, b, small, b);
  return t;
}

// ---- std::size_t helpers over dense small ranges ------------------------------------------

/// Every (size, offset, count) in [0, 300]^3: all subslice requests on slices of up to 300.
constexpr tally size_range_in_bounds_dense() {
  return sweep_range_in_bounds(closed_range(0, 300), closed_range(0, 300), closed_range(0, 300));
}
/// Every value below 4096 with every power-of-two alignment up to 4096 and non-powers.
constexpr tally size_align_up_dense() {
  return sweep_align_up(closed_range(0, 4095), alignment_values);
}
/// mul and add_size for every pair below 256 (the region where both always succeed).
constexpr tally size_mul_add_dense() {
  return sweep_mul_add_size(closed_range(0, 255), closed_range(0, 255));
}

// ---- the compile-time selection (exhaustive_arithmetic_static_*.cpp) ----------------------
// Constant evaluation costs 3 to 5 microseconds per input (g++ 12 is the faster but keeps
// about 150 bytes per evaluated call; clang++ 14 is 1.5x slower in constant memory). The
// sweeps inside static_assert are therefore: every uint8_t input of every helper (fits' 16.7
// million triples split over four translation units, see CMakeLists.txt), all pairs of
// boundary values for the two-argument helpers, and the compact boundary set for three or
// more arguments.

/// fits<uint8_t> for every (used, n) and the capacities [first, last].
constexpr tally ct_u8_fits_capacities(std::int32_t first, std::int32_t last) {
  return sweep_fits<uint8_t>(every_value<uint8_t>(), interval<std::int32_t>{first, last},
                             every_value<uint8_t>());
}

/// fits<uint8_t> for every (used, n) and 9 representative capacities: the selection for a
/// build that does not evaluate every capacity at compile time.
constexpr tally ct_u8_fits_representative() {
  constexpr std::array<uint8_t, 9> capacities = {0, 1, 2, 3, 127, 128, 253, 254, 255};
  return sweep_fits<uint8_t>(every_value<uint8_t>(), capacities, every_value<uint8_t>());
}

template <class L>
constexpr tally ct_bnd_index_for() {
  constexpr const auto& b = boundaries<L>;
  constexpr const auto& c = compact_boundaries<L>;
  tally t;
  t += sweep_add<L>(b, b);
  t += sweep_fits<L>(c, c, c);
  t += sweep_remaining<L>(b, b);
  t += sweep_valid_capacity<L>(boundaries<uint64_t>);
  return t;
}
constexpr tally ct_bnd_index() {
  tally t;
  t += ct_bnd_index_for<uint16_t>();
  t += ct_bnd_index_for<uint32_t>();
  t += ct_bnd_index_for<uint64_t>();
  return t;
}

constexpr tally ct_bnd_size_helpers() {
  constexpr const auto& b = boundaries<size_t>;
  constexpr const auto& c = compact_boundaries<size_t>;
  tally t;
  t += sweep_range_in_bounds(c, c, c);
  t += sweep_mul_add_size(b, b);
  t += sweep_align_up(b, b);
  return t;
}

constexpr tally ct_bnd_layout_for() {
  constexpr const auto& c = compact_boundaries<size_t>;
  constexpr std::array<size_t, 3> headers = {24, 32, 40};
  constexpr std::array<size_t, 4> aligns = {1, 8, 64, 4096};
  tally t;
  t += sweep_layout_for(c, headers, c, aligns);
  t += sweep_layout_for(std::array<size_t, 2>{0, 1}, c, std::array<size_t, 2>{1, 8}, c);
  return t;
}

/// Every (size, offset, count) in [0, 24]^3 and align_up of every value below 512.
constexpr tally ct_size_dense() {
  tally t;
  t += sweep_range_in_bounds(closed_range(0, 24), closed_range(0, 24), closed_range(0, 24));
  t += sweep_align_up(closed_range(0, 511), alignment_values);
  return t;
}

}  // namespace formal

#endif  // ARENA_ARC_FORMAL_SUPPORT_SUITES_HPP
