// Must not compile with ARENA_ARC_COMPILE_FAIL: a chunk capacity N above the maximum of L.
#include <arena_arc/arena_arc.hpp>

#include <cstdint>

#ifdef ARENA_ARC_COMPILE_FAIL
using tested = arena_arc::Allocator<int, std::uint8_t, 256>;
#else
using tested = arena_arc::Allocator<int, std::uint8_t, 255>;
#endif

int compile_fail_n_above_index_max() { return *tested().alloc_value(1); }
