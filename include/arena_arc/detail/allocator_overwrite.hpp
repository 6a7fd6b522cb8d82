// arena-arc: Allocator::alloc_for_overwrite, a slice written in place by the caller, with the
// unwritten rest of its room given back.
#ifndef ARENA_ARC_DETAIL_ALLOCATOR_OVERWRITE_HPP
#define ARENA_ARC_DETAIL_ALLOCATOR_OVERWRITE_HPP

#include <arena_arc/allocator.hpp>
#include <arena_arc/config.hpp>
#include <arena_arc/detail/checked_math.hpp>
#include <arena_arc/detail/construct.hpp>
#include <arena_arc/detail/handle_access.hpp>
#include <arena_arc/detail/raise.hpp>
#include <arena_arc/detail/unsafe_buffer.hpp>
#include <arena_arc/index_type.hpp>
#include <arena_arc/refcount.hpp>

#include <cstddef>
#include <functional>
#include <span>
#include <type_traits>

ARENA_ARC_BEGIN_NAMESPACE

template <class T, index_type L, std::size_t N, refcount_policy RC>
template <detail::length_integer I, class W>
  requires detail::overwritable<T>
auto Allocator<T, L, N, RC>::alloc_for_overwrite(I max_len, W&& writer) -> slice_type {
  static_assert(std::is_invocable_v<W&, std::span<T>>,
                "arena_arc: alloc_for_overwrite's writer must be callable as writer(std::span<T>)");
  using count_type = std::invoke_result_t<W&, std::span<T>>;
  static_assert(detail::length_integer<count_type>,
                "arena_arc: alloc_for_overwrite's writer must return the count it wrote, an "
                "integer");
  const L n = detail::checked_length<L>(max_len);
  if (n == 0) return empty_slice();
  L written = 0;
  auto write = [&writer, &written](T* dst, L room) {
    // The placement reserved room slots at dst.
    const std::span<T> slots = detail::unchecked_span(detail::start_overwrite(dst, room), room);
    const auto count = detail::to_length<L>(writer(slots));
    if (!count || *count > room) {
      detail::raise_length_error(
          "arena_arc::Allocator::alloc_for_overwrite: the writer's count is negative or above "
          "max_len");
    }
    written = *count;
    return true;
  };
  const placed at = place(n, write);
  const L unused = static_cast<L>(n - written);  // written <= n (checked above)
  if (at.chunk == current_ && static_cast<L>(at.offset + n) == used_) {
    // The slice ends the current run: its unwritten tail becomes free room again.
    used_ = static_cast<L>(used_ - unused);
    if (written == 0) {
      // No handle: the reference the placement took from the pre-paid block goes back to it,
      // which again holds one more than the handles the room can still give (see prepaid_).
      ++prepaid_;
      return {};
    }
  } else {
    // A chunk of its own (dedicated, or a new standard chunk the old one outlasted), counted
    // with all n slots by the placement: the unwritten ones are waste, as is its other room.
    at.chunk->constructed = written;
    stats_.elements_allocated -= unused;
    stats_.elements_wasted += unused;
  }
  // An empty result in a chunk of its own releases the placement's reference (the empty handle
  // refers to no chunk), which frees that chunk.
  slice_type slice =
      detail::handle_access::adopt_reference<slice_type>(at.chunk, at.offset, written);
  if (written == 0) return {};
  return slice;
}

ARENA_ARC_END_NAMESPACE

#endif  // ARENA_ARC_DETAIL_ALLOCATOR_OVERWRITE_HPP
