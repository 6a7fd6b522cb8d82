// arena-arc: Allocator's placement for the try_ variants (try_alloc, try_alloc_single), defined
// out of the class so that allocator.hpp holds the API and placement: `init` returns an
// optional or an expected, and the first empty one (or error) stops the allocation.
#ifndef ARENA_ARC_DETAIL_ALLOCATOR_TRY_HPP
#define ARENA_ARC_DETAIL_ALLOCATOR_TRY_HPP

#include <arena_arc/allocator.hpp>
#include <arena_arc/config.hpp>
#include <arena_arc/detail/handle_access.hpp>
#include <arena_arc/detail/try_result.hpp>
#include <arena_arc/index_type.hpp>
#include <arena_arc/refcount.hpp>

#include <cstddef>
#include <memory>
#include <optional>
#include <type_traits>
#include <utility>

ARENA_ARC_BEGIN_NAMESPACE

// `produce(i)` returns an optional / expected; the first failure stops the fill, which then
// destroys what it built, and becomes the call's result.
template <class T, index_type L, std::size_t N, refcount_policy RC>
template <class Handle, class Produce>
constexpr auto Allocator<T, L, N, RC>::try_place(L n, Produce produce) {
  using R = std::remove_cvref_t<decltype(produce(std::size_t{0}))>;
  using traits = detail::try_result<R>;
  static_assert(traits::supported,
                "arena_arc: a try_ variant's init must return std::optional<U> or "
                "std::expected<U, E>");
  static_assert(std::is_constructible_v<T, typename traits::value_type>,
                "arena_arc: the value inside init's result must be convertible to T");
  using result = typename traits::template result<Handle>;
  if (n == 0) {
    if constexpr (std::is_same_v<Handle, slice_type>) return result(empty_slice());
  }
  std::optional<R> failure;
  auto make = [&produce, &failure](T* p, std::size_t i) {
    R r = produce(i);
    if (!r.has_value()) {
      failure.emplace(std::move(r));
      return false;
    }
    std::construct_at(p, *std::move(r));
    return true;
  };
  const placed at = place_each(n, make);
  if (at.chunk == nullptr) return traits::template failure<Handle>(std::move(*failure));
  if constexpr (std::is_same_v<Handle, slice_type>) {
    return result(detail::handle_access::adopt_reference<slice_type>(at.chunk, at.offset, n));
  } else {
    return result(single_from(at));
  }
}

ARENA_ARC_END_NAMESPACE

#endif  // ARENA_ARC_DETAIL_ALLOCATOR_TRY_HPP
