// Negative control for the compile-time scenarios: with ARENA_ARC_FORMAL_PLANT_UB defined, a
// handle's storage is freed without running its destructor, so its reference is never given
// back and its chunk is never freed. Memory allocated during a constant evaluation and not
// freed by its end makes the evaluation fail: the compiler must reject the static_assert
// (ctest requires it). Without the macro the handle is destroyed properly.
#include "support/constexpr_world.hpp"

#include <arena_arc/arena_arc.hpp>

#include <cstdint>
#include <memory>

namespace {

using slice = arena_arc::ArcSlice<int, std::uint8_t, arena_arc::local_refcount>;

constexpr bool leak_a_handle() {
  std::allocator<slice> storage;
  slice* h = storage.allocate(1);
  {
    arena_arc::Allocator<int, std::uint8_t, 16, arena_arc::local_refcount> a;
    std::construct_at(h, a.alloc(4, [](std::size_t i) { return static_cast<int>(i); }));
  }
  const bool read = (*h)[3] == 3;
#if !defined(ARENA_ARC_FORMAL_PLANT_UB)
  std::destroy_at(h);
#endif
  // With the planted bug the handle dies unreleased here: its chunk leaks.
  storage.deallocate(h, 1);
  return read;
}

static_assert(leak_a_handle());

}  // namespace

int main() { return 0; }
