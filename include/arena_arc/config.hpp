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
// Mixing levels is diagnosed, not undefined: see "Mixed configurations" below.
//
// ARENA_ARC_HAS_EXCEPTIONS is 1 unless the compiler builds without exceptions
// (-fno-exceptions); then every documented throw becomes a violation instead.
#ifndef ARENA_ARC_CONFIG_HPP
#define ARENA_ARC_CONFIG_HPP

#include <arena_arc/detail/toolchain.hpp>  // first: one #error on an unsupported toolchain

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
// must use the same value to exchange handles (see below).
#ifndef ARENA_ARC_OWNER_REFUNDS
#define ARENA_ARC_OWNER_REFUNDS 1
#endif

// Mixed configurations. Everything of the library except the violation handler lives in an
// inline namespace whose name spells the configuration: arena_arc::abi_<level>_refunds<0|1>_
// exceptions<0|1> (users still write arena_arc::ArcSlice). Without it, two translation units
// built differently would define the same inline functions differently under one mangled name
// (an ODR violation the linker resolves silently by keeping one copy), and a chunk made by one
// would be read with the other's header layout. With it:
//  - each translation unit keeps its own code, so differently configured parts of a program
//    that do not exchange handles work side by side;
//  - a function whose signature names a library type (ArcSlice, Allocator, ...) compiled in one
//    configuration and called from another fails to LINK (undefined reference to
//    arena_arc::abi_...).
// What the tag encodes, and why:
//  - the hardening level, all four: DEBUG changes the chunk header (the canary); NONE, FAST and
//    EXTENSIVE share the layout but not the checks, and a linker keeping one copy of each
//    inline function would silently drop (or add) the checks a translation unit asked for;
//  - ARENA_ARC_OWNER_REFUNDS: the owner ledger is part of the chunk header only when it is on;
//  - ARENA_ARC_HAS_EXCEPTIONS: a documented throw is a violation (abort) without exceptions.
// ARENA_ARC_RECYCLE_BYTES is only the default limit of a new allocator, not in the tag: a
// program mixing values gets one of them as every allocator's default (each still bounded).
// Limit: mangled names of the user's own types do not carry the tag. A handle passed inside a
// user struct, or through void*, between differently configured translation units still links;
// reading it is then undefined (a DEBUG reader most likely stops at the chunk canary, whose
// value also encodes the configuration). Keep one configuration per program where handles
// cross such boundaries; the CMake package sets it for every consumer (ARENA_ARC_HARDENING).
#if ARENA_ARC_HARDENING == ARENA_ARC_HARDENING_NONE
#define ARENA_ARC_ABI_WITH_LEVEL_(refunds, exceptions) \
  abi_none_refunds##refunds##_exceptions##exceptions
#elif ARENA_ARC_HARDENING == ARENA_ARC_HARDENING_FAST
#define ARENA_ARC_ABI_WITH_LEVEL_(refunds, exceptions) \
  abi_fast_refunds##refunds##_exceptions##exceptions
#elif ARENA_ARC_HARDENING == ARENA_ARC_HARDENING_EXTENSIVE
#define ARENA_ARC_ABI_WITH_LEVEL_(refunds, exceptions) \
  abi_extensive_refunds##refunds##_exceptions##exceptions
#else
#define ARENA_ARC_ABI_WITH_LEVEL_(refunds, exceptions) \
  abi_debug_refunds##refunds##_exceptions##exceptions
#endif
// Only the digits 0 and 1 are pasted (whatever spelling the macros were given): no user macro
// can take part in forming the name.
#if ARENA_ARC_OWNER_REFUNDS
#define ARENA_ARC_ABI_REFUNDS_ 1
#else
#define ARENA_ARC_ABI_REFUNDS_ 0
#endif
#if ARENA_ARC_HAS_EXCEPTIONS
#define ARENA_ARC_ABI_EXCEPTIONS_ 1
#else
#define ARENA_ARC_ABI_EXCEPTIONS_ 0
#endif
#define ARENA_ARC_ABI_EXPAND_(with_level, refunds, exceptions) with_level(refunds, exceptions)
#define ARENA_ARC_ABI_TAG                                                  \
  ARENA_ARC_ABI_EXPAND_(ARENA_ARC_ABI_WITH_LEVEL_, ARENA_ARC_ABI_REFUNDS_, \
                        ARENA_ARC_ABI_EXCEPTIONS_)

