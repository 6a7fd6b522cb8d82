// The allocation operations: alloc (any integer length type, init throwing at index k),
// try_alloc (init returning nullopt at k), alloc_single, try_alloc_single, alloc_value, emplace,
// and alloc_copy from a vector, a handle or its span, a generated range and lying ranges.
#ifndef ARENA_ARC_FUZZ_OPS_ALLOCATION_OPS_HPP
#define ARENA_ARC_FUZZ_OPS_ALLOCATION_OPS_HPP

#include <cstddef>
#include <cstdint>
#include <optional>
#include <type_traits>
#include <utility>
#include <vector>

#include "../common/fuzz_check.hpp"
#include "allocate.hpp"
#include "counted_element.hpp"
#include "decode.hpp"
#include "model.hpp"
#include "source_ranges.hpp"

namespace arena_arc_fuzz::ops {

template <class T, arena_arc::index_type L, arena_arc::refcount_policy RC>
class allocation_ops : public runner_allocate<T, L, RC> {
  using lower = runner_allocate<T, L, RC>;

 protected:
  using lower::lower;

  using lower::alloc_;
  using lower::allocate;
  using lower::expect_violation;
  using lower::fast_checks;
  using lower::in_;
  using lower::install_single;
  using lower::install_slice;
  using lower::m_;
  using lower::max_l;
  using lower::no_failure;
  using lower::slices_;
  using typename lower::request;
  using typename lower::single_t;
  using typename lower::slice_t;
  using typename lower::traits;

  // An init for alloc / try_alloc that checks it is called for 0, 1, 2, ... in order.
  struct index_order {
    std::size_t next = 0;
    void see(std::size_t i) {
      FUZZ_CHECK(i == next);
      ++next;
    }
  };

  [[nodiscard]] static std::optional<T> make_optional(std::uint64_t v) {
    if constexpr (traits::is_counted) {
      return std::optional<T>(std::in_place, v, temp_tag{});
    } else {
      return std::optional<T>(v);
    }
  }

  void op_alloc(bool throwing) {
    const std::size_t d = in_.below(slice_slots);
    const integer_arg len = decode_length(in_, m_, max_l);
    const std::uint64_t base = in_.u32();
    request req{len.value};
    if (throwing) {
      req.fail_at = in_.u8();
      req.failure = outcome::init_failure;
    }
    if (!alloc_) return;
    std::optional<slice_t> out;
    index_order order;
    const auto p = allocate(
        req, [base](std::size_t i) { return base + i; },
        [&] {
          with_integer(len, [&](auto l) {
            out.emplace(alloc_->alloc(l, [&](std::size_t i) -> T {
              order.see(i);
              if (i == req.fail_at) throw init_failure{};
              return traits::make(base + i);
            }));
          });
          return true;
        });
    if (p) install_slice(d, std::move(*out), *p);
  }

  void op_try_alloc() {
    const std::size_t d = in_.below(slice_slots);
    const integer_arg len = decode_length(in_, m_, max_l);
    const std::uint64_t base = in_.u32();
    request req{len.value, in_.u8(), outcome::nullopt};
    if (!alloc_) return;
    std::optional<slice_t> out;
    index_order order;
    const auto p = allocate(
        req, [base](std::size_t i) { return base + i; },
        [&] {
          bool made = false;
          with_wide_integer(len, [&](auto l) {
            auto r = alloc_->try_alloc(l, [&](std::size_t i) -> std::optional<T> {
              order.see(i);
              if (i == req.fail_at) return std::nullopt;
              return make_optional(base + i);
            });
            if (r) {
              out.emplace(std::move(*r));
              made = true;
            }
          });
          return made;
        });
    if (p) install_slice(d, std::move(*out), *p);
  }

  void op_alloc_single() {
    const std::size_t d = in_.below(single_slots);
    const std::uint64_t base = in_.u32();
    const bool fail = (in_.u8() & 1) != 0;
    if (!alloc_) return;
    const request req{1, fail ? std::size_t{0} : no_failure, outcome::init_failure};
    std::optional<single_t> out;
    const auto p = allocate(
        req, [base](std::size_t) { return base; },
        [&] {
          out.emplace(alloc_->alloc_single([&]() -> T {
            if (fail) throw init_failure{};
            return traits::make(base);
          }));
          return true;
        });
    if (p) install_single(d, std::move(*out), *p);
  }

  void op_try_alloc_single() {
    const std::size_t d = in_.below(single_slots);
    const std::uint64_t base = in_.u32();
    const bool fail = (in_.u8() & 1) != 0;
    if (!alloc_) return;
    const request req{1, fail ? std::size_t{0} : no_failure, outcome::nullopt};
    std::optional<single_t> out;
    const auto p = allocate(
        req, [base](std::size_t) { return base; },
        [&] {
          auto r = alloc_->try_alloc_single([&]() -> std::optional<T> {
            if (fail) return std::nullopt;
            return make_optional(base);
          });
          if (!r) return false;
          out.emplace(std::move(*r));
          return true;
        });
    if (p) install_single(d, std::move(*out), *p);
  }

