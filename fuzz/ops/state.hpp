// The state every layer of the operations runner shares (runner.hpp describes the layers): the
// input, the real allocator and handles, the model they must agree with; and how the outcome
// of a call is observed.
#ifndef ARENA_ARC_FUZZ_OPS_STATE_HPP
#define ARENA_ARC_FUZZ_OPS_STATE_HPP

#include <arena_arc/arena_arc.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <new>
#include <optional>
#include <stdexcept>
#include <string>

#include <arena_arc_testing/counting_resource.hpp>
#include <arena_arc_testing/violation_capture.hpp>

#include "../common/byte_reader.hpp"
#include "../common/fuzz_check.hpp"
#include "counted_element.hpp"
#include "decode.hpp"
#include "model.hpp"

namespace arena_arc_fuzz::ops {

enum class outcome : unsigned {
  ok,
  nullopt,
  length_error,
  bad_alloc,
  init_failure,
  copy_failure,
  violation,
  out_of_range,
  invalid_argument,
};

[[nodiscard]] constexpr unsigned bit(outcome o) noexcept { return 1u << static_cast<unsigned>(o); }

template <class T, arena_arc::index_type L, arena_arc::refcount_policy RC>
class runner_state {
 protected:
  using traits = element_traits<T>;
  using alloc_t = arena_arc::Allocator<T, L, 16, RC>;
  static_assert(alloc_t::max_kept_chunks == max_kept_chunks &&
                    alloc_t::max_kept_scan == max_kept_scan,
                "the model keeps as the library");
  using slice_t = arena_arc::ArcSlice<T, L, RC>;
  using single_t = arena_arc::ArcSingle<T, L, RC>;

  static constexpr i128 max_l = std::numeric_limits<L>::max();
  static constexpr std::size_t default_capacity = 16;
  static constexpr std::size_t byte_limit = std::size_t{8} << 20;  // of the counting upstream
  // A chunk's bytes beyond its elements (header, padding) are well below this.
  static constexpr i128 slack = 256;
  static constexpr std::size_t max_steps = 256;
  static constexpr std::size_t no_failure = std::numeric_limits<std::size_t>::max();
  static constexpr bool fast_checks = ARENA_ARC_HARDENING >= ARENA_ARC_HARDENING_FAST;

  explicit runner_state(byte_reader& in) : in_(in) {}

  // Runs f (which returns false for an empty optional result) and classifies how it ended.
  // Any other exception escapes: the harness treats it as a bug.
  template <class F>
  outcome classify(F& f) {
    try {
      return f() ? outcome::ok : outcome::nullopt;
    } catch (const std::length_error&) {
      return outcome::length_error;
    } catch (const std::out_of_range&) {
      return outcome::out_of_range;
    } catch (const std::invalid_argument&) {
      return outcome::invalid_argument;
    } catch (const std::bad_alloc&) {
      return outcome::bad_alloc;
    } catch (const init_failure&) {
      return outcome::init_failure;
    } catch (const copy_failure&) {
      return outcome::copy_failure;
    } catch (const arena_arc_testing::violation_error& v) {
      last_violation_ = v.check();
      return outcome::violation;
    }
  }

  template <class F>
  outcome observe(F&& f) {
    const outcome got = classify(f);
    if (trace_) std::fprintf(stderr, "  outcome %u\n", static_cast<unsigned>(got));
    return got;
  }

  template <class F>
  void expect_violation(const char* check, F&& f) {
    FUZZ_CHECK(observe(f) == outcome::violation);
    FUZZ_CHECK(last_violation_ == check);
  }

  // First: it outlives every chunk below.
  arena_arc_testing::counting_resource upstream_{byte_limit};
  byte_reader& in_;
  model m_;
  std::optional<alloc_t> alloc_;
  std::array<slice_t, slice_slots> slices_{};
  std::array<std::optional<single_t>, single_slots> singles_{};
  std::string last_violation_;
  // ARENA_ARC_FUZZ_TRACE=1 prints every operation, its outcome and the model's state (for
  // writing seeds and reading crashes).
  bool trace_ = std::getenv("ARENA_ARC_FUZZ_TRACE") != nullptr;
};

}  // namespace arena_arc_fuzz::ops

#endif  // ARENA_ARC_FUZZ_OPS_STATE_HPP
