// Comparison, hashing and text come with ArcSlice itself: this unit includes arc_slice.hpp only
// and finds them (a unit without them would instantiate other definitions of std::hash and
// std::formatter for the same slice type, an ODR violation).
#include <arena_arc/arc_slice.hpp>

#include <compare>
#include <concepts>
#include <cstdint>
#include <functional>
#include <string_view>
#include <type_traits>

namespace {

using text = arena_arc::ArcSlice<char>;
using numbers = arena_arc::ArcSlice<std::uint32_t, std::uint8_t, arena_arc::local_refcount>;

static_assert(std::equality_comparable<text>);
static_assert(std::totally_ordered<text>);
static_assert(requires(const text& a, std::string_view b) {
  { a == b } -> std::same_as<bool>;
  { b == a } -> std::same_as<bool>;
  { a <=> b } -> std::same_as<std::strong_ordering>;
});
static_assert(std::three_way_comparable<numbers, std::strong_ordering>);
static_assert(std::equality_comparable<arena_arc::ArcSingle<int>>);
static_assert(std::is_default_constructible_v<std::hash<text>>);
static_assert(std::is_default_constructible_v<std::hash<numbers>>);
static_assert(std::is_default_constructible_v<std::hash<arena_arc::ArcSingle<int>>>);
static_assert(std::is_same_v<decltype(text().view()), std::string_view>);
static_assert(std::is_invocable_r_v<std::size_t, arena_arc::slice_hash, const text&>);
static_assert(std::is_invocable_r_v<bool, arena_arc::slice_equal, const text&, std::string_view>);

}  // namespace
