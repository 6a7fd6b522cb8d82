// The operations that must be refused: an init that uses its allocator again (re-entrancy),
// and the precondition violations the library checks at hardening level fast.
#ifndef ARENA_ARC_FUZZ_OPS_VIOLATION_OPS_HPP
#define ARENA_ARC_FUZZ_OPS_VIOLATION_OPS_HPP

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <utility>

#include "../common/fuzz_check.hpp"
#include "allocation_ops.hpp"
#include "counted_element.hpp"
#include "decode.hpp"
#include "model.hpp"

namespace arena_arc_fuzz::ops {

template <class T, arena_arc::index_type L, arena_arc::refcount_policy RC>
class violation_ops : public allocation_ops<T, L, RC> {
  using lower = allocation_ops<T, L, RC>;

 protected:
  using lower::lower;

  using lower::alloc_;
  using lower::allocate;
  using lower::expect_violation;
  using lower::fast_checks;
  using lower::in_;
  using lower::install_slice;
  using lower::m_;
  using lower::make_optional;
  using lower::max_l;
  using lower::singles_;
  using lower::slices_;
  using typename lower::request;
  using typename lower::single_t;
  using typename lower::slice_t;
  using typename lower::traits;

  // An init that uses its own allocator again at index k: always a violation.
  void op_reentrant() {
    const std::size_t d = in_.below(slice_slots);
    const integer_arg len = decode_length(in_, m_, max_l);
    const std::size_t k = in_.u8();
    const std::uint8_t inner = in_.u8();
    if (!alloc_) return;
    const request req{len.value, k, outcome::violation, "Allocator re-entrancy"};
    std::optional<slice_t> out;
    const auto p = allocate(
        req, [](std::size_t i) { return std::uint64_t{i}; },
        [&] {
          with_wide_integer(len, [&](auto l) {
            out.emplace(alloc_->alloc(l, [&](std::size_t i) -> T {
              if (i == k) {
                reenter(inner);
                check_failed("a re-entrant allocation was not refused", __FILE__, __LINE__);
              }
              return traits::make(i);
            }));
          });
          return true;
        });
    if (p) install_slice(d, std::move(*out), *p);
  }

  void reenter(std::uint8_t inner) {
    const auto one = [](std::size_t) { return traits::make_temp(1); };
    switch (inner % 6) {
      case 0:
        static_cast<void>(alloc_->alloc(1, one));
        break;
      case 1:
        static_cast<void>(alloc_->alloc_single([] { return traits::make_temp(1); }));
        break;
      case 2:
        static_cast<void>(alloc_->alloc_value(traits::make_temp(1)));
        break;
      case 3:
        static_cast<void>(alloc_->emplace(std::uint64_t{1}));
        break;
      case 4:
        static_cast<void>(alloc_->alloc_copy(std::array<std::uint64_t, 1>{1}));
        break;
      default:
        static_cast<void>(alloc_->try_alloc(1, [](std::size_t) { return make_optional(1); }));
        break;
    }
  }

  // Precondition violations the library checks at hardening level fast: each one throws
  // through the trap and changes nothing.
  void op_violation() {
    const std::uint8_t variant = in_.u8() % 5;
    const std::size_t s = in_.below(slice_slots);
    const std::size_t t = in_.below(single_slots);
    const std::size_t past = in_.u8() % 2;
    if constexpr (!fast_checks) return;
    const slice_t empty_handle;
    const slice_t& maybe_empty = m_.slices[s].len == 0 ? slices_[s] : empty_handle;
    switch (variant) {
      case 0:
        return expect_violation("ArcSlice::operator[] index", [&] {
          static_cast<void>(slices_[s][m_.slices[s].len + past]);
          return true;
        });
      case 1:
        return expect_violation("ArcSlice::front non-empty", [&] {
          static_cast<void>(maybe_empty.front());
          return true;
        });
      case 2:
        return expect_violation("ArcSlice::back non-empty", [&] {
          static_cast<void>(maybe_empty.back());
          return true;
        });
      default:
        return with_moved_single(t, [&](single_t& moved) {
          if (variant == 3) {
            expect_violation("ArcSingle::get not moved-from", [&] {
              static_cast<void>(moved.get());
              return true;
            });
            expect_violation("ArcSingle::get not moved-from", [&] {
              static_cast<void>(*moved);
              return true;
            });
          } else {
            expect_violation("ArcSlice(ArcSingle) not moved-from", [&] {
              const slice_t s1(std::move(moved));
              return true;
            });
          }
        });
    }
  }

  // Calls f with a moved-from single: slot t's if it is one, or a local made from a copy of
  // slot t's live handle (the copy's reference goes away with the local it moved into).
  template <class F>
  void with_moved_single(std::size_t t, F&& f) {
    if (m_.singles[t].state == single_state::moved) return f(*singles_[t]);
    if (m_.singles[t].state != single_state::live) return;
    single_t copy(*singles_[t]);
    const single_t taken(std::move(copy));
    f(copy);
  }
};

}  // namespace arena_arc_fuzz::ops

#endif  // ARENA_ARC_FUZZ_OPS_VIOLATION_OPS_HPP
