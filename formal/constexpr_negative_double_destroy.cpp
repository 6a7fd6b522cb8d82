// Negative control for the compile-time scenarios: with ARENA_ARC_FORMAL_PLANT_UB defined, an
// element is destroyed by hand and then again by the library when the chunk dies; ctest
// requires the compiler to reject the static_assert. clang++ rejects the second destruction
// itself ("destruction of object outside its lifetime"); g++ 12 does not diagnose it, and the
// scenario's own accounting (event_log::balanced, which every constexpr_* scenario checks)
// rejects it instead ("static assertion failed"). Without the macro the scenario is valid and
// is built as an ordinary target.
#include "support/constexpr_world.hpp"

#include <arena_arc/arena_arc.hpp>

#include <cstdint>
#include <memory>

namespace {

constexpr bool destroy_an_element_twice() {
  formal::event_log log;
  {
    arena_arc::Allocator<formal::counted, std::uint32_t, 4, arena_arc::local_refcount> a;
    const auto s = a.alloc(2, formal::ids_from(log, 0));
#if defined(ARENA_ARC_FORMAL_PLANT_UB)
    // The planted bug: the element's lifetime ends here, and the chunk's end destroys it again.
    std::destroy_at(const_cast<formal::counted*>(s.data()));
#endif
  }
  return log.balanced() && log.destructions == 2;
}

static_assert(destroy_an_element_twice());

}  // namespace

int main() { return 0; }
