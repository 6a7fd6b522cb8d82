// arena-arc: the hash of a run of elements, shared by std::hash<ArcSlice> and slice_hash.
#ifndef ARENA_ARC_DETAIL_ELEMENT_HASH_HPP
#define ARENA_ARC_DETAIL_ELEMENT_HASH_HPP

#include <arena_arc/config.hpp>
#include <arena_arc/detail/character_type.hpp>
#include <arena_arc/detail/unsafe_buffer.hpp>

#include <concepts>
#include <cstddef>
#include <functional>
#include <span>
#include <string_view>
#include <utility>

ARENA_ARC_BEGIN_NAMESPACE
namespace detail {

/// std::hash<T> exists and gives a std::size_t for a const T.
template <class T>
concept std_hashable = requires(const T& value) {
  { std::hash<T>{}(value) } -> std::convertible_to<std::size_t>;
};

/// The element types whose runs have a hash: characters (hashed as std::basic_string_view)
/// and every type std::hash knows.
template <class T>
concept slice_hashable = character_type<T> || std_hashable<T>;

/// For character types exactly std::hash<std::basic_string_view<T>> of the elements, so that a
/// slice and a string view of the same text hash alike. Otherwise the length, then each
/// element's std::hash, mixed in order (boost::hash_combine's step with the 64-bit golden
/// ratio): equal runs hash alike, and the order of the elements matters.
template <slice_hashable T>
[[nodiscard]] ARENA_ARC_ALLOW_UNSIGNED_WRAP constexpr std::size_t hash_elements(
    std::span<const T> elements) noexcept(character_type<T> ||
                                          noexcept(std::hash<T>{}(std::declval<const T&>()))) {
  if constexpr (character_type<T>) {
    // The span's own pointer and length.
    return std::hash<std::basic_string_view<T>>{}(
        detail::unchecked_string_view(elements.data(), elements.size()));
  } else {
    constexpr std::size_t golden = static_cast<std::size_t>(0x9e3779b97f4a7c15ULL);
    std::size_t seed = elements.size();
    for (const T& element : elements) {
      // Unsigned arithmetic: wraps by definition (and by design: ARENA_ARC_ALLOW_UNSIGNED_WRAP).
      seed ^=
          static_cast<std::size_t>(std::hash<T>{}(element)) + golden + (seed << 6U) + (seed >> 2U);
    }
    return seed;
  }
}

}  // namespace detail
ARENA_ARC_END_NAMESPACE

#endif  // ARENA_ARC_DETAIL_ELEMENT_HASH_HPP
