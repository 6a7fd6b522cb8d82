// Handles moved between threads through a queue, and an allocator that moves from thread to
// thread (used by one at a time). With local_refcount the same steps run in order on one thread.
#include <arena_arc/arena_arc.hpp>

#include <gtest/gtest.h>

#include <array>
#include <atomic>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>
#include <utility>
#include <vector>

#include <arena_arc_testing/gtest_types.hpp>

#include "tracked.hpp"

namespace {

using namespace arena_arc_test;

template <class RC>
class Handoff : public testing::Test {};
using Policies = arena_arc_testing::gtest_types<arena_arc_testing::refcount_policies>;
TYPED_TEST_SUITE(Handoff, Policies);

// A mutex-protected queue; pop() reports nothing when it is empty.
template <class Item>
class locked_queue {
 public:
  void push(Item item) {
    const std::lock_guard<std::mutex> lock(mutex_);
    items_.push_back(std::move(item));
  }
  std::optional<Item> pop() {
    const std::lock_guard<std::mutex> lock(mutex_);
    if (items_.empty()) return std::nullopt;
    std::optional<Item> item(std::move(items_.front()));
    items_.pop_front();
    return item;
  }

 private:
  std::mutex mutex_;
  std::deque<Item> items_;
};

TYPED_TEST(Handoff, HandlesMovedThroughAQueue) {
  using Slice = tracked_slice<TypeParam>;
  using Single = tracked_single<TypeParam>;
  struct item {
    Slice slice;
    std::optional<Single> single;
  };
  constexpr std::size_t producer_count = 2;
  constexpr std::size_t consumer_count = 2;
  const std::size_t per_producer = stress_iterations();
  registry reg(producer_count * per_producer * 34 + 64);
  locked_queue<item> queue;
  std::atomic<std::size_t> producers_done{0};
  std::atomic<std::size_t> consumed{0};

  // Producers run first: with local_refcount every consumer then finds the queue filled.
  std::vector<std::function<void()>> workers;
  for (std::size_t p = 0; p < producer_count; ++p) {
    workers.emplace_back([&, p] {
      tracked_allocator<TypeParam>
          a;  // destroyed on this thread, likely before the consumers finish
      rng lengths(p + 9);
      for (std::size_t i = 0; i < per_producer; ++i) {
        item it{make_slice(a, reg, 1 + lengths.below(33)), std::nullopt};
        if (i % 4 == 0) it.single.emplace(make_single(a, reg));
        queue.push(std::move(it));
      }
      producers_done.fetch_add(1);
    });
  }
  for (std::size_t c = 0; c < consumer_count; ++c) {
    workers.emplace_back([&, c] {
      std::array<Slice, 4> held;
      rng pick(c + 77);
      while (true) {
        std::optional<item> it = queue.pop();
        if (!it) {
          if (producers_done.load() == producer_count) {
            it = queue.pop();  // anything pushed between the two looks
            if (!it) break;
          } else {
            std::this_thread::yield();
            continue;
          }
        }
        check_all(reg, it->slice);
        if (it->single && !(*it->single)->intact()) reg.on_bad_read();
        held[pick.below(held.size())] = std::move(it->slice);
        consumed.fetch_add(1);
      }
    });
  }
  run_workers<TypeParam>(workers);

  EXPECT_EQ(consumed.load(), producer_count * per_producer);
  EXPECT_EQ(reg.destroyed(), reg.constructed());
  EXPECT_EQ(reg.destroyed_twice(), 0U);
  EXPECT_EQ(reg.damaged(), 0U);
}

TYPED_TEST(Handoff, AllocatorMovesBetweenThreads) {
  using Slice = tracked_slice<TypeParam>;
  constexpr std::size_t rounds = 6;
  const std::size_t per_round = 1 + stress_iterations() / 20;
  registry reg(rounds * per_round * 20 + 64);
  std::optional<tracked_allocator<TypeParam>> a(std::in_place);
  std::vector<Slice> kept;
  std::size_t requested = 0;
  for (std::size_t round = 0; round < rounds; ++round) {
    // Each round a different worker takes the allocator over, allocates, and hands it back.
    run_workers<TypeParam>({[&] {
      tracked_allocator<TypeParam> mine = std::move(*a);
      rng lengths(round);
      for (std::size_t i = 0; i < per_round; ++i) {
        const std::size_t len = 1 + lengths.below(19);
        requested += len;
        kept.push_back(make_slice(mine, reg, len));
      }
      *a = std::move(mine);
    }});
  }
  // The stats travelled with every move.
  EXPECT_EQ(a->stats().elements_allocated, requested);
  EXPECT_EQ(reg.destroyed(), 0U);
  for (const Slice& s : kept) check_all(reg, s);
  a.reset();
  EXPECT_EQ(reg.destroyed(), 0U);  // every chunk still has handles in `kept`
  kept.clear();
  EXPECT_EQ(reg.destroyed(), requested);
  EXPECT_EQ(reg.destroyed_twice(), 0U);
  EXPECT_EQ(reg.damaged(), 0U);
}

}  // namespace
