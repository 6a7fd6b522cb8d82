// The other translation unit of separate_a.cpp: the same instantiations, its own configuration.
#include <arena_arc/arena_arc.hpp>

#include <cstddef>
#include <string>

int checksum_of_part_b() {
  arena_arc::Allocator<int> ints;
  int sum = 0;
  for (int round = 0; round < 8; ++round) {
    const auto slice = ints.alloc(100, [](std::size_t i) { return static_cast<int>(i); });
    for (std::size_t i = 0; i < slice.size(); ++i) sum += slice[i];
  }
  return sum;
}

// The check name the installed violation handler throws for a re-entrant allocation.
std::string violation_seen_by_part_b() {
  arena_arc::Allocator<int> ints;
  try {
    static_cast<void>(ints.alloc_single([&] { return *ints.alloc_single([] { return 1; }); }));
  } catch (const std::string& check) {
    return check;
  }
  return "no violation";
}
