// The owner ledger (detail/owner_ledger.hpp). With atomic_refcount, a handle released on the
// thread that took its chunk, while the allocator keeps that chunk, goes back to the allocator
// without a locked instruction: the chunk's count does not move until the allocator leaves and
// gives those references up with its pre-paid block. Other threads, and the owner once the
// allocator left, release atomically. Where ledgers are unavailable (ARENA_ARC_OWNER_REFUNDS 0:
// this file is also built that way, as unit.refunds_off.*; or no membarrier) every release is
// atomic, and the same tests check that instead. unit.membarrier_denied.* builds it with
// ARENA_ARC_TEST_DENY_MEMBARRIER, as if the kernel refused membarrier.
#include <arena_arc/arena_arc.hpp>
#include <arena_arc_testing/counted.hpp>

#include <gtest/gtest.h>

#include <pthread.h>

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <thread>
#include <type_traits>
#include <utility>

namespace {

using arena_arc::atomic_refcount;
using ledger_type = arena_arc::detail::owner_ledger<atomic_refcount>;

/// Whether releases on the owner thread go into the ledger in this build and process. Ledgers
/// serve processes that have started a thread (while the process has only ever had one,
/// releases skip them: single_threaded.hpp), so this starts one first whatever ran before.
bool ledgers_on() {
  static const bool on = [] {
    std::thread([] {}).join();
    EXPECT_FALSE(arena_arc::detail::process_single_threaded());
    const bool available = ledger_type::enabled && arena_arc::detail::asymmetric::available();
    std::printf("owner ledgers: %s\n", available ? "on" : "off (every release is atomic)");
    return available;
  }();
  return on;
}

/// Reports its destructions to a ledger; not trivially destructible, so no chunk of it is ever
/// rewound.
using counted = arena_arc_testing::counted<>;
using arena_arc_testing::counter_set;

using allocator = arena_arc::Allocator<counted, std::uint32_t, 8, atomic_refcount>;
using slice = arena_arc::ArcSlice<counted, std::uint32_t, atomic_refcount>;
using chunk_type = arena_arc::detail::chunk<counted, std::uint32_t, atomic_refcount>;
using ops = arena_arc::detail::counter_ops<atomic_refcount>;

chunk_type* chunk_of(const slice& s) { return arena_arc::detail::handle_access::chunk_of(s); }
std::size_t refs(const chunk_type* c) { return ops::load(c->refs); }
// Templates, so that the ledger's fields are named only where the ledger exists.
template <class Chunk>
std::size_t refunds(Chunk* c) {
  if constexpr (ledger_type::enabled) {
    return arena_arc::detail::atomics::load(c->ledger.state, std::memory_order_acquire) >> 1;
  } else {
    return 0;
  }
}
template <class Chunk>
bool ledger_open(Chunk* c) {
  if constexpr (ledger_type::enabled) {
    return arena_arc::detail::atomics::load(c->ledger.open, std::memory_order_relaxed) != 0;
  } else {
    return false;
  }
}

slice make(allocator& a, counter_set& destroyed, std::size_t len, std::uint64_t base = 0) {
  return a.alloc(len, [&destroyed, base](std::size_t i) {
    return counted(destroyed, base + i, base + i);  // id and value
  });
}

TEST(OwnerLedger, OwnerReleaseGoesBackToTheAllocatorWhileItKeepsTheChunk) {
  const bool ledgers = ledgers_on();  // first: the process must have started a thread
  counter_set destroyed;
  std::optional<allocator> a(std::in_place);
  slice first = make(*a, destroyed, 2);
  slice second = make(*a, destroyed, 3);
  chunk_type* c = chunk_of(first);
  ASSERT_EQ(c, chunk_of(second));
  const std::size_t before = refs(c);
  first = slice{};
  if (ledgers) {
    EXPECT_EQ(refs(c), before);  // no read-modify-write on the count
    EXPECT_EQ(refunds(c), 1U);
  } else {
    EXPECT_EQ(refs(c), before - 1);
    EXPECT_EQ(refunds(c), 0U);
  }
  // The allocator keeps the chunk: nothing is destroyed yet.
  EXPECT_EQ(destroyed.destructions(), 0U);
  a.reset();               // leaves: pre-paid block and refunds are given up together
  EXPECT_EQ(refs(c), 1U);  // only `second` is left
  EXPECT_EQ(destroyed.destructions(), 0U);
  second = slice{};
  EXPECT_EQ(destroyed.destructions(), 5U);
}

TEST(OwnerLedger, CopiesReleasedOnTheOwnerAreRefundedToo) {
  const bool ledgers = ledgers_on();  // first: the process must have started a thread
  counter_set destroyed;
  std::optional<allocator> a(std::in_place);
  const slice original = make(*a, destroyed, 4);
  chunk_type* c = chunk_of(original);
  const std::size_t before = refs(c);
  {
    // NOLINTNEXTLINE(performance-unnecessary-copy-initialization): the copy is the subject
    const slice copy = original;
    EXPECT_EQ(refs(c), before + 1);
  }
  EXPECT_EQ(refs(c), ledgers ? before + 1 : before);
  a.reset();
  EXPECT_EQ(refs(c), 1U);
  EXPECT_EQ(original[3].value(), 3U);
}

TEST(OwnerLedger, ForeignReleaseIsAtomic) {
  counter_set destroyed;
  allocator a;
  slice first = make(a, destroyed, 2);
  const slice second = make(a, destroyed, 2);
  chunk_type* c = chunk_of(first);
  const std::size_t before = refs(c);
  std::thread([moved = std::move(first)]() mutable { moved = slice{}; }).join();
  EXPECT_EQ(refs(c), before - 1);
  EXPECT_EQ(refunds(c), 0U);
  EXPECT_EQ(second[1].value(), 1U);
}

TEST(OwnerLedger, OwnerReleaseAfterTheAllocatorLeftIsAtomic) {
  counter_set destroyed;
  allocator a;
  slice old = make(a, destroyed, 8);         // fills its chunk
  const slice next = make(a, destroyed, 8);  // the allocator leaves it for a new one
  chunk_type* c = chunk_of(old);
  ASSERT_NE(c, chunk_of(next));
  EXPECT_EQ(refs(c), 1U);
  old = slice{};  // the last handle: the ledger is closed, so this takes the count to zero
  EXPECT_EQ(destroyed.destructions(), 8U);
}

TEST(OwnerLedger, AllocatorMovedToAnotherThreadClosesTheLedgerThere) {
  counter_set destroyed;
  allocator a;
  slice first = make(a, destroyed, 2);
  slice second = make(a, destroyed, 2);
  chunk_type* c = chunk_of(first);
  const std::size_t before = refs(c);
  first = slice{};  // refunded (ledger on) while the allocator is still here
  std::thread([moved = std::move(a)]() mutable {
    const allocator gone = std::move(moved);  // destroyed here: the foreign close
  }).join();
  EXPECT_EQ(refs(c), 1U);  // `second` only: the refund was collected by the other thread
  EXPECT_FALSE(ledger_open(c));
  EXPECT_EQ(before, 8U + 1U);  // capacity + 1 pre-paid at the start
  EXPECT_EQ(destroyed.destructions(), 0U);
  second = slice{};  // atomic now: the ledger is closed
  EXPECT_EQ(destroyed.destructions(), 4U);
}

TEST(OwnerLedger, AllocatorKeepsAllocatingOnAnotherThreadWhileTheOwnerRefunds) {
  const bool ledgers = ledgers_on();  // first: the process must have started a thread
  counter_set destroyed;
  std::optional<allocator> a(std::in_place);
  slice mine = make(*a, destroyed, 2);
  chunk_type* c = chunk_of(mine);
  slice theirs;
  std::thread([&] {
    theirs = make(*a, destroyed, 2);  // same chunk, made on the new thread
  }).join();
  ASSERT_EQ(chunk_of(theirs), c);
  mine = slice{};    // this thread still owns the ledger: refunded
  theirs = slice{};  // made elsewhere, dropped here: refunded as well (any handle of the chunk)
  EXPECT_EQ(refunds(c), ledgers ? 2U : 0U);
  EXPECT_EQ(destroyed.destructions(), 0U);
  std::thread([&] { a.reset(); }).join();  // leaves c on the other thread: foreign close
  EXPECT_EQ(destroyed.destructions(), 4U);
}

TEST(OwnerLedger, RewindCountsTheRefundsAsTheAllocatorsReferences) {
  arena_arc::Allocator<std::uint64_t, std::uint32_t, 8, atomic_refcount> a;
  for (int round = 0; round < 3; ++round) {
    // Two slices fill the chunk and die on this thread (refunded); the next round rewinds.
    const auto s1 = a.alloc(4, [](std::size_t i) { return i; });
    const auto s2 = a.alloc(4, [](std::size_t i) { return i + 4; });
    EXPECT_EQ(s1.data() + 4, s2.data());
  }
  EXPECT_EQ(a.stats().chunks_allocated, 1U);
  EXPECT_EQ(a.stats().chunks_reused, 2U);
}

TEST(OwnerLedger, AnAllocatorOnAnotherThreadDoesNotRewindAChunkWhoseLedgerItCannotRead) {
  const bool ledgers = ledgers_on();  // first: the process must have started a thread
  arena_arc::Allocator<std::uint64_t, std::uint32_t, 8, atomic_refcount> a;
  static_cast<void>(a.alloc(8, [](std::size_t i) { return i; }));  // full, dropped here
  std::thread([&] {
    // The chunk is unreferenced, but with ledgers on its refunds are this thread's to read
    // only after a close: the allocator takes a new chunk instead of rewinding.
    const auto s = a.alloc(8, [](std::size_t i) { return i + 8; });
    EXPECT_EQ(s[7], 15U);
  }).join();
  EXPECT_EQ(a.stats().chunks_allocated, ledgers ? 2U : 1U);
  EXPECT_EQ(a.stats().chunks_reused, ledgers ? 0U : 1U);
}

TEST(OwnerLedger, ThreadIdentitiesAreDistinctAndStable) {
  namespace identity = arena_arc::detail::thread_identity;
  const identity::token here = identity::get();
  EXPECT_NE(here, 0U);
  EXPECT_EQ(identity::get(), here);
  EXPECT_EQ(identity::peek(), here);
  identity::token there_before = 1;
  identity::token there = 0;
  std::thread([&] {
    there_before = identity::peek();  // a thread that never opened a ledger has none
    there = identity::get();
  }).join();
  EXPECT_EQ(there_before, 0U);
  EXPECT_NE(there, 0U);
  EXPECT_NE(there, here);
}

// What a POSIX thread-specific-data destructor does at thread exit; those run after every
// thread_local destructor (glibc), so after the thread's identity was freed.
struct exit_probe {
  arena_arc::detail::thread_identity::token* seen = nullptr;
  std::optional<slice>* held = nullptr;
};
extern "C" void run_exit_probe(void* p) {
  auto* probe = static_cast<exit_probe*>(p);
  *probe->seen = arena_arc::detail::thread_identity::get();
  probe->held->reset();
}

TEST(OwnerLedger, AThreadInItsExitDestructorsGetsNoIdentityAndReleasesAtomically) {
  counter_set destroyed;
  std::optional<allocator> a;
  std::optional<slice> kept;
  arena_arc::detail::thread_identity::token seen = 1;
  chunk_type* c = nullptr;
  std::size_t before = 0;
  exit_probe probe{&seen, &kept};
  pthread_key_t key{};
  ASSERT_EQ(pthread_key_create(&key, &run_exit_probe), 0);
  std::thread([&] {
    ASSERT_EQ(pthread_setspecific(key, &probe), 0);
    EXPECT_NE(arena_arc::detail::thread_identity::get(), 0U);  // made after the probe
    a.emplace();  // its chunk's ledger is this thread's (ledgers on)
    kept = make(*a, destroyed, 2);
    c = chunk_of(*kept);
    before = refs(c);
  }).join();
  pthread_key_delete(key);
  EXPECT_EQ(seen, 0U);                      // no new identity once the thread's was freed
  EXPECT_EQ(refs(c), before - 1);           // the drop in the exit destructor was the atomic one
  EXPECT_EQ(refunds(c), 0U);                // nothing went into the ledger
  EXPECT_EQ(destroyed.destructions(), 0U);  // the allocator still keeps the chunk
  a.reset();                                // the foreign close of a ledger whose owner exited
  EXPECT_EQ(destroyed.destructions(), 2U);
}

// The heavy fence exists exactly where ledgers can open: with refunds compiled out there is
// none (available() and heavy_fence() say so); where ledgers are on, it executes.
TEST(OwnerLedger, TheHeavyFenceExistsExactlyWhereLedgersCanOpen) {
  namespace asymmetric = arena_arc::detail::asymmetric;
#if ARENA_ARC_OWNER_REFUNDS == 0
  EXPECT_FALSE(asymmetric::available());
  EXPECT_FALSE(asymmetric::heavy_fence());
#else
  if (ledgers_on()) {
    EXPECT_TRUE(asymmetric::available());
    EXPECT_TRUE(asymmetric::heavy_fence());
    EXPECT_TRUE(asymmetric::available());  // a working fence leaves ledgers on
  } else {
    EXPECT_FALSE(asymmetric::available());
  }
#endif
}

template <class Ledger>
void check_ledger_of_another_thread() {
  if constexpr (Ledger::enabled) {
    Ledger book;
    EXPECT_TRUE(book.owned_here());  // no ledger: nothing to read, nothing refunded
    EXPECT_EQ(book.refunds_here(), 0U);
    EXPECT_EQ(book.close(), 0U);
    std::thread([&] { book.open_here(); }).join();
    if (ledgers_on()) {
      EXPECT_FALSE(book.owned_here());
      EXPECT_FALSE(book.try_refund());  // not the owner: the caller must release atomically
      EXPECT_EQ(book.close(), 0U);      // foreign close: heavy fence, nothing in flight
      EXPECT_FALSE(book.try_refund());
    } else {
      EXPECT_TRUE(book.owned_here());
      EXPECT_FALSE(book.try_refund());
    }
  } else {
    // No ledger at all: an empty member ([[no_unique_address]]) of the chunk header.
    EXPECT_TRUE(std::is_empty_v<Ledger>);
  }
}

// A foreign close that finds the owner inside a refund (busy) waits for it to finish, and then
// collects the refund the owner made.
template <class Ledger>
void check_close_waits_for_the_owner() {
  if constexpr (Ledger::enabled) {
    if (!ledgers_on()) return;
    namespace atomics = arena_arc::detail::atomics;
    Ledger book;
    std::atomic<int> stage{0};
    std::thread owner([&] {
      book.open_here();
      // The first half of a refund, by hand: busy, then (after the close started) the count.
      atomics::store(book.state, std::size_t{1}, std::memory_order_relaxed);
      stage.store(1, std::memory_order_release);
      while (stage.load(std::memory_order_acquire) != 2) std::this_thread::yield();
      std::this_thread::sleep_for(std::chrono::milliseconds(20));  // the closer spins meanwhile
      atomics::store(book.state, std::size_t{2}, std::memory_order_release);  // 1 refund, idle
    });
    while (stage.load(std::memory_order_acquire) != 1) std::this_thread::yield();
    stage.store(2, std::memory_order_release);
    EXPECT_EQ(book.close(), 1U);  // waited for busy == 0, then read the refund
    owner.join();
  }
}

TEST(OwnerLedger, AForeignCloseWaitsForARefundInFlight) {
  check_close_waits_for_the_owner<ledger_type>();
}

TEST(OwnerLedger, ALedgerOwnedByAnotherThreadIsNotReadHere) {
  check_ledger_of_another_thread<ledger_type>();
  EXPECT_TRUE(std::is_empty_v<arena_arc::detail::owner_ledger<arena_arc::local_refcount>>);
}

}  // namespace
