// arena-arc: what a caller hands Allocator — lengths, chunk capacities, upstream resources and
// ranges to copy — checked and converted, each bad value turned into its documented error.
#ifndef ARENA_ARC_DETAIL_CHECKED_ARGUMENTS_HPP
#define ARENA_ARC_DETAIL_CHECKED_ARGUMENTS_HPP

#include <arena_arc/config.hpp>
#include <arena_arc/detail/checked_math.hpp>
#include <arena_arc/detail/chunk.hpp>
#include <arena_arc/detail/raise.hpp>
#include <arena_arc/index_type.hpp>
#include <arena_arc/refcount.hpp>

#include <concepts>
#include <cstdint>
#include <memory_resource>
#include <ranges>
#include <type_traits>

ARENA_ARC_BEGIN_NAMESPACE
namespace detail {

/// A request length as an L; std::length_error if it is negative or above max of L.
template <index_type L, class I>
constexpr L checked_length(I len) {
  // A plain test, not to_length's optional: this runs on every allocation, and the optional was
  // materialised on the stack there (g++ 12).
  if (!is_length<L>(len))
    raise_length_error("arena_arc: length is negative or exceeds the index type");
  // 0 <= len <= max of L (is_length): the conversion keeps its value.
  return static_cast<L>(len);
}

/// A chunk capacity as an L; std::length_error unless it is valid and a chunk of that many T
/// is representable in bytes.
template <class T, index_type L, refcount_policy RC, class I>
constexpr L checked_capacity(I capacity) {
  const auto n = to_length<L>(capacity);
  if (!n || !valid_capacity<L>(*n)) {
    raise_length_error(
        "arena_arc: chunk capacity must be in [1, std::numeric_limits<L>::max()] and below "
        "SIZE_MAX / 4 (room for the reference counts)");
  }
  if (!chunk<T, L, RC>::layout(*n)) {
    raise_length_error("arena_arc: chunk size in bytes is not representable");
  }
  return *n;
}

/// std::invalid_argument for a null upstream resource.
inline std::pmr::memory_resource* checked_upstream(std::pmr::memory_resource* upstream) {
  if (upstream == nullptr)
    raise_invalid_argument("arena_arc: the upstream memory resource is null");
  return upstream;
}

/// Whether a range of R can be copied into T storage with one memcpy.
template <class T, class R>
inline constexpr bool bytewise_copyable =
    std::ranges::contiguous_range<R>&& std::is_trivially_copyable_v<T>&&
        std::same_as<std::remove_cv_t<std::ranges::range_value_t<R>>, T>&&
            std::same_as<std::remove_cvref_t<std::ranges::range_reference_t<R>>, T>;

/// Whether a contiguous range has at least n elements between begin and end (its size() is
/// only a claim).
template <class R, index_type L>
[[nodiscard]] constexpr bool contiguous_holds(R& range, L n) noexcept {
  const auto available = std::ranges::end(range) - std::ranges::begin(range);
  return available >= 0 && static_cast<std::uintmax_t>(available) >= std::uintmax_t{n};
}

}  // namespace detail
ARENA_ARC_END_NAMESPACE

#endif  // ARENA_ARC_DETAIL_CHECKED_ARGUMENTS_HPP
