// Must not compile with ARENA_ARC_COMPILE_FAIL: a chunk capacity N of zero.
#include <arena_arc/arena_arc.hpp>

#include <cstdint>

#ifdef ARENA_ARC_COMPILE_FAIL
using tested = arena_arc::Allocator<int, std::uint32_t, 0>;
#else
using tested = arena_arc::Allocator<int, std::uint32_t, 1>;
#endif

int compile_fail_n_zero() { return *tested().alloc_value(1); }
