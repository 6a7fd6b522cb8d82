// Must not compile with ARENA_ARC_COMPILE_FAIL: alloc_for_overwrite hands out uninitialised
// slots, which only trivially copyable (implicit-lifetime) element types may be.
#include <arena_arc/arena_arc.hpp>

#include <cstddef>
#include <span>
#include <string>

std::size_t compile_fail_overwrite_not_trivially_copyable() {
#ifdef ARENA_ARC_COMPILE_FAIL
  arena_arc::Allocator<std::string> strings;
  return strings.alloc_for_overwrite(4, [](std::span<std::string>) { return 0; }).size();
#else
  arena_arc::Allocator<int> ints;
  return ints.alloc_for_overwrite(4, [](std::span<int>) { return 0; }).size();
#endif
}
