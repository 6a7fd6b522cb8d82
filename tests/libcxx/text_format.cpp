// The whole API and the text support built against libc++ (clang 19, libc++ 19, C++23, libc++
// hardening mode extensive), where <format> exists: std::format of slices with the string-view
// specification, and the rest of the value semantics once more on another standard library.
// Stand-alone (no GoogleTest: Debian's is built against libstdc++); run by
// scripts/libcxx_text.sh. Exits 1 after printing each failed check.
#include <arena_arc/arena_arc.hpp>

#include <cstdint>
#include <cstdio>
#include <format>
#include <functional>
#include <span>
#include <sstream>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#if !defined(_LIBCPP_VERSION)
#error "this test is for libc++ (-stdlib=libc++)"
#endif
#if !defined(__cpp_lib_format)
#error "this test must exercise std::formatter, but the standard library has no <format>"
#endif

namespace {

int failures = 0;

void check(bool ok, const char* what, int line) {
  if (!ok) {
    std::fprintf(stderr, "libc++ text: check failed: %s (line %d)\n", what, line);
    ++failures;
  }
}
#define CHECK(condition) check((condition), #condition, __LINE__)

}  // namespace

int main() {
  arena_arc::Allocator<char, std::uint32_t, 64> chars;
  const auto abc = chars.alloc_copy(std::string_view("abc"));
  CHECK(std::format("[{}]", abc) == "[abc]");
  CHECK(std::format("[{:>5}]", abc) == "[  abc]");
  CHECK(std::format("[{:*<5}]", abc) == "[abc**]");
  CHECK(std::format("[{:^7}]", abc) == "[  abc  ]");
  CHECK(std::format("[{:.2}]", abc) == "[ab]");
  CHECK(std::format("[{}]", arena_arc::ArcSlice<char>()) == "[]");
  CHECK(std::format("{}", abc.subslice(1, 2)) == "bc");
  arena_arc::Allocator<wchar_t> wide;
  CHECK(std::format(L"[{:^6}]", wide.alloc_copy(std::wstring_view(L"ab"))) == L"[  ab  ]");

  std::ostringstream out;
  out << abc << '|' << abc.first(1);
  CHECK(out.str() == "abc|a");

  CHECK(abc == std::string_view("abc"));
  CHECK(abc < std::string_view("abd"));
  CHECK(std::hash<arena_arc::ArcSlice<char>>{}(abc) == std::hash<std::string_view>{}("abc"));
  std::unordered_set<arena_arc::ArcSlice<char>, arena_arc::slice_hash, arena_arc::slice_equal> set;
  set.insert(abc);
  CHECK(set.contains(std::string_view("abc")));

  auto b = chars.builder();
  b.append(std::string_view("built "));
  b.push_back('!');
  const auto built = std::move(b).finish();
  CHECK(std::format("{}", built) == "built !");
  const auto read = chars.alloc_for_overwrite(16, [](std::span<char> room) {
    const std::string_view text = "read";
    text.copy(room.data(), text.size());
    return text.size();
  });
  CHECK(read.view() == "read");

  arena_arc::Allocator<int> ints;
  const auto numbers = ints.alloc(4, [](std::size_t i) { return static_cast<int>(i); });
  CHECK(numbers == std::vector<int>({0, 1, 2, 3}));

  std::puts(failures == 0 ? "libc++ text: all checks passed" : "libc++ text: FAILED");
  return failures == 0 ? 0 : 1;
}
