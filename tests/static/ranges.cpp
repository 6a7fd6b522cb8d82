// ArcSlice is a contiguous, sized, common range of const T; ArcSingle is not a range.
//
// ArcSlice is deliberately not a borrowed range: its iterators stay valid only while some handle
// to the chunk lives, so iterators taken from a temporary handle may dangle, and range
// algorithms must return std::ranges::dangling for an rvalue ArcSlice.
#include <arena_arc/arena_arc.hpp>

#include <concepts>
#include <cstdint>
#include <iterator>
#include <ranges>
#include <span>
#include <utility>

#include "static_types.hpp"

namespace {

template <class RC>
struct range_concepts {
  template <class T>
  constexpr bool operator()() const {
    using Slice = arena_arc::ArcSlice<T, std::uint32_t, RC>;
    return std::ranges::contiguous_range<Slice> && std::ranges::contiguous_range<const Slice> &&
           std::ranges::sized_range<Slice> && std::ranges::sized_range<const Slice> &&
           std::ranges::common_range<Slice> && std::ranges::viewable_range<Slice&> &&
           !std::ranges::borrowed_range<Slice> &&
           std::same_as<std::ranges::borrowed_iterator_t<Slice>, std::ranges::dangling> &&
           std::same_as<std::ranges::range_value_t<Slice>, T> &&
           std::same_as<std::ranges::range_reference_t<Slice>, const T&> &&
           std::same_as<std::ranges::iterator_t<Slice>, const T*> &&
           std::same_as<std::ranges::range_size_t<Slice>, std::size_t> &&
           std::same_as<decltype(std::ranges::data(std::declval<Slice&>())), const T*> &&
           std::same_as<decltype(std::declval<const Slice&>().get()), std::span<const T>> &&
           !std::ranges::range<arena_arc::ArcSingle<T, std::uint32_t, RC>>;
  }
};

static_assert(
    arena_arc_static::for_each_element_type(range_concepts<arena_arc::atomic_refcount>{}));
static_assert(arena_arc_static::for_each_element_type(range_concepts<arena_arc::local_refcount>{}));

}  // namespace
