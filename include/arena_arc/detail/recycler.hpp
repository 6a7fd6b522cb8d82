// arena-arc: where standard chunks go when their last owner is gone — back to the allocator
// that made them, from any thread, so that it can reuse them without calling upstream.
//
// Protocol (one recycler per allocator, shared with every standard chunk it made):
//  - `returned` is a multi-producer stack of chunks whose elements are destroyed. Any thread
//    pushes (give_back); only the allocator takes, and it takes the whole list at once
//    (take_all), so the stack has no ABA problem.
//  - When the allocator goes away it swaps in the `closed` mark (close). A push that sees the
//    mark frees its chunk instead: no chunk is stranded on a stack nobody will drain, whatever
//    the interleaving of pushes and close.
//  - `refs` counts the allocator (until close) plus every chunk that belongs here (in use, on the
//    stack or in the allocator's cache). Whoever drops the last one deletes the recycler.
// With local_refcount the same steps are plain loads and stores: everything is on one thread.
#ifndef ARENA_ARC_DETAIL_RECYCLER_HPP
#define ARENA_ARC_DETAIL_RECYCLER_HPP

#include <arena_arc/detail/atomics.hpp>
#include <arena_arc/detail/counter.hpp>
#include <arena_arc/detail/memory_orders.hpp>
#include <arena_arc/refcount.hpp>

#include <atomic>
#include <cstddef>
#include <type_traits>

ARENA_ARC_BEGIN_NAMESPACE
namespace detail {

template <class Chunk, refcount_policy RC>
struct recycler {
  using counter = counter_ops<RC>;

  // Shared cells: the shim's (plain but in a model-checking build) with atomic_refcount.
  using pointer_cell = std::conditional_t<RC::is_atomic, atomics::cell<Chunk*>, Chunk*>;

  typename counter::cell refs = 1;  // the allocator's own
  pointer_cell returned = nullptr;  // stack linked through Chunk::next, or closed_mark()

  // The closed mark is the recycler's own address: no chunk can have it (the recycler is a heap
  // object of its own, alive while any of its chunks is), and, unlike an inline variable's
  // address, it is the same in every shared object that compiled these headers, so a chunk made
  // in one and given back in another after close is freed, not stranded.
  [[nodiscard]] Chunk* closed_mark() noexcept {
    // reinterpret_cast: the value is only ever compared with chunk pointers, never dereferenced.
    return reinterpret_cast<Chunk*>(this);
  }

  /// A chunk made by the allocator now belongs here (the recycler outlives it).
  void adopt() { counter::acquire(refs); }

  /// Any thread, once c's elements are destroyed: back onto the stack, or freed if closed.
  static void give_back(Chunk* c) noexcept {
    recycler* home = c->home;
    if constexpr (RC::is_atomic) {
      Chunk* head = atomics::load(home->returned, std::memory_order_relaxed);
      do {
        if (head == home->closed_mark()) return retire(c);
        c->next = head;
        // release: the destruction of c's elements and c->next happen before the allocator's
        // acquiring take_all/close sees c.
      } while (!atomics::compare_exchange_weak(home->returned, head, c, orders::recycler_push,
                                               std::memory_order_relaxed));
    } else {
      if (home->returned == home->closed_mark()) return retire(c);
      c->next = home->returned;
      home->returned = c;
    }
  }

  /// Allocator only: every chunk given back since the last call (a list through next).
  [[nodiscard]] Chunk* take_all() noexcept {
    if constexpr (RC::is_atomic) {
      // A relaxed look first: the common "nothing came back" case costs no read-modify-write.
      if (atomics::load(returned, std::memory_order_relaxed) == nullptr) return nullptr;
      // acquire: pairs with give_back's release, so the chunks are quiescent when reused.
      return atomics::exchange(returned, static_cast<Chunk*>(nullptr), orders::recycler_take);
    } else {
      Chunk* all = returned;
      returned = nullptr;
      return all;
    }
  }

  /// Allocator only, once, when it goes away: the chunks still on the stack; later give_backs
  /// free their chunks themselves. The caller retires the returned list, then calls release().
  [[nodiscard]] Chunk* close() noexcept {
    if constexpr (RC::is_atomic) {
      return atomics::exchange(returned, closed_mark(), orders::recycler_close);
    } else {
      Chunk* all = returned;
      returned = closed_mark();
      return all;
    }
  }

  /// Frees a chunk that belongs here (its elements are destroyed) and drops its reference.
  static void retire(Chunk* c) noexcept {
    recycler* home = c->home;
    Chunk::free_storage(c);
    home->release();
  }

  /// Drops one reference; the last one deletes the recycler.
  void release() noexcept {
    if (counter::release(refs, 1)) delete this;
  }
};

}  // namespace detail
ARENA_ARC_END_NAMESPACE

#endif  // ARENA_ARC_DETAIL_RECYCLER_HPP
