// The handle operations: copy, move, swap and drop slices; subslice, first, last and at, in
// and out of range; from_slice, try_from_slice, to_slice and ArcSlice(ArcSingle); copy, move,
// destroy and swap singles.
#ifndef ARENA_ARC_FUZZ_OPS_HANDLE_OPS_HPP
#define ARENA_ARC_FUZZ_OPS_HANDLE_OPS_HPP

#include <cstddef>
#include <cstdint>
#include <optional>
#include <ranges>
#include <utility>

#include "../common/fuzz_check.hpp"
#include "decode.hpp"
#include "model.hpp"
#include "violation_ops.hpp"

namespace arena_arc_fuzz::ops {

template <class T, arena_arc::index_type L, arena_arc::refcount_policy RC>
class handle_ops : public violation_ops<T, L, RC> {
  using lower = violation_ops<T, L, RC>;

 protected:
  using lower::lower;

  using lower::check_element;
  using lower::element_of;
  using lower::expect_violation;
  using lower::fast_checks;
  using lower::in_;
  using lower::m_;
  using lower::observe;
  using lower::singles_;
  using lower::slices_;
  using typename lower::alloc_t;
  using typename lower::single_t;
  using typename lower::slice_t;

  void op_copy_slice() {
    const std::size_t s = in_.below(slice_slots);
    const std::size_t d = in_.below(slice_slots);
    const bool via_temporary = (in_.u8() & 1) != 0;
    if (via_temporary) {
      slice_t copy(slices_[s]);
      slices_[d] = std::move(copy);
    } else {
      slices_[d] = slices_[s];  // d == s: self-assignment keeps the handle
    }
    m_.acquire(m_.slices[s].chunk);
    m_.set_slice(d, m_.slices[s]);
  }

  void op_move_slice() {
    const std::size_t s = in_.below(slice_slots);
    const std::size_t d = in_.below(slice_slots);
    const bool construct = (in_.u8() & 1) != 0;
    if (construct) {
      slice_t moved(std::move(slices_[s]));
      FUZZ_CHECK(slices_[s].empty() && slices_[s].data() == nullptr);
      slices_[d] = std::move(moved);
    } else {
      if (d == s) return;  // self-move leaves an unspecified (valid) state, as in the standard
      slices_[d] = std::move(slices_[s]);
    }
    const m_slice moved = std::exchange(m_.slices[s], m_slice{});
    m_.set_slice(d, moved);
  }

  void op_swap_slices() {
    const std::size_t a = in_.below(slice_slots);
    const std::size_t b = in_.below(slice_slots);
    switch (in_.u8() % 3) {
      case 0:
        slices_[a].swap(slices_[b]);
        break;
      case 1:
        swap(slices_[a], slices_[b]);
        break;
      default:
        std::ranges::swap(slices_[a], slices_[b]);
        break;
    }
    std::swap(m_.slices[a], m_.slices[b]);
  }

  void op_drop_slice() {
    const std::size_t d = in_.below(slice_slots);
    switch (in_.u8() % 3) {
      case 0:
        slices_[d] = slice_t{};
        break;
      case 1:
        slices_[d] = alloc_t::alloc_empty();
        break;
      default: {
        const slice_t gone(std::move(slices_[d]));
        break;
      }
    }
    m_.set_slice(d, m_slice{});
  }

  // Replaces slot d by the result of `make` on slot s, or checks it throws out_of_range.
  template <class Make>
  void derive(std::size_t d, bool in_bounds, m_slice part, Make&& make) {
    std::optional<slice_t> out;
    const outcome got = observe([&] {
      out.emplace(make());
      return true;
    });
    FUZZ_CHECK(got == (in_bounds ? outcome::ok : outcome::out_of_range));
    if (!in_bounds) return;
    if (part.chunk < 0) part = m_slice{};  // parts of the empty handle are empty handles
    slices_[d] = std::move(*out);
    m_.acquire(part.chunk);
    m_.set_slice(d, part);
  }

  void op_subslice() {
    const std::size_t s = in_.below(slice_slots);
    const std::size_t d = in_.below(slice_slots);
    const m_slice src = m_.slices[s];
    const std::size_t offset = decode_index(in_, src.len);
    const std::size_t count = decode_index(in_, src.len);
    const bool in_bounds = offset <= src.len && count <= src.len - offset;
    const m_slice part{src.chunk, src.offset + (in_bounds ? offset : 0), count};
    derive(d, in_bounds, part, [&] { return slices_[s].subslice(offset, count); });
  }

