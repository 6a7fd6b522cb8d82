// Must not compile with ARENA_ARC_COMPILE_FAIL: alloc_for_overwrite's writer must return how
// many elements it wrote.
#include <arena_arc/arena_arc.hpp>

#include <cstddef>
#include <span>

std::size_t compile_fail_overwrite_writer_returns_void() {
  arena_arc::Allocator<char> chars;
#ifdef ARENA_ARC_COMPILE_FAIL
  return chars.alloc_for_overwrite(4, [](std::span<char> room) { room[0] = 'a'; }).size();
#else
  return chars
      .alloc_for_overwrite(4,
                           [](std::span<char> room) {
                             room[0] = 'a';
                             return 1;
                           })
      .size();
#endif
}
