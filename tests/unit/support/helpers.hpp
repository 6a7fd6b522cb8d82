// Test support: small shared pieces — the exception test inits throw, readable names for typed
// tests over refcount policies and index types, and range-to-vector helpers.
#ifndef ARENA_ARC_TESTS_UNIT_SUPPORT_HELPERS_HPP
#define ARENA_ARC_TESTS_UNIT_SUPPORT_HELPERS_HPP

#include <arena_arc/arena_arc.hpp>

#include <cstddef>
#include <cstdint>
#include <ostream>
#include <string>
#include <type_traits>
#include <vector>

namespace arena_arc_testing {

/// What test inits throw to make an allocation fail.
struct init_failure {
  std::size_t index;
};

/// The contents of a range as a vector (for EXPECT_EQ with readable output).
template <class Range>
[[nodiscard]] auto to_vector(const Range& range) {
  using value = std::remove_cvref_t<decltype(*std::begin(range))>;
  return std::vector<value>(std::begin(range), std::end(range));
}

/// value(i) = first + i for i < count.
[[nodiscard]] inline std::vector<int> int_sequence(int first, std::size_t count) {
  std::vector<int> v(count);
  for (std::size_t i = 0; i < count; ++i) v[i] = first + static_cast<int>(i);
  return v;
}

/// An init for alloc() over int elements: element i gets first + i.
[[nodiscard]] inline auto ints_from(int first) {
  return [first](std::size_t i) { return first + static_cast<int>(i); };
}

/// Names for TYPED_TEST_SUITE over refcount policies or index types.
struct type_names {
  template <class T>
  static std::string GetName(int) {
    if constexpr (std::is_same_v<T, arena_arc::atomic_refcount>) {
      return "atomic_refcount";
    } else if constexpr (std::is_same_v<T, arena_arc::local_refcount>) {
      return "local_refcount";
    } else if constexpr (std::is_same_v<T, std::uint8_t>) {
      return "uint8_t";
    } else if constexpr (std::is_same_v<T, std::uint16_t>) {
      return "uint16_t";
    } else if constexpr (std::is_same_v<T, std::uint32_t>) {
      return "uint32_t";
    } else if constexpr (std::is_same_v<T, std::uint64_t>) {
      return "uint64_t";
    } else {
      return T::name;  // element types used in typed tests carry their own name
    }
  }
};

}  // namespace arena_arc_testing

namespace arena_arc {
/// Readable AllocatorStats in GoogleTest failure messages (found by argument-dependent lookup).
inline void PrintTo(const AllocatorStats& s, std::ostream* os) {
  *os << "{chunks_allocated " << s.chunks_allocated << ", chunks_reused " << s.chunks_reused
      << ", dedicated_chunks " << s.dedicated_chunks << ", elements_allocated "
      << s.elements_allocated << ", elements_wasted " << s.elements_wasted << "}";
}
}  // namespace arena_arc

#endif  // ARENA_ARC_TESTS_UNIT_SUPPORT_HELPERS_HPP
