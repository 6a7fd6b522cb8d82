// arena-arc: allocator counters.
#ifndef ARENA_ARC_ALLOCATOR_STATS_HPP
#define ARENA_ARC_ALLOCATOR_STATS_HPP

#include <arena_arc/detail/toolchain.hpp>  // first: one #error on an unsupported toolchain
#if ARENA_ARC_TOOLCHAIN_SUPPORTED

#include <arena_arc/config.hpp>

#include <cstddef>

ARENA_ARC_BEGIN_NAMESPACE

/// Counters of one allocator since its construction (a moved-to allocator takes them over).
/// A failed allocation changes none of them.
struct AllocatorStats {
  /// Chunks obtained from the upstream resource, standard and dedicated.
  std::size_t chunks_allocated = 0;
  /// Standard chunks taken back from the allocator's recycling cache instead of upstream, and
  /// rewinds (the current chunk reused in place once all of its handles are gone).
  std::size_t chunks_reused = 0;
  /// Chunks of exactly `len` elements made for requests longer than the chunk capacity
  /// (included in chunks_allocated).
  std::size_t dedicated_chunks = 0;
  /// Elements handed out in non-empty slices and singles.
  std::size_t elements_allocated = 0;
  /// Unused tail elements of standard chunks the allocator stopped allocating from.
  std::size_t elements_wasted = 0;

  friend constexpr bool operator==(const AllocatorStats&, const AllocatorStats&) = default;
};

ARENA_ARC_END_NAMESPACE

#endif  // ARENA_ARC_TOOLCHAIN_SUPPORTED

#endif  // ARENA_ARC_ALLOCATOR_STATS_HPP
