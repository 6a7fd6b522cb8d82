// arena-arc: comparison of handles by content (operator== and operator<=>).
#ifndef ARENA_ARC_COMPARE_HPP
#define ARENA_ARC_COMPARE_HPP

#include <arena_arc/detail/toolchain.hpp>  // first: one #error on an unsupported toolchain
#if ARENA_ARC_TOOLCHAIN_SUPPORTED

#include <arena_arc/arc_single.hpp>
#include <arena_arc/arc_slice.hpp>
#include <arena_arc/config.hpp>
#include <arena_arc/detail/element_compare.hpp>
#include <arena_arc/detail/element_range.hpp>
#include <arena_arc/identity_implies_equal.hpp>
#include <arena_arc/index_type.hpp>
#include <arena_arc/refcount.hpp>

#include <compare>
#include <concepts>
#include <type_traits>

ARENA_ARC_BEGIN_NAMESPACE

/// A slice equals another slice (of any index type and refcount policy) or any contiguous range
/// of T (std::span<const T>, std::vector<T>, std::basic_string_view<T>, ...) when both have the
/// same length and equal elements, as std::ranges::equal. `range == slice` works too (C++20
/// rewrites it). Two handles of the same elements are equal in O(1) when identity implies
/// equality for T (identity_implies_equal.hpp); otherwise every element is compared, so a
/// slice holding a NaN is not equal to itself, as a std::vector<double> is not.
template <class T, index_type L, refcount_policy RC, class R>
  requires std::equality_comparable<T> && detail::contiguous_range_of<R, T>
[[nodiscard]] constexpr bool operator==(const ArcSlice<T, L, RC>& slice, const R& range) {
  return detail::equal_elements<T>(slice.get(), detail::elements_of<T>(range));
}

/// Lexicographic order of the elements, as std::lexicographical_compare_three_way; the result
/// is T's comparison category (std::partial_ordering for floating-point T).
template <class T, index_type L, refcount_policy RC, class R>
  requires std::three_way_comparable<T> && detail::contiguous_range_of<R, T>
[[nodiscard]] constexpr std::compare_three_way_result_t<T> operator<=>(
    const ArcSlice<T, L, RC>& slice, const R& range) {
  return detail::compare_elements<T>(slice.get(), detail::elements_of<T>(range));
}

/// ArcSingle compares by its value: with another ArcSingle (any index type and policy) or with
/// a T. Reading a moved-from ArcSingle is a violation (ArcSingle::get). The same element is
/// equal to itself in O(1) when identity implies equality for T.
template <class T, index_type L1, refcount_policy RC1, index_type L2, refcount_policy RC2>
  requires std::equality_comparable<T>
[[nodiscard]] constexpr bool operator==(const ArcSingle<T, L1, RC1>& a,
                                        const ArcSingle<T, L2, RC2>& b) {
  if constexpr (identity_implies_equal_v<T>) {
    if (&a.get() == &b.get()) return true;
  }
  return static_cast<bool>(a.get() == b.get());
}

template <class T, index_type L, refcount_policy RC>
  requires std::equality_comparable<T>
[[nodiscard]] constexpr bool operator==(const ArcSingle<T, L, RC>& single,
                                        const std::type_identity_t<T>& value) {
  return static_cast<bool>(single.get() == value);
}

template <class T, index_type L1, refcount_policy RC1, index_type L2, refcount_policy RC2>
  requires std::three_way_comparable<T>
[[nodiscard]] constexpr std::compare_three_way_result_t<T> operator<=>(
    const ArcSingle<T, L1, RC1>& a, const ArcSingle<T, L2, RC2>& b) {
  using result = std::compare_three_way_result_t<T>;
  if constexpr (identity_implies_equal_v<T> &&
                std::is_convertible_v<std::strong_ordering, result>) {
    if (&a.get() == &b.get()) return std::strong_ordering::equal;
  }
  return std::compare_three_way{}(a.get(), b.get());
}

template <class T, index_type L, refcount_policy RC>
  requires std::three_way_comparable<T>
[[nodiscard]] constexpr std::compare_three_way_result_t<T> operator<=>(
    const ArcSingle<T, L, RC>& single, const std::type_identity_t<T>& value) {
  return std::compare_three_way{}(single.get(), value);
}

ARENA_ARC_END_NAMESPACE

#endif  // ARENA_ARC_TOOLCHAIN_SUPPORTED

#endif  // ARENA_ARC_COMPARE_HPP
