// The counting resource itself: it must fail exactly the allocation it is told to, and report
// every kind of misuse the suites rely on it to catch. A detector that never fires would make
// every test that uses it pass vacuously.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <new>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include <arena_arc_testing/counting_resource.hpp>

namespace {

using arena_arc_testing::counting_resource;

TEST(CountingResource, FailsExactlyTheChosenAllocationOnce) {
  counting_resource r;
  r.fail_in(2);
  void* a = r.allocate(16, 8);
  void* b = r.allocate(16, 8);
  EXPECT_THROW(static_cast<void>(r.allocate(16, 8)), std::bad_alloc);
  void* c = r.allocate(16, 8);
  EXPECT_EQ(r.allocate_calls(), 4u);
  EXPECT_EQ(r.injected_failures(), 1u);
  EXPECT_EQ(r.live_blocks(), 3u);
  for (void* p : {a, b, c}) r.deallocate(p, 16, 8);
  EXPECT_TRUE(r.balanced()) << r.report();
}

TEST(CountingResource, ReportsALeak) {
  counting_resource r;
  void* p = r.allocate(24, 8);
  EXPECT_FALSE(r.balanced());
  EXPECT_EQ(r.live_bytes(), 24u);
  EXPECT_TRUE(r.errors().empty());
  r.deallocate(p, 24, 8);
  EXPECT_TRUE(r.balanced());
}

TEST(CountingResource, ReportsADoubleFree) {
  counting_resource r;
  void* p = r.allocate(8, 8);
  r.deallocate(p, 8, 8);
  r.deallocate(p, 8, 8);  // the resource recognises it and does not touch the memory
  ASSERT_EQ(r.errors().size(), 1u);
  EXPECT_NE(r.errors()[0].find("double"), std::string::npos);
  EXPECT_FALSE(r.balanced());
}

TEST(CountingResource, ReportsASizeMismatch) {
  counting_resource r;
  void* p = r.allocate(32, 8);
  r.deallocate(p, 31, 8);
  ASSERT_EQ(r.errors().size(), 1u);
  EXPECT_NE(r.errors()[0].find("32 bytes, deallocated with 31"), std::string::npos);
  EXPECT_EQ(r.live_blocks(), 0u);
}

TEST(CountingResource, ReportsAnAlignmentMismatch) {
  counting_resource r;
  void* p = r.allocate(64, 64);
  EXPECT_EQ(reinterpret_cast<std::uintptr_t>(p) % 64, 0u);
  r.deallocate(p, 64, 16);
  ASSERT_EQ(r.errors().size(), 1u);
  EXPECT_NE(r.errors()[0].find("alignment 64, deallocated with 16"), std::string::npos);
}

TEST(CountingResource, ReportsAWritePastTheEndOfABlock) {
  counting_resource r;
  auto* p = static_cast<unsigned char*>(r.allocate(10, 2));
  // The guard bytes belong to the resource's own allocation, so the write is defined; the
  // volatile copy hides that from allocate()'s alloc_size attribute, which g++ would trust.
  unsigned char* volatile overrun = p;
  std::memset(overrun, 0, 11);
  r.deallocate(p, 10, 2);
  ASSERT_EQ(r.errors().size(), 1u);
  EXPECT_NE(r.errors()[0].find("past its end"), std::string::npos);
}

TEST(CountingResource, LocatesAddressesInsideLiveBlocksOnly) {
  counting_resource r;
  auto* a = static_cast<unsigned char*>(r.allocate(40, 8));
  auto* b = static_cast<unsigned char*>(r.allocate(40, 8));
  const auto in_b = r.locate(b + 39);
  ASSERT_TRUE(in_b.has_value());
  EXPECT_EQ(in_b->base, b);
  EXPECT_EQ(in_b->serial, 1u);
  EXPECT_EQ(in_b->offset, 39u);
  const auto in_a = r.locate(a);
  ASSERT_TRUE(in_a.has_value());
  EXPECT_EQ(in_a->serial, 0u);
  EXPECT_FALSE(r.locate(a + 40).has_value());  // the guard is not part of the block
  r.deallocate(a, 40, 8);
  EXPECT_FALSE(r.locate(a).has_value());
  r.deallocate(b, 40, 8);
  EXPECT_TRUE(r.balanced());
}

TEST(CountingResource, FailsEveryRequestUntilAllowedAgain) {
  counting_resource r;
  r.fail_all();
  EXPECT_THROW(static_cast<void>(r.allocate(8, 8)), std::bad_alloc);
  EXPECT_THROW(static_cast<void>(r.allocate(8, 8)), std::bad_alloc);
  r.fail_in(0);
  r.allow_all();  // cancels both the pending one-shot failure and fail_all()
  EXPECT_FALSE(r.failure_pending());
  void* p = r.allocate(8, 8);
  EXPECT_EQ(r.injected_failures(), 2u);
  EXPECT_EQ(r.allocations(), 1u);
  r.deallocate(p, 8, 8);
  EXPECT_TRUE(r.balanced()) << r.report();
}

TEST(CountingResource, AOneShotFailureStaysPendingUntilItsRequest) {
  counting_resource r;
  r.fail_in(1);
  void* p = r.allocate(8, 8);
  EXPECT_TRUE(r.failure_pending());
  EXPECT_THROW(static_cast<void>(r.allocate(8, 8)), std::bad_alloc);
  EXPECT_FALSE(r.failure_pending());
  r.deallocate(p, 8, 8);
  EXPECT_TRUE(r.balanced()) << r.report();
}

TEST(CountingResource, RefusesRequestsAboveItsByteLimitWithoutCountingThemAsInjected) {
  counting_resource r(64);
  EXPECT_THROW(static_cast<void>(r.allocate(65, 8)), std::bad_alloc);
  void* p = r.allocate(64, 8);
  EXPECT_EQ(r.injected_failures(), 0u);
  EXPECT_EQ(r.allocate_calls(), 2u);
  EXPECT_EQ(r.last_bytes(), 64u);
  r.deallocate(p, 64, 8);
  EXPECT_TRUE(r.balanced()) << r.report();
}

TEST(CountingResource, RefusesARequestWhoseGuardWouldOverflowTheSize) {
  counting_resource r;  // no byte limit
  // volatile: g++ would reject the constant size as larger than any object at compile time.
  const volatile std::size_t largest = static_cast<std::size_t>(-1);
  EXPECT_THROW(static_cast<void>(r.allocate(largest, 8)), std::bad_alloc);
  EXPECT_EQ(r.allocations(), 0u);
  EXPECT_TRUE(r.balanced()) << r.report();
}

TEST(CountingResource, RejectsAnAlignmentThatIsNotAPowerOfTwo) {
  counting_resource r;
  // Not a constant: clang rejects a literal non-power-of-two alignment at compile time.
  std::size_t odd_alignment = 3;
  EXPECT_THROW(static_cast<void>(r.allocate(8, odd_alignment)), std::bad_alloc);
  ASSERT_EQ(r.errors().size(), 1u);
  EXPECT_NE(r.errors()[0].find("not a power of two"), std::string::npos);
}

TEST(CountingResource, CountsLiveBytesAndSizesInOrderOfAllocation) {
  counting_resource r;
  void* a = r.allocate(10, 2);
  void* b = r.allocate(30, 8);
  void* c = r.allocate(20, 4);
  r.deallocate(b, 30, 8);
  EXPECT_EQ(r.live_sizes(), (std::vector<std::size_t>{10, 20}));
  EXPECT_EQ(r.live_bytes(), 30u);
  EXPECT_EQ(r.deallocations(), 1u);
  EXPECT_EQ(r.blocks().size(), 3u);
  EXPECT_FALSE(r.blocks()[1].live);
  r.deallocate(a, 10, 2);
  r.deallocate(c, 20, 4);
  EXPECT_TRUE(r.balanced()) << r.report();
}

TEST(CountingResource, KeepsExactCountsUnderConcurrentUse) {
  counting_resource r;
  constexpr std::size_t threads = 4;
  constexpr std::size_t rounds = 500;
  std::vector<std::thread> workers;
  for (std::size_t t = 0; t < threads; ++t) {
    workers.emplace_back([&r, t] {
      for (std::size_t i = 0; i < rounds; ++i) {
        const std::size_t bytes = 8 + (t + i) % 32;
        void* p = r.allocate(bytes, 8);
        r.deallocate(p, bytes, 8);
      }
    });
  }
  for (std::thread& w : workers) w.join();
  EXPECT_EQ(r.allocations(), threads * rounds);
  EXPECT_EQ(r.deallocations(), threads * rounds);
  EXPECT_TRUE(r.balanced()) << r.report();
}

}  // namespace
