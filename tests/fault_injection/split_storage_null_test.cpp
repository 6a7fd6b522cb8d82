// A non-conforming upstream that returns null, for chunks whose element storage is a whole
// number of pages and so takes two blocks (elements, then header): a null element block or a
// null header block is std::bad_alloc, the element block already obtained goes back, and the
// allocator changes nothing. Same target as null_returning_resource_test.cpp (UBSan's
// returns-nonnull check off: it would report the resource under test, not the library).
#include <arena_arc/arena_arc.hpp>

#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>
#include <memory_resource>
#include <new>

namespace {

// Serves `serve` requests from the default resource, then returns null for the next one, then
// serves again; counts the blocks still out.
class null_once_resource final : public std::pmr::memory_resource {
 public:
  explicit null_once_resource(std::size_t serve) noexcept : serve_(serve) {}
  std::size_t live = 0;
  std::size_t refused = 0;

 private:
  void* do_allocate(std::size_t bytes, std::size_t align) override {
    if (requests_++ == serve_) {
      ++refused;
      return nullptr;
    }
    ++live;
    return std::pmr::new_delete_resource()->allocate(bytes, align);
  }
  void do_deallocate(void* p, std::size_t bytes, std::size_t align) override {
    --live;
    std::pmr::new_delete_resource()->deallocate(p, bytes, align);
  }
  [[nodiscard]] bool do_is_equal(const std::pmr::memory_resource& other) const noexcept override {
    return this == &other;
  }

  std::size_t serve_;
  std::size_t requests_ = 0;
};

constexpr std::size_t page_elements = 4096 / sizeof(std::uint64_t);

std::uint64_t index_value(std::size_t i) { return i; }

TEST(NullReturningResource, EitherBlockOfASplitChunkReportsBadAlloc) {
  for (std::size_t serve = 0; serve < 2; ++serve) {
    null_once_resource upstream(serve);
    {
      arena_arc::Allocator<std::uint64_t, std::uint32_t, page_elements> a(&upstream);
      EXPECT_THROW(static_cast<void>(a.alloc(3, index_value)), std::bad_alloc);
      EXPECT_EQ(upstream.refused, 1U);
      EXPECT_EQ(upstream.live, 0U) << "the element block went back when the header failed";
      EXPECT_EQ(a.stats(), arena_arc::AllocatorStats{});
      const auto s = a.alloc(3, index_value);
      EXPECT_EQ(s[2], 2U);
      EXPECT_EQ(upstream.live, 2U);
    }
    EXPECT_EQ(upstream.live, 0U);
  }
}

}  // namespace
