// formal/: the wide-integer reference for detail/checked_math.hpp, and the input sets.
//
// Every reference computes the mathematically exact value in 128-bit integers (which cannot
// overflow for 64-bit inputs: the largest intermediate, a 64 x 64-bit product plus a 65-bit
// offset, stays below 2^128) and then asks whether it is representable. They share no code
// with the library: where the library avoids overflow by rearranging (capacity - used >= n),
// the reference simply adds.
#ifndef ARENA_ARC_FORMAL_SUPPORT_REFERENCE_HPP
#define ARENA_ARC_FORMAL_SUPPORT_REFERENCE_HPP

#include "tally.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <type_traits>

namespace formal {

template <class T>
inline constexpr i128 min_of = static_cast<i128>(std::numeric_limits<T>::min());
template <class T>
inline constexpr i128 max_of = static_cast<i128>(std::numeric_limits<T>::max());
inline constexpr u128 size_max = std::numeric_limits<std::size_t>::max();

/// Whether unsigned W holds every sum and difference of two values of T exactly (it needs one
/// bit more than T). The dense 8/16-bit sweeps use a 32-bit W, whose comparisons vectorise;
/// everything else uses u128.
template <class W, class T>
inline constexpr bool exact_for =
    std::is_same_v<W, u128> ||
    (std::is_unsigned_v<W> && std::numeric_limits<W>::digits > std::numeric_limits<T>::digits);

// ---- references -------------------------------------------------------------------------

/// to_length<L>(n): n itself when 0 <= n <= max of L.
template <class L>
constexpr std::optional<i128> ref_to_length(i128 n) {
  if (n < 0 || n > max_of<L>) return std::nullopt;
  return n;
}

/// add<L>(a, b): the exact sum when it fits in L.
template <class L, class W = u128>
constexpr std::optional<W> ref_add(W a, W b) {
  static_assert(exact_for<W, L>);
  const W sum = a + b;
  if (sum > static_cast<W>(max_of<L>)) return std::nullopt;
  return sum;
}

/// fits(used, capacity, n) within its precondition used <= capacity: used + n <= capacity.
template <class W = u128>
constexpr bool ref_fits(W used, W capacity, W n) {
  return used + n <= capacity;
}

/// fits outside its precondition (used > capacity) answers n <= this room: the documented
/// wrap-around of capacity - used on L, which is defined (unsigned) and never reached by a
/// consistent allocator. Checked so that the helper's behaviour is pinned down for every input.
template <class L>
constexpr u128 ref_wrapped_room(u128 used, u128 capacity) {
  const u128 modulus = static_cast<u128>(max_of<L>) + 1;
  return (capacity + modulus - used) % modulus;
}

/// remaining(used, capacity): capacity - used, or 0 if used > capacity.
template <class W = u128>
constexpr W ref_remaining(W used, W capacity) {
  return used <= capacity ? capacity - used : 0;
}

/// range_in_bounds(size, offset, count): offset + count <= size, computed exactly.
template <class W = u128>
constexpr bool ref_range_in_bounds(W size, W offset, W count) {
  return offset + count <= size;
}

/// mul(a, b) on std::size_t.
constexpr std::optional<u128> ref_mul(u128 a, u128 b) {
  const u128 product = a * b;
  if (product > size_max) return std::nullopt;
  return product;
}

/// add_size(a, b) on std::size_t.
constexpr std::optional<u128> ref_add_size(u128 a, u128 b) {
  const u128 sum = a + b;
  if (sum > size_max) return std::nullopt;
  return sum;
}

/// Whether `a` is a power of two, by counting bits (the library uses a & (a - 1)).
constexpr bool ref_is_power_of_two(u128 a) {
  int bits = 0;
  for (; a != 0; a >>= 1) bits += static_cast<int>(a & 1);
  return bits == 1;
}

/// align_up(value, alignment): the least multiple of alignment >= value, by division.
constexpr std::optional<u128> ref_align_up(u128 value, u128 alignment) {
  if (!ref_is_power_of_two(alignment)) return std::nullopt;
  const u128 rounded = (value + alignment - 1) / alignment * alignment;
  if (rounded > size_max) return std::nullopt;
  return rounded;
}

/// layout_for: element 0 at the header rounded up to the element alignment, then the payload;
/// representable when every part and the total fit in std::size_t.
struct ref_layout {
  u128 elements_offset;
  u128 bytes;
};
constexpr std::optional<ref_layout> ref_layout_for(u128 capacity, u128 header_size,
                                                   u128 element_size, u128 element_align) {
  const auto offset = ref_align_up(header_size, element_align);
  if (!offset) return std::nullopt;
  const u128 payload = capacity * element_size;  // < 2^128 for 64-bit operands
  const u128 total = *offset + payload;          // offset <= SIZE_MAX here: no wrap either
  if (payload > size_max || total > size_max) return std::nullopt;
  return ref_layout{*offset, total};
}

/// valid_capacity<L>(c): 1 <= c <= max of L, and the allocator's pre-paid block c + 1 leaves
/// at least half of the reference-count range (SIZE_MAX / 2) for copies: c + 1 <= SIZE_MAX / 4.
template <class L>
constexpr bool ref_valid_capacity(u128 capacity) {
  const u128 max_refcount = size_max / 2;
  return capacity >= 1 && capacity <= static_cast<u128>(max_of<L>) &&
         capacity + 1 <= max_refcount / 2;
}

// ---- input sets -------------------------------------------------------------------------

/// A sorted set of at most `Capacity` distinct values.
template <class V, std::size_t Capacity>
struct value_set {
  std::array<V, Capacity> values{};
  std::size_t size = 0;

