// arena-arc: building slices of small trivially copyable elements with the AVX2 stores of the
// running CPU, in a program compiled for any x86-64 (ARENA_ARC_WIDE_FILL, config.hpp).
//
// Why: a compiler vectorises the fill loops of construct.hpp for the target it is given, and
// distributions and most builds target baseline x86-64: 16-byte SSE2 stores, half of what every
// x86-64 CPU with AVX2 (2013 on) can store. Long fills run at that store bandwidth.
// How: construct.hpp instantiates the body of fill_each a second time, inside a function whose
// target attribute adds AVX2. The body is inlined there with all it calls (the user's init too:
// code for a subset of the caller's instructions may be inlined) and vectorised for AVX2.
// fill_each calls it when wide_fill_available() says the CPU can run it.
// Why that stays correct wherever a program runs:
//  - wide_fill_available() reads the CPU model of libgcc (or compiler-rt): a global filled once,
//    by a constructor, from the CPUID instruction and XGETBV (the OS saves the YMM registers).
//    Reading it is a plain load: async-signal-safe, no system call (seccomp filters), the same
//    after fork, and every shared library built with -fvisibility=hidden reads its own copy,
//    filled from the same CPU.
//  - Before that constructor has run (a fill from a static constructor that runs earlier), the
//    model is still zero and reads "no AVX2": the fill takes the compile target's path, correct
//    and only slower.
//  - Both paths are the same source: the same elements, in the same index order, with the same
//    stop and exception behaviour.
#ifndef ARENA_ARC_DETAIL_WIDE_FILL_HPP
#define ARENA_ARC_DETAIL_WIDE_FILL_HPP

#include <arena_arc/config.hpp>

#if ARENA_ARC_WIDE_FILL
// Adds AVX2 to the instructions the compiler may use in one function; nothing else changes.
#define ARENA_ARC_DETAIL_WIDE_TARGET __attribute__((target("avx2")))

ARENA_ARC_BEGIN_NAMESPACE
namespace detail {

/// Whether the running CPU and OS can run code built with ARENA_ARC_DETAIL_WIDE_TARGET.
[[nodiscard]] inline bool wide_fill_available() noexcept {
  return static_cast<bool>(__builtin_cpu_supports("avx2"));  // int with g++, bool with clang++
}

}  // namespace detail
ARENA_ARC_END_NAMESPACE
#endif

#endif  // ARENA_ARC_DETAIL_WIDE_FILL_HPP
