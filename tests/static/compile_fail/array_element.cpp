// Must not compile with ARENA_ARC_COMPILE_FAIL: an array element type.
#include <arena_arc/arena_arc.hpp>

#ifdef ARENA_ARC_COMPILE_FAIL
using tested = arena_arc::ArcSlice<int[3]>;
#else
using tested = arena_arc::ArcSlice<int>;
#endif

std::size_t compile_fail_array_element() { return tested().size(); }
