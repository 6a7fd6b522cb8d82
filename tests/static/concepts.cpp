// The public concepts, default template arguments, member types and what each entry point
// accepts and returns.
#include <arena_arc/arena_arc.hpp>

#include <concepts>
#include <cstddef>
#include <cstdint>
#include <forward_list>
#include <list>
#include <memory_resource>
#include <optional>
#include <string>
#include <utility>
#include <vector>
#include <version>
#if defined(__cpp_lib_expected)
#include <expected>
#endif

#include "static_types.hpp"

namespace {

using arena_arc::index_type;
using arena_arc::refcount_policy;

// index_type: unsigned integers other than bool, without cv-qualifiers.
static_assert(index_type<std::uint8_t> && index_type<std::uint16_t> && index_type<std::uint32_t> &&
              index_type<std::uint64_t> && index_type<std::size_t> && index_type<unsigned char> &&
              index_type<unsigned long long>);
static_assert(!index_type<bool>);
static_assert(!index_type<signed char> && !index_type<std::int8_t> && !index_type<std::int16_t> &&
              !index_type<std::int32_t> && !index_type<std::int64_t> && !index_type<int>);
static_assert(!index_type<const std::uint32_t> && !index_type<volatile std::uint32_t> &&
              !index_type<std::uint32_t&>);
static_assert(!index_type<float> && !index_type<double> && !index_type<std::string>);

// refcount_policy: exactly the two policies.
static_assert(refcount_policy<arena_arc::atomic_refcount> &&
              refcount_policy<arena_arc::local_refcount>);
static_assert(!refcount_policy<int> && !refcount_policy<const arena_arc::atomic_refcount> &&
              !refcount_policy<arena_arc::local_refcount&> && !refcount_policy<void>);
static_assert(arena_arc::atomic_refcount::is_atomic && !arena_arc::local_refcount::is_atomic);

// Defaults: L = std::uint32_t, N = 256, RC = atomic_refcount.
static_assert(
    std::same_as<arena_arc::Allocator<int>,
                 arena_arc::Allocator<int, std::uint32_t, 256, arena_arc::atomic_refcount>>);
static_assert(std::same_as<arena_arc::ArcSlice<int>,
                           arena_arc::ArcSlice<int, std::uint32_t, arena_arc::atomic_refcount>>);
static_assert(std::same_as<arena_arc::ArcSingle<int>,
                           arena_arc::ArcSingle<int, std::uint32_t, arena_arc::atomic_refcount>>);

using Alloc = arena_arc::Allocator<int, std::uint16_t, 64, arena_arc::local_refcount>;
using Slice = arena_arc::ArcSlice<int, std::uint16_t, arena_arc::local_refcount>;
using Single = arena_arc::ArcSingle<int, std::uint16_t, arena_arc::local_refcount>;
static_assert(std::same_as<Alloc::value_type, int> &&
              std::same_as<Alloc::index_type, std::uint16_t> &&
              std::same_as<Alloc::refcount, arena_arc::local_refcount> &&
              std::same_as<Alloc::slice_type, Slice> && std::same_as<Alloc::single_type, Single> &&
              Alloc::default_chunk_capacity == 64);

using arena_arc_static::index_value;
using arena_arc_static::maybe;
using arena_arc_static::maybe_one;
using arena_arc_static::no_argument;

// What each entry point returns.
static_assert(std::same_as<decltype(std::declval<Alloc&>().alloc(3, index_value)), Slice>);
static_assert(std::same_as<decltype(std::declval<Alloc&>().alloc_single(no_argument)), Single>);
static_assert(std::same_as<decltype(std::declval<Alloc&>().alloc_value(1)), Single>);
static_assert(std::same_as<decltype(std::declval<Alloc&>().emplace(1)), Single>);
static_assert(std::same_as<decltype(std::declval<Alloc&>().alloc_copy(std::vector<int>{})), Slice>);
static_assert(std::same_as<decltype(Alloc::alloc_empty()), Slice>);
static_assert(
    std::same_as<decltype(std::declval<Alloc&>().try_alloc(3, maybe)), std::optional<Slice>>);
static_assert(std::same_as<decltype(std::declval<Alloc&>().try_alloc_single(maybe_one)),
                           std::optional<Single>>);
#if defined(__cpp_lib_expected)
using arena_arc_static::expect;
static_assert(std::same_as<decltype(std::declval<Alloc&>().try_alloc(3, expect)),
                           std::expected<Slice, std::string>>);
#endif
static_assert(std::same_as<decltype(std::declval<const Alloc&>().chunk_capacity()), std::size_t>);
static_assert(
    std::same_as<decltype(std::declval<const Alloc&>().stats()), arena_arc::AllocatorStats>);
static_assert(std::same_as<decltype(std::declval<const Slice&>().size()), std::size_t>);
static_assert(std::same_as<decltype(std::declval<const Slice&>()[0]), const int&>);
static_assert(std::same_as<decltype(std::declval<const Slice&>().at(0)), const int&>);
static_assert(std::same_as<decltype(std::declval<const Slice&>().subslice(0, 0)), Slice>);
static_assert(std::same_as<decltype(Single::from_slice(Slice{})), Single>);
static_assert(std::same_as<decltype(Single::try_from_slice(Slice{})), std::optional<Single>>);
static_assert(std::same_as<decltype(std::declval<const Single&>().to_slice()), Slice>);
static_assert(std::same_as<decltype(std::declval<const Single&>().operator->()), const int*>);

// Lengths and capacities: any integer type but bool; nothing else.
template <class I>
concept alloc_takes_length = requires(Alloc& a, I len) {
  a.alloc(len, index_value);
};
static_assert(alloc_takes_length<int> && alloc_takes_length<short> &&
              alloc_takes_length<long long> && alloc_takes_length<unsigned char> &&
              alloc_takes_length<std::size_t> && alloc_takes_length<std::int8_t>);
static_assert(!alloc_takes_length<bool> && !alloc_takes_length<double> &&
              !alloc_takes_length<std::string>);
static_assert(std::constructible_from<Alloc, int> && std::constructible_from<Alloc, std::int64_t> &&
              std::constructible_from<Alloc, unsigned char> &&
              std::constructible_from<Alloc, std::size_t, std::pmr::memory_resource*>);
static_assert(!std::constructible_from<Alloc, bool> && !std::constructible_from<Alloc, double>);

// emplace needs T constructible from the arguments; alloc_value needs T movable; alloc_copy
// needs a sized range whose elements convert to T.
template <class A, class... Args>
concept can_emplace = requires(A& a, Args&&... args) {
  a.emplace(std::forward<Args>(args)...);
};
static_assert(can_emplace<Alloc, int> && can_emplace<Alloc> && !can_emplace<Alloc, std::string>);
using ImmovableAlloc = arena_arc::Allocator<arena_arc_static::immovable>;
static_assert(can_emplace<ImmovableAlloc, int>);
template <class A>
concept can_alloc_value = requires(A& a, typename A::value_type&& v) {
  a.alloc_value(std::move(v));
};
template <class A>
concept can_alloc_prvalues = requires(A& a) {
  a.alloc(2, [](std::size_t i) { return typename A::value_type(static_cast<int>(i)); });
};
static_assert(can_alloc_value<Alloc> && !can_alloc_value<ImmovableAlloc>);
static_assert(can_alloc_prvalues<ImmovableAlloc>);

template <class R>
concept can_copy = requires(Alloc& a, R&& r) {
  a.alloc_copy(std::forward<R>(r));
};
static_assert(can_copy<std::vector<int>&> && can_copy<const std::list<short>&> &&
              can_copy<std::vector<int>>);
static_assert(!can_copy<std::vector<std::string>&>);
// Not a sized range: its length is unknown until it is walked.
static_assert(!can_copy<std::forward_list<int>&>);

}  // namespace
