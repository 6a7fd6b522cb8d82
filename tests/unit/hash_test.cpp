// Hashing: std::hash for ArcSlice and ArcSingle, equal to std::hash<std::basic_string_view> for
// character slices; the transparent slice_hash / slice_equal and heterogeneous lookup in
// unordered containers; the constraints. (That the lookup allocates nothing is shown by
// tests/allocation_free/.)
#include <arena_arc/arena_arc.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include <gtest/gtest.h>

#include "support/helpers.hpp"

namespace {

using arena_arc_testing::ints_from;

struct not_hashable {
  int value;
};

class HashTest : public ::testing::Test {
 protected:
  arena_arc::Allocator<char, std::uint32_t, 64> chars_;
  arena_arc::Allocator<int, std::uint32_t, 16> ints_;
};

TEST_F(HashTest, CharacterSlicesHashAsTheirStringView) {
  for (const std::string_view s : {"", "a", "token", "a longer run of text, to pass one word"}) {
    const auto slice = chars_.alloc_copy(s);
    EXPECT_EQ(std::hash<arena_arc::ArcSlice<char>>{}(slice), std::hash<std::string_view>{}(s)) << s;
    EXPECT_EQ(arena_arc::slice_hash{}(slice), std::hash<std::string_view>{}(s)) << s;
    EXPECT_EQ(arena_arc::slice_hash{}(s), std::hash<std::string_view>{}(s)) << s;
  }
}

TEST_F(HashTest, EveryCharacterTypeHashesAsItsStringView) {
  arena_arc::Allocator<wchar_t> wide;
  arena_arc::Allocator<char8_t> utf8;
  arena_arc::Allocator<char16_t> utf16;
  arena_arc::Allocator<char32_t> utf32;
  EXPECT_EQ(std::hash<arena_arc::ArcSlice<wchar_t>>{}(wide.alloc_copy(std::wstring_view(L"wide"))),
            std::hash<std::wstring_view>{}(L"wide"));
  EXPECT_EQ(
      std::hash<arena_arc::ArcSlice<char8_t>>{}(utf8.alloc_copy(std::u8string_view(u8"utf8"))),
      std::hash<std::u8string_view>{}(u8"utf8"));
  EXPECT_EQ(
      std::hash<arena_arc::ArcSlice<char16_t>>{}(utf16.alloc_copy(std::u16string_view(u"16"))),
      std::hash<std::u16string_view>{}(u"16"));
  EXPECT_EQ(
      std::hash<arena_arc::ArcSlice<char32_t>>{}(utf32.alloc_copy(std::u32string_view(U"32"))),
      std::hash<std::u32string_view>{}(U"32"));
}

TEST_F(HashTest, EqualContentsHashAlikeWhateverTheRangeType) {
  const auto a = ints_.alloc(5, ints_from(10));
  arena_arc::Allocator<int, std::uint8_t, 8, arena_arc::local_refcount> local;
  const auto b = local.alloc(5, ints_from(10));
  const std::vector<int> v{10, 11, 12, 13, 14};
  const std::array<int, 5> arr{10, 11, 12, 13, 14};
  const std::size_t h = std::hash<arena_arc::ArcSlice<int>>{}(a);
  EXPECT_EQ(h, (std::hash<arena_arc::ArcSlice<int, std::uint8_t, arena_arc::local_refcount>>{}(b)));
  EXPECT_EQ(h, arena_arc::slice_hash{}(v));
  EXPECT_EQ(h, arena_arc::slice_hash{}(arr));
  EXPECT_EQ(h, arena_arc::slice_hash{}(std::span<const int>(v)));
}

TEST_F(HashTest, OrderAndLengthChangeTheHash) {
  const auto one_two = ints_.alloc(2, ints_from(1));
  const auto two_one = ints_.alloc(2, [](std::size_t i) { return 2 - int(i); });
  const auto zero = ints_.alloc(1, [](std::size_t) { return 0; });
  const auto zero_zero = ints_.alloc(2, [](std::size_t) { return 0; });
  const arena_arc::slice_hash hash;
  EXPECT_NE(hash(one_two), hash(two_one));
  EXPECT_NE(hash(zero), hash(zero_zero));
  EXPECT_NE(hash(zero), hash(arena_arc::ArcSlice<int>()));
}

TEST_F(HashTest, SinglesHashAsTheirValue) {
  const auto single = ints_.alloc_value(42);
  EXPECT_EQ(std::hash<arena_arc::ArcSingle<int>>{}(single), std::hash<int>{}(42));
  const auto letter = chars_.alloc_value('x');
  EXPECT_EQ(std::hash<arena_arc::ArcSingle<char>>{}(letter), std::hash<char>{}('x'));
}

TEST_F(HashTest, SliceEqualComparesContentsAcrossRangeTypes) {
  const arena_arc::slice_equal eq;
  const auto token = chars_.alloc_copy(std::string_view("token"));
  EXPECT_TRUE(eq(token, std::string_view("token")));
  EXPECT_TRUE(eq(std::string("token"), token));
  EXPECT_FALSE(eq(token, std::string_view("toke")));
  EXPECT_TRUE(eq(ints_.alloc(3, ints_from(0)), std::vector<int>{0, 1, 2}));
}

TEST_F(HashTest, AnInternTableFindsStringViewsAndStrings) {
  std::unordered_set<arena_arc::ArcSlice<char>, arena_arc::slice_hash, arena_arc::slice_equal>
      interned;
  for (const std::string_view word : {"alpha", "beta", "gamma", "beta"}) {
    if (interned.find(word) == interned.end()) interned.insert(chars_.alloc_copy(word));
  }
  EXPECT_EQ(interned.size(), 3U);
  const auto found = interned.find(std::string_view("gamma"));
  ASSERT_NE(found, interned.end());
  EXPECT_EQ(found->view(), "gamma");
  EXPECT_EQ(interned.count(std::string("alpha")), 1U);
  EXPECT_EQ(interned.count(std::string_view("delta")), 0U);
  EXPECT_TRUE(interned.contains(chars_.alloc_copy(std::string_view("beta"))));
}

TEST_F(HashTest, AMapKeyedBySlicesCountsTokens) {
  std::unordered_map<arena_arc::ArcSlice<char>, int, arena_arc::slice_hash, arena_arc::slice_equal>
      counts;
  const std::string_view text = "to be or not to be";
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find(' ', start);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view word = text.substr(start, end - start);
    auto it = counts.find(word);
    if (it == counts.end()) it = counts.emplace(chars_.alloc_copy(word), 0).first;
    ++it->second;
    start = end + 1;
  }
  EXPECT_EQ(counts.size(), 4U);
  EXPECT_EQ(counts.find(std::string_view("to"))->second, 2);
  EXPECT_EQ(counts.find(std::string_view("be"))->second, 2);
  EXPECT_EQ(counts.find(std::string_view("not"))->second, 1);
}

