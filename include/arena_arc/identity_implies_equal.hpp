// arena-arc: identity_implies_equal, which lets comparisons of a slice with itself skip the
// element loop.
#ifndef ARENA_ARC_IDENTITY_IMPLIES_EQUAL_HPP
#define ARENA_ARC_IDENTITY_IMPLIES_EQUAL_HPP

#include <arena_arc/detail/toolchain.hpp>  // first: one #error on an unsupported toolchain
#if ARENA_ARC_TOOLCHAIN_SUPPORTED

#include <arena_arc/config.hpp>

#include <type_traits>

ARENA_ARC_BEGIN_NAMESPACE

/// True when `x == x` holds for every value `x` of T, so that two views of the same elements
/// (same address, same length) compare equal without reading them: O(1) for two handles of
/// the same slice. True for integers, enumerations, pointers and std::nullptr_t; false for
/// floating-point types (a NaN is not equal to itself) and, by default, for class types.
/// Users may specialise it to true for a class type whose operator== is reflexive; a wrong
/// `true` makes a slice holding a non-reflexive value compare equal to itself.
template <class T>
struct identity_implies_equal
    : std::bool_constant<std::is_integral_v<T> || std::is_enum_v<T> || std::is_pointer_v<T> ||
                         std::is_member_pointer_v<T> || std::is_null_pointer_v<T>> {};

template <class T>
inline constexpr bool identity_implies_equal_v = identity_implies_equal<T>::value;

ARENA_ARC_END_NAMESPACE

#endif  // ARENA_ARC_TOOLCHAIN_SUPPORTED

#endif  // ARENA_ARC_IDENTITY_IMPLIES_EQUAL_HPP
