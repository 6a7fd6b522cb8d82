// arena-arc: the index_type concept.
#ifndef ARENA_ARC_INDEX_TYPE_HPP
#define ARENA_ARC_INDEX_TYPE_HPP

#include <arena_arc/detail/toolchain.hpp>  // first: one #error on an unsupported toolchain
#if ARENA_ARC_TOOLCHAIN_SUPPORTED

#include <arena_arc/config.hpp>

#include <concepts>
#include <type_traits>

ARENA_ARC_BEGIN_NAMESPACE

/// The type of offsets and lengths inside a chunk: an unsigned integer other than bool, without
/// cv-qualifiers. Its maximum bounds a chunk's capacity and every slice's length.
template <class L>
concept index_type = std::unsigned_integral<L> && !std::same_as<L, bool> &&
                     std::same_as<L, std::remove_cv_t<L>>;

ARENA_ARC_END_NAMESPACE

#endif  // ARENA_ARC_TOOLCHAIN_SUPPORTED

#endif  // ARENA_ARC_INDEX_TYPE_HPP
