// Keeping (allocator.hpp, "keeping"): with atomic_refcount and owner ledgers, a full chunk of
// trivially destructible elements the allocator moves on from is kept, not left, so that drops on
// the allocating thread stay refunds; a kept chunk whose handles are all gone is reused in place.
// A kept chunk is recognisable by its count: the allocator's pre-paid references are still on
// it (capacity + 1 in all), where a left chunk counts only its handles. Where ledgers are off
// nothing is kept, and the same tests check that the allocator behaves as before (the stats and
// reuse order are the same either way).
#include <arena_arc/arena_arc.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <arena_arc_testing/counting_resource.hpp>

namespace {

using arena_arc::atomic_refcount;
constexpr std::size_t capacity = 8;
using allocator = arena_arc::Allocator<std::uint64_t, std::uint32_t, capacity, atomic_refcount>;
using slice = arena_arc::ArcSlice<std::uint64_t, std::uint32_t, atomic_refcount>;
using ops = arena_arc::detail::counter_ops<atomic_refcount>;

bool keeping_on() {
  return arena_arc::detail::owner_ledger<atomic_refcount>::enabled &&
         arena_arc::detail::asymmetric::available();
}

std::size_t refs(const slice& s) {
  return ops::load(arena_arc::detail::handle_access::chunk_of(s)->refs);
}

/// Whether the chunk of `s` (its only handle) is kept by the allocator rather than left.
bool kept(const slice& s) { return refs(s) == capacity + 1; }

slice full_chunk(allocator& a, std::uint64_t base) {
  return a.alloc(capacity, [base](std::size_t i) { return base + i; });
}

TEST(Keeping, AFullChunkIsKeptAndReusedInPlaceOnceItsHandlesAreGone) {
  allocator a;
  slice first = full_chunk(a, 0);
  slice second = full_chunk(a, 100);  // the allocator moves on from the first chunk
  EXPECT_EQ(kept(first), keeping_on());
  const std::uint64_t* first_storage = first.data();
  const std::uint64_t* second_storage = second.data();
  first = slice{};
  second = slice{};
  const slice third = full_chunk(a, 200);   // the current chunk is unreferenced: rewound
  const slice fourth = full_chunk(a, 300);  // the first chunk (kept or recycled) is reused
  EXPECT_EQ(third.data(), second_storage);
  EXPECT_EQ(fourth.data(), first_storage);
  EXPECT_EQ(fourth[7], 307U);
  EXPECT_EQ(a.stats().chunks_allocated, 2U);
  EXPECT_EQ(a.stats().chunks_reused, 2U);
}

TEST(Keeping, IdleKeptChunksAreReusedOldestFirstPastOneStillHeld) {
  allocator a;
  const slice first = full_chunk(a, 0);  // held throughout
  slice second = full_chunk(a, 100);
  slice third = full_chunk(a, 200);
  const slice fourth = full_chunk(a, 300);  // current and held: no rewind
  const std::uint64_t* second_storage = second.data();
  const std::uint64_t* third_storage = third.data();
  second = slice{};
  third = slice{};
  const slice fifth = full_chunk(a, 400);  // the second chunk, the oldest one nobody holds
  const slice sixth = full_chunk(a, 500);  // then the third
  EXPECT_EQ(fifth.data(), second_storage);
  EXPECT_EQ(sixth.data(), third_storage);
  EXPECT_EQ(kept(first), keeping_on());
  EXPECT_EQ(a.stats().chunks_allocated, 4U);
  EXPECT_EQ(a.stats().chunks_reused, 2U);
  EXPECT_EQ(first[7], 7U);
  EXPECT_EQ(fourth[7], 307U);
  EXPECT_EQ(fifth[7], 407U);
  EXPECT_EQ(sixth[7], 507U);
}

TEST(Keeping, OnlyTheOldestKeptChunksAreTestedForReuse) {
  allocator a;
  std::vector<slice> held;
  for (std::uint64_t k = 0; k < allocator::max_kept_scan; ++k) {
    held.push_back(full_chunk(a, 100 * k));
  }
  slice idle = full_chunk(a, 900);            // kept behind max_kept_scan held chunks
  const slice current = full_chunk(a, 1000);  // current and held: no rewind
  const std::uint64_t* idle_storage = idle.data();
  idle = slice{};
  const slice next = full_chunk(a, 1100);
  if (keeping_on()) {  // the idle chunk is not tested: a new one comes from upstream
    EXPECT_NE(next.data(), idle_storage);
    EXPECT_EQ(a.stats().chunks_reused, 0U);
  } else {  // the idle chunk was left, went to the recycler, and comes back from it
    EXPECT_EQ(next.data(), idle_storage);
    EXPECT_EQ(a.stats().chunks_reused, 1U);
  }
  EXPECT_EQ(next[7], 1107U);
  EXPECT_EQ(current[7], 1007U);
}

TEST(Keeping, AtMostMinOfMaxKeptAndRecycleLimitChunksAreKept) {
  for (const std::size_t limit : {std::size_t{0}, std::size_t{2}, std::size_t{1000}}) {
    allocator a;
    a.set_recycle_limit(limit);
    std::vector<slice> chunks;
    const std::size_t total = allocator::max_kept_chunks + 4;
    for (std::uint64_t k = 0; k < total; ++k) chunks.push_back(full_chunk(a, 100 * k));
    // The last one is current; the ones before it are kept, newest first, up to the bound.
    const std::size_t last = total - 1;
    const std::size_t bound = keeping_on() ? std::min(limit, allocator::max_kept_chunks) : 0;
    for (std::size_t k = 0; k < last; ++k) {
      EXPECT_EQ(kept(chunks[k]), last - k <= bound) << "limit " << limit << ", chunk " << k;
      EXPECT_EQ(chunks[k][7], 100 * k + 7);
    }
    a.set_recycle_limit(1);  // leaves all but the newest kept chunk
    for (std::size_t k = 0; k < last; ++k) {
      EXPECT_EQ(kept(chunks[k]), k == last - 1 && bound > 0)
          << "limit " << limit << ", chunk " << k;
    }
  }
}

TEST(Keeping, ChunksAreNeverKeptWithoutRecycling) {
  allocator a;
  a.set_recycle_limit(0);
  const slice first = full_chunk(a, 0);
  const slice second = full_chunk(a, 10);
  EXPECT_FALSE(kept(first));
}

TEST(Keeping, LoweringTheRecycleLimitToZeroStopsKeepingTheCurrentChunk) {
  allocator a;
  const slice first = full_chunk(a, 0);  // made with recycling on: the chunk could be kept
  a.set_recycle_limit(0);
  const slice second = full_chunk(a, 10);  // the allocator moves on: the first chunk is left
  EXPECT_FALSE(kept(first));
  EXPECT_EQ(refs(first), 1U);
  EXPECT_EQ(first[7], 7U);
  EXPECT_EQ(second[7], 17U);
}

TEST(Keeping, ElementsWithADestructorAreNeverKept) {
  arena_arc::Allocator<std::string, std::uint32_t, capacity, atomic_refcount> a;
  const auto make = [](std::size_t i) { return std::string(i + 1, 'k'); };
  const auto first = a.alloc(capacity, make);
  const auto second = a.alloc(capacity, make);  // the first chunk is left, not kept
  EXPECT_EQ(ops::load(arena_arc::detail::handle_access::chunk_of(first)->refs), 1U);
  EXPECT_EQ(second[7], "kkkkkkkk");
}

TEST(Keeping, NeedingAChunkOnAnotherThreadLeavesTheChunksKeptOnThisOne) {
  allocator a;
  const slice first = full_chunk(a, 0);
  const slice second = full_chunk(a, 100);
  EXPECT_EQ(kept(first), keeping_on());
  std::thread([&] {
    const slice third = full_chunk(a, 200);  // second is kept, first (foreign ledger) is left
    EXPECT_EQ(third[0], 200U);
  }).join();
  EXPECT_FALSE(kept(first));
  EXPECT_EQ(first[3], 3U);
  EXPECT_EQ(second[3], 103U);
}

TEST(Keeping, TheAllocatorLeavesItsKeptChunksWhenItGoes) {
  arena_arc_testing::counting_resource upstream;
  std::optional<slice> survivor;
  {
    allocator a(&upstream);
    survivor = full_chunk(a, 0);
    for (std::uint64_t k = 1; k < 5; ++k) static_cast<void>(full_chunk(a, 100 * k));
    EXPECT_EQ(kept(*survivor), keeping_on());
  }
  EXPECT_EQ(refs(*survivor), 1U);  // left: only the handle holds it now
  EXPECT_EQ((*survivor)[5], 5U);
  EXPECT_EQ(upstream.live_blocks(), 1U);  // the survivor's chunk; every other one went back
  survivor.reset();
  EXPECT_TRUE(upstream.balanced());
}

TEST(Keeping, MovingTheAllocatorMovesItsKeptChunks) {
  allocator a;
  const slice first = full_chunk(a, 0);
  const slice second = full_chunk(a, 100);
  std::optional<allocator> b(std::in_place, std::move(a));
  EXPECT_EQ(kept(first), keeping_on());
  b.reset();
  EXPECT_FALSE(kept(first));
  EXPECT_EQ(refs(second), 1U);
}

TEST(Keeping, AFailedFillIntoAKeptChunkChangesNothing) {
  allocator a;
  slice first = full_chunk(a, 0);
  const slice second = full_chunk(a, 100);  // live: the current chunk cannot be rewound
  const std::uint64_t* first_storage = first.data();
  first = slice{};
  const arena_arc::AllocatorStats before = a.stats();
  const auto failed = a.try_alloc(capacity, [](std::size_t i) -> std::optional<std::uint64_t> {
    if (i == 3) return std::nullopt;
    return i;
  });
  EXPECT_FALSE(failed.has_value());
  EXPECT_EQ(a.stats(), before);
  const slice third = full_chunk(a, 200);
  EXPECT_EQ(third.data(), first_storage);  // the kept (or recycled) chunk, as before
  EXPECT_EQ(a.stats().chunks_reused, before.chunks_reused + 1);
}

}  // namespace
