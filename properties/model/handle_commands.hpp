// Commands on handles: copy, move, drop, swap, subslice / first / last (in and out of range),
// ArcSlice -> ArcSingle (from_slice / try_from_slice, by copy or by move) and ArcSingle ->
// ArcSlice (to_slice, or the converting constructor).
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <ostream>
#include <utility>
#include <variant>

#include <rapidcheck.h>
#include <rapidcheck/state.h>

#include "../support/config.hpp"
#include "../support/outcome.hpp"
#include "alloc_commands.hpp"
#include "model.hpp"
#include "sut.hpp"

namespace props {

namespace detail {

// Wide enough that offset + count never wraps (__extension__: -Wpedantic knows no __int128).
__extension__ typedef unsigned __int128 wide;

inline bool is_readable(const handle_model& h) { return h.readable(); }
inline bool is_slice(const handle_model& h) { return h.is_slice(); }
inline bool is_single(const handle_model& h) { return h.is_single(); }
inline bool is_swappable(const handle_model& h) { return h.kind != handle_kind::moved_single; }

// A slot holding a handle that satisfies `pred`, or a discarded command if there is none.
template <class Pred>
std::size_t pick_slot(const model& m, Pred pred) {
  const auto candidates = m.slots_where(pred);
  RC_PRE(!candidates.empty());
  return *rc::gen::elementOf(candidates);
}

inline std::size_t any_slot() { return *uniform<std::size_t>(0, slot_count); }

}  // namespace detail

/// dst = src (a copy sharing the chunk).
template <class Cfg>
struct copy_handle final : command<Cfg> {
  std::size_t src = 0;
  std::size_t dst = 0;

  explicit copy_handle(const model& m)
      : src(detail::pick_slot(m, detail::is_readable)), dst(detail::any_slot()) {}

  void checkPreconditions(const model& m) const override { RC_PRE(m.slots[src].readable()); }

  void apply(model& m) const override {
    m.begin();
    m.assign(dst, m.slots[src]);
  }

  void run(const model& s0, sut<Cfg>& s) const override {
    const model s1 = this->nextState(s0);
    s.begin();
    s.slots[dst] = s.slots[src];
    verify(s1, s);
  }

  void show(std::ostream& os) const override { os << "copy slot " << src << " -> slot " << dst; }
};

/// dst = std::move(src): the source becomes an empty slice or a moved-from single.
template <class Cfg>
struct move_handle final : command<Cfg> {
  std::size_t src = 0;
  std::size_t dst = 0;

  explicit move_handle(const model& m)
      : src(detail::pick_slot(m, detail::is_readable)), dst(detail::any_slot()) {
    RC_PRE(src != dst);
  }

  void checkPreconditions(const model& m) const override {
    RC_PRE(m.slots[src].readable());
    RC_PRE(src != dst);
  }

  void apply(model& m) const override {
    m.begin();
    const handle_model h = m.slots[src];
    m.slots[src] = h.is_slice() ? handle_model::empty_slice() : handle_model::moved_from_single();
    m.assign(dst, h);
  }

  void run(const model& s0, sut<Cfg>& s) const override {
    const model s1 = this->nextState(s0);
    s.begin();
    s.slots[dst] = std::move(s.slots[src]);
    verify(s1, s);
  }

  void show(std::ostream& os) const override { os << "move slot " << src << " -> slot " << dst; }
};

/// Destroys a slot's handle, or replaces a slice with Allocator::alloc_empty().
template <class Cfg>
struct drop_handle final : command<Cfg> {
  std::size_t slot = 0;
  bool to_empty_slice = false;

  explicit drop_handle(const model& m)
      : slot(detail::pick_slot(m,
                               [](const handle_model& h) { return h.kind != handle_kind::none; })),
        to_empty_slice(*rc::gen::arbitrary<bool>()) {}

  void checkPreconditions(const model& m) const override {
    RC_PRE(m.slots[slot].kind != handle_kind::none);
  }

  void apply(model& m) const override {
    m.begin();
    m.assign(slot, to_empty_slice ? handle_model::empty_slice() : handle_model{});
  }

  void run(const model& s0, sut<Cfg>& s) const override {
    const model s1 = this->nextState(s0);
    s.begin();
    if (to_empty_slice) {
      s.put(slot, Cfg::allocator::alloc_empty());
    } else {
      s.slots[slot] = std::monostate{};
    }
    verify(s1, s);
  }

