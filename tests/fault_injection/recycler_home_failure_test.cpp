// The recycler's bookkeeping block is the only memory the library takes from the global
// operator new (nothrow), once per allocator. When that fails the allocation still succeeds and
// the allocator simply does not recycle: its chunks go back upstream as their last handle goes.
// This program replaces the global nothrow operator new to make it fail on request.
#include <arena_arc/arena_arc.hpp>

#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>
#include <memory_resource>
#include <new>
#include <vector>

namespace {
// Set only around the one allocator call under test: gtest and the library's other paths use
// the throwing operator new, which stays as it is.
bool fail_nothrow_new = false;
std::size_t nothrow_new_refused = 0;
}  // namespace

// The replacement keeps the default's contract (it forwards to the throwing form, so the default
// operator delete frees what it returns).
void* operator new(std::size_t bytes, const std::nothrow_t& /*tag*/) noexcept {
  if (fail_nothrow_new) {
    ++nothrow_new_refused;
    return nullptr;
  }
  try {
    return ::operator new(bytes);
  } catch (const std::bad_alloc&) {
    return nullptr;
  }
}

namespace {

// Counts the chunk blocks taken from and given back to the default resource.
class tally_resource final : public std::pmr::memory_resource {
 public:
  std::size_t allocations = 0;
  std::size_t deallocations = 0;

 private:
  void* do_allocate(std::size_t bytes, std::size_t align) override {
    ++allocations;
    return std::pmr::new_delete_resource()->allocate(bytes, align);
  }
  void do_deallocate(void* p, std::size_t bytes, std::size_t align) override {
    ++deallocations;
    std::pmr::new_delete_resource()->deallocate(p, bytes, align);
  }
  [[nodiscard]] bool do_is_equal(const std::pmr::memory_resource& other) const noexcept override {
    return this == &other;
  }
};

int index_value(std::size_t i) { return static_cast<int>(i); }

TEST(RecyclerHomeFailure, AllocationSucceedsAndChunksGoBackUpstream) {
  tally_resource upstream;
  {
    arena_arc::Allocator<int, std::uint32_t, 8> a(&upstream);
    std::vector<arena_arc::ArcSlice<int>> batch;
    fail_nothrow_new = true;
    batch.push_back(a.alloc(3, index_value));  // the first chunk: the recycler would start here
    fail_nothrow_new = false;
    EXPECT_GE(nothrow_new_refused, 1U);
    ASSERT_EQ(batch.front().size(), 3U);
    EXPECT_EQ(batch.front()[2], 2);
    for (int i = 0; i < 7; ++i) batch.push_back(a.alloc(3, index_value));  // 4 chunks in all
    EXPECT_EQ(upstream.allocations, 4U);
    batch.clear();
    // The first chunk was made without a recycler: it went back upstream with its last handle.
    // Later chunks recycle again (the recycler was made with the second chunk).
    EXPECT_EQ(upstream.deallocations, 1U);
    for (int i = 0; i < 4; ++i) batch.push_back(a.alloc(3, index_value));  // 2 chunks
    EXPECT_EQ(a.stats().chunks_reused, 2U);
    EXPECT_EQ(upstream.allocations, 4U);
  }
  EXPECT_EQ(upstream.deallocations, upstream.allocations) << "nothing leaked";
}

}  // namespace
