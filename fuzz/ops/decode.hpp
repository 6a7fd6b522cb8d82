// Decoding the arguments of the operations harness. Lengths, indices and capacities are
// decoded relative to the model's state (the room left in the current chunk, the chunk
// capacity, a slice's size) as often as absolutely, so that every placement boundary and every
// off-by-one is a few bit flips away. The byte layout is mirrored by fuzz/make_corpus.py.
#ifndef ARENA_ARC_FUZZ_OPS_DECODE_HPP
#define ARENA_ARC_FUZZ_OPS_DECODE_HPP

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <limits>

#include "../common/byte_reader.hpp"
#include "model.hpp"

namespace arena_arc_fuzz::ops {

__extension__ using i128 = __int128;

inline constexpr i128 i64_min = std::numeric_limits<long long>::min();
inline constexpr i128 u64_max = std::numeric_limits<unsigned long long>::max();
inline constexpr i128 size_max = std::numeric_limits<std::size_t>::max();

/// A length or capacity as the caller writes it: a value and the integer type to pass it as.
struct integer_arg {
  i128 value = 0;  // always within [INT64_MIN, UINT64_MAX]
  std::uint8_t type_sel = 0;
};

template <class I>
[[nodiscard]] constexpr bool holds(i128 v) noexcept {
  return v >= static_cast<i128>(std::numeric_limits<I>::min()) &&
         v <= static_cast<i128>(std::numeric_limits<I>::max());
}

/// Calls f(value as I) for the integer type I that type_sel picks, or for long long /
/// unsigned long long when that type cannot hold the value.
template <class F>
void with_integer(integer_arg a, F&& f) {
  switch (a.type_sel % 6) {
    case 0:
      if (holds<int>(a.value)) return f(static_cast<int>(a.value));
      break;
    case 1:
      if (holds<unsigned>(a.value)) return f(static_cast<unsigned>(a.value));
      break;
    case 2:
      if (holds<short>(a.value)) return f(static_cast<short>(a.value));
      break;
    case 3:
      if (holds<unsigned char>(a.value)) return f(static_cast<unsigned char>(a.value));
      break;
    case 4:
      if (holds<std::size_t>(a.value)) return f(static_cast<std::size_t>(a.value));
      break;
    default:
      break;
  }
  if (holds<long long>(a.value)) return f(static_cast<long long>(a.value));
  return f(static_cast<unsigned long long>(a.value));
}

/// As with_integer, always as long long or unsigned long long (fewer instantiations, for the
/// call sites where the integer type is not what is being exercised).
template <class F>
void with_wide_integer(integer_arg a, F&& f) {
  if (holds<long long>(a.value)) return f(static_cast<long long>(a.value));
  return f(static_cast<unsigned long long>(a.value));
}

[[nodiscard]] inline i128 clamp_arg(i128 v) noexcept { return std::clamp(v, i64_min, u64_max); }

/// A requested slice length.
[[nodiscard]] inline integer_arg decode_length(byte_reader& in, const model& m, i128 max_l) {
  const std::uint8_t kind = in.u8();
  const std::size_t cap = m.alloc.exists ? m.alloc.capacity : 16;
  i128 v = 0;
  switch (kind % 8) {
    case 0:
    case 1:  // at most the capacity, or just above it
      v = static_cast<i128>(in.below(2 * std::min<std::size_t>(cap, 127) + 2));
      break;
    case 2:
      v = in.u8();
      break;
    case 3:  // exactly what is left in the current chunk, one less, one more
      v = static_cast<i128>(m.room()) + in.u8() % 3 - 1;
      break;
    case 4:  // the capacity, one less, one more
      v = static_cast<i128>(cap) + in.u8() % 3 - 1;
      break;
    case 5:
      v = in.u16() % 4097;
      break;
    case 6:
      switch (in.u8() % 6) {
        case 0:
          v = max_l;
          break;
        case 1:
          v = max_l + 1;
          break;
        case 2:
          v = -1;
          break;
        case 3:
          v = i64_min;
          break;
        case 4:
          v = u64_max;
          break;
        default:
          v = max_l - 1;
          break;
      }
      break;
    default:
      v = in.u8() % 4;
      break;
  }
  return {clamp_arg(v), in.u8()};
}

/// An index or count into a slice of `len` elements (offsets of subslice, first, last, at).
[[nodiscard]] inline std::size_t decode_index(byte_reader& in, std::size_t len) {
  switch (in.u8() % 4) {
    case 0:
    case 1:
      return in.below(len + 2);
    case 2: {  // len + 1, len, len - 1
      const std::size_t d = in.u8() % 3;
      return len + 1 >= d ? len + 1 - d : 0;
    }
    default:
      switch (in.u8() % 3) {
        case 0:
          return std::numeric_limits<std::size_t>::max();
        case 1:
          return std::numeric_limits<std::size_t>::max() - 1;
        default:
          return std::numeric_limits<std::size_t>::max() / 2 + 1;
      }
  }
}

/// A chunk capacity for an allocator constructor (valid and invalid ones).
[[nodiscard]] inline integer_arg decode_capacity(byte_reader& in, i128 max_l) {
  const std::uint8_t kind = in.u8();
  i128 v = 0;
  switch (kind % 6) {
    case 0:
      v = in.u8();
      break;
    case 1:
      v = 1 + in.u8() % 16;
      break;
    case 2:
      v = in.u16();
      break;
    case 3: {
      const i128 max_refcount = size_max / 2;
      switch (in.u8() % 8) {
        case 0:
          v = max_l;
          break;
        case 1:
          v = max_l + 1;
          break;
        case 2:
          v = 0;
          break;
        case 3:
          v = -1;
          break;
        case 4:
          v = max_refcount / 2 - 1;
          break;
        case 5:
          v = max_refcount / 2;
          break;
        case 6:
          v = size_max / 16;
          break;
        default:
          v = max_l - 1;
          break;
      }
      break;
    }
    case 4:
      v = in.u32();
      break;
    default:
      v = 1 + in.u8() % 8;
      break;
  }
  return {clamp_arg(v), in.u8()};
}

}  // namespace arena_arc_fuzz::ops

#endif  // ARENA_ARC_FUZZ_OPS_DECODE_HPP