  void show(std::ostream& os) const override {
    os << "drop slot " << slot << (to_empty_slice ? " (assign alloc_empty())" : "");
  }
};

/// Swaps two slots (the handles' own swap when both hold the same kind).
template <class Cfg>
struct swap_handles final : command<Cfg> {
  std::size_t a = 0;
  std::size_t b = 0;

  explicit swap_handles(const model& m)
      : a(detail::pick_slot(m, detail::is_swappable)),
        b(detail::pick_slot(m, detail::is_swappable)) {}

  void checkPreconditions(const model& m) const override {
    RC_PRE(detail::is_swappable(m.slots[a]) && detail::is_swappable(m.slots[b]));
  }

  void apply(model& m) const override {
    m.begin();
    std::swap(m.slots[a], m.slots[b]);
  }

  void run(const model& s0, sut<Cfg>& s) const override {
    using slice = typename Cfg::slice;
    using single = typename Cfg::single;
    const model s1 = this->nextState(s0);
    s.begin();
    auto& x = s.slots[a];
    auto& y = s.slots[b];
    if (std::holds_alternative<slice>(x) && std::holds_alternative<slice>(y)) {
      swap(std::get<slice>(x), std::get<slice>(y));
    } else if (std::holds_alternative<single>(x) && std::holds_alternative<single>(y)) {
      std::get<single>(x).swap(std::get<single>(y));
    } else {
      std::swap(x, y);
    }
    verify(s1, s);
  }

  void show(std::ostream& os) const override { os << "swap slots " << a << " and " << b; }
};

/// A slice's subslice / first / last into another slot; out-of-range requests must throw
/// std::out_of_range and change nothing. Offsets and counts are drawn relative to the slice's
/// length when the command runs: small, around the length, or near SIZE_MAX.
template <class Cfg>
struct take_part final : command<Cfg> {
  enum class op { subslice, first, last };
  struct spec {
    int mode = 0;  // 0: delta; 1: base + delta - 2 (wrapping); 2: SIZE_MAX - delta
    std::size_t delta = 0;

    // Unsigned wrap-around on purpose (exempt from clang's unsigned-overflow checks).
    [[nodiscard]] ARENA_ARC_ALLOW_UNSIGNED_WRAP std::size_t resolve(std::size_t base) const {
      constexpr std::size_t max = std::numeric_limits<std::size_t>::max();
      if (mode == 0) return delta;
      if (mode == 1) return base + delta - 2;  // unsigned: wraps below zero on purpose
      return max - delta;
    }
  };

  std::size_t src = 0;
  std::size_t dst = 0;
  op what = op::subslice;
  spec offset_spec;
  spec count_spec;

  explicit take_part(const model& m)
      : src(detail::pick_slot(m, detail::is_slice)), dst(detail::any_slot()) {
    what = *rc::gen::element(op::subslice, op::first, op::last);
    offset_spec = gen_spec();
    count_spec = gen_spec();
  }

  void checkPreconditions(const model& m) const override { RC_PRE(m.slots[src].is_slice()); }

  [[nodiscard]] std::size_t offset(std::size_t len) const { return offset_spec.resolve(len); }
  // len - offset wraps around when the offset is past the end, on purpose.
  [[nodiscard]] ARENA_ARC_ALLOW_UNSIGNED_WRAP std::size_t count(std::size_t len) const {
    return what == op::subslice ? count_spec.resolve(len - offset(len)) : count_spec.resolve(len);
  }

  void apply(model& m) const override {
    m.begin();
    const handle_model h = m.slots[src];
    const std::size_t off = offset(h.length);
    const std::size_t cnt = count(h.length);
    // In range: the requested elements lie within the slice (computed without wrap-around).
    const bool in_range = what == op::subslice
                              ? detail::wide{off} + detail::wide{cnt} <= detail::wide{h.length}
                              : cnt <= h.length;
    if (!in_range) {
      m.last = outcome::out_of_range;
      return;
    }
    std::size_t start = 0;
    if (what == op::subslice) start = off;
    if (what == op::last) start = h.length - cnt;
    m.assign(dst, handle_model{handle_kind::slice, h.chunk, h.offset + start, cnt});
  }

  void run(const model& s0, sut<Cfg>& s) const override {
    const model s1 = this->nextState(s0);
    s.begin();
    const auto& x = std::get<typename Cfg::slice>(s.slots[src]);
    const std::size_t off = offset(x.size());
    const std::size_t cnt = count(x.size());
    const outcome got = capture([&] {
      switch (what) {
        case op::subslice:
          s.put(dst, x.subslice(off, cnt));
          break;
        case op::first:
          s.put(dst, x.first(cnt));
          break;
        case op::last:
          s.put(dst, x.last(cnt));
          break;
      }
      return outcome::ok;
    });
    RC_ASSERT(got == s1.last);
    verify(s1, s);
  }

