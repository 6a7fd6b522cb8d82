// arena-arc: slices of characters as text: operator<< and, where the standard library has
// <format>, std::formatter. (ArcSlice::view() is in arc_slice.hpp.)
#ifndef ARENA_ARC_TEXT_HPP
#define ARENA_ARC_TEXT_HPP

#include <arena_arc/detail/toolchain.hpp>  // first: one #error on an unsupported toolchain
#if ARENA_ARC_TOOLCHAIN_SUPPORTED

#include <arena_arc/arc_slice.hpp>
#include <arena_arc/config.hpp>
#include <arena_arc/detail/character_type.hpp>
#include <arena_arc/detail/unsafe_buffer.hpp>
#include <arena_arc/index_type.hpp>
#include <arena_arc/refcount.hpp>

#include <iosfwd>
#include <string_view>
#include <version>

#if defined(__cpp_lib_format)
#include <format>
#endif

ARENA_ARC_BEGIN_NAMESPACE

/// Writes the characters as a std::basic_string_view of them would be written (width, fill and
/// adjustment of the stream apply to the whole text).
template <detail::character_type C, class Traits, index_type L, refcount_policy RC>
std::basic_ostream<C, Traits>& operator<<(std::basic_ostream<C, Traits>& out,
                                          const ArcSlice<C, L, RC>& slice) {
  // The slice's own pointer and length.
  return out << detail::unchecked_string_view<C, Traits>(slice.data(), slice.size());
}

ARENA_ARC_END_NAMESPACE

#if defined(__cpp_lib_format)
/// Formats a slice of char or wchar_t as its std::basic_string_view, with the same format
/// specification ("{:>8}", "{:.3}", "{:?}" where supported).
template <class C, arena_arc::index_type L, arena_arc::refcount_policy RC>
  requires std::same_as<C, char> || std::same_as<C, wchar_t>
struct std::formatter<arena_arc::ArcSlice<C, L, RC>, C>
    : std::formatter<std::basic_string_view<C>, C> {
  template <class FormatContext>
  auto format(const arena_arc::ArcSlice<C, L, RC>& slice, FormatContext& context) const {
    return std::formatter<std::basic_string_view<C>, C>::format(slice.view(), context);
  }
};
#endif

#endif  // ARENA_ARC_TOOLCHAIN_SUPPORTED

#endif  // ARENA_ARC_TEXT_HPP
