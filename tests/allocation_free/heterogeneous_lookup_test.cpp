// Heterogeneous lookup allocates nothing: an unordered container of ArcSlice<char> with
// slice_hash and slice_equal finds a std::string_view (or an existing std::string) without any
// call to operator new. A control test shows that the counter sees the allocations of a lookup
// that does allocate.
#include <arena_arc/arena_arc.hpp>

#include <atomic>
#include <cstddef>
#include <cstdlib>
#include <new>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include <gtest/gtest.h>

namespace {
std::atomic<std::size_t> allocations{0};

void* counted_allocation(std::size_t size, std::size_t alignment) noexcept {
  allocations.fetch_add(1, std::memory_order_relaxed);
  // malloc(0) may return nullptr, and aligned_alloc needs a multiple of the alignment.
  if (alignment <= alignof(std::max_align_t)) return std::malloc(size == 0 ? 1 : size);
  const std::size_t rounded = (size + alignment - 1) / alignment * alignment;
  return std::aligned_alloc(alignment, rounded == 0 ? alignment : rounded);
}

void* counted_or_throw(std::size_t size, std::size_t alignment) {
  if (void* p = counted_allocation(size, alignment)) return p;
  throw std::bad_alloc();
}
}  // namespace

// Every replaceable global allocation function (plain, nothrow, aligned), so that all of them
// are counted and every block goes back to the matching free.
void* operator new(std::size_t size) { return counted_or_throw(size, 0); }
void* operator new[](std::size_t size) { return counted_or_throw(size, 0); }
void* operator new(std::size_t size, const std::nothrow_t&) noexcept {
  return counted_allocation(size, 0);
}
void* operator new[](std::size_t size, const std::nothrow_t&) noexcept {
  return counted_allocation(size, 0);
}
void* operator new(std::size_t size, std::align_val_t a) {
  return counted_or_throw(size, static_cast<std::size_t>(a));
}
void* operator new[](std::size_t size, std::align_val_t a) {
  return counted_or_throw(size, static_cast<std::size_t>(a));
}
void* operator new(std::size_t size, std::align_val_t a, const std::nothrow_t&) noexcept {
  return counted_allocation(size, static_cast<std::size_t>(a));
}
void* operator new[](std::size_t size, std::align_val_t a, const std::nothrow_t&) noexcept {
  return counted_allocation(size, static_cast<std::size_t>(a));
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }
void operator delete(void* p, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete(void* p, std::align_val_t) noexcept { std::free(p); }
void operator delete[](void* p, std::align_val_t) noexcept { std::free(p); }
void operator delete(void* p, std::size_t, std::align_val_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t, std::align_val_t) noexcept { std::free(p); }
void operator delete(void* p, std::align_val_t, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete[](void* p, std::align_val_t, const std::nothrow_t&) noexcept { std::free(p); }

namespace {

using interned_set =
    std::unordered_set<arena_arc::ArcSlice<char>, arena_arc::slice_hash, arena_arc::slice_equal>;

// Long words: a std::string made from one would not fit the small-string buffer.
constexpr std::string_view words[] = {
    "a-long-identifier-well-past-any-small-string-buffer-one",
    "a-long-identifier-well-past-any-small-string-buffer-two",
    "a-long-identifier-well-past-any-small-string-buffer-three",
};

interned_set interned(arena_arc::Allocator<char>& chars) {
  interned_set set;
  for (const std::string_view w : words) set.insert(chars.alloc_copy(w));
  return set;
}

TEST(HeterogeneousLookup, FindingAStringViewAllocatesNothing) {
  arena_arc::Allocator<char> chars;
  const interned_set set = interned(chars);
  const std::string existing(words[2]);
  const std::size_t before = allocations.load();
  const bool found_first = set.find(words[0]) != set.end();
  const bool found_existing = set.contains(existing);
  const bool found_absent = set.contains(std::string_view("absent"));
  const std::size_t counted = set.count(words[1]);
  const std::size_t after = allocations.load();
  EXPECT_TRUE(found_first);
  EXPECT_TRUE(found_existing);
  EXPECT_FALSE(found_absent);
  EXPECT_EQ(counted, 1U);
  EXPECT_EQ(after - before, 0U);
}

TEST(HeterogeneousLookup, FindingInAMapAllocatesNothing) {
  arena_arc::Allocator<char> chars;
  std::unordered_map<arena_arc::ArcSlice<char>, int, arena_arc::slice_hash, arena_arc::slice_equal>
      map;
  map.emplace(chars.alloc_copy(words[0]), 1);
  map.emplace(chars.alloc_copy(words[1]), 2);
  const std::size_t before = allocations.load();
  const auto it = map.find(words[1]);
  const std::size_t after = allocations.load();
  ASSERT_NE(it, map.end());
  EXPECT_EQ(it->second, 2);
  EXPECT_EQ(after - before, 0U);
}

// Control: the counter does see allocations. Without transparent functors a lookup by
// string_view has to build a key; here, a std::string.
TEST(HeterogeneousLookup, ControlALookupThatBuildsAKeyIsCounted) {
  std::unordered_set<std::string> set{std::string(words[0])};
  const std::size_t before = allocations.load();
  const bool found = set.find(std::string(words[0])) != set.end();
  const std::size_t after = allocations.load();
  EXPECT_TRUE(found);
  EXPECT_GE(after - before, 1U);
}

}  // namespace
