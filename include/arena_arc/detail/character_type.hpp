// arena-arc: the character element types, for which a slice is also a string.
#ifndef ARENA_ARC_DETAIL_CHARACTER_TYPE_HPP
#define ARENA_ARC_DETAIL_CHARACTER_TYPE_HPP

#include <arena_arc/config.hpp>

#include <concepts>

ARENA_ARC_BEGIN_NAMESPACE
namespace detail {

/// The types std::basic_string_view is made for: char, wchar_t, char8_t, char16_t, char32_t
/// (not signed char or unsigned char, which are small integers).
template <class C>
concept character_type = std::same_as<C, char> || std::same_as<C, wchar_t> ||
    std::same_as<C, char8_t> || std::same_as<C, char16_t> || std::same_as<C, char32_t>;

}  // namespace detail
ARENA_ARC_END_NAMESPACE

#endif  // ARENA_ARC_DETAIL_CHARACTER_TYPE_HPP
