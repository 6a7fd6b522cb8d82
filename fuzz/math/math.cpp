// The arithmetic harness: every checked helper of include/arena_arc/detail/checked_math.hpp
// against a reference computed in 128-bit integers, where none of the operations can wrap.
//
// Input: a sequence of cases until it ends; each case is a selector byte (helper, and for the
// templates the index type and argument type) followed by the helper's arguments as
// little-endian integers of their own width.
#include <arena_arc/detail/checked_math.hpp>

#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <tuple>
#include <type_traits>
#include <utility>

#include "../common/byte_reader.hpp"
#include "../common/fuzz_check.hpp"

namespace {

using arena_arc_fuzz::byte_reader;
namespace detail = arena_arc::detail;

__extension__ using u128 = unsigned __int128;
__extension__ using i128 = __int128;

constexpr u128 size_max = std::numeric_limits<std::size_t>::max();

// The index types (unsigned long and unsigned long long are distinct types of the same width)
// and every integer type a caller may pass as a length.
using index_types =
    std::tuple<std::uint8_t, std::uint16_t, std::uint32_t, unsigned long, unsigned long long>;
using length_types =
    std::tuple<signed char, unsigned char, char, short, unsigned short, int, unsigned, long,
               unsigned long, long long, unsigned long long, wchar_t, char8_t, char16_t, char32_t>;

// Calls f(T{}) for the k-th type of Tuple (k taken modulo its size).
template <class Tuple, class F>
void with_type(std::size_t k, F&& f) {
  [&]<std::size_t... Is>(std::index_sequence<Is...>) {
    const std::size_t i = k % sizeof...(Is);
    static_cast<void>(((i == Is ? (f(std::tuple_element_t<Is, Tuple>{}), true) : false) || ...));
  }
  (std::make_index_sequence<std::tuple_size_v<Tuple>>{});
}

// A value of integer type I from sizeof(I) input bytes (all bit patterns reachable).
template <class I>
I read_integer(byte_reader& in) {
  using U = std::make_unsigned_t<I>;
  return static_cast<I>(in.uint<U>());
}

// v - 1, v or v + 1 (for v >= 1 and v < SIZE_MAX), without any wrapping arithmetic.
std::size_t near(std::size_t v, std::uint8_t pick) {
  switch (pick % 3) {
    case 0:
      return v - 1;
    case 1:
      return v;
    default:
      return v + 1;
  }
}

// A std::size_t that is often near a boundary: small, near a power of two, or near the top.
std::size_t read_size(byte_reader& in) {
  switch (in.u8() % 4) {
    case 0:
      return in.u8();
    case 1: {
      const unsigned shift = in.u8() % 64u;
      return near(std::size_t{1} << shift, in.u8());  // 2^k - 1, 2^k, 2^k + 1
    }
    case 2:
      return std::numeric_limits<std::size_t>::max() - in.u8();
    default:
      return in.uint<std::size_t>();
  }
}

template <class L>
constexpr u128 max_of() {
  return std::numeric_limits<L>::max();
}

void check_to_length(byte_reader& in, std::uint8_t sel) {
  with_type<index_types>(sel, [&](auto l_tag) {
    using L = decltype(l_tag);
    with_type<length_types>(in.u8(), [&](auto i_tag) {
      using I = decltype(i_tag);
      const I n = read_integer<I>(in);
      const std::optional<L> got = detail::to_length<L>(n);
      // NOLINTNEXTLINE(bugprone-signed-char-misuse,cert-str34-c): signed char is a tested type
      const i128 v = static_cast<i128>(n);
      const bool representable = v >= 0 && static_cast<u128>(v) <= max_of<L>();
      FUZZ_CHECK(got.has_value() == representable);
      if (got) FUZZ_CHECK(static_cast<i128>(*got) == v);
    });
  });
}

void check_index_arithmetic(byte_reader& in, std::uint8_t sel, unsigned helper) {
  with_type<index_types>(sel, [&](auto l_tag) {
    using L = decltype(l_tag);
    const L a = read_integer<L>(in);
    const L b = read_integer<L>(in);
    const L c = read_integer<L>(in);
    switch (helper) {
      case 0: {  // add
        const std::optional<L> got = detail::add<L>(a, b);
        const u128 sum = u128{a} + u128{b};
        FUZZ_CHECK(got.has_value() == (sum <= max_of<L>()));
        if (got) FUZZ_CHECK(u128{*got} == sum);
        break;
      }
      case 1: {  // fits, whose precondition is used <= capacity
        const L used = a < b ? a : b;
        const L capacity = a < b ? b : a;
        FUZZ_CHECK(detail::fits<L>(used, capacity, c) == (u128{used} + u128{c} <= u128{capacity}));
        break;
      }
      default: {  // remaining, which has no precondition
        const u128 expected = a <= b ? u128{b} - u128{a} : 0;
        FUZZ_CHECK(u128{detail::remaining<L>(a, b)} == expected);
        break;
      }
    }
  });
}

void check_range_in_bounds(byte_reader& in) {
  const std::size_t size = read_size(in);
  const std::size_t offset = read_size(in);
  const std::size_t count = read_size(in);
  FUZZ_CHECK(detail::range_in_bounds(size, offset, count) ==
             (u128{offset} + u128{count} <= u128{size}));
}

void check_mul_add(byte_reader& in) {
  const std::size_t a = read_size(in);
  const std::size_t b = read_size(in);
  const std::optional<std::size_t> product = detail::mul(a, b);
  FUZZ_CHECK(product.has_value() == (u128{a} * u128{b} <= size_max));
  if (product) FUZZ_CHECK(u128{*product} == u128{a} * u128{b});
  const std::optional<std::size_t> sum = detail::add_size(a, b);
  FUZZ_CHECK(sum.has_value() == (u128{a} + u128{b} <= size_max));
  if (sum) FUZZ_CHECK(u128{*sum} == u128{a} + u128{b});
}

bool power_of_two(std::size_t v) { return v != 0 && (v & (v - 1)) == 0; }

// The reference rounding: the smallest multiple of `alignment` not below `value`.
std::optional<u128> aligned(std::size_t value, std::size_t alignment) {
  if (!power_of_two(alignment)) return std::nullopt;
  const u128 a = alignment;
  const u128 r = (u128{value} + a - 1) / a * a;
  if (r > size_max) return std::nullopt;
  return r;
}

// An alignment: mostly a power of two, sometimes anything.
std::size_t read_alignment(byte_reader& in) {
  const std::uint8_t b = in.u8();
  if (b < 200) return std::size_t{1} << (b % 64u);
  return read_size(in);
}

void check_align_up(byte_reader& in) {
  const std::size_t value = read_size(in);
  const std::size_t alignment = read_alignment(in);
  const std::optional<std::size_t> got = detail::align_up(value, alignment);
  const std::optional<u128> expected = aligned(value, alignment);
  FUZZ_CHECK(got.has_value() == expected.has_value());
  if (got) FUZZ_CHECK(u128{*got} == *expected);
}

void check_layout_for(byte_reader& in) {
  const std::size_t capacity = read_size(in);
  const std::size_t header = read_size(in);
  const std::size_t element_size = read_size(in);
  const std::size_t element_align = read_alignment(in);
  const std::optional<detail::chunk_layout> got =
      detail::layout_for(capacity, header, element_size, element_align);
  const std::optional<u128> offset = aligned(header, element_align);
  const u128 payload = u128{capacity} * u128{element_size};  // < 2^128: no wrap
  const bool ok = offset && payload <= size_max && *offset + payload <= size_max;
  FUZZ_CHECK(got.has_value() == ok);
  if (!got) return;
  FUZZ_CHECK(u128{got->elements_offset} == *offset);
  FUZZ_CHECK(u128{got->bytes} == *offset + payload);
  FUZZ_CHECK(got->elements_offset % element_align == 0 && got->elements_offset >= header);
}

void check_valid_capacity(byte_reader& in, std::uint8_t sel) {
  FUZZ_CHECK(detail::max_refcount == std::numeric_limits<std::size_t>::max() / 2);
  with_type<index_types>(sel, [&](auto l_tag) {
    using L = decltype(l_tag);
    const std::size_t top = std::numeric_limits<L>::max();
    const std::size_t capacity =
        in.u8() < 128
            ? read_size(in)
            : near(top == std::numeric_limits<std::size_t>::max() ? top - 1 : top, in.u8());
    const bool expected = capacity != 0 && u128{capacity} <= max_of<L>() &&
                          u128{capacity} < u128{detail::max_refcount / 2};
    FUZZ_CHECK(detail::valid_capacity<L>(capacity) == expected);
  });
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  byte_reader in(data, size);
  while (!in.empty()) {
    const std::uint8_t selector = in.u8();
    const auto sub = static_cast<std::uint8_t>(selector >> 3);
    switch (selector % 8) {
      case 0:
        check_to_length(in, sub);
        break;
      case 1:
        check_index_arithmetic(in, sub, 0);
        break;
      case 2:
        check_index_arithmetic(in, sub, 1);
        break;
      case 3:
        check_index_arithmetic(in, sub, 2);
        break;
      case 4:
        check_range_in_bounds(in);
        break;
      case 5:
        check_mul_add(in);
        break;
      case 6:
        check_align_up(in);
        check_layout_for(in);
        break;
      default:
        check_valid_capacity(in, sub);
        break;
    }
  }
  return 0;
}
