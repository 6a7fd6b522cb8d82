// Many threads copy, sub-slice, convert and drop handles to the same chunks at once. Elements
// must read intact throughout and be destroyed exactly once, only after the last handle and the
// allocator are gone. With local_refcount the same workers run one after another on one thread.
#include <arena_arc/arena_arc.hpp>

#include <gtest/gtest.h>

#include <array>
#include <cstddef>
#include <functional>
#include <optional>
#include <vector>

#include <arena_arc_testing/gtest_types.hpp>

#include "tracked.hpp"

namespace {

using namespace arena_arc_test;

template <class RC>
class CopyAndDrop : public testing::Test {};
using Policies = arena_arc_testing::gtest_types<arena_arc_testing::refcount_policies>;
TYPED_TEST_SUITE(CopyAndDrop, Policies);

TYPED_TEST(CopyAndDrop, SharedHandlesCopiedAndDroppedEverywhere) {
  using Slice = tracked_slice<TypeParam>;
  using Single = tracked_single<TypeParam>;
  constexpr std::size_t worker_count = 4;
  const std::size_t iterations = stress_iterations();
  registry reg(4096);
  std::optional<tracked_allocator<TypeParam>> a(std::in_place);
  std::vector<Slice> slices;
  std::vector<Single> singles;
  rng lengths(1);
  for (std::size_t i = 0; i < 48; ++i) slices.push_back(make_slice(*a, reg, 1 + lengths.below(40)));
  for (std::size_t i = 0; i < 16; ++i) singles.push_back(make_single(*a, reg));

  // Workers only read the shared vectors (copying from one handle on many threads at once is
  // allowed); each one's copies are its own.
  const std::vector<Slice>& shared_slices = slices;
  const std::vector<Single>& shared_singles = singles;
  std::vector<std::function<void()>> workers;
  for (std::size_t w = 0; w < worker_count; ++w) {
    workers.emplace_back([&, w] {
      rng pick(100 + w);
      std::array<Slice, 8> held;
      std::array<std::optional<Single>, 4> held_singles;
      for (std::size_t i = 0; i < iterations; ++i) {
        // A copy on purpose: concurrent copies and releases are what this test races.
        // NOLINTNEXTLINE(performance-unnecessary-copy-initialization)
        const Slice copy = shared_slices[pick.below(shared_slices.size())];
        check_all(reg, copy);
        const Single& single = shared_singles[pick.below(shared_singles.size())];
        switch (pick.below(5)) {
          case 0:
            held[pick.below(held.size())] = copy;
            break;
          case 1: {
            const std::size_t offset = pick.below(copy.size());
            held[pick.below(held.size())] = copy.subslice(offset, copy.size() - offset);
            break;
          }
          case 2:
            held_singles[pick.below(held_singles.size())] = single;
            break;
          case 3:
            held[pick.below(held.size())] = Slice(single);
            break;
          default:
            held[pick.below(held.size())] = Slice{};
            held_singles[pick.below(held_singles.size())].reset();
            break;
        }
        if (!single->intact()) reg.on_bad_read();
      }
      for (const Slice& h : held) check_all(reg, h);
    });
  }
  run_workers<TypeParam>(workers);

  EXPECT_EQ(reg.destroyed(), 0U);  // the originals and the allocator still own every chunk
  slices.clear();
  singles.clear();
  EXPECT_EQ(reg.destroyed_twice(), 0U);
  a.reset();
  EXPECT_EQ(reg.destroyed(), reg.constructed());
  EXPECT_EQ(reg.destroyed_twice(), 0U);
  EXPECT_EQ(reg.damaged(), 0U);
}

TYPED_TEST(CopyAndDrop, CopiesOfOneHandleOutliveTheOriginal) {
  using Slice = tracked_slice<TypeParam>;
  constexpr std::size_t worker_count = 4;
  const std::size_t iterations = stress_iterations();
  registry reg(64);
  std::vector<Slice> copies;
  {
    tracked_allocator<TypeParam> a;
    const Slice original = make_slice(a, reg, 10);
    copies.assign(worker_count, original);
  }
  std::vector<std::function<void()>> workers;
  for (std::size_t w = 0; w < worker_count; ++w) {
    workers.emplace_back([&, w] {
      Slice mine = std::move(copies[w]);
      for (std::size_t i = 0; i < iterations; ++i) {
        // NOLINTNEXTLINE(performance-unnecessary-copy-initialization): the copy is under test
        const Slice again = mine;
        const Slice tail = again.last(1 + i % again.size());
        check_all(reg, tail);
      }
    });
  }
  run_workers<TypeParam>(workers);
  EXPECT_EQ(reg.destroyed(), 10U);
  EXPECT_EQ(reg.destroyed_twice(), 0U);
  // The last copy went away on a worker, which destroyed the elements there.
  EXPECT_EQ(reg.destroyed_elsewhere(), TypeParam::is_atomic ? 10U : 0U);
  EXPECT_EQ(reg.damaged(), 0U);
}

// Workers fill batches with copies of shared handles and drop each batch with release_all (one
// count update per run of one chunk) while the others copy and drop the same chunks; the last
// batches, released after the originals and the allocator are gone, destroy the elements.
TYPED_TEST(CopyAndDrop, BatchesReleasedTogetherOnManyThreads) {
  using Slice = tracked_slice<TypeParam>;
  constexpr std::size_t worker_count = 4;
  const std::size_t iterations = stress_iterations() / 16 + 1;
  registry reg(1024);
  std::optional<tracked_allocator<TypeParam>> a(std::in_place);
  std::vector<Slice> slices;
  rng lengths(7);
  for (std::size_t i = 0; i < 24; ++i) slices.push_back(make_slice(*a, reg, 1 + lengths.below(6)));
  std::vector<std::vector<Slice>> last(worker_count);
  const std::vector<Slice>& shared = slices;
  std::vector<std::function<void()>> workers;
  for (std::size_t w = 0; w < worker_count; ++w) {
    workers.emplace_back([&, w] {
      rng pick(200 + w);
      std::vector<Slice> batch;
      for (std::size_t i = 0; i < iterations; ++i) {
        const std::size_t first = pick.below(shared.size());
        for (std::size_t k = 0; k < 32; ++k) {
          batch.push_back(shared[(first + k / 4) % shared.size()]);  // runs of one chunk
        }
        for (const Slice& h : batch) check_all(reg, h);
        arena_arc::release_all(batch);
        for (const Slice& h : batch) {
          if (!h.empty()) reg.on_bad_read();
        }
        batch.clear();
      }
      last[w].assign(shared.begin(), shared.end());  // released after everything else
    });
  }
  run_workers<TypeParam>(workers);
  EXPECT_EQ(reg.destroyed(), 0U);
  slices.clear();
  a.reset();
  EXPECT_EQ(reg.destroyed(), 0U);  // the workers' last batches hold every chunk
  for (std::vector<Slice>& batch : last) arena_arc::release_all(batch);
  EXPECT_EQ(reg.destroyed(), reg.constructed());
  EXPECT_EQ(reg.destroyed_twice(), 0U);
  EXPECT_EQ(reg.damaged(), 0U);
}

}  // namespace
