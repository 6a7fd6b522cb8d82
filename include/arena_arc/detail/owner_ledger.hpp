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
// The heavy fence (Linux membarrier, private expedited) makes every running thread of the
// process execute a full memory barrier, so the light fence (a compiler barrier) acts as a
// sequentially consistent fence ordered before or after it: either the owner's load of `open`
// sees 0 (it then releases atomically), or the closer's load of `busy` sees the owner's 1 and
// waits for the release store of 0, which publishes `refunds` and every access the owner made
// through the handles it released. formal/relacy/ checks the protocol with both fences modelled
// as sequentially consistent fences (the standard model of asymmetric fences), and with the
// light fence or the heavy one removed (ARENA_ARC_TEST_WEAKEN_LIGHT_FENCE, _HEAVY_FENCE), where it
// must fail.
//
// Threads are told apart by a 64-bit token taken from a process-wide counter the first time a
// thread opens a ledger; a token is never reused, so a thread that starts after another ended
// cannot pass for it. Without membarrier's private expedited command (kernels before 4.14, a
// seccomp filter, other systems), with ARENA_ARC_OWNER_REFUNDS 0, and in constant evaluation,
// no ledger is ever opened and every release is the atomic decrement.
#ifndef ARENA_ARC_DETAIL_OWNER_LEDGER_HPP
#define ARENA_ARC_DETAIL_OWNER_LEDGER_HPP

#include <arena_arc/config.hpp>
#include <arena_arc/detail/atomics.hpp>
#include <arena_arc/detail/memory_orders.hpp>
#include <arena_arc/refcount.hpp>
#include <arena_arc/violation.hpp>

#include <atomic>
#include <cstddef>
#include <cstdint>

#if ARENA_ARC_OWNER_REFUNDS && defined(__linux__) && !defined(ARENA_ARC_RELACY)
#include <linux/membarrier.h>
#include <sys/syscall.h>
#include <unistd.h>
#define ARENA_ARC_DETAIL_MEMBARRIER 1
#else
#define ARENA_ARC_DETAIL_MEMBARRIER 0
#endif

namespace arena_arc::detail {

namespace asymmetric {

#if ARENA_ARC_DETAIL_MEMBARRIER
[[nodiscard]] inline long membarrier(int command) noexcept {
  // NOLINTNEXTLINE(cppcoreguidelines-pro-type-vararg,hicpp-vararg): syscall(2) is variadic
  return ::syscall(SYS_membarrier, command, 0U, 0);
}
#endif

/// Whether ledgers can be used in this process: registers for membarrier's private expedited
/// command on first use (a function-local static: once per process, thread-safe).
[[nodiscard]] inline bool available() noexcept {
#if defined(ARENA_ARC_RELACY)
  return true;
#elif defined(ARENA_ARC_TEST_DENY_MEMBARRIER)  // test-only: as if the kernel refused it
  return false;
#elif ARENA_ARC_DETAIL_MEMBARRIER
  static const bool registered = membarrier(MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED) == 0;
  return registered;
#else
  return false;
#endif
}

/// The owner's side: a compiler barrier, made a full one by the closer's heavy fence.
inline void light_fence() noexcept {
#if defined(ARENA_ARC_RELACY)
#if !defined(ARENA_ARC_TEST_WEAKEN_LIGHT_FENCE)
  rl::atomic_thread_fence(rl::mo_seq_cst, RL_INFO);
#endif
#else
  std::atomic_signal_fence(std::memory_order_seq_cst);
#endif
}

/// The closer's side: a full barrier on every running thread of the process. Only reached
/// after available() returned true; the kernel then does not fail the command.
inline void heavy_fence() noexcept {
#if defined(ARENA_ARC_RELACY)
#if !defined(ARENA_ARC_TEST_WEAKEN_HEAVY_FENCE)
  rl::atomic_thread_fence(rl::mo_seq_cst, RL_INFO);
#endif
#elif ARENA_ARC_DETAIL_MEMBARRIER
  ARENA_ARC_CHECK_ALWAYS(membarrier(MEMBARRIER_CMD_PRIVATE_EXPEDITED) == 0, "membarrier",
                         "the registered private expedited membarrier command failed");
#endif
}

/// One step of a wait for another thread.
inline void spin_pause() noexcept {
#if defined(ARENA_ARC_RELACY)
  rl::yield(1, RL_INFO);
#elif defined(__x86_64__) || defined(__i386__)
  __builtin_ia32_pause();
#endif
}

}  // namespace asymmetric

namespace thread_token {

#if !defined(ARENA_ARC_RELACY)
// The calling thread's token; 0 until the thread first opens a ledger.
inline thread_local std::uint64_t current = 0;
// The next token to hand out (a plain cell of the atomics shim, only ever used atomically).
inline std::uint64_t next = 1;
#endif

/// The calling thread's token, or 0 if it never opened a ledger (then it owns none).
[[nodiscard]] inline std::uint64_t peek() noexcept {
#if defined(ARENA_ARC_RELACY)
  return static_cast<std::uint64_t>(rl::ctx().current_thread()) + 1;
#else
  return current;
#endif
}

/// The calling thread's token, taken now if it has none (never 0, never reused).
[[nodiscard]] inline std::uint64_t get() noexcept {
#if defined(ARENA_ARC_RELACY)
  return peek();
#else
  // relaxed: only uniqueness matters, which the read-modify-write gives.
  if (current == 0) current = atomics::fetch_add(next, std::uint64_t{1}, std::memory_order_relaxed);
  return current;
#endif
}

}  // namespace thread_token

/// The ledger of a chunk; with local_refcount there is none (every release is plain already),
/// nor with ARENA_ARC_OWNER_REFUNDS 0.
template <refcount_policy RC>
struct owner_ledger {
  static constexpr bool enabled = false;
};

template <refcount_policy RC>
  requires(RC::is_atomic && ARENA_ARC_OWNER_REFUNDS != 0)
struct owner_ledger<RC> {
  static constexpr bool enabled = true;
  /// The owner of a chunk without an open ledger: a value no thread's token ever has.
  static constexpr std::uint64_t no_owner = ~std::uint64_t{0};

