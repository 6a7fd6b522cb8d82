// Element types the static checks are instantiated with.
#ifndef ARENA_ARC_TESTS_STATIC_STATIC_TYPES_HPP
#define ARENA_ARC_TESTS_STATIC_STATIC_TYPES_HPP

#include <cstddef>
#include <optional>
#include <string>
#include <version>
#if defined(__cpp_lib_expected)
#include <expected>
#endif

namespace arena_arc_static {

struct empty {};
struct alignas(64) over_aligned {
  char byte;
};
struct immovable {
  explicit immovable(int v) : value(v) {}
  immovable(const immovable&) = delete;
  immovable& operator=(const immovable&) = delete;
  int value;
};

// Initialisers for the entry points; only named in unevaluated operands, so never defined.
int index_value(std::size_t i);
int no_argument();
std::optional<int> maybe(std::size_t i);
std::optional<int> maybe_one();
#if defined(__cpp_lib_expected)
std::expected<int, std::string> expect(std::size_t i);
#endif

/// Invokes `check.template operator()<T>()` for each element type and returns whether all held.
template <class Check>
constexpr bool for_each_element_type(Check check) {
  return check.template operator()<char>() && check.template operator()<int>() &&
         check.template operator()<double>() && check.template operator()<std::string>() &&
         check.template operator()<empty>() && check.template operator()<over_aligned>() &&
         check.template operator()<immovable>();
}

}  // namespace arena_arc_static

#endif  // ARENA_ARC_TESTS_STATIC_STATIC_TYPES_HPP
