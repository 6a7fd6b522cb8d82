// Must not compile with ARENA_ARC_COMPILE_FAIL: an element type whose destructor may throw.
#include <arena_arc/arena_arc.hpp>

#ifdef ARENA_ARC_COMPILE_FAIL
struct element {
  int value;
  ~element() noexcept(false) {}
};
#else
struct element {
  int value;
  ~element() noexcept(true) {}
};
#endif

int compile_fail_throwing_destructor() {
  return arena_arc::Allocator<element>().emplace(element{3})->value;
}
