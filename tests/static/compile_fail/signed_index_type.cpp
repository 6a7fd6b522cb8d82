// Must not compile with ARENA_ARC_COMPILE_FAIL: a signed index type L.
#include <arena_arc/arena_arc.hpp>

#include <cstddef>
#include <cstdint>

#ifdef ARENA_ARC_COMPILE_FAIL
using index_under_test = std::int32_t;
#else
using index_under_test = std::uint32_t;
#endif

std::size_t compile_fail_signed_index_type() {
  return arena_arc::ArcSlice<int, index_under_test>().size();
}
