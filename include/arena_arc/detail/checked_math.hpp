// arena-arc: every offset, length and byte-size computation, overflow-checked.
//
// These are the only places where the library does arithmetic on lengths, offsets and byte
// sizes. Each helper is constexpr, noexcept, free of undefined behaviour for every input, and
// reports "not representable" as an empty optional or `false`; the callers turn that into the
// documented error. The formal/ and fuzz/ suites check them against a wide-integer reference.
#ifndef ARENA_ARC_DETAIL_CHECKED_MATH_HPP
#define ARENA_ARC_DETAIL_CHECKED_MATH_HPP

#include <arena_arc/config.hpp>
#include <arena_arc/index_type.hpp>

#include <concepts>
#include <cstddef>
#include <limits>
#include <optional>
#include <type_traits>

ARENA_ARC_BEGIN_NAMESPACE
namespace detail {

/// Any integer type a caller may pass as a length (every integral type but bool).
template <class I>
concept length_integer = std::integral<I> && !std::same_as<std::remove_cv_t<I>, bool>;

/// Whether `n` is a length an L can hold: not negative, not above numeric_limits<L>::max().
template <index_type L, length_integer I>
[[nodiscard]] constexpr bool is_length(I n) noexcept {
  if constexpr (std::is_signed_v<I>) {
    if (n < 0) return false;
  }
  using U = std::make_unsigned_t<I>;
  if constexpr (std::numeric_limits<U>::digits > std::numeric_limits<L>::digits) {
    // n >= 0 here, so the conversion to U keeps its value.
    // NOLINTNEXTLINE(bugprone-signed-char-misuse,cert-str34-c): n >= 0, no sign extension
    return static_cast<U>(n) <= static_cast<U>(std::numeric_limits<L>::max());
  }
  return true;
}

/// `n` as an L, or nothing if it is negative or above numeric_limits<L>::max().
template <index_type L, length_integer I>
[[nodiscard]] constexpr std::optional<L> to_length(I n) noexcept {
  if (!is_length<L>(n)) return std::nullopt;
  // 0 <= n <= max of L (is_length): the conversion keeps its value.
  return static_cast<L>(n);
}

/// a + b on L, or nothing on wrap-around.
template <index_type L>
[[nodiscard]] constexpr std::optional<L> add(L a, L b) noexcept {
  if (b > static_cast<L>(std::numeric_limits<L>::max() - a)) return std::nullopt;
  return static_cast<L>(a + b);
}

/// Whether `n` more elements fit in a chunk of `capacity` elements of which `used` are taken.
/// Requires used <= capacity (the allocator's invariant); then capacity - used cannot wrap.
template <index_type L>
[[nodiscard]] constexpr bool fits(L used, L capacity, L n) noexcept {
  return n <= static_cast<L>(capacity - used);
}

/// Elements left in a chunk: capacity - used, or 0 if used > capacity (never the case for a
/// consistent allocator, but this helper has no precondition).
template <index_type L>
[[nodiscard]] constexpr L remaining(L used, L capacity) noexcept {
  return used <= capacity ? static_cast<L>(capacity - used) : L{0};
}

/// Whether [offset, offset + count) lies within [0, size), without computing offset + count.
[[nodiscard]] constexpr bool range_in_bounds(std::size_t size, std::size_t offset,
                                             std::size_t count) noexcept {
  return offset <= size && count <= size - offset;
}

/// a * b on std::size_t, or nothing on overflow.
[[nodiscard]] constexpr std::optional<std::size_t> mul(std::size_t a, std::size_t b) noexcept {
  if (a != 0 && b > std::numeric_limits<std::size_t>::max() / a) return std::nullopt;
  return a * b;
}

/// a + b on std::size_t, or nothing on overflow.
[[nodiscard]] constexpr std::optional<std::size_t> add_size(std::size_t a, std::size_t b) noexcept {
  if (b > std::numeric_limits<std::size_t>::max() - a) return std::nullopt;
  return a + b;
}

/// `value` rounded up to a multiple of `alignment` (a power of two), or nothing on overflow or
/// if `alignment` is not a power of two.
[[nodiscard]] constexpr std::optional<std::size_t> align_up(std::size_t value,
                                                            std::size_t alignment) noexcept {
  if (alignment == 0 || (alignment & (alignment - 1)) != 0) return std::nullopt;
  const auto bumped = add_size(value, alignment - 1);
  if (!bumped) return std::nullopt;
  return *bumped & ~(alignment - 1);
}

/// Byte layout of one chunk: a header of `header_size` bytes, padding up to `element_align`,
/// then `capacity` elements of `element_size` bytes.
struct chunk_layout {
  std::size_t elements_offset;  // where element 0 starts, from the start of the block
  std::size_t bytes;            // size of the whole block
};

[[nodiscard]] constexpr std::optional<chunk_layout> layout_for(std::size_t capacity,
                                                               std::size_t header_size,
                                                               std::size_t element_size,
                                                               std::size_t element_align) noexcept {
  const auto offset = align_up(header_size, element_align);
  if (!offset) return std::nullopt;
  const auto payload = mul(capacity, element_size);
  if (!payload) return std::nullopt;
  const auto total = add_size(*offset, *payload);
  if (!total) return std::nullopt;
  return chunk_layout{*offset, *total};
}

/// The largest reference count a chunk may reach. Past it a handle copy stops the process
/// (as Rust's Arc does) instead of wrapping around to a premature free.
inline constexpr std::size_t max_refcount = std::numeric_limits<std::size_t>::max() / 2;

/// Whether `capacity` is a valid chunk capacity for index type L: non-zero, within L, and small
/// enough that the allocator can pre-pay one reference per possible handle plus its own
/// (capacity + 1 <= max_refcount / 2) leaving at least max_refcount / 2 for copies.
template <index_type L>
[[nodiscard]] constexpr bool valid_capacity(std::size_t capacity) noexcept {
  if (capacity == 0) return false;
  if (!to_length<L>(capacity)) return false;
  return capacity < max_refcount / 2;
}

}  // namespace detail
ARENA_ARC_END_NAMESPACE

#endif  // ARENA_ARC_DETAIL_CHECKED_MATH_HPP
