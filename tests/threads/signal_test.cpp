// Signal handlers (README, Safety notes): a handler may read through handles that stay alive
// while it runs (reading touches no count and no memory resource), even when it interrupts
// the very thread that is filling the handle's chunk in the middle of an allocation, a refund
// into the chunk's ledger, or the release of another chunk. Copying or dropping handles in a
// handler is outside the contract (a drop may free memory, and an owner's drop is a plain
// update the handler could interrupt); this file shows what the contract allows, under
// thousands of real signals delivered at arbitrary points of the allocator's work.
#include <arena_arc/arena_arc.hpp>
#include <arena_arc_testing/counting_resource.hpp>

#include <gtest/gtest.h>

#include <atomic>
#include <csignal>
#include <cstddef>
#include <cstdint>
#include <thread>
#include <vector>

#include <pthread.h>
#include <sched.h>

namespace {

using RC = arena_arc::atomic_refcount;
using allocator = arena_arc::Allocator<std::uint64_t, std::uint32_t, 32, RC>;
using slice = arena_arc::ArcSlice<std::uint64_t, std::uint32_t, RC>;

constexpr std::size_t published_len = 24;
constexpr int signals_to_send = 3000;

// What the handler may use: lock-free atomics only (async-signal-safe), and the published slice.
std::atomic<const slice*> published{nullptr};
std::atomic<std::uint64_t> handler_reads{0};
std::atomic<std::uint64_t> handler_wrong{0};
static_assert(std::atomic<const slice*>::is_always_lock_free);
static_assert(std::atomic<std::uint64_t>::is_always_lock_free);

extern "C" void read_published(int /*signal*/) {
  const slice* s = published.load(std::memory_order_acquire);
  if (s == nullptr) return;
  std::uint64_t wrong = 0;
  for (std::size_t i = 0; i < s->size(); ++i) wrong += (*s)[i] == 3 * i + 1 ? 0U : 1U;
  if (s->size() != published_len) ++wrong;
  handler_wrong.fetch_add(wrong, std::memory_order_relaxed);
  handler_reads.fetch_add(1, std::memory_order_relaxed);
}

TEST(Signals, AHandlerReadsHandlesWhileItsThreadAllocatesRefundsAndReleases) {
  arena_arc_testing::counting_resource upstream;
  {
    allocator a(&upstream);
    const slice kept = a.alloc(published_len, [](std::size_t i) { return 3 * i + 1; });
    published.store(&kept, std::memory_order_release);

    struct sigaction action {};
    action.sa_handler = &read_published;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    struct sigaction previous {};
    ASSERT_EQ(sigaction(SIGUSR1, &action, &previous), 0);

    const pthread_t target = pthread_self();
    std::atomic<bool> sending{true};
    std::thread sender([&] {
      for (int n = 0; n < signals_to_send; ++n) {
        if (pthread_kill(target, SIGUSR1) != 0) break;
        if (n % 8 == 0) sched_yield();
      }
      sending.store(false, std::memory_order_release);
    });

    // The interrupted work: slices of every size class (some fill the chunk, some are
    // dedicated), refunded into the ledger as they are dropped, chunks left and released.
    std::uint64_t round = 0;
    bool values_right = true;
    constexpr std::uint64_t max_rounds = 50'000'000;  // a bound should the sender stall
    constexpr std::uint64_t min_rounds = 100;  // work even if every signal came before the loop
    while ((sending.load(std::memory_order_acquire) || round < min_rounds) && round < max_rounds) {
      std::vector<slice> batch;
      for (std::uint32_t len = 1; len <= 40; len += 13) {
        batch.push_back(a.alloc(len, [round](std::size_t i) { return round + i; }));
      }
      for (const slice& s : batch)
        values_right = values_right && s[s.size() - 1] == round + s.size() - 1;
      ++round;
    }
    sender.join();
    ASSERT_EQ(sigaction(SIGUSR1, &previous, nullptr), 0);
    published.store(nullptr, std::memory_order_release);

    EXPECT_TRUE(values_right);
    EXPECT_GT(round, 0U);
    EXPECT_GT(handler_reads.load(), 0U);  // signals were delivered during the work
    EXPECT_EQ(handler_wrong.load(), 0U);
    EXPECT_EQ(kept[published_len - 1], 3 * (published_len - 1) + 1);
  }
  EXPECT_TRUE(upstream.balanced()) << upstream.report();
}

}  // namespace
