// arena-arc: refuses an unsupported toolchain with ONE #error, before anything else is compiled.
//
// Every public header includes this first and compiles its body only #if
// ARENA_ARC_TOOLCHAIN_SUPPORTED, so that a compiler in C++17 mode, or a standard library that
// lacks a C++20 facility the library uses (libc++ 14 has neither std::atomic_ref nor
// <memory_resource>), reports the one missing requirement instead of a cascade of errors from
// the code that uses it. The checks are feature-test macros (<version>), not version numbers:
// the supported and tested toolchains are listed in README.md, "Supported toolchains".
// Deliberately free of library macros: config.hpp includes this file, not the reverse.
#ifndef ARENA_ARC_DETAIL_TOOLCHAIN_HPP
#define ARENA_ARC_DETAIL_TOOLCHAIN_HPP

// MSVC reports __cplusplus as 199711L unless /Zc:__cplusplus; _MSVC_LANG is always right.
#if defined(_MSVC_LANG) && _MSVC_LANG > __cplusplus
#define ARENA_ARC_DETAIL_CPLUSPLUS _MSVC_LANG
#else
#define ARENA_ARC_DETAIL_CPLUSPLUS __cplusplus
#endif

// One #if/#elif chain: at most one #error, naming the first requirement that is missing.
#if ARENA_ARC_DETAIL_CPLUSPLUS < 202002L
#error "arena-arc requires C++20 or later (-std=c++20); see README.md, Supported toolchains"
#define ARENA_ARC_TOOLCHAIN_SUPPORTED 0
#else
#include <version>
#if !defined(__cpp_concepts) || !defined(__cpp_lib_concepts)
#error "arena-arc: the C++ library lacks concepts (__cpp_lib_concepts); see README.md"
#define ARENA_ARC_TOOLCHAIN_SUPPORTED 0
#elif !defined(__cpp_lib_atomic_ref)
#error "arena-arc: the C++ library lacks std::atomic_ref (__cpp_lib_atomic_ref); see README.md"
#define ARENA_ARC_TOOLCHAIN_SUPPORTED 0
#elif !defined(__cpp_lib_memory_resource)
#error "arena-arc: the C++ library lacks <memory_resource> (__cpp_lib_memory_resource)"
#define ARENA_ARC_TOOLCHAIN_SUPPORTED 0
#elif !defined(__cpp_impl_three_way_comparison) || !defined(__cpp_lib_three_way_comparison)
#error "arena-arc: the C++ library lacks <compare> (__cpp_lib_three_way_comparison); see README.md"
#define ARENA_ARC_TOOLCHAIN_SUPPORTED 0
#elif !defined(__cpp_lib_ranges)
#error "arena-arc: the C++ library lacks <ranges> (__cpp_lib_ranges); see README.md"
#define ARENA_ARC_TOOLCHAIN_SUPPORTED 0
#elif !defined(__cpp_lib_span)
#error "arena-arc: the C++ library lacks std::span (__cpp_lib_span); see README.md"
#define ARENA_ARC_TOOLCHAIN_SUPPORTED 0
// (std::is_constant_evaluated() comes with it; its own macro is not checked: clang-tidy 14 over
// libstdc++ 12 leaves __cpp_lib_is_constant_evaluated undefined, the function still declared.)
#elif !defined(__cpp_lib_constexpr_dynamic_alloc)
#error "arena-arc: the C++ library lacks constexpr allocation (__cpp_lib_constexpr_dynamic_alloc)"
#define ARENA_ARC_TOOLCHAIN_SUPPORTED 0
// clang 14 implements C++23's `if consteval` wrongly in function templates: libstdc++ 12 builds
// std::is_constant_evaluated() on it, which then answers true at run time, and the library
// would take its compile-time paths in a running program (clang 15 and later are right).
#elif defined(__clang__) && !defined(__apple_build_version__) && __clang_major__ == 14 && \
    defined(__GLIBCXX__) && defined(__cpp_if_consteval)
#error "arena-arc: clang 14's C++23 mode breaks std::is_constant_evaluated(); use -std=c++20"
#define ARENA_ARC_TOOLCHAIN_SUPPORTED 0
#else
#define ARENA_ARC_TOOLCHAIN_SUPPORTED 1
#endif
#endif

#endif  // ARENA_ARC_DETAIL_TOOLCHAIN_HPP
