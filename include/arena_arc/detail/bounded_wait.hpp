// arena-arc: the one wait of the library for another thread (a foreign close of an owner
// ledger waiting for a refund in flight, owner_ledger.hpp), with back-off and a bound.
//
// The awaited thread may be stopped (a debugger, SIGSTOP) or preempted for long: the waiter
// pauses a few times, then yields the CPU, then sleeps in short, growing naps (never burning a
// core), and gives up after ARENA_ARC_LEDGER_WAIT_MS milliseconds (config.hpp). The model-
// checking build (ARENA_ARC_RELACY) waits without a bound, as Relacy's scheduler expects.
#ifndef ARENA_ARC_DETAIL_BOUNDED_WAIT_HPP
#define ARENA_ARC_DETAIL_BOUNDED_WAIT_HPP

#include <arena_arc/config.hpp>
#include <arena_arc/detail/asymmetric_fence.hpp>

#if !defined(ARENA_ARC_RELACY)
#include <sched.h>
#include <time.h>
#endif

ARENA_ARC_BEGIN_NAMESPACE
namespace detail {

#if !defined(ARENA_ARC_RELACY)
/// Nanoseconds on the monotonic clock.
[[nodiscard]] inline long long monotonic_ns() noexcept {
  timespec now{};
  static_cast<void>(::clock_gettime(CLOCK_MONOTONIC, &now));
  return static_cast<long long>(now.tv_sec) * 1'000'000'000LL + now.tv_nsec;
}
#endif

/// Waits until done() holds; false if it still did not after the bound.
template <class Done>
[[nodiscard]] bool wait_bounded(Done done) noexcept {
#if defined(ARENA_ARC_RELACY)
  while (!done()) asymmetric::spin_pause();
  return true;
#else
  constexpr int pauses = 64;
  constexpr int yields = 16;
  for (int i = 0; i < pauses; ++i) {
    if (done()) return true;
    asymmetric::spin_pause();
  }
  for (int i = 0; i < yields; ++i) {
    if (done()) return true;
    static_cast<void>(::sched_yield());
  }
  const long long deadline =
      monotonic_ns() + static_cast<long long>(ARENA_ARC_LEDGER_WAIT_MS) * 1'000'000LL;
  long nap_ns = 10'000;
  while (!done()) {
    if (monotonic_ns() >= deadline) return done();
    timespec nap{0, nap_ns};
    static_cast<void>(::nanosleep(&nap, nullptr));  // an early wake by a signal only re-checks
    if (nap_ns < 1'000'000) nap_ns *= 2;
  }
  return true;
#endif
}

}  // namespace detail
ARENA_ARC_END_NAMESPACE

#endif  // ARENA_ARC_DETAIL_BOUNDED_WAIT_HPP
