// The element type of the fault-injection suite: it counts its live instances per ledger, notices
// being destroyed twice or read after destruction, and its copy constructor can be told to throw
// at the n-th copy (alloc_copy's element-by-element path).
#ifndef ARENA_ARC_TESTS_FAULT_INJECTION_ELEMENT_HPP
#define ARENA_ARC_TESTS_FAULT_INJECTION_ELEMENT_HPP

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <optional>

namespace fault_injection {

/// Thrown by an element copy that was armed to fail.
struct copy_failure {
  std::size_t copy_index;
};

/// Thrown by an init that was armed to fail.
struct init_failure {
  std::size_t index;
};

/// Counters shared by every element of one test world.
struct element_ledger {
  std::ptrdiff_t live = 0;         // constructed minus destroyed
  std::size_t bad_destroys = 0;    // destructor run on an element that was not alive
  std::size_t copies = 0;          // copy constructions attempted since the last arm_copy
  std::optional<std::size_t> throw_at_copy;  // copy index that throws copy_failure

  void arm_copy(std::optional<std::size_t> index) noexcept {
    copies = 0;
    throw_at_copy = index;
  }
};

class element {
 public:
  element(std::uint64_t value, element_ledger& ledger) noexcept : value_(value), ledger_(&ledger) {
    ++ledger_->live;
  }

  element(const element& other) : value_(other.value_), ledger_(other.ledger_) {
    const std::size_t index = ledger_->copies++;
    if (ledger_->throw_at_copy == index) {
#if defined(__cpp_exceptions) || defined(__EXCEPTIONS)
      throw copy_failure{index};
#else
      std::abort();  // never armed in a build without exceptions
#endif
    }
    ++ledger_->live;
  }

  element(element&& other) noexcept : value_(other.value_), ledger_(other.ledger_) {
    ++ledger_->live;
  }

  element& operator=(const element&) = delete;
  element& operator=(element&&) = delete;

  ~element() {
    if (state_ != alive_state) ++ledger_->bad_destroys;
    state_ = dead_state;
    --ledger_->live;
  }

  /// The value, or a marker that cannot be a test value if the element is not alive.
  [[nodiscard]] std::uint64_t value() const noexcept {
    return state_ == alive_state ? value_ : dead_value;
  }

  static constexpr std::uint64_t dead_value = ~std::uint64_t{0};

 private:
  static constexpr std::uint32_t alive_state = 0x11FE11FEu;
  static constexpr std::uint32_t dead_state = 0xDEADDEADu;

  std::uint64_t value_;
  element_ledger* ledger_;
  std::uint32_t state_ = alive_state;
};

}  // namespace fault_injection

#endif  // ARENA_ARC_TESTS_FAULT_INJECTION_ELEMENT_HPP
