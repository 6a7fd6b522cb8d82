// Reads a slice made in the other translation unit.
#include <arena_arc/arena_arc.hpp>

#include <cstddef>

int sum_of(const arena_arc::ArcSlice<int>& slice) {
  int sum = 0;
  for (std::size_t i = 0; i < slice.size(); ++i) sum += slice[i];
  return sum;
}
