// The C-like interface of the two shared libraries of the shared-object tests. Each library
// compiles arena-arc into itself with its symbols hidden and exports only these functions, as a
// plugin or a component library would. A handle is an ArcSlice<std::uint64_t> boxed on the heap;
// one made by either library may be copied, read and dropped through the other.
#ifndef ARENA_ARC_TESTS_SHARED_OBJECTS_LIBRARY_API_HPP
#define ARENA_ARC_TESTS_SHARED_OBJECTS_LIBRARY_API_HPP

#include <cstddef>
#include <cstdint>
#include <memory_resource>

#define ARENA_ARC_TEST_EXPORT extern "C" __attribute__((visibility("default")))

struct so_allocator;  // an Allocator<std::uint64_t>, used by one thread at a time
struct so_handle;     // an ArcSlice<std::uint64_t>

// lib_a: makes allocators and slices, drops them, and installs its own violation handler.
ARENA_ARC_TEST_EXPORT so_allocator* lib_a_make_allocator(std::pmr::memory_resource* upstream,
                                                         std::size_t chunk_capacity);
ARENA_ARC_TEST_EXPORT void lib_a_destroy_allocator(so_allocator* allocator);
/// A slice of `length` elements first, first + 1, ...
ARENA_ARC_TEST_EXPORT so_handle* lib_a_alloc(so_allocator* allocator, std::size_t length,
                                             std::uint64_t first);
ARENA_ARC_TEST_EXPORT void lib_a_drop(so_handle* handle);
/// Installs a handler of lib_a's that names itself on stderr, then aborts.
ARENA_ARC_TEST_EXPORT void lib_a_install_marking_handler();
ARENA_ARC_TEST_EXPORT void lib_a_restore_default_handler();
ARENA_ARC_TEST_EXPORT bool lib_a_handler_is_default();
/// Raises an "always" violation (allocator re-entrancy) in lib_a's code.
ARENA_ARC_TEST_EXPORT void lib_a_violate();

// lib_b: its own allocators, and copies, reads and drops of handles from either library.
ARENA_ARC_TEST_EXPORT so_allocator* lib_b_make_allocator(std::pmr::memory_resource* upstream,
                                                         std::size_t chunk_capacity);
ARENA_ARC_TEST_EXPORT void lib_b_destroy_allocator(so_allocator* allocator);
ARENA_ARC_TEST_EXPORT so_handle* lib_b_alloc(so_allocator* allocator, std::size_t length,
                                             std::uint64_t first);
ARENA_ARC_TEST_EXPORT so_handle* lib_b_copy(const so_handle* handle);
/// The sum of the slice's elements.
ARENA_ARC_TEST_EXPORT std::uint64_t lib_b_sum(const so_handle* handle);
ARENA_ARC_TEST_EXPORT void lib_b_drop(so_handle* handle);
ARENA_ARC_TEST_EXPORT bool lib_b_handler_is_default();
/// Raises an "always" violation (allocator re-entrancy) in lib_b's code.
ARENA_ARC_TEST_EXPORT void lib_b_violate();

#endif  // ARENA_ARC_TESTS_SHARED_OBJECTS_LIBRARY_API_HPP