  [[nodiscard]] constexpr const V* begin() const { return values.data(); }
  [[nodiscard]] constexpr const V* end() const { return values.data() + size; }
};

/// The boundary values of the issue: 0, 1, 2, max/2 - 1, max/2, max/2 + 1, 2^k - 1, 2^k,
/// 2^k + 1, max - 1, max — and their negatives and min, min + 1 for signed types. All of them
/// have the form +-(2^k + d), d in {-2, -1, 0, 1}: candidates for every k up to 64 are kept
/// when they are representable in T. Generated in ascending order (no sort: this runs in
/// constant evaluation, where every operation counts).
template <class T>
constexpr auto boundary_values() {
  constexpr std::size_t per_sign = 65 * 4;
  std::array<u128, per_sign> magnitudes{};  // ascending, distinct, from 0
  std::size_t count = 0;
  for (int k = 0; k <= 64; ++k) {
    for (int d = -2; d <= 1; ++d) {
      const i128 v = (static_cast<i128>(1) << k) + d;
      // Ascending except where small k overlap: keep only what exceeds the last one kept.
      if (v < 0 || (count != 0 && static_cast<u128>(v) <= magnitudes[count - 1])) continue;
      magnitudes[count++] = static_cast<u128>(v);
    }
  }
  value_set<T, 2 * per_sign> set;
  for (std::size_t i = count; i-- > 1;) {  // negatives, most negative first (0 comes below)
    const i128 v = -static_cast<i128>(magnitudes[i]);
    if (v >= min_of<T>) set.values[set.size++] = static_cast<T>(v);
  }
  for (std::size_t i = 0; i < count; ++i) {
    if (static_cast<i128>(magnitudes[i]) <= max_of<T>) {
      set.values[set.size++] = static_cast<T>(magnitudes[i]);
    }
  }
  return set;
}

/// The smaller set used for three- and four-argument helpers inside static_assert (the full
/// set's 15 million triples are beyond a compiler's constant-evaluation budget): 0, 1, 2, 3,
/// 2^(B/2) - 1, 2^(B/2), 2^(B/2) + 1, max/2 - 1, max/2, max/2 + 1, max - 2, max - 1, max.
template <class T>
constexpr auto compact_boundary_values() {
  static_assert(std::is_unsigned_v<T>, "compact_boundary_values: unsigned types only");
  constexpr int bits = std::numeric_limits<T>::digits;
  constexpr T max = std::numeric_limits<T>::max();
  constexpr T mid = static_cast<T>(T{1} << (bits / 2));
  std::array<T, 13> candidates = {T{0},
                                  T{1},
                                  T{2},
                                  T{3},
                                  static_cast<T>(mid - 1),
                                  mid,
                                  static_cast<T>(mid + 1),
                                  static_cast<T>(max / 2 - 1),
                                  static_cast<T>(max / 2),
                                  static_cast<T>(max / 2 + 1),
                                  static_cast<T>(max - 2),
                                  static_cast<T>(max - 1),
                                  max};
  // Ascending for every type of 8 bits or more (mid = 2^(B/2) > 3 and max/2 - 1 > mid + 1);
  // equal neighbours are dropped.
  value_set<T, 13> set;
  for (const T v : candidates) {
    if (set.size == 0 || set.values[set.size - 1] != v) set.values[set.size++] = v;
  }
  return set;
}

/// The sets, computed once per type (a namespace-scope constant is evaluated once per
/// translation unit, a local one at each use).
template <class T>
inline constexpr auto boundaries = boundary_values<T>();
template <class T>
inline constexpr auto compact_boundaries = compact_boundary_values<T>();

/// Every power of two up to 4096, then non-powers (0 among them) that align_up must reject.
inline constexpr std::array<std::size_t, 22> alignment_values = {
    1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096,
    0, 3, 5, 6, 7, 12, 100, 4095, 4097};

}  // namespace formal

#endif  // ARENA_ARC_FORMAL_SUPPORT_REFERENCE_HPP
