// The element types of the operations harness.
//
// `counted` carries a value and a serial number. Every non-temporary construction (value,
// copy or move) takes the next serial, so the model can predict which serial each element of a
// slice has; the destructor records non-temporary serials in destruction order, which lets the
// oracle check "destroyed exactly once, in reverse order of construction" step by step, and a
// magic word catches double destruction and reads of dead elements even without ASan.
// Temporaries the harness makes itself (arguments, init results wrapped in optionals) are
// tagged and not recorded. Its copy constructor can be armed to throw at the k-th copy.
//
// `std::uint64_t` is the other element type: trivially copyable, so alloc_copy takes the
// library's memcpy path.
#ifndef ARENA_ARC_FUZZ_OPS_COUNTED_ELEMENT_HPP
#define ARENA_ARC_FUZZ_OPS_COUNTED_ELEMENT_HPP

#include <cstdint>
#include <type_traits>
#include <vector>

#include "../common/fuzz_check.hpp"

namespace arena_arc_fuzz::ops {

struct temp_tag {};
struct init_failure {};  // thrown by a failing init
struct copy_failure {};  // thrown by an armed copy constructor

/// Global bookkeeping of `counted` (the harness is single-threaded).
struct element_registry {
  std::int64_t live = 0;                   // every constructed and not yet destroyed object
  std::uint64_t next_serial = 1;           // the serial the next non-temporary construction takes
  std::vector<std::uint64_t> destroyed;    // serials of destroyed non-temporaries, in order
  std::int64_t copy_throw_countdown = -1;  // the copy constructor throws when it reaches 0

  void reset() {
    FUZZ_CHECK(live == 0);
    next_serial = 1;
    destroyed.clear();
    copy_throw_countdown = -1;
  }
};

inline element_registry registry;

class counted {
 public:
  // Implicit: alloc_copy of a range of std::uint64_t converts each value to an element.
  // NOLINTNEXTLINE(google-explicit-constructor)
  counted(std::uint64_t value) : value_(value), serial_(registry.next_serial++) { ++registry.live; }
  counted(std::uint64_t value, temp_tag) : value_(value), serial_(0), temp_(true) {
    ++registry.live;
  }
  counted(const counted& other) : value_(other.value()) {
    if (registry.copy_throw_countdown == 0) {
      registry.copy_throw_countdown = -1;
      throw copy_failure{};
    }
    if (registry.copy_throw_countdown > 0) --registry.copy_throw_countdown;
    serial_ = registry.next_serial++;
    ++registry.live;
  }
  counted(counted&& other) noexcept : value_(other.value()), serial_(registry.next_serial++) {
    ++registry.live;
  }
  counted& operator=(const counted&) = delete;
  counted& operator=(counted&&) = delete;
  ~counted() {
    FUZZ_CHECK(magic_ == alive_magic);  // destroyed exactly once
    magic_ = dead_magic;
    --registry.live;
    if (!temp_) registry.destroyed.push_back(serial_);
  }

  [[nodiscard]] std::uint64_t value() const {
    FUZZ_CHECK(magic_ == alive_magic);  // never read after destruction
    return value_;
  }
  [[nodiscard]] std::uint64_t serial() const noexcept { return serial_; }

 private:
  static constexpr std::uint32_t alive_magic = 0xA11CE5EDu;
  static constexpr std::uint32_t dead_magic = 0xDEADDEADu;

  std::uint64_t value_;
  std::uint64_t serial_ = 0;
  std::uint32_t magic_ = alive_magic;
  bool temp_ = false;
};

/// How the harness makes and reads elements of either type.
template <class T>
struct element_traits;

template <>
struct element_traits<counted> {
  static constexpr bool is_counted = true;
  static counted make(std::uint64_t v) { return counted(v); }
  static counted make_temp(std::uint64_t v) { return counted(v, temp_tag{}); }
  static std::uint64_t value(const counted& e) { return e.value(); }
  static std::uint64_t serial(const counted& e) { return e.serial(); }
};

template <>
struct element_traits<std::uint64_t> {
  static constexpr bool is_counted = false;
  static std::uint64_t make(std::uint64_t v) noexcept { return v; }
  static std::uint64_t make_temp(std::uint64_t v) noexcept { return v; }
  static std::uint64_t value(std::uint64_t e) noexcept { return e; }
  static std::uint64_t serial(std::uint64_t) noexcept { return 0; }
};

static_assert(!std::is_trivially_copyable_v<counted>);
static_assert(std::is_trivially_copyable_v<std::uint64_t>);

}  // namespace arena_arc_fuzz::ops

#endif  // ARENA_ARC_FUZZ_OPS_COUNTED_ELEMENT_HPP
