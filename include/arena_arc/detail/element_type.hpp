// arena-arc: what an element type must satisfy, checked once with readable messages.
#ifndef ARENA_ARC_DETAIL_ELEMENT_TYPE_HPP
#define ARENA_ARC_DETAIL_ELEMENT_TYPE_HPP

#include <arena_arc/config.hpp>

#include <type_traits>

ARENA_ARC_BEGIN_NAMESPACE
namespace detail {

// A class, not a function: its static_asserts run when `value` is first named, and it has no
// executable lines (nothing for coverage to report as never run).
template <class T>
struct element_type_requirements {
  static_assert(std::is_object_v<T> && !std::is_array_v<T>,
                "arena_arc: T must be a complete object type that is not an array");
  static_assert(!std::is_const_v<T> && !std::is_volatile_v<T>,
                "arena_arc: T must not be cv-qualified (elements are already read-only through "
                "handles)");
  static_assert(std::is_nothrow_destructible_v<T>,
                "arena_arc: T must be nothrow-destructible (elements are destroyed in bulk, "
                "possibly inside a noexcept release on another thread)");
  static constexpr bool value = true;
};

}  // namespace detail
ARENA_ARC_END_NAMESPACE

#endif  // ARENA_ARC_DETAIL_ELEMENT_TYPE_HPP
