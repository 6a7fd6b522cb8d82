// Must not compile with ARENA_ARC_COMPILE_FAIL: a const element type (elements are already
// read-only through handles).
#include <arena_arc/arena_arc.hpp>

#ifdef ARENA_ARC_COMPILE_FAIL
using element = const int;
#else
using element = int;
#endif

int compile_fail_const_element() { return *arena_arc::Allocator<element>().alloc_value(1); }
