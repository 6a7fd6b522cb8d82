// Must not compile with ARENA_ARC_COMPILE_FAIL: alloc's init cannot be called with an index.
#include <arena_arc/arena_arc.hpp>

#include <cstddef>

#ifdef ARENA_ARC_COMPILE_FAIL
inline int make() { return 1; }
#else
inline int make(std::size_t) { return 1; }
#endif

std::size_t compile_fail_init_wrong_arity() {
  return arena_arc::Allocator<int>().alloc(2, make).size();
}
