// arena-arc: the public entry header.
//
//   arena_arc::Allocator<T, L, N, RC>  bump-allocates slices from shared chunks
//   arena_arc::ArcSlice<T, L, RC>      read-only, reference-counted handle to a slice
//   arena_arc::ArcSingle<T, L, RC>     read-only, reference-counted handle to one element
//   arena_arc::SliceBuilder<T, L, N, RC> builds a slice of unknown length in place
//   arena_arc::release_all(handles)    drops a batch of handles, one count update per chunk
//   ==, <=> (compare.hpp), std::hash, slice_hash, slice_equal (hash.hpp), operator<< and
//   std::formatter (text.hpp) for handles
//   arena_arc::atomic_refcount / local_refcount, AllocatorStats, index_type,
//   set_violation_handler, ARENA_ARC_HARDENING_* (see config.hpp)
#ifndef ARENA_ARC_ARENA_ARC_HPP
#define ARENA_ARC_ARENA_ARC_HPP

#include <arena_arc/detail/toolchain.hpp>  // first: one #error on an unsupported toolchain
#if ARENA_ARC_TOOLCHAIN_SUPPORTED

#include <arena_arc/allocator.hpp>
#include <arena_arc/allocator_stats.hpp>
#include <arena_arc/arc_single.hpp>
#include <arena_arc/arc_slice.hpp>
#include <arena_arc/compare.hpp>
#include <arena_arc/config.hpp>
#include <arena_arc/fwd.hpp>
#include <arena_arc/hash.hpp>
#include <arena_arc/identity_implies_equal.hpp>
#include <arena_arc/index_type.hpp>
#include <arena_arc/refcount.hpp>
#include <arena_arc/release_all.hpp>
#include <arena_arc/slice_builder.hpp>
#include <arena_arc/text.hpp>
#include <arena_arc/violation.hpp>

#endif  // ARENA_ARC_TOOLCHAIN_SUPPORTED

#endif  // ARENA_ARC_ARENA_ARC_HPP
