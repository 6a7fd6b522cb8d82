// lib_a of the shared-object tests (see library_api.hpp).
#include "boxes.hpp"

#include <cstdio>
#include <cstdlib>

namespace {
[[noreturn]] void marking_handler(const arena_arc::violation_info& info) {
  std::fprintf(stderr, "handler installed through lib_a: %s\n", info.check);
  std::abort();
}
}  // namespace

so_allocator* lib_a_make_allocator(std::pmr::memory_resource* upstream,
                                   std::size_t chunk_capacity) {
  return arena_arc_test::boxes::make_allocator(upstream, chunk_capacity);
}

void lib_a_destroy_allocator(so_allocator* allocator) { delete allocator; }

so_handle* lib_a_alloc(so_allocator* allocator, std::size_t length, std::uint64_t first) {
  return arena_arc_test::boxes::alloc(allocator, length, first);
}

void lib_a_drop(so_handle* handle) { delete handle; }

void lib_a_install_marking_handler() { arena_arc::set_violation_handler(&marking_handler); }

void lib_a_restore_default_handler() { arena_arc::set_violation_handler(nullptr); }

bool lib_a_handler_is_default() { return arena_arc_test::boxes::handler_is_default(); }

void lib_a_violate() { arena_arc_test::boxes::violate(); }
