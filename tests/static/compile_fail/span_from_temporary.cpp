// Must not compile with ARENA_ARC_COMPILE_FAIL (clang only: g++ has no such check): a span
// variable initialised from a temporary handle, which dies at the end of the statement. The
// conversion is marked lifetimebound, so clang reports the dangling span (-Wdangling, made an
// error here). As a function argument the same conversion is valid (span_conversions.cpp).
#include <arena_arc/arena_arc.hpp>

#include <cstddef>
#include <span>

#if defined(__clang__)
#pragma clang diagnostic error "-Wdangling"
#endif

std::size_t compile_fail_span_from_temporary() {
  arena_arc::Allocator<int> a;
#ifdef ARENA_ARC_COMPILE_FAIL
  const std::span<const int> view = a.alloc(3, [](std::size_t i) { return static_cast<int>(i); });
#else
  const auto kept = a.alloc(3, [](std::size_t i) { return static_cast<int>(i); });
  const std::span<const int> view = kept;
#endif
  return view.size();
}