  void show(std::ostream& os) const override {
    static constexpr const char* names[] = {"subslice", "first", "last"};
    os << names[static_cast<int>(what)] << "(offset spec " << offset_spec.mode << "/"
       << offset_spec.delta << ", count spec " << count_spec.mode << "/" << count_spec.delta
       << ") of slot " << src << " -> slot " << dst;
  }

 private:
  static spec gen_spec() {
    const int mode = *rc::gen::weightedElement<int>({{3, 0}, {3, 1}, {1, 2}});
    const std::size_t delta =
        mode == 0 ? *uniform<std::size_t>(0, 24) : *uniform<std::size_t>(0, 5);
    return {mode, delta};
  }
};

/// ArcSingle::from_slice / try_from_slice of a slot's slice, passed as a copy or moved in.
template <class Cfg>
struct slice_to_single final : command<Cfg> {
  std::size_t src = 0;
  std::size_t dst = 0;
  bool use_try = false;
  bool by_move = false;

  explicit slice_to_single(const model& m)
      : src(detail::pick_slot(m, detail::is_slice)),
        dst(detail::any_slot()),
        use_try(*rc::gen::arbitrary<bool>()),
        by_move(*rc::gen::arbitrary<bool>()) {}

  void checkPreconditions(const model& m) const override { RC_PRE(m.slots[src].is_slice()); }

  void apply(model& m) const override {
    m.begin();
    const handle_model h = m.slots[src];
    // A moved-in slice belongs to the call: it is released there if the conversion fails.
    if (by_move) m.slots[src] = handle_model::empty_slice();
    if (h.length != 1) {
      m.last = use_try ? outcome::nullopt : outcome::invalid_argument;
      if (by_move) m.settle(h.chunk);
      return;
    }
    m.assign(dst, handle_model{handle_kind::single, h.chunk, h.offset, 1});
  }

  void run(const model& s0, sut<Cfg>& s) const override {
    using slice = typename Cfg::slice;
    using single = typename Cfg::single;
    const model s1 = this->nextState(s0);
    s.begin();
    auto& x = std::get<slice>(s.slots[src]);
    const outcome got = capture([&] {
      if (use_try) {
        auto r = by_move ? single::try_from_slice(std::move(x)) : single::try_from_slice(x);
        if (!r) return outcome::nullopt;
        s.put(dst, *std::move(r));
      } else {
        s.put(dst, by_move ? single::from_slice(std::move(x)) : single::from_slice(x));
      }
      return outcome::ok;
    });
    RC_ASSERT(got == s1.last);
    verify(s1, s);
  }

  void show(std::ostream& os) const override {
    os << (use_try ? "try_from_slice" : "from_slice") << (by_move ? "(move slot " : "(copy slot ")
       << src << ") -> slot " << dst;
  }
};

/// ArcSingle -> ArcSlice: to_slice() (a new reference) or ArcSlice(std::move(single)).
template <class Cfg>
struct single_to_slice final : command<Cfg> {
  std::size_t src = 0;
  std::size_t dst = 0;
  bool by_move = false;

  explicit single_to_slice(const model& m)
      : src(detail::pick_slot(m, detail::is_single)),
        dst(detail::any_slot()),
        by_move(*rc::gen::arbitrary<bool>()) {}

  void checkPreconditions(const model& m) const override { RC_PRE(m.slots[src].is_single()); }

  void apply(model& m) const override {
    m.begin();
    const handle_model h = m.slots[src];
    if (by_move) m.slots[src] = handle_model::moved_from_single();
    m.assign(dst, handle_model{handle_kind::slice, h.chunk, h.offset, 1});
  }

  void run(const model& s0, sut<Cfg>& s) const override {
    using slice = typename Cfg::slice;
    using single = typename Cfg::single;
    const model s1 = this->nextState(s0);
    s.begin();
    auto& x = std::get<single>(s.slots[src]);
    if (by_move) {
      s.put(dst, slice(std::move(x)));
    } else {
      s.put(dst, x.to_slice());
    }
    verify(s1, s);
  }

  void show(std::ostream& os) const override {
    os << (by_move ? "ArcSlice(move slot " : "to_slice(slot ") << src << ") -> slot " << dst;
  }
};

}  // namespace props
