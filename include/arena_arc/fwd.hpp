// arena-arc: forward declarations of the public class templates and their defaults.
#ifndef ARENA_ARC_FWD_HPP
#define ARENA_ARC_FWD_HPP

#include <arena_arc/detail/toolchain.hpp>  // first: one #error on an unsupported toolchain
#if ARENA_ARC_TOOLCHAIN_SUPPORTED

#include <arena_arc/config.hpp>
#include <arena_arc/index_type.hpp>
#include <arena_arc/refcount.hpp>

#include <cstddef>
#include <cstdint>

ARENA_ARC_BEGIN_NAMESPACE

template <class T, index_type L = std::uint32_t, refcount_policy RC = atomic_refcount>
class ArcSlice;

template <class T, index_type L = std::uint32_t, refcount_policy RC = atomic_refcount>
class ArcSingle;

template <class T, index_type L = std::uint32_t, std::size_t N = 256,
          refcount_policy RC = atomic_refcount>
class Allocator;

template <class T, index_type L = std::uint32_t, std::size_t N = 256,
          refcount_policy RC = atomic_refcount>
class SliceBuilder;

namespace detail {
/// Grants the allocator and the handle types access to each other's private constructors
/// (which adopt a reference the caller already owns).
struct handle_access;
}  // namespace detail

ARENA_ARC_END_NAMESPACE

#endif  // ARENA_ARC_TOOLCHAIN_SUPPORTED

#endif  // ARENA_ARC_FWD_HPP
