// Must not compile with ARENA_ARC_COMPILE_FAIL: alloc's init returns something that does not
// convert to T.
#include <arena_arc/arena_arc.hpp>

#include <cstddef>
#include <string>

#ifdef ARENA_ARC_COMPILE_FAIL
inline std::string make(std::size_t) { return "x"; }
#else
inline int make(std::size_t i) { return static_cast<int>(i); }
#endif

std::size_t compile_fail_init_not_convertible() {
  return arena_arc::Allocator<int>().alloc(2, make).size();
}
