// The upstream std::pmr::memory_resource: every chunk comes from it and goes back to it with the
// same size and alignment, and its failures reach the caller unchanged.
#include <arena_arc/arena_arc.hpp>

#include <cstddef>
#include <cstdint>
#include <memory_resource>
#include <new>
#include <optional>
#include <stdexcept>
#include <vector>

#include <gtest/gtest.h>

#include <arena_arc_testing/counting_resource.hpp>

#include "support/counted.hpp"
#include "support/helpers.hpp"

namespace {

using arena_arc::AllocatorStats;
using arena_arc_testing::Counted;
using arena_arc_testing::counted_from;
using arena_arc_testing::counting_resource;
using arena_arc_testing::ints_from;
using arena_arc_testing::lifecycle;

using Alloc = arena_arc::Allocator<int, std::uint32_t, 8>;

struct alignas(64) wide {
  std::uint64_t v[8];
};

TEST(Upstream, EveryChunkGoesBackWithItsSizeAndAlignment) {
  counting_resource upstream;
  {
    Alloc a(&upstream);
    std::vector<arena_arc::ArcSlice<int>> slices;
    for (const int len : {3, 7, 8, 20, 1, 5}) slices.push_back(a.alloc(len, ints_from(0)));
    EXPECT_EQ(upstream.allocations(), a.stats().chunks_allocated);
  }
  EXPECT_GT(upstream.allocations(), 0u);
  EXPECT_EQ(upstream.errors().size(), 0u) << upstream.report();
  EXPECT_TRUE(upstream.balanced());
}

TEST(Upstream, ChunksAreRequestedWithTheElementAlignment) {
  counting_resource upstream;
  arena_arc::Allocator<wide, std::uint32_t, 4> a(&upstream);
  const auto standard = a.alloc(2, [](std::size_t) { return wide{}; });
  const auto dedicated = a.alloc(9, [](std::size_t) { return wide{}; });

  ASSERT_EQ(upstream.allocations(), 2u);
  for (const auto& b : upstream.blocks()) EXPECT_GE(b.alignment, alignof(wide));
}

TEST(Upstream, ADedicatedChunkGoesBackAsSoonAsItsLastHandleGoes) {
  counting_resource upstream;
  Alloc a(&upstream);
  std::optional dedicated(a.alloc(30, ints_from(0)));
  std::optional part(dedicated->subslice(5, 5));
  dedicated.reset();
  EXPECT_EQ(upstream.deallocations(), 0u);
  part.reset();
  EXPECT_EQ(upstream.deallocations(), 1u) << "the allocator never owned the dedicated chunk";
}

TEST(Upstream, AChunkGoesBackWhenTheLastHandleOutlivesTheAllocator) {
  counting_resource upstream;
  std::optional<Alloc> a(std::in_place, &upstream);
  std::optional slice(a->alloc(3, ints_from(0)));
  a.reset();
  EXPECT_EQ(upstream.deallocations(), 0u);
  slice.reset();
  EXPECT_EQ(upstream.deallocations(), 1u);
  EXPECT_TRUE(upstream.balanced());
}

TEST(Upstream, AChunkWithoutHandlesGoesBackWithTheAllocator) {
  counting_resource upstream;
  {
    Alloc a(&upstream);
    (void)a.alloc(3, ints_from(0));
    EXPECT_EQ(upstream.deallocations(), 0u);
  }
  EXPECT_EQ(upstream.deallocations(), 1u);
}

TEST(Upstream, ASteadyStateOfBatchesNeedsNoUpstreamCall) {
  counting_resource upstream;
  Alloc a(&upstream);
  std::vector<arena_arc::ArcSlice<int>> batch;
  for (int round = 0; round < 10; ++round) {
    for (int i = 0; i < 16; ++i) batch.push_back(a.alloc(3, ints_from(i)));
    batch.clear();
    if (round == 0) {
      EXPECT_EQ(upstream.allocations(), 8u);
    }
  }
  EXPECT_EQ(upstream.allocations(), 8u) << "every later batch runs on recycled chunks";
  EXPECT_EQ(upstream.deallocations(), 0u);
}

TEST(Upstream, RecycleLimitZeroSendsEveryChunkBackUpstream) {
  counting_resource upstream;
  Alloc a(&upstream);
  a.set_recycle_limit(0);
  EXPECT_EQ(a.recycle_limit(), 0u);
  std::vector<arena_arc::ArcSlice<int>> batch;
  for (int round = 0; round < 3; ++round) {
    for (int i = 0; i < 4; ++i) batch.push_back(a.alloc(8, ints_from(i)));
    batch.clear();
  }
  EXPECT_EQ(a.stats().chunks_reused, 0u);
  EXPECT_EQ(upstream.allocations(), 12u);
  EXPECT_EQ(upstream.deallocations(), 11u) << "all but the current chunk went back";
}

TEST(Upstream, BadAllocReachesTheCaller) {
  counting_resource upstream;
  Alloc a(&upstream);
  upstream.fail_all();
  EXPECT_THROW((void)a.alloc(3, ints_from(0)), std::bad_alloc);
  EXPECT_THROW((void)a.alloc(30, ints_from(0)), std::bad_alloc);
  EXPECT_THROW((void)a.alloc_value(1), std::bad_alloc);
  EXPECT_THROW((void)a.emplace(1), std::bad_alloc);
  EXPECT_THROW((void)a.alloc_copy(std::vector<int>{1, 2}), std::bad_alloc);
  EXPECT_EQ(a.stats(), AllocatorStats{});

  upstream.allow_all();
  EXPECT_EQ(a.alloc(2, ints_from(0)).size(), 2u) << "the allocator works again afterwards";
}

TEST(Upstream, TheNullMemoryResourceMakesEveryChunkRequestFail) {
  Alloc a(std::pmr::null_memory_resource());
  EXPECT_THROW((void)a.alloc(1, ints_from(0)), std::bad_alloc);
  EXPECT_TRUE(Alloc::alloc_empty().empty());
  EXPECT_TRUE(a.alloc(0, ints_from(0)).empty()) << "zero length needs no chunk";
}

// A resource that throws something other than std::bad_alloc.
struct quota_exceeded : std::runtime_error {
  quota_exceeded() : std::runtime_error("quota exceeded") {}
};

class quota_resource final : public std::pmr::memory_resource {
  void* do_allocate(std::size_t, std::size_t) override { throw quota_exceeded(); }
  void do_deallocate(void*, std::size_t, std::size_t) override {}
  bool do_is_equal(const std::pmr::memory_resource& o) const noexcept override {
    return this == &o;
  }
};

TEST(Upstream, AnyExceptionOfTheResourceReachesTheCallerUnchanged) {
  const arena_arc_testing::lifecycle_scope scope;
  quota_resource upstream;
  arena_arc::Allocator<Counted, std::uint32_t, 8> a(&upstream);
  EXPECT_THROW((void)a.alloc(4, counted_from(0)), quota_exceeded);
  EXPECT_TRUE(lifecycle().constructed().empty()) << "init never ran";
}

TEST(Upstream, EachAllocatorUsesOnlyItsOwnResource) {
  counting_resource first_upstream;
  counting_resource second_upstream;
  Alloc first(&first_upstream);
  Alloc second(&second_upstream);
  const auto a = first.alloc(3, ints_from(0));
  const auto b = second.alloc(30, ints_from(0));
  EXPECT_TRUE(first_upstream.block_index_of(a.data()).has_value());
  EXPECT_TRUE(second_upstream.block_index_of(b.data()).has_value());
  EXPECT_EQ(first_upstream.allocations(), 1u);
  EXPECT_EQ(second_upstream.allocations(), 1u);
}

TEST(Upstream, AMonotonicBufferCanServeTheChunks) {
  std::byte buffer[4096];
  std::pmr::monotonic_buffer_resource arena(buffer, sizeof buffer,
                                            std::pmr::null_memory_resource());
  Alloc a(&arena);
  const auto slice = a.alloc(5, ints_from(1));
  const auto* p = reinterpret_cast<const std::byte*>(slice.data());
  EXPECT_GE(p, buffer);
  EXPECT_LT(p, buffer + sizeof buffer);
  EXPECT_EQ(slice[4], 5);
}

}  // namespace
