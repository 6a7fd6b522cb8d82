// The README's quick start, compiled and run by ctest as arena_arc.example.quick_start.
#include <arena_arc/arena_arc.hpp>

#include <cstddef>
#include <cstdio>
#include <numeric>
#include <optional>
#include <span>

#include "check.hpp"

using example::check;

int main() {
  // Slices are bump-allocated from shared chunks (256 ints each by default).
  arena_arc::Allocator<int> allocator;

  // init(i) is called for i = 0..len-1, in order.
  arena_arc::ArcSlice<int> squares =
      allocator.alloc(5, [](std::size_t i) { return static_cast<int>(i * i); });
  check(squares.size() == 5, "five elements");
  check(squares[4] == 16, "squares[4] == 16");

  // Copies and sub-slices share the chunk: no element is copied.
  arena_arc::ArcSlice<int> copy = squares;
  arena_arc::ArcSlice<int> tail = squares.last(2);  // {9, 16}
  check(copy.data() == squares.data(), "a copy views the same elements");
  check(tail.data() == squares.data() + 3 && tail[0] == 9, "last(2) views the tail in place");

  // A handle is a contiguous range and a zero-copy std::span<const int>.
  std::span<const int> view = squares.get();
  check(std::accumulate(view.begin(), view.end(), 0) == 30, "0 + 1 + 4 + 9 + 16 == 30");

  // One element, from a value.
  arena_arc::ArcSingle<int> answer = allocator.alloc_value(42);
  check(*answer == 42, "alloc_value");

  // Fallible initialisation: if init gives up, nothing is allocated.
  std::optional<arena_arc::ArcSlice<int>> none =
      allocator.try_alloc(3, [](std::size_t i) -> std::optional<int> {
        if (i == 2) {
          return std::nullopt;
        }
        return static_cast<int>(i);
      });
  check(!none.has_value(), "try_alloc reports the failure");

  // Everything above came from a single chunk; the failed try_alloc left no trace.
  const auto stats = allocator.stats();
  check(stats.chunks_allocated == 1, "one chunk");
  check(stats.elements_allocated == 6, "5 squares + 1 answer");

  std::puts("quick_start: ok");
  return 0;
}
