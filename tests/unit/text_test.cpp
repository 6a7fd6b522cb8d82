// Slices of characters as text: view(), operator<< with the stream's formatting, and
// std::format where the standard library has <format> (libstdc++ 12 has not; the libc++ build
// of scripts/libcxx_text.sh defines ARENA_ARC_TEST_REQUIRE_FORMAT, so there it must run).
#include <arena_arc/arena_arc.hpp>

#include <algorithm>
#include <cstdint>
#include <iomanip>
#include <sstream>
#include <string>
#include <string_view>
#include <type_traits>
#include <version>

#if defined(__cpp_lib_format)
#include <format>
#elif defined(ARENA_ARC_TEST_REQUIRE_FORMAT)
#error "this build must test std::formatter, but the standard library has no <format>"
#endif

#include <gtest/gtest.h>

namespace {

template <class S>
concept has_view = requires(const S& s) {
  s.view();
};

class TextTest : public ::testing::Test {
 protected:
  arena_arc::Allocator<char, std::uint32_t, 64> chars_;
};

TEST_F(TextTest, ViewIsTheCharactersWithoutACopy) {
  const auto hello = chars_.alloc_copy(std::string_view("hello"));
  const std::string_view v = hello.view();
  EXPECT_EQ(v, "hello");
  EXPECT_EQ(v.data(), hello.data());
  EXPECT_EQ(v.size(), hello.size());
  EXPECT_TRUE(arena_arc::ArcSlice<char>().view().empty());
  EXPECT_EQ(hello.subslice(1, 3).view(), "ell");
}

TEST_F(TextTest, EveryCharacterTypeHasItsView) {
  arena_arc::Allocator<wchar_t> wide;
  arena_arc::Allocator<char8_t> utf8;
  arena_arc::Allocator<char16_t> utf16;
  arena_arc::Allocator<char32_t> utf32;
  // Wide text is compared with std::ranges::equal (memcmp): std::wstring's own comparison calls
  // glibc's AVX2 wmemcmp, whose block reads valgrind reports past a short heap block.
  EXPECT_TRUE(
      std::ranges::equal(wide.alloc_copy(std::wstring_view(L"w")).view(), std::wstring_view(L"w")));
  EXPECT_EQ(utf8.alloc_copy(std::u8string_view(u8"8")).view(), u8"8");
  EXPECT_EQ(utf16.alloc_copy(std::u16string_view(u"16")).view(), u"16");
  EXPECT_EQ(utf32.alloc_copy(std::u32string_view(U"32")).view(), U"32");
  static_assert(
      std::is_same_v<decltype(arena_arc::ArcSlice<char16_t>().view()), std::u16string_view>);
}

// Small integers are not text: no view() for signed/unsigned char or int.
static_assert(has_view<arena_arc::ArcSlice<char>>);
static_assert(!has_view<arena_arc::ArcSlice<unsigned char>>);
static_assert(!has_view<arena_arc::ArcSlice<signed char>>);
static_assert(!has_view<arena_arc::ArcSlice<int>>);

TEST_F(TextTest, StreamsWriteTheText) {
  std::ostringstream out;
  out << chars_.alloc_copy(std::string_view("abc")) << '|' << arena_arc::ArcSlice<char>() << '|';
  EXPECT_EQ(out.str(), "abc||");
}

TEST_F(TextTest, StreamWidthAndFillApplyToTheWholeText) {
  const auto abc = chars_.alloc_copy(std::string_view("abc"));
  std::ostringstream out;
  out << std::setw(6) << std::setfill('.') << abc << '|' << std::left << std::setw(5) << abc << '|'
      << abc;
  EXPECT_EQ(out.str(), "...abc|abc..|abc");
}

TEST_F(TextTest, WideStreamsWriteWideText) {
  arena_arc::Allocator<wchar_t> wide;
  std::wostringstream out;
  out << wide.alloc_copy(std::wstring_view(L"wide"));
  EXPECT_TRUE(std::ranges::equal(out.str(), std::wstring_view(L"wide")));
}

TEST_F(TextTest, EmbeddedNulsAreWritten) {
  const auto with_nul = chars_.alloc_copy(std::string_view("a\0b", 3));
  std::ostringstream out;
  out << with_nul;
  EXPECT_EQ(out.str(), std::string("a\0b", 3));
}

#if defined(__cpp_lib_format)
TEST_F(TextTest, FormatUsesTheStringViewSpecification) {
  const auto abc = chars_.alloc_copy(std::string_view("abc"));
  EXPECT_EQ(std::format("[{}]", abc), "[abc]");
  EXPECT_EQ(std::format("[{:>5}]", abc), "[  abc]");
  EXPECT_EQ(std::format("[{:*<5}]", abc), "[abc**]");
  EXPECT_EQ(std::format("[{:.2}]", abc), "[ab]");
  EXPECT_EQ(std::format("[{}]", arena_arc::ArcSlice<char>()), "[]");
  arena_arc::Allocator<wchar_t> wide;
  EXPECT_EQ(std::format(L"[{:^6}]", wide.alloc_copy(std::wstring_view(L"ab"))), L"[  ab  ]");
}
#endif

}  // namespace
