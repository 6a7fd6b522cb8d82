// A program written the way a user of the installed package would write it. Shared by the
// find_package and add_subdirectory consumer projects; exits non-zero if anything is off.
#include <arena_arc/arena_arc.hpp>

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>

// The *_configured consumer tests build this with the configuration they set in CMake.
#if defined(ARENA_ARC_CONSUMER_EXPECTED_HARDENING)
static_assert(ARENA_ARC_HARDENING == ARENA_ARC_CONSUMER_EXPECTED_HARDENING,
              "the package must define the ARENA_ARC_HARDENING it was configured with");
#endif
#if defined(ARENA_ARC_CONSUMER_EXPECTED_REFUNDS)
static_assert(ARENA_ARC_OWNER_REFUNDS == ARENA_ARC_CONSUMER_EXPECTED_REFUNDS,
              "the package must define the ARENA_ARC_OWNER_REFUNDS it was configured with");
#endif

namespace {

int failures = 0;

void check(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "arena_arc consumer: check failed: %s\n", what);
    ++failures;
  }
}

}  // namespace

int main() {
  arena_arc::Allocator<int> ints;
  const auto tens = ints.alloc(4, [](std::size_t i) { return static_cast<int>(i) * 10; });
  constexpr std::array<int, 4> expected{0, 10, 20, 30};
  check(tens.size() == expected.size(), "alloc returns a slice of the requested length");
  check(std::equal(tens.begin(), tens.end(), expected.begin(), expected.end()),
        "alloc calls init for every index in order");
  check(tens.last(2)[0] == 20, "last() views the tail without copying");
  check(ints.stats().elements_allocated == 4, "stats() counts the elements handed out");

  arena_arc::Allocator<std::string, std::uint16_t, 8> strings;
  const auto xs = strings.emplace(std::size_t{3}, 'x');
  check(*xs == "xxx", "emplace constructs the element in place");
  check(xs->size() == 3, "operator-> reaches the element");

  if (failures != 0) {
    return 1;
  }
  std::puts("arena_arc consumer: ok");
  return 0;
}
