// fork() while another thread refunds into an owner ledger (detail/owner_ledger.hpp): thread A
// takes the allocator's chunk (A owns its ledger) and keeps copying and dropping handles of it,
// so that its ledger's busy bit is often set (about one fork in 25 catches it set); the main
// thread, which holds the allocator from then on, forks again and again. In the child only the
// forking thread exists: it must be able to use the allocator it inherited and destroy it (the
// foreign close of a ledger whose owner does not exist there) and exit, never wait for the
// vanished thread.
#include <arena_arc/arena_arc.hpp>

#include <gtest/gtest.h>

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <thread>
#include <vector>

#include "child_process.hpp"

namespace {

using arena_arc_test::child_outcome;
using arena_arc_test::monotonic_ms;
using arena_arc_test::run_in_child;
using RC = arena_arc::atomic_refcount;
using allocator = arena_arc::Allocator<std::uint64_t, std::uint32_t, 64, RC>;
using slice = arena_arc::ArcSlice<std::uint64_t, std::uint32_t, RC>;

constexpr int max_forks = 2000;
constexpr long long fork_budget_ms = 4000;  // fewer forks on a slow machine
constexpr long long child_bound_ms = 10000;

// The child: allocates past the inherited chunk (leaving it: the foreign close) when `use`,
// then destroys the allocator; exit code 0 if every read was right.
int child_body(std::optional<allocator>& a, const std::vector<slice>& inherited, bool use) {
  bool ok = inherited.front()[0] == 7;
  if (use) {
    for (std::uint64_t round = 0; round < 3; ++round) {
      const slice s = a->alloc(64, [round](std::size_t i) { return round + i; });
      ok = ok && s[63] == round + 63;
    }
  }
  a.reset();
  return ok ? 0 : 2;
}

TEST(Fork, ChildUsesAndDestroysAnAllocatorWhoseLedgerOwnerVanished) {
  std::optional<allocator> a;
  std::vector<slice> held;
  std::atomic<int> phase{0};  // 1: the allocator is the main thread's; 2: stop
  std::thread owner([&] {
    a.emplace();
    for (std::uint64_t i = 0; i < 8; ++i) {
      held.push_back(a->alloc(4, [](std::size_t) { return std::uint64_t{7}; }));
    }
    phase.store(1, std::memory_order_release);
    std::vector<slice> batch;
    batch.reserve(held.size() * 32);
    while (phase.load(std::memory_order_acquire) != 2) {
      // Copies first, then the drops back to back (refunds into the ledger): the busy bit is
      // then set for a good part of the time, where a copy's locked increment would dominate.
      for (int k = 0; k < 32; ++k) batch.insert(batch.end(), held.begin(), held.end());
      for (slice& s : batch) s = slice{};
      batch.clear();
    }
    held.clear();
  });
  const long long ready_by = monotonic_ms() + child_bound_ms;
  while (phase.load(std::memory_order_acquire) != 1 && monotonic_ms() < ready_by) {
    std::this_thread::yield();
  }
  ASSERT_EQ(phase.load(std::memory_order_acquire), 1);

  const long long stop_at = monotonic_ms() + fork_budget_ms;
  int forks = 0;
  int hung = 0;
  int failed = 0;
  for (; forks < max_forks && monotonic_ms() < stop_at; ++forks) {
    const bool use = forks % 2 == 0;
    const child_outcome out =
        run_in_child([&] { return child_body(a, held, use); }, child_bound_ms);
    ASSERT_TRUE(out.started);
    if (out.timed_out) {
      ++hung;
      break;  // one is enough: each costs the whole bound
    }
    if (out.exit_code != 0) ++failed;
  }
  phase.store(2, std::memory_order_release);
  owner.join();
  a.reset();  // in the parent: the ordinary foreign close
  EXPECT_EQ(hung, 0) << "a child hung after " << forks << " forks";
  EXPECT_EQ(failed, 0);
  EXPECT_GT(forks, 0);
  std::printf("forks: %d\n", forks);
}

}  // namespace
