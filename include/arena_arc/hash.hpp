// arena-arc: hashing of handles (std::hash) and the transparent slice_hash / slice_equal.
#ifndef ARENA_ARC_HASH_HPP
#define ARENA_ARC_HASH_HPP

#include <arena_arc/detail/toolchain.hpp>  // first: one #error on an unsupported toolchain
#if ARENA_ARC_TOOLCHAIN_SUPPORTED

#include <arena_arc/arc_single.hpp>
#include <arena_arc/arc_slice.hpp>
#include <arena_arc/config.hpp>
#include <arena_arc/detail/element_compare.hpp>
#include <arena_arc/detail/element_hash.hpp>
#include <arena_arc/detail/element_range.hpp>
#include <arena_arc/index_type.hpp>
#include <arena_arc/refcount.hpp>

#include <concepts>
#include <cstddef>
#include <functional>
#include <ranges>

ARENA_ARC_BEGIN_NAMESPACE

namespace detail {
/// A contiguous sized range (see contiguous_range_of) of its own value type.
template <class R>
concept contiguous_elements =
    std::ranges::contiguous_range<const R&> && std::ranges::sized_range<const R&> &&
    contiguous_range_of<R, std::ranges::range_value_t<const R&>>;

template <contiguous_elements R>
using element_of = std::ranges::range_value_t<const R&>;
}  // namespace detail

/// Hashes any contiguous range of hashable elements by content: an ArcSlice, std::span,
/// std::vector, std::basic_string_view, ... . Equal contents hash alike whatever the range
/// type, and for character types the hash is std::hash<std::basic_string_view<T>>'s.
/// Transparent: with slice_equal, an unordered container of ArcSlice<char> finds a
/// std::string_view without allocating. (A character array literal is refused at compile time:
/// its terminating NUL would be hashed; pass a std::basic_string_view.)
struct slice_hash {
  using is_transparent = void;

  template <detail::contiguous_elements R>
    requires detail::slice_hashable<detail::element_of<R>>
  [[nodiscard]] constexpr std::size_t operator()(const R& range) const
      noexcept(noexcept(detail::hash_elements(detail::elements_of<detail::element_of<R>>(range)))) {
    return detail::hash_elements(detail::elements_of<detail::element_of<R>>(range));
  }
};

/// Equality by content of two contiguous ranges of the same element type, as ArcSlice's
/// operator==; transparent, the partner of slice_hash.
struct slice_equal {
  using is_transparent = void;

  template <detail::contiguous_elements A, detail::contiguous_elements B>
    requires std::same_as<detail::element_of<A>, detail::element_of<B>> &&
        std::equality_comparable<detail::element_of<A>>
  [[nodiscard]] constexpr bool operator()(const A& a, const B& b) const {
    using T = detail::element_of<A>;
    return detail::equal_elements<T>(detail::elements_of<T>(a), detail::elements_of<T>(b));
  }
};

ARENA_ARC_END_NAMESPACE

/// A slice hashes as slice_hash does: for character types, as std::basic_string_view of its
/// elements.
template <class T, arena_arc::index_type L, arena_arc::refcount_policy RC>
  requires arena_arc::detail::slice_hashable<T>
struct std::hash<arena_arc::ArcSlice<T, L, RC>> {
  [[nodiscard]] constexpr std::size_t operator()(const arena_arc::ArcSlice<T, L, RC>& slice) const
      noexcept(noexcept(arena_arc::detail::hash_elements(slice.get()))) {
    return arena_arc::detail::hash_elements(slice.get());
  }
};

/// An ArcSingle hashes as its value. Reading a moved-from ArcSingle is a violation.
template <class T, arena_arc::index_type L, arena_arc::refcount_policy RC>
  requires arena_arc::detail::std_hashable<T>
struct std::hash<arena_arc::ArcSingle<T, L, RC>> {
  [[nodiscard]] std::size_t operator()(const arena_arc::ArcSingle<T, L, RC>& single) const {
    return static_cast<std::size_t>(std::hash<T>{}(single.get()));
  }
};

#endif  // ARENA_ARC_TOOLCHAIN_SUPPORTED

#endif  // ARENA_ARC_HASH_HPP
