// Allocates and reads its own slices; so does the other translation unit, configured otherwise.
// Only plain types cross between the two.
#include <arena_arc/arena_arc.hpp>

#include <cstddef>
#include <cstdio>
#include <string>

int checksum_of_part_b();
std::string violation_seen_by_part_b();

namespace {

int checksum_of_part_a() {
  arena_arc::Allocator<int> ints;
  int sum = 0;
  for (int round = 0; round < 8; ++round) {
    const auto slice = ints.alloc(100, [](std::size_t i) { return static_cast<int>(i); });
    for (std::size_t i = 0; i < slice.size(); ++i) sum += slice[i];
  }
  return sum;
}

}  // namespace

int main() {
  const int a = checksum_of_part_a();
  const int b = checksum_of_part_b();
  if (a != 8 * 4950 || b != 8 * 4950) {
    std::fprintf(stderr, "mixed configurations: checksums %d and %d, expected 39600\n", a, b);
    return 1;
  }
  // The violation handler is one per program: installed here, it serves the other unit too.
  arena_arc::set_violation_handler(
      [](const arena_arc::violation_info& info) { throw std::string(info.check); });
  const std::string seen = violation_seen_by_part_b();
  if (seen != "Allocator re-entrancy") {
    std::fprintf(stderr, "mixed configurations: part b's violation reached '%s'\n", seen.c_str());
    return 1;
  }
  std::puts("mixed configurations: separate ok");
  return 0;
}
