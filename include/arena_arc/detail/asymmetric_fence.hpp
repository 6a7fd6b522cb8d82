// arena-arc: asymmetric fences for the owner ledger (owner_ledger.hpp): a light fence on the
// owner's hot path (a compiler barrier) made a full one by the closer's heavy fence.
//
// The heavy fence is Linux membarrier's private expedited command: every running thread of the
// process executes a full memory barrier before it returns. Where that command fails at a
// close (a seccomp filter installed after start-up, say), the copy of this header remembers it
// and uses the fallback from then on: on x86 and x86-64 Linux, a TLB shootdown. Under a mutex,
// a private page is made writable, written (so that its page-table entry is present and
// dirty), and made inaccessible again: the kernel must then flush that entry from the TLB of
// every CPU that runs a thread of the process, with an inter-processor interrupt, and the TLB
// flush in the interrupt handler is a serialising instruction on x86, a full barrier on each
// such CPU; a thread not running at that moment was switched out, and a context switch is a
// full barrier too. (This is the standard technique where membarrier is missing.) Elsewhere
// there is no fallback. When no heavy fence can be executed, heavy_fence() returns false and
// available() reports false from then on, so no new ledger opens (per copy of the header).
#ifndef ARENA_ARC_DETAIL_ASYMMETRIC_FENCE_HPP
#define ARENA_ARC_DETAIL_ASYMMETRIC_FENCE_HPP

#include <arena_arc/config.hpp>
#include <arena_arc/detail/atomics.hpp>

#include <atomic>

#if ARENA_ARC_OWNER_REFUNDS && defined(__linux__) && !defined(ARENA_ARC_RELACY)
#include <linux/membarrier.h>
#include <pthread.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>
#define ARENA_ARC_DETAIL_MEMBARRIER 1
#else
#define ARENA_ARC_DETAIL_MEMBARRIER 0
#endif

#if ARENA_ARC_DETAIL_MEMBARRIER && (defined(__x86_64__) || defined(__i386__))
#define ARENA_ARC_DETAIL_TLB_FENCE 1
#else
#define ARENA_ARC_DETAIL_TLB_FENCE 0
#endif

