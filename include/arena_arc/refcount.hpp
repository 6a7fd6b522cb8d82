// arena-arc: reference-count policies.
#ifndef ARENA_ARC_REFCOUNT_HPP
#define ARENA_ARC_REFCOUNT_HPP

#include <arena_arc/detail/toolchain.hpp>  // first: one #error on an unsupported toolchain
#if ARENA_ARC_TOOLCHAIN_SUPPORTED

#include <arena_arc/config.hpp>

#include <concepts>

ARENA_ARC_BEGIN_NAMESPACE

/// Handles may be copied, moved, read and destroyed concurrently on any threads, like
/// std::shared_ptr. The last release may run T's destructor on any thread.
struct atomic_refcount {
  static constexpr bool is_atomic = true;
};

/// Plain counters, no atomic instruction (Rust's Rc flavour): every handle of an allocator, and
/// the allocator itself, stay on one thread.
struct local_refcount {
  static constexpr bool is_atomic = false;
};

/// One of the two policies above.
template <class RC>
concept refcount_policy = std::same_as<RC, atomic_refcount> || std::same_as<RC, local_refcount>;

ARENA_ARC_END_NAMESPACE

#endif  // ARENA_ARC_TOOLCHAIN_SUPPORTED

#endif  // ARENA_ARC_REFCOUNT_HPP
