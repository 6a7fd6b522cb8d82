// release_all: a batch of handles dropped with one count update per run of one chunk. Every
// handle ends empty; the counts fall by exactly the handles released; a chunk's elements are
// destroyed when, and only when, its last reference goes; empty handles and a handle met twice
// are harmless; on the ledger owner's thread a run is refunded in one step.
#include <arena_arc/arena_arc.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <thread>
#include <type_traits>
#include <vector>

#include <gtest/gtest.h>

#include <arena_arc_testing/counted.hpp>
#include <arena_arc_testing/gtest_types.hpp>

namespace {

using arena_arc_testing::counter_set;
using counted = arena_arc_testing::counted<>;

template <class RC>
using allocator = arena_arc::Allocator<counted, std::uint32_t, 8, RC>;
template <class RC>
using slice = arena_arc::ArcSlice<counted, std::uint32_t, RC>;
template <class RC>
using single = arena_arc::ArcSingle<counted, std::uint32_t, RC>;

template <class RC>
slice<RC> make(allocator<RC>& a, counter_set& destroyed, std::size_t len) {
  return a.alloc(len, [&destroyed](std::size_t i) { return counted(destroyed, i, i); });
}

template <class RC>
std::size_t refs(const slice<RC>& s) {
  const auto* c = arena_arc::detail::handle_access::chunk_of(s);
  return arena_arc::detail::counter_ops<RC>::load(c->refs);
}

/// The references still held: the count less those refunded into the chunk's ledger (drops on
/// the ledger owner's thread once the process has started a thread, as when every test runs in
/// one process).
template <class RC>
std::size_t held(const slice<RC>& s) {
  const auto* c = arena_arc::detail::handle_access::chunk_of(s);
  std::size_t refunded = 0;
  if constexpr (arena_arc::detail::owner_ledger<RC>::enabled) {
    refunded = arena_arc::detail::atomics::load(c->ledger.state, std::memory_order_relaxed) >> 1;
  }
  return refs(s) - refunded;
}

/// A range that yields the same handle object `count` times.
template <class Handle>
struct same_handle {
  struct iterator {
    using value_type = Handle;
    using difference_type = std::ptrdiff_t;
    Handle* handle = nullptr;
    std::size_t index = 0;
    Handle& operator*() const { return *handle; }
    iterator& operator++() {
      ++index;
      return *this;
    }
    iterator operator++(int) {
      iterator before = *this;
      ++index;
      return before;
    }
    friend bool operator==(const iterator&, const iterator&) = default;
  };
  Handle* handle;
  std::size_t count;
  [[nodiscard]] iterator begin() const { return {handle, 0}; }
  [[nodiscard]] iterator end() const { return {handle, count}; }
};

static_assert(arena_arc::handle_range<std::vector<slice<arena_arc::atomic_refcount>>&>);
static_assert(arena_arc::handle_range<std::span<single<arena_arc::local_refcount>>>);
static_assert(!arena_arc::handle_range<const std::vector<slice<arena_arc::atomic_refcount>>&>);
static_assert(!arena_arc::handle_range<std::vector<int>&>);

template <class RC>
class ReleaseAll : public ::testing::Test {};
using Policies = arena_arc_testing::gtest_types<arena_arc_testing::refcount_policies>;
TYPED_TEST_SUITE(ReleaseAll, Policies);

// Interleaved runs of two chunks (from two allocators), empty handles between them.
TYPED_TEST(ReleaseAll, EmptiesEveryHandleAndDestroysOnlyAtTheLastReference) {
  counter_set destroyed;
  std::optional<allocator<TypeParam>> a(std::in_place);
  std::optional<allocator<TypeParam>> b(std::in_place);
  slice<TypeParam> keep_a = make(*a, destroyed, 2);
  slice<TypeParam> keep_b = make(*b, destroyed, 3);
  const std::size_t refs_a = held(keep_a);
  const std::size_t refs_b = held(keep_b);
  std::vector<slice<TypeParam>> batch{keep_a, keep_a, {}, keep_b, keep_a, keep_b, keep_b, {}};
  EXPECT_EQ(held(keep_a), refs_a + 3);
  EXPECT_EQ(held(keep_b), refs_b + 3);
  arena_arc::release_all(batch);
  for (const auto& h : batch) {
    EXPECT_TRUE(h.empty());
    EXPECT_EQ(h.data(), nullptr);
  }
  EXPECT_EQ(held(keep_a), refs_a);
  EXPECT_EQ(held(keep_b), refs_b);
  EXPECT_EQ(destroyed.destructions(), 0U);

  // The allocators and the kept handles go: the batch holds the last references of chunk a.
  std::vector<slice<TypeParam>> last{keep_a, keep_a};
  a.reset();
  b.reset();
  keep_a = {};
  keep_b = {};
  EXPECT_EQ(destroyed.destructions(), 3U);  // chunk b's elements only
  arena_arc::release_all(last);
  EXPECT_EQ(destroyed.destructions(), 5U);
}

TYPED_TEST(ReleaseAll, SinglesAndSpansAndNothingToDo) {
  counter_set destroyed;
  allocator<TypeParam> a;
  std::vector<single<TypeParam>> none;
  arena_arc::release_all(none);
  std::vector<single<TypeParam>> singles;
  for (std::uint64_t i = 0; i < 5; ++i) singles.push_back(a.emplace(destroyed, i, i));
  const single<TypeParam> taken = std::move(singles[4]);  // a moved-from single is skipped
  arena_arc::release_all(std::span(singles).subspan(1));
  const auto chunk_of = [](const single<TypeParam>& s) {
    return arena_arc::detail::handle_access::chunk_of(s);
  };
  EXPECT_NE(chunk_of(singles[0]), nullptr);
  for (std::size_t i = 1; i < singles.size(); ++i) EXPECT_EQ(chunk_of(singles[i]), nullptr);
  EXPECT_EQ(singles[0]->id(), 0U);
  EXPECT_EQ(taken->id(), 4U);
  EXPECT_EQ(destroyed.destructions(), 0U);  // the allocator still holds the chunk
}

// A view that yields the same handle object three times: its reference is released once.
TYPED_TEST(ReleaseAll, AHandleMetTwiceIsReleasedOnce) {
  counter_set destroyed;
  allocator<TypeParam> a;
  const slice<TypeParam> keep = make(a, destroyed, 1);
  const std::size_t before = held(keep);
  slice<TypeParam> copy = keep;
  static_assert(arena_arc::handle_range<same_handle<slice<TypeParam>>>);
  arena_arc::release_all(same_handle<slice<TypeParam>>{&copy, 3});
  EXPECT_TRUE(copy.empty());
  EXPECT_EQ(held(keep), before);
}

// On the thread that owns the chunk's ledger (a thread was started, so ledgers are in use), a
// run goes into the ledger in one refund; without ledgers (or while the process has only one
// thread) the count falls by the run.
TEST(ReleaseAllLedger, ARunOnTheOwnerIsOneRefund) {
  std::thread([] {}).join();  // ledgers serve processes that have started a thread
  counter_set destroyed;
  std::optional<allocator<arena_arc::atomic_refcount>> a(std::in_place);
  const slice<arena_arc::atomic_refcount> keep = make(*a, destroyed, 2);
  const std::size_t before = refs(keep);
  std::vector<slice<arena_arc::atomic_refcount>> batch(4, keep);
  arena_arc::release_all(batch);
  const auto* c = arena_arc::detail::handle_access::chunk_of(keep);
  if constexpr (arena_arc::detail::owner_ledger<arena_arc::atomic_refcount>::enabled) {
    if (arena_arc::detail::asymmetric::available()) {
      EXPECT_EQ(refs(keep), before + 4);  // no update of the count
      EXPECT_EQ(arena_arc::detail::atomics::load(c->ledger.state, std::memory_order_relaxed) >> 1,
                4U);
    } else {
      EXPECT_EQ(refs(keep), before);
    }
  } else {
    EXPECT_EQ(refs(keep), before);
  }
  a.reset();  // the allocator gives up its pre-paid block and the 4 refunds together
  EXPECT_EQ(refs(keep), 1U);
}

// A batch released on another thread than the allocator's: the atomic path, one subtraction
// per run; the last one destroys the chunk there.
TEST(ReleaseAllLedger, ABatchReleasedOnAnotherThreadDestroysThereAtTheLastReference) {
  counter_set destroyed;
  std::vector<slice<arena_arc::atomic_refcount>> batch;
  {
    allocator<arena_arc::atomic_refcount> a;
    const slice<arena_arc::atomic_refcount> s = make(a, destroyed, 3);
    batch.assign(5, s);
  }
  EXPECT_EQ(refs(batch[0]), 5U);
  std::thread([&batch] { arena_arc::release_all(batch); }).join();
  EXPECT_EQ(destroyed.destructions(), 3U);
  for (const auto& h : batch) EXPECT_TRUE(h.empty());
}

}  // namespace
