// lib_b of the shared-object tests (see library_api.hpp).
#include "boxes.hpp"

so_allocator* lib_b_make_allocator(std::pmr::memory_resource* upstream,
                                   std::size_t chunk_capacity) {
  return arena_arc_test::boxes::make_allocator(upstream, chunk_capacity);
}

void lib_b_destroy_allocator(so_allocator* allocator) { delete allocator; }

so_handle* lib_b_alloc(so_allocator* allocator, std::size_t length, std::uint64_t first) {
  return arena_arc_test::boxes::alloc(allocator, length, first);
}

so_handle* lib_b_copy(const so_handle* handle) { return new so_handle{handle->slice}; }

std::uint64_t lib_b_sum(const so_handle* handle) { return arena_arc_test::boxes::sum(handle); }

void lib_b_drop(so_handle* handle) { delete handle; }

bool lib_b_handler_is_default() { return arena_arc_test::boxes::handler_is_default(); }

void lib_b_violate() { arena_arc_test::boxes::violate(); }