ARENA_ARC_BEGIN_NAMESPACE
namespace detail::asymmetric {

#if defined(ARENA_ARC_RELACY)
// Model-checking build: both fences are sequentially consistent fences of Relacy's threads (the
// standard model of asymmetric fences). Each can be removed (ARENA_ARC_TEST_WEAKEN_LIGHT_FENCE,
// ARENA_ARC_TEST_WEAKEN_HEAVY_FENCE) for the negative controls of formal/relacy/.

[[nodiscard]] inline bool available() noexcept { return true; }

inline void light_fence() noexcept {
#if !defined(ARENA_ARC_TEST_WEAKEN_LIGHT_FENCE)
  rl::atomic_thread_fence(rl::mo_seq_cst, RL_INFO);
#endif
}

[[nodiscard]] inline bool heavy_fence() noexcept {
#if !defined(ARENA_ARC_TEST_WEAKEN_HEAVY_FENCE)
  rl::atomic_thread_fence(rl::mo_seq_cst, RL_INFO);
#endif
  return true;
}

inline void spin_pause() noexcept { rl::yield(1, RL_INFO); }

#else  // !ARENA_ARC_RELACY

#if ARENA_ARC_DETAIL_MEMBARRIER
[[nodiscard]] inline long membarrier(int command) noexcept {
  // NOLINTNEXTLINE(cppcoreguidelines-pro-type-vararg,hicpp-vararg): syscall(2) is variadic
  return ::syscall(SYS_membarrier, command, 0U, 0);
}

/// How heavy fences are executed in this copy of the header; it only ever moves down the list.
enum class heavy_mode : unsigned char { membarrier, tlb_shootdown, none };
inline std::atomic<heavy_mode> mode{heavy_mode::membarrier};

/// Lowers `mode` to `to` (never raises it back).
inline void degrade(heavy_mode to) noexcept {
  heavy_mode seen = mode.load(std::memory_order_relaxed);
  // relaxed: `mode` only selects which fence runs; each fence is a full barrier of its own.
  while (seen < to && !mode.compare_exchange_weak(seen, to, std::memory_order_relaxed)) continue;
}

#if ARENA_ARC_DETAIL_TLB_FENCE
/// The fallback heavy fence (see the top of this file); false if the kernel refused a step.
[[nodiscard]] inline bool tlb_shootdown() noexcept {
  static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
  static void* const page = [] {
    void* p = ::mmap(nullptr, static_cast<std::size_t>(::sysconf(_SC_PAGESIZE)), PROT_NONE,
                     MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    return p == MAP_FAILED ? nullptr : p;
  }();
  if (page == nullptr || ::pthread_mutex_lock(&lock) != 0) return false;
  const auto bytes = static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
  bool done = ::mprotect(page, bytes, PROT_READ | PROT_WRITE) == 0;
  if (done) {
    // A write makes the entry present and dirty, so that revoking access must flush it.
    *static_cast<volatile unsigned char*>(page) = 1;
    done = ::mprotect(page, bytes, PROT_NONE) == 0;
  }
  static_cast<void>(::pthread_mutex_unlock(&lock));
  return done;
}
#endif

/// Whether ledgers can be used in this process: registers for membarrier's private expedited
/// command on first use (a function-local static: once per copy of the header, thread-safe;
/// a copy per shared object that compiled this header with hidden symbols is harmless, since
/// the kernel keeps one registration per process and registering again succeeds), and no heavy
/// fence failed since.
[[nodiscard]] inline bool available() noexcept {
#if defined(ARENA_ARC_TEST_DENY_MEMBARRIER)  // test-only: as if the kernel refused it
  return false;
#else
  static const bool registered = membarrier(MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED) == 0;
  // relaxed: a stale answer opens a ledger whose close then finds no heavy fence either, which
  // the close handles (owner_ledger.hpp).
  return registered && mode.load(std::memory_order_relaxed) != heavy_mode::none;
#endif
}

/// The closer's side: a full barrier on every running thread of the process, by membarrier or
/// its fallback; false if neither could be executed (then available() is false from now on).
/// Only reached after available() returned true.
[[nodiscard]] inline bool heavy_fence() noexcept {
  if (mode.load(std::memory_order_relaxed) == heavy_mode::membarrier) {
    if (membarrier(MEMBARRIER_CMD_PRIVATE_EXPEDITED) == 0) return true;
    degrade(heavy_mode::tlb_shootdown);  // any errno: later closes skip the command
  }
#if ARENA_ARC_DETAIL_TLB_FENCE
  if (mode.load(std::memory_order_relaxed) == heavy_mode::tlb_shootdown && tlb_shootdown()) {
    return true;
  }
#endif
  degrade(heavy_mode::none);
  return false;
}

#else  // !ARENA_ARC_DETAIL_MEMBARRIER: no heavy fence, so no ledger ever opens.

[[nodiscard]] inline bool available() noexcept { return false; }
[[nodiscard]] inline bool heavy_fence() noexcept { return false; }

#endif  // ARENA_ARC_DETAIL_MEMBARRIER

/// The owner's side: a compiler barrier, made a full one by the closer's heavy fence.
inline void light_fence() noexcept { std::atomic_signal_fence(std::memory_order_seq_cst); }

/// One step of a busy wait for another thread.
inline void spin_pause() noexcept {
#if defined(__x86_64__) || defined(__i386__)
  __builtin_ia32_pause();
#endif
}

#endif  // ARENA_ARC_RELACY

}  // namespace detail::asymmetric
ARENA_ARC_END_NAMESPACE

#endif  // ARENA_ARC_DETAIL_ASYMMETRIC_FENCE_HPP
