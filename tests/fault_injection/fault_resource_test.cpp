// The fault-injection resource itself: it must fail exactly the allocation it is told to, and
// report every kind of misuse the suite relies on it to catch. A detector that never fires
// would make every other test in this folder pass vacuously.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <new>
#include <string>

#include <gtest/gtest.h>

#include "support/fault_resource.hpp"

namespace fault_injection {
namespace {

TEST(FaultResource, FailsExactlyTheChosenAllocationOnce) {
  fault_resource r;
  r.fail_at(2);
  void* a = r.allocate(16, 8);
  void* b = r.allocate(16, 8);
  EXPECT_THROW(static_cast<void>(r.allocate(16, 8)), std::bad_alloc);
  void* c = r.allocate(16, 8);
  EXPECT_EQ(r.allocate_calls(), 4u);
  EXPECT_EQ(r.failures_injected(), 1u);
  EXPECT_EQ(r.live_blocks(), 3u);
  for (void* p : {a, b, c}) r.deallocate(p, 16, 8);
  EXPECT_TRUE(r.balanced()) << r.report();
}

TEST(FaultResource, ReportsALeak) {
  fault_resource r;
  void* p = r.allocate(24, 8);
  EXPECT_FALSE(r.balanced());
  EXPECT_EQ(r.live_bytes(), 24u);
  EXPECT_TRUE(r.errors().empty());
  r.deallocate(p, 24, 8);
  EXPECT_TRUE(r.balanced());
}

TEST(FaultResource, ReportsADoubleFree) {
  fault_resource r;
  void* p = r.allocate(8, 8);
  r.deallocate(p, 8, 8);
  r.deallocate(p, 8, 8);  // the resource recognises it and does not touch the memory
  ASSERT_EQ(r.errors().size(), 1u);
  EXPECT_NE(r.errors()[0].find("double"), std::string::npos);
  EXPECT_FALSE(r.balanced());
}

TEST(FaultResource, ReportsASizeMismatch) {
  fault_resource r;
  void* p = r.allocate(32, 8);
  r.deallocate(p, 31, 8);
  ASSERT_EQ(r.errors().size(), 1u);
  EXPECT_NE(r.errors()[0].find("32 bytes, deallocated with 31"), std::string::npos);
  EXPECT_EQ(r.live_blocks(), 0u);
}

TEST(FaultResource, ReportsAnAlignmentMismatch) {
  fault_resource r;
  void* p = r.allocate(64, 64);
  EXPECT_EQ(reinterpret_cast<std::uintptr_t>(p) % 64, 0u);
  r.deallocate(p, 64, 16);
  ASSERT_EQ(r.errors().size(), 1u);
  EXPECT_NE(r.errors()[0].find("alignment 64, deallocated with 16"), std::string::npos);
}

TEST(FaultResource, ReportsAWritePastTheEndOfABlock) {
  fault_resource r;
  auto* p = static_cast<unsigned char*>(r.allocate(10, 2));
  // The guard bytes belong to the resource's own allocation, so the write is defined; the
  // volatile copy hides that from allocate()'s alloc_size attribute, which g++ would trust.
  unsigned char* volatile overrun = p;
  std::memset(overrun, 0, 11);
  r.deallocate(p, 10, 2);
  ASSERT_EQ(r.errors().size(), 1u);
  EXPECT_NE(r.errors()[0].find("past its end"), std::string::npos);
}

TEST(FaultResource, LocatesAddressesInsideLiveBlocksOnly) {
  fault_resource r;
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

}  // namespace
}  // namespace fault_injection