// Open and close the library's namespace, arena_arc::ARENA_ARC_ABI_TAG; every header but
// violation.hpp (the one handler per program) declares inside it.
#define ARENA_ARC_BEGIN_NAMESPACE \
  namespace arena_arc {           \
  inline namespace ARENA_ARC_ABI_TAG {
#define ARENA_ARC_END_NAMESPACE \
  }                             \
  }

// ARENA_ARC_LEDGER_WAIT_MS (default 1000): how long, in milliseconds, an allocator leaving a
// chunk on another thread than the one that took it waits for that thread to finish a refund in
// flight (detail/owner_ledger.hpp) before it gives up; the chunk is then never freed if the
// refund is counted later (README, Safety notes). The model-checking build does not bound it.
#ifndef ARENA_ARC_LEDGER_WAIT_MS
#define ARENA_ARC_LEDGER_WAIT_MS 1000
#endif

// ARENA_ARC_WIDE_FILL (default 1 where it is supported: x86-64 with g++ or clang++, outside the
// model-checking build): slices of small trivially copyable elements built element by element
// (alloc with an init) are built with AVX2 vector stores when the running CPU has them, whatever
// the flags the program was compiled with (detail/wide_fill.hpp). 0 builds them with the
// compile target's instructions only. Not part of the ABI tag: both builds write the same
// elements on every CPU, so a program whose translation units mix values is correct with
// whichever copy of a fill the linker keeps; only the speed differs.
#ifndef ARENA_ARC_WIDE_FILL
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__)) && !defined(ARENA_ARC_RELACY)
#define ARENA_ARC_WIDE_FILL 1
#else
#define ARENA_ARC_WIDE_FILL 0
#endif
#endif
#if ARENA_ARC_WIDE_FILL && !defined(__x86_64__)
#error "ARENA_ARC_WIDE_FILL=1 needs an x86-64 target (its wide fills are AVX2 code)"
#endif

// ARENA_ARC_ALLOW_UNSIGNED_WRAP marks the one function whose unsigned arithmetic wraps around by
// design (detail/element_hash.hpp, the hash of a slice), so that clang's
// -fsanitize=unsigned-integer-overflow and unsigned-shift-base (in -fsanitize=integer; not
// undefined behaviour, and otherwise clean in the library) stay quiet there in a user's build.
#if defined(__clang__)
#define ARENA_ARC_ALLOW_UNSIGNED_WRAP \
  [[clang::no_sanitize("unsigned-integer-overflow", "unsigned-shift-base")]]
#else
#define ARENA_ARC_ALLOW_UNSIGNED_WRAP
#endif

#if defined(__GNUC__) || defined(__clang__)
#define ARENA_ARC_NOINLINE __attribute__((noinline))
#define ARENA_ARC_ALWAYS_INLINE inline __attribute__((always_inline))
// After a lambda's parameter list: its call operator is always inlined.
#define ARENA_ARC_LAMBDA_ALWAYS_INLINE __attribute__((always_inline))
#else
#define ARENA_ARC_NOINLINE
#define ARENA_ARC_ALWAYS_INLINE inline
#define ARENA_ARC_LAMBDA_ALWAYS_INLINE
#endif

// Marks a member whose result refers into *this: clang then reports a variable initialised from
// it on a temporary (-Wdangling). Nothing where the attribute is unknown (g++).
#if defined(__has_cpp_attribute)
#if __has_cpp_attribute(clang::lifetimebound)
#define ARENA_ARC_LIFETIMEBOUND [[clang::lifetimebound]]
#endif
#endif
#ifndef ARENA_ARC_LIFETIMEBOUND
#define ARENA_ARC_LIFETIMEBOUND
#endif

#endif  // ARENA_ARC_CONFIG_HPP
