// arena-arc: element-wise equality and ordering of two spans, with the identity shortcut.
#ifndef ARENA_ARC_DETAIL_ELEMENT_COMPARE_HPP
#define ARENA_ARC_DETAIL_ELEMENT_COMPARE_HPP

#include <arena_arc/config.hpp>
#include <arena_arc/identity_implies_equal.hpp>

#include <algorithm>
#include <compare>
#include <concepts>
#include <span>
#include <type_traits>

ARENA_ARC_BEGIN_NAMESPACE
namespace detail {

/// Both spans view the very same elements (same first address, same length).
template <class T>
[[nodiscard]] constexpr bool same_elements(std::span<const T> a, std::span<const T> b) noexcept {
  return a.data() == b.data() && a.size() == b.size();
}

/// As std::ranges::equal; O(1) for two views of the same elements when T's == is reflexive.
template <std::equality_comparable T>
[[nodiscard]] constexpr bool equal_elements(std::span<const T> a, std::span<const T> b) {
  if (a.size() != b.size()) return false;
  if constexpr (identity_implies_equal_v<T>) {
    if (a.data() == b.data()) return true;
  }
  return std::equal(a.begin(), a.end(), b.begin());
}

/// As std::lexicographical_compare_three_way; O(1) for two views of the same elements when
/// T's == is reflexive (then they are equal, which every comparison category can say).
template <std::three_way_comparable T>
[[nodiscard]] constexpr std::compare_three_way_result_t<T> compare_elements(std::span<const T> a,
                                                                            std::span<const T> b) {
  using result = std::compare_three_way_result_t<T>;
  if constexpr (identity_implies_equal_v<T> &&
                std::is_convertible_v<std::strong_ordering, result>) {
    if (same_elements(a, b)) return std::strong_ordering::equal;
  }
  return std::lexicographical_compare_three_way(a.begin(), a.end(), b.begin(), b.end());
}

}  // namespace detail
ARENA_ARC_END_NAMESPACE

#endif  // ARENA_ARC_DETAIL_ELEMENT_COMPARE_HPP
