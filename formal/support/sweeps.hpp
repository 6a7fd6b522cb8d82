// formal/: sweeps of every helper of detail/checked_math.hpp over a set of inputs, compared
// with the wide-integer reference (reference.hpp). Each sweep is constexpr, so the same code
// runs at run time and inside static_assert, where any undefined behaviour in a helper (signed
// overflow, a shift too far, a read of an empty optional) stops the compilation.
#ifndef ARENA_ARC_FORMAL_SUPPORT_SWEEPS_HPP
#define ARENA_ARC_FORMAL_SUPPORT_SWEEPS_HPP

#include <arena_arc/detail/checked_math.hpp>

#include "reference.hpp"
#include "tally.hpp"

#include <cstddef>
#include <array>
#include <cstdint>
#include <optional>

namespace formal {

namespace cm = arena_arc::detail;

/// The integers [lo, hi] as a range (std::views::iota of libstdc++ 12 does not compile with
/// clang 14, hence this minimal one).
template <class V>
struct interval {
  V lo;
  V hi;  // included

  struct iterator {
    V v;
    constexpr V operator*() const { return v; }
    constexpr iterator& operator++() {
      ++v;
      return *this;
    }
    constexpr bool operator!=(const iterator& other) const { return v != other.v; }
  };
  [[nodiscard]] constexpr iterator begin() const { return {lo}; }
  [[nodiscard]] constexpr iterator end() const { return {static_cast<V>(hi + 1)}; }
};

/// Every value of an integer type of at most 16 bits, as a range of wider integers (a loop over
/// the type itself could not stop after its maximum).
template <class T>
constexpr interval<std::int32_t> every_value() {
  static_assert(sizeof(T) <= 2, "every_value: only for types of at most 16 bits");
  return {static_cast<std::int32_t>(min_of<T>), static_cast<std::int32_t>(max_of<T>)};
}

/// The integers lo..hi, both included.
constexpr interval<std::uint64_t> closed_range(std::uint64_t lo, std::uint64_t hi) {
  return {lo, hi};
}

/// Whether a helper's optional result agrees with the reference's (both empty, or equal).
template <class Got, class Want>
constexpr bool same_optional(const std::optional<Got>& got, const std::optional<Want>& want) {
  if (got.has_value() != want.has_value()) return false;
  return !got.has_value() || static_cast<Want>(*got) == *want;
}

/// Checks `agrees(x)` for every x of the innermost range `xs`. The mismatches are counted first
/// by a branch-free loop (it vectorises: the dense sweeps run billions of inputs); only if there
/// is one are the inputs visited again to record the first, described by `describe(x)`.
/// A row has fewer than 2^32 inputs (the longest has 2^17), so 32-bit counters, which keep the
/// loop vectorisable, cannot wrap; a longer row is reported as a failure.
template <class Xs, class Agrees, class Describe>
constexpr void check_row(tally& t, const Xs& xs, const Agrees& agrees, const Describe& describe) {
  std::uint32_t count = 0;
  std::uint32_t mismatches = 0;
  if constexpr (requires { xs.lo; }) {
    // A plain counted loop: constant evaluation pays for every call, iterator ones included.
    for (auto x = xs.lo; x <= xs.hi; ++x) {
      ++count;
      mismatches += agrees(x) ? 0U : 1U;
      if (x == xs.hi) break;  // hi may be the largest value of its type
    }
  } else {
    for (const auto x : xs) {
      ++count;
      mismatches += agrees(x) ? 0U : 1U;
    }
  }
  t.checked += count;
  if (count == 0xFFFFFFFFU) t.note_failure({-1, -1, -1, -1});
  if (mismatches == 0) [[likely]] return;
  for (const auto x : xs) {
    if (!agrees(x)) t.note_failure(describe(x));
  }
}

template <class L, class I, class Ns>
constexpr tally sweep_to_length(const Ns& ns) {
  tally t;
  check_row(
      t, ns,
      [](auto raw) {
        const I n = static_cast<I>(raw);
        return same_optional(cm::to_length<L>(n), ref_to_length<L>(static_cast<i128>(n)));
      },
      [](auto raw) { return std::array<i128, 4>{static_cast<i128>(static_cast<I>(raw))}; });
  return t;
}

template <class L, class W = u128, class As, class Bs>
constexpr tally sweep_add(const As& as_, const Bs& bs) {
  tally t;
  for (const auto ra : as_) {
    const L a = static_cast<L>(ra);
    check_row(
        t, bs,
        [a](auto rb) {
          const L b = static_cast<L>(rb);
          return same_optional(cm::add<L>(a, b), ref_add<L, W>(a, b));
        },
        [a](auto rb) { return std::array<i128, 4>{a, static_cast<L>(rb)}; });
  }
  return t;
}

/// fits(used, capacity, n). Within the precondition used <= capacity it must agree with the
/// exact used + n <= capacity; outside it, with the defined wrap-around (ref_wrapped_room).
template <class L, class W = u128, class Us, class Cs, class Ns>
constexpr tally sweep_fits(const Us& us, const Cs& cs, const Ns& ns) {
  tally t;
  for (const auto rc : cs) {
    for (const auto ru : us) {
      const L capacity = static_cast<L>(rc);
      const L used = static_cast<L>(ru);
      const auto describe = [used, capacity](auto rn) {
        return std::array<i128, 4>{used, capacity, static_cast<L>(rn)};
      };
      if (used <= capacity) {
        check_row(
            t, ns,
            [used, capacity](auto rn) {
              const L n = static_cast<L>(rn);
              return cm::fits<L>(used, capacity, n) == ref_fits<W>(used, capacity, n);
            },
            describe);
      } else {
        const u128 room = ref_wrapped_room<L>(used, capacity);
        check_row(
            t, ns,
            [used, capacity, room](auto rn) {
              const L n = static_cast<L>(rn);
              return cm::fits<L>(used, capacity, n) == (n <= room);
            },
            describe);
      }
    }
  }
  return t;
}

template <class L, class W = u128, class Us, class Cs>
constexpr tally sweep_remaining(const Us& us, const Cs& cs) {
  tally t;
  for (const auto rc : cs) {
    const L capacity = static_cast<L>(rc);
    check_row(
        t, us,
        [capacity](auto ru) {
          const L used = static_cast<L>(ru);
          return static_cast<W>(cm::remaining<L>(used, capacity)) ==
                 ref_remaining<W>(used, capacity);
        },
        [capacity](auto ru) { return std::array<i128, 4>{static_cast<L>(ru), capacity}; });
  }
  return t;
}

template <class W = u128, class Ss, class Os, class Cs>
constexpr tally sweep_range_in_bounds(const Ss& ss, const Os& os, const Cs& cs) {
  tally t;
  for (const auto rs : ss) {
    for (const auto ro : os) {
      const auto size = static_cast<std::size_t>(rs);
      const auto offset = static_cast<std::size_t>(ro);
      check_row(
          t, cs,
          [size, offset](auto rc) {
            const auto count = static_cast<std::size_t>(rc);
            return cm::range_in_bounds(size, offset, count) ==
                   ref_range_in_bounds<W>(static_cast<W>(size), static_cast<W>(offset), static_cast<W>(count));
          },
          [size, offset](auto rc) {
            return std::array<i128, 4>{size, offset, static_cast<std::size_t>(rc)};
          });
    }
  }
  return t;
}

/// mul and add_size on every pair; the fourth argument of a mismatch says which (0: mul).
template <class As, class Bs>
constexpr tally sweep_mul_add_size(const As& as_, const Bs& bs) {
  tally t;
  for (const auto ra : as_) {
    const auto a = static_cast<std::size_t>(ra);
    check_row(
        t, bs,
        [a](auto rb) {
          const auto b = static_cast<std::size_t>(rb);
          return same_optional(cm::mul(a, b), ref_mul(a, b));
        },
        [a](auto rb) { return std::array<i128, 4>{a, static_cast<std::size_t>(rb), 0}; });
    check_row(
        t, bs,
        [a](auto rb) {
          const auto b = static_cast<std::size_t>(rb);
          return same_optional(cm::add_size(a, b), ref_add_size(a, b));
        },
        [a](auto rb) { return std::array<i128, 4>{a, static_cast<std::size_t>(rb), 1}; });
  }
  return t;
}

template <class Vs, class As>
constexpr tally sweep_align_up(const Vs& vs, const As& alignments) {
  tally t;
  for (const auto ra : alignments) {
    const auto alignment = static_cast<std::size_t>(ra);
    check_row(
        t, vs,
        [alignment](auto rv) {
          const auto value = static_cast<std::size_t>(rv);
          return same_optional(cm::align_up(value, alignment), ref_align_up(value, alignment));
        },
        [alignment](auto rv) { return std::array<i128, 4>{static_cast<std::size_t>(rv), alignment}; });
  }
  return t;
}

template <class Cs, class Hs, class Es, class As>
constexpr tally sweep_layout_for(const Cs& cs, const Hs& hs, const Es& es, const As& alignments) {
  tally t;
  for (const auto rc : cs) {
    for (const auto rh : hs) {
      for (const auto re : es) {
        const auto capacity = static_cast<std::size_t>(rc);
        const auto header = static_cast<std::size_t>(rh);
        const auto size = static_cast<std::size_t>(re);
        check_row(
            t, alignments,
            [=](auto ra) {
              const auto align = static_cast<std::size_t>(ra);
              const auto got = cm::layout_for(capacity, header, size, align);
              const auto want = ref_layout_for(capacity, header, size, align);
              if (got.has_value() != want.has_value()) return false;
              return !got || (got->elements_offset == want->elements_offset &&
                              got->bytes == want->bytes);
            },
            [=](auto ra) {
              return std::array<i128, 4>{capacity, header, size, static_cast<std::size_t>(ra)};
            });
      }
    }
  }
  return t;
}

template <class L, class Cs>
constexpr tally sweep_valid_capacity(const Cs& cs) {
  tally t;
  check_row(
      t, cs,
      [](auto rc) {
        const auto capacity = static_cast<std::size_t>(rc);
        return cm::valid_capacity<L>(capacity) == ref_valid_capacity<L>(capacity);
      },
      [](auto rc) { return std::array<i128, 4>{static_cast<std::size_t>(rc)}; });
  return t;
}

}  // namespace formal

#endif  // ARENA_ARC_FORMAL_SUPPORT_SWEEPS_HPP
