// arena-arc: every memory order of the library stronger than relaxed, in one place, each with the
// test-only switch that weakens exactly that order to relaxed.
//
// The reason for each order is stated where it is used. The switches (ARENA_ARC_TEST_WEAKEN_*)
// exist for the negative controls of the interleaving checks: formal/relacy/ builds one program
// per switch, and each must make Relacy report the data race (or the failed assertion) the
// weakened order allows; docs/VERIFICATION.md has the table. No build for users defines them.
// (The owner ledger's fences are not memory-order arguments: their switches are in
// detail/asymmetric_fence.hpp. The violation handler's two orders are in violation.hpp, outside
// the configuration's namespace.)
#ifndef ARENA_ARC_DETAIL_MEMORY_ORDERS_HPP
#define ARENA_ARC_DETAIL_MEMORY_ORDERS_HPP

#include <arena_arc/config.hpp>

#include <atomic>

ARENA_ARC_BEGIN_NAMESPACE
namespace detail::orders {

// Reference counts (detail/counter.hpp): the decrement of a release.
#if defined(ARENA_ARC_TEST_WEAKEN_RELEASE)
inline constexpr std::memory_order release_decrement = std::memory_order_relaxed;
#else
inline constexpr std::memory_order release_decrement = std::memory_order_release;
#endif

// Reference counts: the acquire fence (an acquire load under TSan) after the last release.
#if defined(ARENA_ARC_TEST_WEAKEN_LAST_RELEASE)
inline constexpr std::memory_order last_release = std::memory_order_relaxed;
#else
inline constexpr std::memory_order last_release = std::memory_order_acquire;
#endif

// Reference counts: the sole-ownership load (rewinding or reusing a chunk in place).
#if defined(ARENA_ARC_TEST_WEAKEN_SOLE_OWNER)
inline constexpr std::memory_order sole_owner_load = std::memory_order_relaxed;
#else
inline constexpr std::memory_order sole_owner_load = std::memory_order_acquire;
#endif

// Recycler (detail/recycler.hpp): the successful compare-exchange of a push (give_back).
#if defined(ARENA_ARC_TEST_WEAKEN_RECYCLER_PUSH)
inline constexpr std::memory_order recycler_push = std::memory_order_relaxed;
#else
inline constexpr std::memory_order recycler_push = std::memory_order_release;
#endif

// Recycler: the exchange that takes every returned chunk (take_all).
#if defined(ARENA_ARC_TEST_WEAKEN_RECYCLER_TAKE)
inline constexpr std::memory_order recycler_take = std::memory_order_relaxed;
#else
inline constexpr std::memory_order recycler_take = std::memory_order_acquire;
#endif

// Recycler: the exchange that installs the closed mark (close).
#if defined(ARENA_ARC_TEST_WEAKEN_RECYCLER_CLOSE)
inline constexpr std::memory_order recycler_close = std::memory_order_relaxed;
#else
inline constexpr std::memory_order recycler_close = std::memory_order_acquire;
#endif

// Owner ledger (detail/owner_ledger.hpp): the store that ends a refund.
#if defined(ARENA_ARC_TEST_WEAKEN_REFUND_END)
inline constexpr std::memory_order refund_end = std::memory_order_relaxed;
#else
inline constexpr std::memory_order refund_end = std::memory_order_release;
#endif

// Owner ledger: the closer's wait for the busy flag to clear.
#if defined(ARENA_ARC_TEST_WEAKEN_CLOSE_WAIT)
inline constexpr std::memory_order close_wait = std::memory_order_relaxed;
#else
inline constexpr std::memory_order close_wait = std::memory_order_acquire;
#endif

}  // namespace detail::orders
ARENA_ARC_END_NAMESPACE

#endif  // ARENA_ARC_DETAIL_MEMORY_ORDERS_HPP
