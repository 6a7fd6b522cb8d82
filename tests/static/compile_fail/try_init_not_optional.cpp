// Must not compile with ARENA_ARC_COMPILE_FAIL: try_alloc's init returns neither std::optional nor
// std::expected.
#include <arena_arc/arena_arc.hpp>

#include <cstddef>
#include <optional>

#ifdef ARENA_ARC_COMPILE_FAIL
inline int make(std::size_t) { return 1; }
#else
inline std::optional<int> make(std::size_t) { return 1; }
#endif

bool compile_fail_try_init_not_optional() {
  return arena_arc::Allocator<int>().try_alloc(2, make).has_value();
}