TEST_F(HashTest, StdHashWorksAsTheDefaultHasherOfAContainer) {
  std::unordered_set<arena_arc::ArcSlice<int>> set;
  set.insert(ints_.alloc(3, ints_from(0)));
  set.insert(ints_.alloc(3, ints_from(0)));  // equal contents: not inserted again
  set.insert(ints_.alloc(3, ints_from(1)));
  EXPECT_EQ(set.size(), 2U);
}

// The constraints.
static_assert(std::is_default_constructible_v<std::hash<arena_arc::ArcSlice<int>>>);
static_assert(!std::is_default_constructible_v<std::hash<arena_arc::ArcSlice<not_hashable>>>);
static_assert(!std::is_default_constructible_v<std::hash<arena_arc::ArcSingle<not_hashable>>>);
static_assert(std::is_invocable_v<arena_arc::slice_hash, const std::vector<int>&>);
static_assert(!std::is_invocable_v<arena_arc::slice_hash, const std::vector<not_hashable>&>);
// A character array literal would hash its NUL: refused, pass a std::string_view.
static_assert(!std::is_invocable_v<arena_arc::slice_hash, const char (&)[4]>);
static_assert(!std::is_invocable_v<arena_arc::slice_equal, const arena_arc::ArcSlice<char>&,
                                   const char (&)[4]>);
static_assert(!std::is_invocable_v<arena_arc::slice_equal, const std::vector<int>&,
                                   const std::vector<long>&>);
static_assert(noexcept(arena_arc::slice_hash{}(std::declval<const arena_arc::ArcSlice<char>&>())));

}  // namespace
