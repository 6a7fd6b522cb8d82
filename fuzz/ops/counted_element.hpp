// The element types of the operations harness.
//
// `counted` is the shared counted element (arena_arc_testing/counted.hpp) with a value and a
// serial number. Every non-temporary construction (value, copy or move) takes the next serial,
// so the model can predict which serial each element of a slice has; the registry logs
// non-temporary serials in destruction order, which lets the oracle check "destroyed exactly
// once, in reverse order of construction" step by step, and the element's seal catches double
// destruction and reads of dead elements even without ASan. Temporaries the harness makes
// itself (arguments, init results wrapped in optionals) are tagged and not logged. The
// registry can arm the copy constructor to throw at the k-th copy.
//
// `std::uint64_t` is the other element type: trivially copyable, so alloc_copy takes the
// library's memcpy path.
#ifndef ARENA_ARC_FUZZ_OPS_COUNTED_ELEMENT_HPP
#define ARENA_ARC_FUZZ_OPS_COUNTED_ELEMENT_HPP

#include <cstdint>
#include <type_traits>
#include <utility>
#include <vector>

#include <arena_arc_testing/counted.hpp>

#include "../common/fuzz_check.hpp"

namespace arena_arc_fuzz::ops {

struct temp_tag {};
struct init_failure {};                 // thrown by a failing init
using arena_arc_testing::copy_failure;  // thrown by the armed copy constructor

/// The bookkeeping of `counted` (the harness is single-threaded): serials from 1, the ordered
/// destruction log of non-temporaries, one armable copy failure.
inline arena_arc_testing::counter_set registry{
    arena_arc_testing::counter_set::options{.keep_log = true, .first_serial = 1}};

/// Forgets one run's elements; every one of them must be gone.
inline void reset_registry() {
  FUZZ_CHECK(registry.live() == 0);
  registry.reset();
}

/// The ledger's home: the one registry, so that an element stays 24 bytes.
struct registry_home {
  static arena_arc_testing::counter_set& ledger() noexcept { return registry; }
};

/// The shared counted element: copies and moves take the next serial; reads and destruction
/// of a dead element stop the harness.
class counted
    : public arena_arc_testing::counted<arena_arc_testing::copy_identity::fresh,
                                        arena_arc_testing::move_identity::fresh, registry_home> {
  using base = arena_arc_testing::counted<arena_arc_testing::copy_identity::fresh,
                                          arena_arc_testing::move_identity::fresh, registry_home>;

 public:
  // Implicit: alloc_copy of a range of std::uint64_t converts each value to an element.
  // NOLINTNEXTLINE(google-explicit-constructor)
  counted(std::uint64_t value) : base(registry, arena_arc_testing::next_serial, value) {}
  counted(std::uint64_t value, temp_tag) : base(registry, arena_arc_testing::temporary, value) {}
  counted(const counted& other) : base(alive(other)) {}
  counted(counted&& other) noexcept : base(std::move(alive(other))) {}
  counted& operator=(const counted&) = delete;
  counted& operator=(counted&&) = delete;
  ~counted() { FUZZ_CHECK(intact()); }  // destroyed exactly once

  [[nodiscard]] std::uint64_t value() const {
    FUZZ_CHECK(intact());  // never read after destruction
    return base::value();
  }
  [[nodiscard]] std::uint64_t serial() const noexcept { return id(); }

 private:
  template <class C>
  static C& alive(C& e) {
    FUZZ_CHECK(e.intact());  // never copied or moved after destruction
    return e;
  }
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
static_assert(sizeof(counted) == 24);
static_assert(std::is_trivially_copyable_v<std::uint64_t>);

}  // namespace arena_arc_fuzz::ops

#endif  // ARENA_ARC_FUZZ_OPS_COUNTED_ELEMENT_HPP
