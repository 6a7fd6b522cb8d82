// Negative control for the compile-time scenarios: with ARENA_ARC_FORMAL_PLANT_UB defined, an
// element is read through a pointer kept after its last owner (the handle, then the allocator)
// is gone, so after its destruction and the release of its chunk. The compiler must reject the
// static_assert (ctest requires it); without the macro the read happens while the handle lives
// and the scenario is valid.
#include "support/constexpr_world.hpp"

#include <arena_arc/arena_arc.hpp>

#include <cstdint>

namespace {

constexpr bool read_after_release() {
  const int* p = nullptr;
  int value = 0;
  {
    arena_arc::Allocator<int, std::uint32_t, 4, arena_arc::atomic_refcount> a;
    const auto s = a.alloc(3, [](std::size_t i) { return static_cast<int>(i) + 7; });
    p = s.data() + 1;
#if !defined(ARENA_ARC_FORMAL_PLANT_UB)
    value = *p;
#endif
  }
#if defined(ARENA_ARC_FORMAL_PLANT_UB)
  // The planted bug: the chunk was freed when the allocator, its last owner, went.
  value = *p;
#endif
  return value == 8;
}

static_assert(read_after_release());

}  // namespace

int main() { return 0; }