  // Written only while the allocator holds the chunk exclusively (before it is shared, or once
  // every handle is gone): a plain field, read by any thread that releases a handle of it.
  std::uint64_t owner = no_owner;
  atomics::cell<std::uint32_t> open{};
  // refunds * 2 + busy: written by the owner only (one plain store per step of a refund).
  atomics::cell<std::size_t> state{};

  /// Opens the ledger for the calling thread, or leaves it closed where ledgers are not
  /// available. The caller holds the chunk exclusively (no handle of it exists).
  void open_here() noexcept {
    const bool on = asymmetric::available();
    owner = on ? thread_token::get() : no_owner;
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
    return owner == no_owner || owner == thread_token::peek();
  }

  /// Whether the calling thread opened the ledger; for the allocator's current chunk, whose
  /// ledger it has not closed, whether it is open and owned here.
  [[nodiscard]] bool opened_here() const noexcept { return owner == thread_token::peek(); }

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

  /// Counts the release of one reference in the ledger if the calling thread owns it and it is
  /// open; false otherwise (the caller then releases atomically).
  [[nodiscard]] bool try_refund() noexcept {
    if (owner != thread_token::peek()) return false;  // no_owner is no thread's token
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
    // release: publishes the count and this thread's accesses through the released handle.
    atomics::store(state, counted ? before + 2 : before, orders::refund_end);
    return counted;
  }

  /// Closes the ledger and returns the references refunded into it, which the caller (the
  /// allocator leaving the chunk) now owns.
  [[nodiscard]] std::size_t close() noexcept {
    if (owner == no_owner) return 0;
    atomics::store(open, std::uint32_t{0}, std::memory_order_relaxed);
    if (owner != thread_token::peek()) {
      // The allocator moved to another thread: the owner may be inside try_refund right now.
      asymmetric::heavy_fence();
      // acquire: synchronises with the release store that ended the owner's last refund.
      while ((atomics::load(state, orders::close_wait) & 1U) != 0) {
        asymmetric::spin_pause();
      }
    }
    return atomics::load(state, std::memory_order_relaxed) >> 1;
  }
};

}  // namespace arena_arc::detail

#endif  // ARENA_ARC_DETAIL_OWNER_LEDGER_HPP
