// arena-arc: the owner ledger — releasing a handle on the thread that fills its chunk without a
// locked instruction (atomic_refcount only).
//
// While an allocator keeps a chunk, the thread that took it is the chunk's ledger owner. The
// owner releases its handles of that chunk by counting them in the ledger (`refunds`) with plain
// loads and stores: those references go back to the allocator, which gives them up together
// with its pre-paid block when it leaves the chunk (one atomic subtraction, counter.hpp). Every
// other thread, and the owner once the ledger is closed, releases with the atomic decrement.
//
// Protocol (an asymmetric Dekker handshake; `state` holds refunds * 2 + busy):
//   refund (owner):   busy = 1; light fence; if (open) refunds += 1; busy = 0 (release; the
//                     last two are one store of `state`)
//   close (allocator, leaving the chunk):  open = 0; then
//     - on the owner thread: no refund can be in flight; refunds is read as it is;
//     - on another thread (the allocator moved): heavy fence; wait until busy == 0 (acquire);
//       then read refunds.
// The heavy fence (asymmetric_fence.hpp: membarrier, or its fallback) makes every running
// thread of the process execute a full memory barrier, so the light fence (a compiler barrier)
// acts as a sequentially consistent fence ordered before or after it: either the owner's load of
// `open` sees 0 (it then releases atomically), or the closer's load of `busy` sees the owner's 1
// and waits for the release store of 0, which publishes `refunds` and every access the owner
// made through the handles it released. formal/relacy/ checks the protocol with both fences
// modelled as sequentially consistent fences (the standard model of asymmetric fences), and
// with the light fence or the heavy one removed (ARENA_ARC_TEST_WEAKEN_LIGHT_FENCE,
// ARENA_ARC_TEST_WEAKEN_HEAVY_FENCE), where it must fail.
//
// Limits, each a possible leak of one chunk, never a double free (the closer only ever takes
// refunds the owner counted before the `state` it read, and an owner that saw `open` == 0
// releases atomically):
//  - the wait is bounded (bounded_wait.hpp, ARENA_ARC_LEDGER_WAIT_MS): an owner stopped or
//    preempted mid-refund for longer makes the closer give up and take the refunds counted so
//    far (`state >> 1`, the one in flight excluded); if the owner counts that one later, it
//    stays in the ledger and the chunk keeps one reference for ever;
//  - no heavy fence could be executed (membarrier denied and no fallback): the closer uses a
//    sequentially consistent fence, which does not order the owner's compiler barrier, and
//    then waits as above; a refund racing with exactly that close may stay in the ledger.
//    No ledger opens after that (available() is false);
//  - fork(): a ledger opened before the fork by a thread other than the forking one has no
//    owner in the child (thread_identity.hpp tells it by the process id recorded here). Its
//    close takes `state >> 1` at once: a set busy bit is a refund that never finishes in the
//    child, of a handle that belonged to the vanished thread (lost like everything that thread
//    held, as with std::shared_ptr).
//
// Threads are told apart by their identity (thread_identity.hpp), the address of an object
// that lives as long as the thread. Without membarrier's private expedited command at start
// (kernels before 4.14, a seccomp filter, other systems), with ARENA_ARC_OWNER_REFUNDS 0, and in
// constant evaluation, no ledger is ever opened and every release is the atomic decrement.
#ifndef ARENA_ARC_DETAIL_OWNER_LEDGER_HPP
#define ARENA_ARC_DETAIL_OWNER_LEDGER_HPP

#include <arena_arc/config.hpp>
#include <arena_arc/detail/asymmetric_fence.hpp>
#include <arena_arc/detail/atomics.hpp>
#include <arena_arc/detail/bounded_wait.hpp>
#include <arena_arc/detail/memory_orders.hpp>
#include <arena_arc/detail/thread_identity.hpp>
#include <arena_arc/refcount.hpp>

#include <atomic>
#include <cstddef>
#include <cstdint>

ARENA_ARC_BEGIN_NAMESPACE
namespace detail {

/// The ledger of a chunk; with local_refcount there is none (every release is plain already),
/// nor with ARENA_ARC_OWNER_REFUNDS 0.
template <refcount_policy RC>
struct owner_ledger {
  static constexpr bool enabled = false;
};

template <refcount_policy RC>
  requires(RC::is_atomic&& ARENA_ARC_OWNER_REFUNDS != 0)
struct owner_ledger<RC> {
  static constexpr bool enabled = true;
  using token = thread_identity::token;
  /// The owner of a chunk without an open ledger: a value no thread's identity ever has.
  static constexpr token no_owner = ~token{0};

  // Written only while the allocator holds the chunk exclusively (before it is shared, or once
  // every handle is gone): plain fields, read by any thread that releases a handle of it.
  token owner = no_owner;
  atomics::cell<std::uint32_t> open{};
  thread_identity::process_id opened_in{};  // the owner's process (fits beside `open`)
  // refunds * 2 + busy: written by the owner only (one plain store per step of a refund).
  atomics::cell<std::size_t> state{};

