// What is noexcept, and what is not because it reports a documented error.
#include <arena_arc/arena_arc.hpp>

#include <cstddef>
#include <cstdint>
#include <memory_resource>
#include <optional>
#include <span>
#include <type_traits>
#include <utility>
#include <vector>

#include "static_types.hpp"

namespace {

// The conversion to std::span is the slice's own operator: static_cast<std::span<const T>> would
// pick std::span's range constructor, whose noexcept is the standard library's (libc++: none).
template <class RC>
struct noexcept_members {
  template <class T>
  constexpr bool operator()() const {
    using Alloc = arena_arc::Allocator<T, std::uint32_t, 64, RC>;
    using Slice = arena_arc::ArcSlice<T, std::uint32_t, RC>;
    using Single = arena_arc::ArcSingle<T, std::uint32_t, RC>;
    using std::declval;
    return std::is_nothrow_default_constructible_v<Slice> &&
           std::is_nothrow_move_constructible_v<Slice> &&
           std::is_nothrow_move_assignable_v<Slice> && std::is_nothrow_destructible_v<Slice> &&
           std::is_nothrow_swappable_v<Slice>&& noexcept(declval<Slice&>().swap(declval<Slice&>()))&& noexcept(
               declval<const Slice&>()
                   .get())&& noexcept(declval<const Slice&>()
                                          .
                                          operator std::span<
                                              const T>())&& noexcept(declval<const Slice&>()
                                                                         .data())&& noexcept(declval<const Slice&>()
                                                                                                 .size())&& noexcept(declval<const Slice&>()
                                                                                                                         .empty())&& noexcept(declval<const Slice&>()
                                                                                                                                                  .begin())&& noexcept(declval<const Slice&>()
                                                                                                                                                                           .end()) &&
           // ArcSingle
           std::is_nothrow_move_constructible_v<Single> &&
           std::is_nothrow_move_assignable_v<Single> && std::is_nothrow_destructible_v<Single> &&
           std::is_nothrow_swappable_v<Single>&& noexcept(declval<Single&>().swap(
               declval<Single&>()))&& noexcept(Single::try_from_slice(declval<Slice>())) &&
           // Allocator
           std::is_nothrow_default_constructible_v<Alloc> &&
           std::is_nothrow_move_constructible_v<Alloc> &&
           std::is_nothrow_move_assignable_v<Alloc> &&
           std::is_nothrow_destructible_v<Alloc>&& noexcept(Alloc::alloc_empty())&& noexcept(
               declval<const Alloc&>().chunk_capacity())&& noexcept(declval<const Alloc&>()
                                                                        .stats());
  }
};

static_assert(
    arena_arc_static::for_each_element_type(noexcept_members<arena_arc::atomic_refcount>{}));
static_assert(
    arena_arc_static::for_each_element_type(noexcept_members<arena_arc::local_refcount>{}));

// Operations with a documented error (std::length_error, std::out_of_range,
// std::invalid_argument, or an exception from init or upstream) must be able to throw.
using Alloc = arena_arc::Allocator<int>;
using Slice = arena_arc::ArcSlice<int>;
using Single = arena_arc::ArcSingle<int>;
using arena_arc_static::index_value;

static_assert(!noexcept(std::declval<Alloc&>().alloc(1, index_value)));
static_assert(!noexcept(std::declval<Alloc&>().try_alloc(1, [](std::size_t) {
  return std::optional<int>(1);
})));
static_assert(!noexcept(std::declval<Alloc&>().alloc_single([] { return 1; })));
static_assert(!noexcept(std::declval<Alloc&>().alloc_value(1)));
static_assert(!noexcept(std::declval<Alloc&>().emplace(1)));
static_assert(!noexcept(std::declval<Alloc&>().alloc_copy(std::declval<std::vector<int>&>())));
static_assert(!std::is_nothrow_constructible_v<Alloc, std::size_t>);
static_assert(!std::is_nothrow_constructible_v<Alloc, std::pmr::memory_resource*>);
static_assert(!noexcept(std::declval<const Slice&>().at(0)));
static_assert(!noexcept(std::declval<const Slice&>().subslice(0, 0)));
static_assert(!noexcept(std::declval<const Slice&>().first(0)));
static_assert(!noexcept(std::declval<const Slice&>().last(0)));
static_assert(!noexcept(Single::from_slice(std::declval<Slice>())));

}  // namespace
