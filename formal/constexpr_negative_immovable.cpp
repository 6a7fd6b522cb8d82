// Negative control for the compile-time scenarios: with ARENA_ARC_FORMAL_PLANT_UB defined, the
// element type can be neither copied nor moved. At run time a prvalue init builds such an
// element in place (guaranteed copy elision); constant evaluation has only std::construct_at,
// which needs a move, so the library routes that case to a non-constexpr function and the
// compiler must reject the static_assert (ctest requires the diagnostic: clang++ names that
// function, g++ the construction it reaches after it). This is the only way to reach the
// constant-evaluation-only branch of detail/construct.hpp for immovable types. Without the
// macro the element is movable and the scenario is valid.
#include "support/constexpr_world.hpp"

#include <arena_arc/arena_arc.hpp>

#include <cstddef>
#include <cstdint>

namespace {

struct element {
  int value;
  constexpr explicit element(int v) : value(v) {}
#if defined(ARENA_ARC_FORMAL_PLANT_UB)
  element(const element&) = delete;
  element(element&&) = delete;
  element& operator=(const element&) = delete;
  element& operator=(element&&) = delete;
  ~element() = default;
#endif
};

constexpr bool build_one() {
  arena_arc::Allocator<element, std::uint8_t, 16, arena_arc::local_refcount> a;
  const auto s = a.alloc(2, [](std::size_t i) { return element(static_cast<int>(i) + 1); });
  return s[0].value == 1 && s[1].value == 2;
}

static_assert(build_one());

}  // namespace

int main() { return 0; }
