// Must not compile with ARENA_ARC_COMPILE_FAIL: a bool length (it would silently mean 0 or 1
// elements).
#include <arena_arc/arena_arc.hpp>

#include <cstddef>

#ifdef ARENA_ARC_COMPILE_FAIL
inline constexpr bool requested_length = true;
#else
inline constexpr int requested_length = 1;
#endif

std::size_t compile_fail_bool_length() {
  return arena_arc::Allocator<int>().alloc(requested_length, [](std::size_t) { return 1; }).size();
}