  /// Opens the ledger for the calling thread, or leaves it closed where ledgers are not
  /// available. The caller holds the chunk exclusively (no handle of it exists).
  void open_here() noexcept {
    const token me = asymmetric::available() ? thread_identity::get() : token{0};
    const bool on = me != 0;  // no identity (out of memory, thread exiting): stays closed
    owner = on ? me : no_owner;
    opened_in = on ? thread_identity::pid_of_current() : thread_identity::process_id{};
    atomics::init(open, std::uint32_t{on ? 1U : 0U});
    atomics::init(state, std::size_t{0});
  }

  /// Closed and empty, for a chunk the caller holds exclusively.
  void reset() noexcept {
    owner = no_owner;
    atomics::init(open, std::uint32_t{0});
    atomics::init(state, std::size_t{0});
  }

  /// Whether the calling thread may read the refunds as they are: it owns the ledger, or there
  /// is none (nothing is refunded then).
  [[nodiscard]] bool owned_here() const noexcept {
    return owner == no_owner || owner == thread_identity::peek();
  }

  /// Whether the calling thread opened the ledger; for the allocator's current chunk, whose
  /// ledger it has not closed, whether it is open and owned here.
  [[nodiscard]] bool opened_here() const noexcept { return owner == thread_identity::peek(); }

  /// The references refunded so far; only for a caller for which owned_here() holds.
  [[nodiscard]] std::size_t refunds_here() noexcept {
    // relaxed: every refund was made by the calling thread itself.
    return atomics::load(state, std::memory_order_relaxed) >> 1;
  }

  /// Adds `n` references the calling thread holds to the refunds, for the allocator keeping
  /// the chunk on the ledger's own thread (opened_here(), not closed): they are given up with
  /// the refunds when the ledger closes. No refund is in flight on this thread meanwhile.
  void add_refunds_here(std::size_t n) noexcept {
    // relaxed: only this thread writes `state`; a closer on another thread reads it after the
    // allocator was handed over to it (which orders this store first). No overflow: refunds + n
    // are references counted in the chunk's count, at most max_refcount (SIZE_MAX / 2).
    atomics::store(state, atomics::load(state, std::memory_order_relaxed) + 2 * n,
                   std::memory_order_relaxed);
  }

  /// Counts the release of `n` references in the ledger if the calling thread owns it and it is
  /// open; false otherwise (the caller then releases atomically). n <= the chunk's count.
  [[nodiscard]] bool try_refund(std::size_t n = 1) noexcept {
    if (owner != thread_identity::peek()) return false;  // no_owner is no thread's identity
    // relaxed: `open` only goes from 1 to 0 while handles exist, so a 0 here is final (and the
    // owner's drops after the allocator left skip the handshake); a stale 1 is caught below.
    if (atomics::load(open, std::memory_order_relaxed) == 0) return false;
    // relaxed load and stores: only the owner writes `state`; the closer reads it after the
    // last (release) store of a refund, or on this very thread.
    const std::size_t before = atomics::load(state, std::memory_order_relaxed);  // busy clear
    atomics::store(state, before | 1U, std::memory_order_relaxed);               // busy
    asymmetric::light_fence();  // busy before reading `open`: see the protocol above
    // relaxed: `open` only goes from 1 to 0 while handles exist; the fence orders the read.
    const bool counted = atomics::load(open, std::memory_order_relaxed) != 0;
    // release: publishes the count and this thread's accesses through the released handles.
    // No overflow: refunds + n are references counted in the chunk's count, at most
    // max_refcount (SIZE_MAX / 2).
    atomics::store(state, counted ? before + 2 * n : before, orders::refund_end);
    return counted;
  }

  /// Closes the ledger and returns the references refunded into it, which the caller (the
  /// allocator leaving the chunk) now owns. Never blocks longer than the wait bound.
  [[nodiscard]] std::size_t close() noexcept {
    if (owner == no_owner) return 0;
    atomics::store(open, std::uint32_t{0}, std::memory_order_relaxed);
    if (owner != thread_identity::peek()) {
      // The allocator moved to another thread: the owner may be inside try_refund right now.
      if (!asymmetric::heavy_fence()) atomics::thread_fence(std::memory_order_seq_cst);
      // acquire: synchronises with the release store that ended the owner's last refund.
      const bool idle = !thread_identity::may_run_here(owner, opened_in) || wait_bounded([this] {
        return (atomics::load(state, orders::close_wait) & 1U) == 0;
      });
      if (!idle) {
        // Given up (see the limits above). acquire: as above, should the owner have finished
        // meanwhile; a busy bit still set is the refund in flight, which `>> 1` leaves out.
        return atomics::load(state, std::memory_order_acquire) >> 1;
      }
    }
    // relaxed: refunds made on this thread, or published by the store the wait synchronised
    // with (or, with the owner gone in a fork, by nothing that still runs).
    return atomics::load(state, std::memory_order_relaxed) >> 1;
  }
};

}  // namespace detail
ARENA_ARC_END_NAMESPACE

#endif  // ARENA_ARC_DETAIL_OWNER_LEDGER_HPP
