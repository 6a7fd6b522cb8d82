// Makes a slice and hands it to sum_of(), compiled in the other translation unit.
#include <arena_arc/arena_arc.hpp>

#include <cstddef>
#include <cstdio>

int sum_of(const arena_arc::ArcSlice<int>& slice);

int main() {
  arena_arc::Allocator<int> ints;
  const auto squares = ints.alloc(5, [](std::size_t i) { return static_cast<int>(i * i); });
  const int sum = sum_of(squares);
  if (sum != 0 + 1 + 4 + 9 + 16) {
    std::fprintf(stderr, "mixed configurations: sum_of read %d, expected 30\n", sum);
    return 1;
  }
  std::puts("mixed configurations: exchange ok");
  return 0;
}
