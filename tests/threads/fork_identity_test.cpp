// Thread identities across fork() (detail/thread_identity.hpp): the forking thread is the only
// thread of the child, and it keeps its identity there; any other identity recorded before the
// fork belongs to a thread the child does not have.
//  - A thread that never needed an identity forks: the child has no survivor, and ledgers the
//    parent's threads opened are closed at once there, while the child's own work is exact.
//  - The thread that owns a ledger forks, and in the child another thread closes that ledger
//    (the allocator moved to it): the owner exists in the child, so the close must wait for a
//    refund in flight like any foreign close, and every reference must come back.
//  - A thread's exit destructors run after its identity was freed: closing another thread's
//    ledger and forking from there must work (the child has no survivor).
// Each child counts its upstream's chunks and exits non-zero on the first wrong value.
#include <arena_arc/arena_arc.hpp>
#include <arena_arc_testing/counting_resource.hpp>

#include <gtest/gtest.h>

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory_resource>
#include <optional>
#include <thread>
#include <vector>

#include <pthread.h>
#include <unistd.h>

#include "child_process.hpp"

namespace {

using RC = arena_arc::atomic_refcount;
using allocator = arena_arc::Allocator<std::uint64_t, std::uint32_t, 16, RC>;
using slice = arena_arc::ArcSlice<std::uint64_t, std::uint32_t, RC>;
namespace identity = arena_arc::detail::thread_identity;

constexpr long long child_bound_ms = 60000;

using arena_arc_testing::counting_resource;

std::vector<slice> fill(allocator& a, std::uint64_t base, std::size_t count) {
  std::vector<slice> out;
  for (std::size_t k = 0; k < count; ++k) {
    out.push_back(a.alloc(3, [base, k](std::size_t i) { return base + 10 * k + i; }));
  }
  return out;
}

bool intact(const std::vector<slice>& slices, std::uint64_t base) {
  for (std::size_t k = 0; k < slices.size(); ++k) {
    for (std::size_t i = 0; i < 3; ++i) {
      if (slices[k][i] != base + 10 * k + i) return false;
    }
  }
  return true;
}

TEST(ForkIdentity, ForkFromAThreadWithoutIdentityLeavesNoSurvivor) {
  counting_resource upstream;
  std::optional<allocator> parents(&upstream);
  // This thread opens the chunk's ledger: it now has an identity, the fork handler is in place.
  std::vector<slice> held = fill(*parents, 100, 4);
  ASSERT_NE(identity::peek(), identity::token{0});
  const std::size_t allocated_before = upstream.allocations();
  int exit_code = -1;
  bool timed_out = true;
  std::thread forker([&] {
    ASSERT_EQ(identity::peek(), identity::token{0});  // never needed one
    const arena_arc_test::child_outcome out = arena_arc_test::run_in_child(
        [&]() -> int {
          if (identity::survivor != 0) return 2;  // the forking thread had no identity
          if (identity::peek() != 0) return 3;
          if (!intact(held, 100)) return 4;
          // The ledger's owner does not exist here: this close takes its refunds at once.
          parents.reset();
          held.clear();
          if (upstream.deallocations() != allocated_before) return 5;  // the chunk went back
          // Work of the child's own is exact too.
          std::optional<allocator> own(&upstream);
          std::vector<slice> mine = fill(*own, 500, 9);
          if (!intact(mine, 500)) return 6;
          own.reset();
          mine.clear();
          if (upstream.allocations() != upstream.deallocations()) {
            return 7;
          }
          return 0;
        },
        child_bound_ms);
    exit_code = out.exit_code;
    timed_out = out.timed_out;
  });
  forker.join();
  EXPECT_FALSE(timed_out);
  EXPECT_EQ(exit_code, 0);
  EXPECT_TRUE(intact(held, 100));  // the parent's chunk is untouched by the child
}

TEST(ForkIdentity, TheForkingOwnerKeepsItsLedgersInTheChild) {
  counting_resource upstream;
  std::optional<allocator> a(&upstream);
  std::vector<slice> held = fill(*a, 200, 4);  // this thread owns the chunk's ledger
  const arena_arc_test::child_outcome moved = arena_arc_test::run_in_child(
      [&]() -> int {
        if (identity::survivor != identity::peek()) return 2;
        const std::size_t before = upstream.allocations() - upstream.deallocations();
        if (before != 1) return 3;
        std::atomic<bool> closed{false};
        // The allocator moves to a thread born in the child; its close of the survivor's
        // ledger is a foreign close whose owner runs here, while the owner drops handles.
        std::thread closer([&] {
          if (identity::pid_of_current() != ::getpid()) return;  // no identity: getpid()
          a.reset();
          closed.store(true, std::memory_order_release);
        });
        for (slice& s : held) s = slice{};  // refunds racing with the close
        closer.join();
        if (!closed.load(std::memory_order_acquire)) return 4;
        if (upstream.allocations() != upstream.deallocations()) return 5;
        return 0;
      },
      child_bound_ms);
  EXPECT_FALSE(moved.timed_out);
  EXPECT_EQ(moved.exit_code, 0);
  EXPECT_TRUE(intact(held, 200));
}

// What a POSIX thread-specific-data destructor does at thread exit; those run after every
// thread_local destructor (glibc), so after the thread's identity was freed.
struct exit_work {
  std::optional<allocator>* foreign = nullptr;  // its chunk's ledger is the main thread's
  identity::process_id pid_seen = 0;
  arena_arc_test::child_outcome forked{};
};
extern "C" void run_exit_work(void* p) {
  auto* work = static_cast<exit_work*>(p);
  work->pid_seen = identity::pid_of_current();
  work->foreign->reset();  // a foreign close from a thread whose identity is gone
  work->forked = arena_arc_test::run_in_child(
      [] {
        const bool gone = identity::peek() == reinterpret_cast<identity::token>(identity::exited());
        return gone && identity::survivor == 0 ? 0 : 2;
      },
      child_bound_ms);
}

TEST(ForkIdentity, ExitDestructorsCloseAndForkAfterTheIdentityIsGone) {
  counting_resource upstream;
  std::optional<allocator> a(&upstream);
  std::vector<slice> held = fill(*a, 300, 4);  // this thread owns the chunk's ledger
  exit_work work{&a};
  pthread_key_t key{};
  ASSERT_EQ(pthread_key_create(&key, &run_exit_work), 0);
  std::thread([&] {
    ASSERT_EQ(pthread_setspecific(key, &work), 0);
    ASSERT_NE(identity::get(), identity::token{0});  // freed before the key's destructor runs
  }).join();
  ASSERT_EQ(pthread_key_delete(key), 0);
  EXPECT_EQ(work.pid_seen, ::getpid());
  EXPECT_FALSE(a.has_value());
  EXPECT_TRUE(work.forked.started);
  EXPECT_FALSE(work.forked.timed_out);
  EXPECT_EQ(work.forked.exit_code, 0);
  EXPECT_TRUE(intact(held, 300));
  EXPECT_EQ(upstream.deallocations(), 0U);  // the handles still hold the chunk
  held.clear();
  EXPECT_EQ(upstream.allocations(), upstream.deallocations());
}

}  // namespace
