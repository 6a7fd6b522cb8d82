// The translation unit of the mixed ARENA_ARC_WIDE_FILL test built without wide fills (see
// wide_fill_test.cpp). The macro is set before any library header, as a build would set it.
#undef ARENA_ARC_WIDE_FILL
#define ARENA_ARC_WIDE_FILL 0

#include <arena_arc/arena_arc.hpp>

#include <cstddef>
#include <cstdint>
#include <vector>

#include "wide_fill_mixed.hpp"

static_assert(ARENA_ARC_WIDE_FILL == 0);

namespace arena_arc_testing {

std::vector<std::uint64_t> fill_with_wide_fill_off(std::size_t n) {
  arena_arc::Allocator<std::uint64_t, std::uint32_t, 4096> a;
  const auto s = a.alloc(n, mixed_fill_init{});
  return {s.begin(), s.end()};
}

}  // namespace arena_arc_testing
