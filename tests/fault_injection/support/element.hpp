// The element type of the fault-injection suite: the shared counted element, reporting to the
// ledger of its test world (live instances, destructions of dead elements, the armed copy that
// throws at the n-th copy on alloc_copy's element-by-element path), constructed from its value
// first, and reading as a marker once it is no longer intact.
#ifndef ARENA_ARC_TESTS_FAULT_INJECTION_ELEMENT_HPP
#define ARENA_ARC_TESTS_FAULT_INJECTION_ELEMENT_HPP

#include <arena_arc_testing/counted.hpp>

#include <cstddef>
#include <cstdint>

namespace fault_injection {

using arena_arc_testing::copy_failure;
/// Counters shared by every element of one test world.
using element_ledger = arena_arc_testing::counter_set;

/// Thrown by an init that was armed to fail.
struct init_failure {
  std::size_t index;
};

class element : public arena_arc_testing::counted<> {
 public:
  element(std::uint64_t value, element_ledger& ledger) : counted(ledger, 0, value) {}

  /// The value, or a marker that cannot be a test value if the element is not alive.
  [[nodiscard]] std::uint64_t value() const noexcept {
    return intact() ? counted::value() : dead_value;
  }

  static constexpr std::uint64_t dead_value = ~std::uint64_t{0};
};

}  // namespace fault_injection

#endif  // ARENA_ARC_TESTS_FAULT_INJECTION_ELEMENT_HPP