  void op_alloc_value(bool in_place) {
    const std::size_t d = in_.below(single_slots);
    const std::uint64_t base = in_.u32();
    if (!alloc_) return;
    std::optional<single_t> out;
    const auto p = allocate(
        request{1}, [base](std::size_t) { return base; },
        [&] {
          if (in_place) {
            out.emplace(alloc_->emplace(base));
          } else {
            out.emplace(alloc_->alloc_value(traits::make_temp(base)));
          }
          return true;
        });
    if (p) install_single(d, std::move(*out), *p);
  }

  void op_alloc_copy_vector() {
    const std::size_t d = in_.below(slice_slots);
    const integer_arg len = decode_length(in_, m_, max_l);
    const std::uint64_t base = in_.u32();
    // Lengths beyond this are covered by the view and lying-range sources, which need no storage.
    if (!alloc_ || len.value < 0 || len.value > 65536) return;
    std::vector<std::uint64_t> src(static_cast<std::size_t>(len.value));
    for (std::size_t i = 0; i < src.size(); ++i) src[i] = base + i;
    std::optional<slice_t> out;
    const auto p = allocate(
        request{len.value}, [&src](std::size_t i) { return src[i]; },
        [&] {
          out.emplace(alloc_->alloc_copy(src));
          return true;
        });
    if (p) install_slice(d, std::move(*out), *p);
  }

  void op_alloc_copy_slice() {
    const std::size_t d = in_.below(slice_slots);
    const std::size_t s = in_.below(slice_slots);
    const std::uint8_t throw_at = in_.u8();
    const bool whole_handle = (in_.u8() & 1) != 0;
    if (!alloc_) return;
    const m_slice src = m_.slices[s];
    request req{static_cast<i128>(src.len)};
    if (traits::is_counted && throw_at != 0xFF) {
      req.fail_at = throw_at;
      req.failure = outcome::copy_failure;
      registry.arm_copy(std::size_t{throw_at});
    }
    const auto value_of = [this, src](std::size_t i) {
      return m_.chunks[model::idx(src.chunk)].elems[src.offset + i].value;
    };
    std::optional<slice_t> out;
    const auto p = allocate(req, value_of, [&] {
      // The handle itself is a contiguous sized range; so is its span.
      if (whole_handle) {
        out.emplace(alloc_->alloc_copy(slices_[s]));
      } else {
        out.emplace(alloc_->alloc_copy(slices_[s].get()));
      }
      return true;
    });
    registry.arm_copy(std::nullopt);
    if (p) install_slice(d, std::move(*out), *p);
  }

  // A sized, non-contiguous source of elements made on the fly (temporaries moved in).
  void op_alloc_copy_view() {
    const std::size_t d = in_.below(slice_slots);
    const integer_arg len = decode_length(in_, m_, max_l);
    const std::uint64_t base = in_.u32();
    if (!alloc_ || len.value < 0) return;
    const generated_range view(static_cast<std::uint64_t>(len.value),
                               [base](std::uint64_t i) { return traits::make_temp(base + i); });
    std::optional<slice_t> out;
    const auto p = allocate(
        request{len.value}, [base](std::size_t i) { return base + i; },
        [&] {
          out.emplace(alloc_->alloc_copy(view));
          return true;
        });
    if (p) install_slice(d, std::move(*out), *p);
  }

  void op_alloc_copy_lying() {
    const std::size_t d = in_.below(slice_slots);
    const integer_arg claimed = decode_length(in_, m_, max_l);
    const std::size_t actual = in_.u8() % 64;
    const bool contiguous = (in_.u8() & 1) != 0;
    const std::uint64_t base = in_.u32();
    if (!alloc_ || claimed.value < 0) return;
    std::vector<std::uint64_t> src(actual);
    for (std::size_t i = 0; i < actual; ++i) src[i] = base + i;
    const auto size = static_cast<std::size_t>(claimed.value);
    const bool short_range = claimed.value > static_cast<i128>(actual);
    if (short_range && !fast_checks) return;  // reading past the end is undefined, by contract
    if (contiguous && std::is_trivially_copyable_v<T> && short_range && claimed.value <= max_l) {
      // The memcpy path checks the whole range before it places anything.
      return expect_violation("alloc_copy range size", [&] {
        static_cast<void>(
            alloc_->alloc_copy(lying_range<true>{src.data(), src.data() + actual, size}));
        return true;
      });
    }
    request req{claimed.value};
    if (short_range) {
      req.fail_at = actual;
      req.failure = outcome::violation;
      req.violation = "alloc_copy range size";
    }
    std::optional<slice_t> out;
    const auto p = allocate(
        req, [&src](std::size_t i) { return src[i]; },
        [&] {
          if (contiguous) {
            out.emplace(
                alloc_->alloc_copy(lying_range<true>{src.data(), src.data() + actual, size}));
          } else {
            out.emplace(
                alloc_->alloc_copy(lying_range<false>{src.data(), src.data() + actual, size}));
          }
          return true;
        });
    if (p) install_slice(d, std::move(*out), *p);
  }
};

}  // namespace arena_arc_fuzz::ops

#endif  // ARENA_ARC_FUZZ_OPS_ALLOCATION_OPS_HPP
