// The bound on a foreign close's wait (detail/owner_ledger.hpp, ARENA_ARC_LEDGER_WAIT_MS; this
// executable is built with a bound of 20 ms). An owner stuck mid-refund (stopped in a debugger,
// SIGSTOP, preempted) is simulated by setting the busy bit of a ledger another thread owns: the
// close must return, with the refunds counted so far and without the one in flight.
#include <arena_arc/arena_arc.hpp>

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstddef>
#include <thread>

namespace {

using ledger_type = arena_arc::detail::owner_ledger<arena_arc::atomic_refcount>;
namespace atomics = arena_arc::detail::atomics;
namespace identity = arena_arc::detail::thread_identity;

static_assert(ARENA_ARC_LEDGER_WAIT_MS == 20, "this executable tests a small bound");

TEST(LedgerWaitBound, AForeignCloseGivesUpOnAnOwnerStuckMidRefund) {
  ASSERT_NE(identity::get(), 0U);  // this thread's identity exists before the owner's
  ledger_type book;
  std::atomic<int> stage{0};
  std::thread owner([&] {
    book.open_here();
    stage.store(1, std::memory_order_release);
    for (int i = 0; i < 100'000'000 && stage.load(std::memory_order_acquire) != 2; ++i) {
      std::this_thread::yield();
    }
  });
  for (int i = 0; i < 100'000'000 && stage.load(std::memory_order_acquire) != 1; ++i) {
    std::this_thread::yield();
  }
  ASSERT_EQ(stage.load(std::memory_order_acquire), 1);
  const bool opened = atomics::load(book.open, std::memory_order_relaxed) != 0;
  // Three refunds counted, a fourth in flight that never ends while the close runs.
  atomics::store(book.state, std::size_t{2 * 3 + 1}, std::memory_order_relaxed);
  const std::size_t taken = book.close();  // returns: the wait gave up
  stage.store(2, std::memory_order_release);
  owner.join();
  if (opened) {
    EXPECT_EQ(taken, 3U);  // the one in flight is not taken
  } else {
    EXPECT_EQ(taken, 0U);  // no ledger in this process: nothing to wait for
  }
  EXPECT_EQ(atomics::load(book.open, std::memory_order_relaxed), 0U);
}

// The wait itself (detail/bounded_wait.hpp): it asks done() once per step, through its pause,
// yield and sleep phases, returns true at the first step where done() holds, and gives up with
// false once the bound has passed.
TEST(WaitBounded, ReturnsAtTheFirstStepWhereDoneHoldsInEveryPhase) {
  // Steps 1-64 pause, 65-80 yield, later ones sleep (the phases of bounded_wait.hpp).
  for (const int first_true : {1, 64, 65, 80, 81, 90}) {
    int calls = 0;
    const bool done = arena_arc::detail::wait_bounded([&] { return ++calls >= first_true; });
    EXPECT_TRUE(done) << first_true;
    EXPECT_EQ(calls, first_true);
  }
}

TEST(WaitBounded, GivesUpAfterTheBound) {
  int calls = 0;
  const auto start = std::chrono::steady_clock::now();
  const bool done = arena_arc::detail::wait_bounded([&] {
    ++calls;
    return false;
  });
  const auto waited = std::chrono::steady_clock::now() - start;
  EXPECT_FALSE(done);
  EXPECT_GT(calls, 80);                                                    // through every phase
  EXPECT_GE(waited, std::chrono::milliseconds(ARENA_ARC_LEDGER_WAIT_MS));  // never earlier
}

}  // namespace
