// arena-arc: the one place where reference counts are read and written.
//
// A chunk's count is a plain std::size_t cell. With atomic_refcount every access goes through the
// shim in atomics.hpp (atomic at run time, ordinary arithmetic in constant evaluation, Relacy's
// atomics in a model-checking build); with local_refcount it is ordinary arithmetic.
//
// Memory orders (atomic_refcount), the same protocol as std::shared_ptr and Rust's Arc:
//  - acquire (copy a handle): relaxed. The new reference is made from an existing one, which
//    keeps the chunk alive; nothing is published by taking a reference.
//  - release: release order, so that every access made through the dying reference happens
//    before the decrement; the thread that takes the count to zero issues an acquire fence, so
//    that all of those accesses happen before it destroys the elements.
//  - pre-paid references (the allocator's block): a plain store at chunk creation, before the
//    chunk pointer is shared with anyone; returned with one release decrement, together with
//    the references that handles released into the chunk's owner ledger (owner_ledger.hpp).
//  - sole ownership (the allocator rewinding its current chunk): an acquire load that reads the
//    pre-paid count back; it synchronises with every handle's release decrement, as the last
//    release's fence does, and the count is then re-set with a plain store (no one else holds
//    or can make a reference).
//  - while the process has a single thread (single_threaded.hpp, which argues why): a relaxed
//    load and a relaxed store instead of each locked read-modify-write, no fence.
#ifndef ARENA_ARC_DETAIL_COUNTER_HPP
#define ARENA_ARC_DETAIL_COUNTER_HPP

#include <arena_arc/config.hpp>
#include <arena_arc/detail/atomics.hpp>
#include <arena_arc/detail/checked_math.hpp>
#include <arena_arc/detail/memory_orders.hpp>
#include <arena_arc/detail/single_threaded.hpp>
#include <arena_arc/refcount.hpp>
#include <arena_arc/violation.hpp>

#include <atomic>
#include <cstddef>
#include <type_traits>

// ThreadSanitizer does not model std::atomic_thread_fence (and g++ rejects it under
// -fsanitize=thread), so there the last release orders itself with an acquire load of the count
// instead of a fence: the same guarantee, since every release is a read-modify-write of that
// count and so belongs to the release sequence the load reads from (Rust's Arc does the same).
#if defined(__SANITIZE_THREAD__)
#define ARENA_ARC_DETAIL_TSAN 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define ARENA_ARC_DETAIL_TSAN 1
#endif
#endif

ARENA_ARC_BEGIN_NAMESPACE
namespace detail {

template <refcount_policy RC>
struct counter_ops {
  // Atomic counts live in the shim's cells (plain std::size_t but in model-checking builds).
  using cell = std::conditional_t<RC::is_atomic, atomics::cell<std::size_t>, std::size_t>;

  /// Adds one reference. Stops the process (violation) if the count would pass max_refcount;
  /// the count is left as it was in that case.
  static constexpr void acquire(cell& c) {
    if constexpr (RC::is_atomic) {
      if (!std::is_constant_evaluated() && process_single_threaded()) {
        // No other thread: nothing comes between the load and the store (single_threaded.hpp).
        const std::size_t count = atomics::load(c, std::memory_order_relaxed);
        ARENA_ARC_CHECK_ALWAYS(count < max_refcount, "reference count overflow",
                               "more than max_refcount handles share one chunk");
        atomics::store(c, count + 1, std::memory_order_relaxed);
        return;
      }
      // relaxed: see the file comment (a reference is only ever made from a live one).
      const std::size_t old = atomics::fetch_add(c, std::size_t{1}, std::memory_order_relaxed);
      if (old >= max_refcount) [[unlikely]] {
        atomics::fetch_sub(c, std::size_t{1}, std::memory_order_relaxed);
        ARENA_ARC_VIOLATION("reference count overflow",
                            "more than max_refcount handles share one chunk");
      }
    } else {
      ARENA_ARC_CHECK_ALWAYS(c < max_refcount, "reference count overflow",
                             "more than max_refcount handles share one chunk");
      ++c;
    }
  }

  /// Drops `n` references; true when they were the last ones (the caller then owns the chunk
  /// exclusively and must destroy it).
  [[nodiscard]] static constexpr bool release(cell& c, std::size_t n) noexcept {
    if constexpr (RC::is_atomic) {
      if (!std::is_constant_evaluated() && process_single_threaded()) {
        // No other thread: nothing comes between the load and the store, and every access to
        // the chunk was made by this thread, before this release (single_threaded.hpp).
        const std::size_t count = atomics::load(c, std::memory_order_relaxed);
        ARENA_ARC_CHECK_EXTENSIVE(count >= n, "reference count underflow",
                                  "a chunk lost more references than it had");
        atomics::store(c, count - n, std::memory_order_relaxed);
        return count == n;
      }
      // release: publishes this owner's accesses to whoever drops the last reference.
      const std::size_t old = atomics::fetch_sub(c, n, orders::release_decrement);
      ARENA_ARC_CHECK_EXTENSIVE(old >= n, "reference count underflow",
                                "a chunk lost more references than it had");
      if (old != n) return false;
      // acquire: every other owner's accesses happen before the destruction that follows.
#if defined(ARENA_ARC_DETAIL_TSAN)
      static_cast<void>(atomics::load(c, orders::last_release));
#else
      atomics::thread_fence(orders::last_release);
#endif
      return true;
    } else {
      ARENA_ARC_CHECK_EXTENSIVE(c >= n, "reference count underflow",
                                "a chunk lost more references than it had");
      c -= n;
      return c == 0;
    }
  }

  /// Whether the caller's `owned` references are all there are (nobody else can then make one).
  /// The load's order: "sole ownership" in the file comment.
  [[nodiscard]] static constexpr bool sole_owner(cell& c, std::size_t owned) noexcept {
    if constexpr (RC::is_atomic) {
      return atomics::load(c, orders::sole_owner_load) == owned;
    } else {
      return c == owned;
    }
  }

  /// The current count, for tests and invariant checks only (racy by nature when atomic).
  [[nodiscard]] static constexpr std::size_t load(const cell& c) noexcept {
    if constexpr (RC::is_atomic) {
      // An atomic load needs a non-const object; it does not modify it. relaxed: tests read
      // it on the thread that made the changes they check, and no library path reads it.
      return atomics::load(const_cast<cell&>(c), std::memory_order_relaxed);
    } else {
      return c;
    }
  }
};

}  // namespace detail
ARENA_ARC_END_NAMESPACE

#endif  // ARENA_ARC_DETAIL_COUNTER_HPP
