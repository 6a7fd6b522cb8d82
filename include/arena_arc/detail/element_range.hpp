// arena-arc: the ranges a slice compares, hashes and looks up against.
#ifndef ARENA_ARC_DETAIL_ELEMENT_RANGE_HPP
#define ARENA_ARC_DETAIL_ELEMENT_RANGE_HPP

#include <arena_arc/config.hpp>
#include <arena_arc/detail/character_type.hpp>

#include <concepts>
#include <cstddef>
#include <ranges>
#include <span>
#include <type_traits>

ARENA_ARC_BEGIN_NAMESPACE
namespace detail {

/// A contiguous, sized range of elements of type T (std::span<const T>, std::vector<T>,
/// std::basic_string_view<T>, std::array<T, N>, an ArcSlice<T>): read through one pointer and
/// a length, like the slice itself. An array of characters is not one: "abc" would compare its
/// terminating NUL as a fourth element; pass std::basic_string_view instead.
template <class R, class T>
concept contiguous_range_of = std::ranges::contiguous_range<const R&> &&
    std::ranges::sized_range<const R&> && std::same_as<std::ranges::range_value_t<const R&>, T> &&
    !(std::is_array_v<std::remove_cvref_t<R>> && character_type<T>);

/// The elements of such a range as a span (no copy).
template <class T, class R>
  requires contiguous_range_of<R, T>
[[nodiscard]] constexpr std::span<const T> elements_of(const R& range) noexcept(
    noexcept(std::ranges::data(range)) && noexcept(std::ranges::size(range))) {
  // std::span's range constructor: the pointer and the length come from the same range.
  return std::span<const T>(range);
}

}  // namespace detail
ARENA_ARC_END_NAMESPACE

#endif  // ARENA_ARC_DETAIL_ELEMENT_RANGE_HPP
