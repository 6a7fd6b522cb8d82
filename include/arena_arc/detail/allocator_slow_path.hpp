// arena-arc: the parts of Allocator's slow path below place_slow, and every change of its
// current chunk, defined out of the class so that allocator.hpp holds the API and placement:
// rewinding the current chunk or reusing a kept one in place, and keeping or leaving the
// current chunk. The members they maintain, and their invariants, are in allocator.hpp.
#ifndef ARENA_ARC_DETAIL_ALLOCATOR_SLOW_PATH_HPP
#define ARENA_ARC_DETAIL_ALLOCATOR_SLOW_PATH_HPP

#include <arena_arc/allocator.hpp>
#include <arena_arc/config.hpp>
#include <arena_arc/detail/owner_ledger.hpp>
#include <arena_arc/index_type.hpp>
#include <arena_arc/refcount.hpp>

#include <cstddef>
#include <type_traits>
#include <utility>

ARENA_ARC_BEGIN_NAMESPACE

// Whether the slow path may reuse current_ in place. It must be recyclable (made with
// recycling on, at run time), its elements must need no destructor (so a failed fill can
// leave the old ones, unreachable, where the new ones stopped), and the allocator's pre-paid
// references must be all there are: every handle made from it is gone, and none can appear.
template <class T, index_type L, std::size_t N, refcount_policy RC>
constexpr bool Allocator<T, L, N, RC>::can_rewind() const noexcept {
  if constexpr (std::is_trivially_destructible_v<T>) {
    return current_ != nullptr && current_->home != nullptr &&
           chunk_type::solely_held(current_, prepaid_);
  } else {
    return false;
  }
}

// Places n elements at offset 0 of current_, as if it had been left, recycled and taken
// straight back (see the class comment for the stats).
template <class T, index_type L, std::size_t N, refcount_policy RC>
template <class Fill>
constexpr auto Allocator<T, L, N, RC>::rewind(L n, Fill& fill, L room_old) -> placed {
  // No handle refers to current_ (can_rewind, whose acquire orders every release before
  // this): its slots are the allocator's alone, and trivially destructible elements end
  // their lifetimes by the reuse of their storage.
  if (!fill(current_->elements, n)) return {};
  return take_in_place(current_, n, room_old);
}

// Makes c, whose handles are all gone and whose slots [0, n) were just filled, the current
// chunk with n elements placed (a reuse: see the class comment for the stats); a different
// current chunk is kept or left first.
template <class T, index_type L, std::size_t N, refcount_policy RC>
constexpr auto Allocator<T, L, N, RC>::take_in_place(chunk_type* c, L n, L room_old) noexcept
    -> placed {
  chunk_type::reset(c, static_cast<std::size_t>(c->capacity) + 1);
  ++stats_.chunks_reused;
  stats_.elements_wasted += room_old;
  if (c != current_) {
    keep_or_leave_current();
    current_ = c;
  } else {
    end_run();
  }
  open_ledger();
  used_ = n;
  limit_ = c->capacity;
  elements_ = c->elements;
  prepaid_ = static_cast<std::size_t>(limit_);  // limit + 1 pre-paid, one handed out
  return {current_, L{0}};
}

// Places n elements at offset 0 of the idle kept chunk at.c, which becomes current_; the
// current chunk is kept or left in its place. As a rewind, but of a kept chunk.
template <class T, index_type L, std::size_t N, refcount_policy RC>
template <class Fill>
constexpr auto Allocator<T, L, N, RC>::reuse_kept(kept_position at, L n, Fill& fill, L room_old)
    -> placed {
  // No handle refers to at.c (find_idle): its slots are the allocator's alone, and its
  // trivially destructible elements end their lifetimes by the reuse of their storage.
  if (!fill(at.c->elements, n)) return {};
  kept_.unlink(at);
  return take_in_place(at.c, n, room_old);
}

template <class T, index_type L, std::size_t N, refcount_policy RC>
constexpr auto Allocator<T, L, N, RC>::adopt_standard(chunk_type* c, bool reused, L n, L room_old,
                                                      bool keep_old) noexcept -> placed {
  ++(reused ? stats_.chunks_reused : stats_.chunks_allocated);
  if (keep_old) {
    c->constructed = n;
    stats_.elements_allocated += n;
    stats_.elements_wasted += static_cast<L>(capacity_ - n);  // n <= capacity_
    return {c, L{0}};
  }
  stats_.elements_wasted += room_old;
  keep_or_leave_current();
  current_ = c;
  open_ledger();
  used_ = n;
  limit_ = capacity_;
  elements_ = c->elements;
  prepaid_ = static_cast<std::size_t>(capacity_);  // capacity + 1 pre-paid, one handed out
  return {current_, L{0}};
}

// Keeps current_ (see "keeping" in the class comment) when it may be kept, else leaves it.
template <class T, index_type L, std::size_t N, refcount_policy RC>
constexpr void Allocator<T, L, N, RC>::keep_or_leave_current() noexcept {
  if constexpr (keeps_chunks) {
    const std::size_t limit = kept_limit(cache_.limit());
    if (current_ != nullptr && !std::is_constant_evaluated() && current_->home != nullptr &&
        current_->ledger.opened_here() && limit > 0) {
      current_->constructed = used_;
      kept_.keep(std::exchange(current_, nullptr), std::exchange(prepaid_, 0), limit);
      end_run();
      limit_ = 0;
      elements_ = nullptr;
      return;
    }
  }
  leave_current();
}

// The owner ledger of current_ (detail/owner_ledger.hpp), which the allocator holds
// exclusively: opened for the calling thread whenever current_ is taken or rewound.
template <class T, index_type L, std::size_t N, refcount_policy RC>
constexpr void Allocator<T, L, N, RC>::open_ledger() noexcept {
  if constexpr (detail::owner_ledger<RC>::enabled) {
    if (!std::is_constant_evaluated()) current_->ledger.open_here();
  }
}

template <class T, index_type L, std::size_t N, refcount_policy RC>
constexpr std::size_t Allocator<T, L, N, RC>::close_ledger() noexcept {
  if constexpr (detail::owner_ledger<RC>::enabled) {
    if (!std::is_constant_evaluated()) return current_->ledger.close();
  }
  return 0;
}

// Stops allocating from current_ and gives back the allocator's references on it: its
// pre-paid block and the references handles released into the ledger.
template <class T, index_type L, std::size_t N, refcount_policy RC>
constexpr void Allocator<T, L, N, RC>::leave_current() noexcept {
  if (current_ == nullptr) return;
  current_->constructed = used_;  // published to the last releaser by the release decrement
  const std::size_t owned = std::exchange(prepaid_, 0) + close_ledger();
  chunk_type::release(std::exchange(current_, nullptr), owned);
  end_run();
  limit_ = 0;
  elements_ = nullptr;
}

// Ends the run of current_ that began at offset 0: its elements go into the counter.
template <class T, index_type L, std::size_t N, refcount_policy RC>
constexpr void Allocator<T, L, N, RC>::end_run() noexcept {
  stats_.elements_allocated += used_;
  used_ = 0;
}

ARENA_ARC_END_NAMESPACE

#endif  // ARENA_ARC_DETAIL_ALLOCATOR_SLOW_PATH_HPP
