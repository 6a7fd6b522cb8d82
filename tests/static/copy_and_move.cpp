// Copy and move: handles are cheap copyable values; the allocator is move-only.
#include <arena_arc/arena_arc.hpp>

#include <concepts>
#include <cstdint>
#include <memory_resource>
#include <span>
#include <type_traits>

#include "static_types.hpp"

namespace {

template <class RC>
struct value_semantics {
  template <class T>
  constexpr bool operator()() const {
    using Alloc = arena_arc::Allocator<T, std::uint16_t, 32, RC>;
    using Slice = arena_arc::ArcSlice<T, std::uint16_t, RC>;
    using Single = arena_arc::ArcSingle<T, std::uint16_t, RC>;
    return std::copyable<Slice> && std::default_initializable<Slice> && std::copyable<Single> &&
           // There is no empty ArcSingle: every one refers to an element.
           !std::default_initializable<Single> &&
           // From a single to a slice only explicitly; back only through from_slice.
           std::constructible_from<Slice, Single> && !std::convertible_to<Single, Slice> &&
           !std::constructible_from<Single, Slice> &&
           // Read-only views of their elements.
           std::convertible_to<Slice, std::span<const T>> &&
           !std::convertible_to<Slice, std::span<T>> &&
           std::same_as<decltype(std::declval<const Single&>().get()), const T&> &&
           // The allocator is not copyable, but moves (noexcept, see noexcept.cpp).
           !std::copy_constructible<Alloc> && !std::is_copy_assignable_v<Alloc> &&
           std::movable<Alloc>;
  }
};

static_assert(
    arena_arc_static::for_each_element_type(value_semantics<arena_arc::atomic_refcount>{}));
static_assert(
    arena_arc_static::for_each_element_type(value_semantics<arena_arc::local_refcount>{}));

// Handles of different policies or index types do not mix.
static_assert(!std::constructible_from<arena_arc::ArcSlice<int, std::uint32_t>,
                                       arena_arc::ArcSlice<int, std::uint16_t>>);
static_assert(
    !std::constructible_from<arena_arc::ArcSlice<int, std::uint32_t, arena_arc::atomic_refcount>,
                             arena_arc::ArcSlice<int, std::uint32_t, arena_arc::local_refcount>>);

// Capacity and upstream constructors are explicit.
using Alloc = arena_arc::Allocator<int>;
static_assert(!std::convertible_to<std::size_t, Alloc>);
static_assert(!std::convertible_to<std::pmr::memory_resource*, Alloc>);

// AllocatorStats compares as a value.
static_assert(std::equality_comparable<arena_arc::AllocatorStats>);
static_assert(std::is_aggregate_v<arena_arc::AllocatorStats>);

}  // namespace