  void op_first_last(bool first) {
    const std::size_t s = in_.below(slice_slots);
    const std::size_t d = in_.below(slice_slots);
    const m_slice src = m_.slices[s];
    const std::size_t count = decode_index(in_, src.len);
    const bool in_bounds = count <= src.len;
    const std::size_t skip = first || !in_bounds ? 0 : src.len - count;
    const m_slice part{src.chunk, src.offset + skip, count};
    derive(d, in_bounds, part,
           [&] { return first ? slices_[s].first(count) : slices_[s].last(count); });
  }

  void op_read() {
    const std::size_t s = in_.below(slice_slots);
    const m_slice src = m_.slices[s];
    const std::size_t i = decode_index(in_, src.len);
    const outcome got = observe([&] {
      const T& e = slices_[s].at(i);
      FUZZ_CHECK(&e == slices_[s].data() + i);
      FUZZ_CHECK(&e == &slices_[s][i]);
      check_element(e, element_of(src, i));
      return true;
    });
    FUZZ_CHECK(got == (i < src.len ? outcome::ok : outcome::out_of_range));
  }

  void op_to_single() {
    const std::size_t s = in_.below(slice_slots);
    const std::size_t d = in_.below(single_slots);
    const std::uint8_t variant = in_.u8() % 4;
    const bool by_move = (variant & 1) != 0;
    const bool try_variant = (variant & 2) != 0;
    const m_slice src = m_.slices[s];
    const bool one = src.len == 1;
    std::optional<single_t> out;
    const outcome got = observe([&] {
      if (try_variant) {
        auto r = by_move ? single_t::try_from_slice(std::move(slices_[s]))
                         : single_t::try_from_slice(slices_[s]);
        if (!r) return false;
        out.emplace(std::move(*r));
      } else {
        out.emplace(by_move ? single_t::from_slice(std::move(slices_[s]))
                            : single_t::from_slice(slices_[s]));
      }
      return true;
    });
    const outcome refused = try_variant ? outcome::nullopt : outcome::invalid_argument;
    FUZZ_CHECK(got == (one ? outcome::ok : refused));
    if (by_move) {
      // The slot's handle moved into the argument: it is empty whatever the result.
      m_.slices[s] = m_slice{};
      if (!one) m_.release(src.chunk);
    } else if (one) {
      m_.acquire(src.chunk);
    }
    if (!one) return;
    singles_[d] = std::move(*out);
    m_.set_single(d, m_single{single_state::live, src.chunk, src.offset});
  }

  void op_to_slice() {
    const std::size_t s = in_.below(single_slots);
    const std::size_t d = in_.below(slice_slots);
    const std::uint8_t variant = in_.u8() % 3;
    const m_single src = m_.singles[s];
    if (src.state == single_state::none) return;
    std::optional<slice_t> out;
    const auto convert = [&] {
      switch (variant) {
        case 0:
          out.emplace(singles_[s]->to_slice());
          break;
        case 1:
          out.emplace(slice_t(*singles_[s]));
          break;
        default:
          out.emplace(slice_t(std::move(*singles_[s])));
          break;
      }
      return true;
    };
    if (src.state == single_state::moved) {
      if constexpr (fast_checks) expect_violation("ArcSlice(ArcSingle) not moved-from", convert);
      return;
    }
    FUZZ_CHECK(observe(convert) == outcome::ok);
    if (variant == 2) {
      m_.singles[s] = m_single{single_state::moved};
    } else {
      m_.acquire(src.chunk);
    }
    slices_[d] = std::move(*out);
    m_.set_slice(d, m_slice{src.chunk, src.offset, 1});
  }

  void op_single() {
    const std::size_t a = in_.below(single_slots);
    const std::size_t b = in_.below(single_slots);
    const m_single src = m_.singles[a];
    const bool live = src.state == single_state::live;
    switch (in_.u8() % 4) {
      case 0:  // copy a to b (a == b: self-assignment)
        if (!live) return;
        singles_[b] = singles_[a];
        m_.acquire(src.chunk);
        m_.set_single(b, src);
        return;
      case 1:  // move a to b, leaving a moved-from
        if (!live || a == b) return;
        singles_[b] = std::move(*singles_[a]);
        m_.singles[a] = m_single{single_state::moved};
        m_.set_single(b, src);
        return;
      case 2:  // destroy a
        singles_[a].reset();
        m_.set_single(a, m_single{});
        return;
      default:  // swap two live handles
        if (!live || m_.singles[b].state != single_state::live) return;
        swap(*singles_[a], *singles_[b]);
        std::swap(m_.singles[a], m_.singles[b]);
        return;
    }
  }
};

}  // namespace arena_arc_fuzz::ops

#endif  // ARENA_ARC_FUZZ_OPS_HANDLE_OPS_HPP
