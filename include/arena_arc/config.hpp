// arena-arc: configuration macros.
//
// ARENA_ARC_HARDENING selects which run-time checks are compiled in, in the manner of libc++:
//   ARENA_ARC_HARDENING_NONE       only the checks documented as "always" (bounds of at(),
//                                  subslice(), length validation, re-entrancy, refcount overflow)
//   ARENA_ARC_HARDENING_FAST       + O(1) preconditions: operator[], front(), back(), get() on a
//                                  moved-from ArcSingle (the default)
//   ARENA_ARC_HARDENING_EXTENSIVE  + internal invariants (bump pointer within capacity, reference
//                                  count never underflows, the allocator never runs out of
//                                  pre-paid references)
//   ARENA_ARC_HARDENING_DEBUG      + a canary in every chunk header checked on each handle
//                                  access, and freed chunk memory scribbled over before it goes
//                                  back upstream
// Every translation unit of a program must use the same level (as with libc++).
//
// ARENA_ARC_HAS_EXCEPTIONS is 1 unless the compiler builds without exceptions
// (-fno-exceptions); then every documented throw becomes a violation instead.
#ifndef ARENA_ARC_CONFIG_HPP
#define ARENA_ARC_CONFIG_HPP

#include <cstddef>

#define ARENA_ARC_HARDENING_NONE 0
#define ARENA_ARC_HARDENING_FAST 1
#define ARENA_ARC_HARDENING_EXTENSIVE 2
#define ARENA_ARC_HARDENING_DEBUG 3

#ifndef ARENA_ARC_HARDENING
#define ARENA_ARC_HARDENING ARENA_ARC_HARDENING_FAST
#endif

#if ARENA_ARC_HARDENING < ARENA_ARC_HARDENING_NONE || \
    ARENA_ARC_HARDENING > ARENA_ARC_HARDENING_DEBUG
#error "ARENA_ARC_HARDENING must be one of ARENA_ARC_HARDENING_{NONE,FAST,EXTENSIVE,DEBUG}"
#endif

#ifndef ARENA_ARC_HAS_EXCEPTIONS
#if defined(__cpp_exceptions) || defined(__EXCEPTIONS)
#define ARENA_ARC_HAS_EXCEPTIONS 1
#else
#define ARENA_ARC_HAS_EXCEPTIONS 0
#endif
#endif

// ARENA_ARC_RECYCLE_BYTES: the default bound, in bytes, on the idle standard chunks an allocator
// keeps for reuse (Allocator::set_recycle_limit overrides it per allocator, in chunks).
#ifndef ARENA_ARC_RECYCLE_BYTES
#define ARENA_ARC_RECYCLE_BYTES (std::size_t{64} << 20)
#endif

// ARENA_ARC_OWNER_REFUNDS (default 1): with atomic_refcount, a handle released on the thread
// that is filling its chunk gives its reference back to the allocator with plain loads and
// stores instead of a locked read-modify-write (detail/owner_ledger.hpp; Linux, through
// membarrier). 0 makes every release the atomic decrement. Every translation unit of a program
// must use the same value.
#ifndef ARENA_ARC_OWNER_REFUNDS
#define ARENA_ARC_OWNER_REFUNDS 1
#endif

// ARENA_ARC_LEDGER_WAIT_MS (default 1000): how long, in milliseconds, an allocator leaving a
// chunk on another thread than the one that took it waits for that thread to finish a refund in
// flight (detail/owner_ledger.hpp) before it gives up; the chunk is then never freed if the
// refund is counted later (README, Safety notes). The model-checking build does not bound it.
#ifndef ARENA_ARC_LEDGER_WAIT_MS
#define ARENA_ARC_LEDGER_WAIT_MS 1000
#endif

#if defined(__GNUC__) || defined(__clang__)
#define ARENA_ARC_NOINLINE __attribute__((noinline))
#define ARENA_ARC_ALWAYS_INLINE inline __attribute__((always_inline))
#else
#define ARENA_ARC_NOINLINE
#define ARENA_ARC_ALWAYS_INLINE inline
#endif

#endif  // ARENA_ARC_CONFIG_HPP
