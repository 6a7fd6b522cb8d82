// A non-conforming upstream that returns null instead of throwing: the allocator reports
// std::bad_alloc and changes nothing (it never dereferences the null block). Built on its own
// with UBSan's returns-nonnull check off: libstdc++ declares memory_resource::allocate
// returns_nonnull, so that check would report the resource under test, not the library.
#include <arena_arc/arena_arc.hpp>

#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>
#include <memory_resource>
#include <new>
#include <vector>

namespace {

// Returns null for every request while `refusing`, else serves from the default resource.
class null_returning_resource final : public std::pmr::memory_resource {
 public:
  bool refusing = true;
  std::size_t refused = 0;

 private:
  void* do_allocate(std::size_t bytes, std::size_t align) override {
    if (refusing) {
      ++refused;
      return nullptr;
    }
    return std::pmr::new_delete_resource()->allocate(bytes, align);
  }
  void do_deallocate(void* p, std::size_t bytes, std::size_t align) override {
    std::pmr::new_delete_resource()->deallocate(p, bytes, align);
  }
  [[nodiscard]] bool do_is_equal(const std::pmr::memory_resource& other) const noexcept override {
    return this == &other;
  }
};

int index_value(std::size_t i) { return static_cast<int>(i); }

TEST(NullReturningResource, EveryChunkRequestReportsBadAlloc) {
  null_returning_resource upstream;
  arena_arc::Allocator<int, std::uint32_t, 8> a(&upstream);
  EXPECT_THROW(static_cast<void>(a.alloc(3, index_value)), std::bad_alloc);
  EXPECT_THROW(static_cast<void>(a.alloc(30, index_value)), std::bad_alloc);  // dedicated
  EXPECT_THROW(static_cast<void>(a.alloc_value(7)), std::bad_alloc);
  EXPECT_THROW(static_cast<void>(a.alloc_copy(std::vector<int>{1, 2})), std::bad_alloc);
  EXPECT_EQ(upstream.refused, 4U);
  EXPECT_EQ(a.stats(), arena_arc::AllocatorStats{});
}

TEST(NullReturningResource, TheAllocatorWorksOnceTheResourceServesAgain) {
  null_returning_resource upstream;
  arena_arc::Allocator<int, std::uint32_t, 8> a(&upstream);
  EXPECT_THROW(static_cast<void>(a.alloc(3, index_value)), std::bad_alloc);
  upstream.refusing = false;
  const auto s = a.alloc(3, index_value);
  ASSERT_EQ(s.size(), 3U);
  EXPECT_EQ(s[2], 2);
  EXPECT_EQ(a.stats().chunks_allocated, 1U);
}

}  // namespace
