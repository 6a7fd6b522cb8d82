// arena-arc: dropping a batch of handles at once.
#ifndef ARENA_ARC_RELEASE_ALL_HPP
#define ARENA_ARC_RELEASE_ALL_HPP

#include <arena_arc/detail/toolchain.hpp>  // first: one #error on an unsupported toolchain
#if ARENA_ARC_TOOLCHAIN_SUPPORTED

#include <arena_arc/arc_single.hpp>
#include <arena_arc/arc_slice.hpp>
#include <arena_arc/config.hpp>
#include <arena_arc/detail/handle_access.hpp>
#include <arena_arc/index_type.hpp>
#include <arena_arc/refcount.hpp>

#include <cstddef>
#include <ranges>
#include <type_traits>

ARENA_ARC_BEGIN_NAMESPACE
namespace detail {

template <class H>
inline constexpr bool is_handle = false;
template <class T, index_type L, refcount_policy RC>
inline constexpr bool is_handle<ArcSlice<T, L, RC>> = true;
template <class T, index_type L, refcount_policy RC>
inline constexpr bool is_handle<ArcSingle<T, L, RC>> = true;

}  // namespace detail

/// Ranges whose elements are modifiable ArcSlice or ArcSingle objects (lvalues).
template <class R>
concept handle_range =
    std::ranges::input_range<R> && std::is_lvalue_reference_v<std::ranges::range_reference_t<R>> &&
    !std::is_const_v<std::remove_reference_t<std::ranges::range_reference_t<R>>> &&
    detail::is_handle<std::remove_cvref_t<std::ranges::range_reference_t<R>>>;

/// Empties every handle of `handles`, in order, with the effect of destroying them one by one
/// (each is left as an empty or moved-from handle; a chunk whose last reference goes is destroyed
/// before the call returns), but consecutive handles of one chunk give up their references
/// together: one count update per run (one locked instruction with atomic_refcount, on a thread
/// that does not own the chunk's ledger) instead of one per handle. For a thread that drops
/// batches of handles it did not allocate: a consumer emptying a batch from a producer. Empty
/// handles are skipped; a handle met twice (a view yielding the same object again) is empty the
/// second time. Any number of threads may release batches sharing chunks concurrently.
template <handle_range R>
constexpr void release_all(R&& handles) noexcept {
  using handle = std::remove_cvref_t<std::ranges::range_reference_t<R>>;
  using chunk_type = std::remove_pointer_t<decltype(detail::handle_access::chunk_of(
      std::declval<const handle&>()))>;
  chunk_type* run = nullptr;
  std::size_t count = 0;  // references of `run` taken out of handles so far; <= its count
  for (handle& h : handles) {
    chunk_type* const c = detail::handle_access::take_chunk(h);
    if (c == nullptr) continue;
    if (c == run) {
      ++count;
      continue;
    }
    if (run != nullptr) chunk_type::release_handles(run, count);
    run = c;
    count = 1;
  }
  if (run != nullptr) chunk_type::release_handles(run, count);
}

ARENA_ARC_END_NAMESPACE

#endif  // ARENA_ARC_TOOLCHAIN_SUPPORTED

#endif  // ARENA_ARC_RELEASE_ALL_HPP
