// Must not compile with ARENA_ARC_COMPILE_FAIL: alloc_single's init returns something that does not
// convert to T.
#include <arena_arc/arena_arc.hpp>

#include <string>

#ifdef ARENA_ARC_COMPILE_FAIL
inline std::string make() { return "x"; }
#else
inline int make() { return 1; }
#endif

int compile_fail_single_init_not_convertible() {
  return *arena_arc::Allocator<int>().alloc_single(make);
}
