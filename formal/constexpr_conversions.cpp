// Compile-time execution: ArcSingle::from_slice / try_from_slice / to_slice and
// ArcSlice(ArcSingle), inside static_assert for both reference-count policies (see
// support/constexpr_world.hpp). The references each conversion takes or gives back are checked
// through the moment the elements die.
#include "support/constexpr_world.hpp"

#include <arena_arc/arena_arc.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <utility>

namespace {

using arena_arc::Allocator;
using arena_arc::ArcSingle;
using arena_arc::ArcSlice;
using formal::counted;
using formal::event_log;
using formal::ids_from;

template <class RC>
using alloc8 = Allocator<counted, std::uint16_t, 8, RC>;
template <class RC>
using slice = ArcSlice<counted, std::uint16_t, RC>;
template <class RC>
using single = ArcSingle<counted, std::uint16_t, RC>;

/// from_slice takes over a length-1 slice's reference (also one at a non-zero offset).
template <class RC>
constexpr bool from_slice_takes_the_reference() {
  event_log log;
  bool ok = true;
  {
    alloc8<RC> a;
    const auto s = a.alloc(4, ids_from(log, 0));
    const single<RC> third = single<RC>::from_slice(s.subslice(2, 1));
    const single<RC> first = single<RC>::from_slice(a.alloc(1, ids_from(log, 10)));
    ok = ok && third->id() == 2 && &third.get() == s.data() + 2 && (*first).id() == 10;
  }
  return ok && log.destroyed_exactly({10, 3, 2, 1, 0});
}

/// try_from_slice: engaged for length 1; empty (and the slice dropped) for 0 or 2.
template <class RC>
constexpr bool try_from_slice_checks_the_length() {
  event_log log;
  bool ok = true;
  {
    slice<RC> pair;
    {
      alloc8<RC> a;
      pair = a.alloc(2, ids_from(log, 0));
      const std::optional<single<RC>> one = single<RC>::try_from_slice(pair.first(1));
      const std::optional<single<RC>> two = single<RC>::try_from_slice(pair);
      const std::optional<single<RC>> none = single<RC>::try_from_slice(slice<RC>{});
      ok = ok && one.has_value() && (*one)->id() == 0 && !two.has_value() && !none.has_value();
    }
    // The rejected copy of `pair` was released: `pair` alone keeps the chunk.
    ok = ok && log.destructions == 0;
  }
  return ok && log.destroyed_exactly({1, 0});
}

/// to_slice adds a reference; ArcSlice(ArcSingle) takes the single's over.
template <class RC>
constexpr bool to_slice_and_back() {
  event_log log;
  bool ok = true;
  {
    slice<RC> from_single;
    {
      alloc8<RC> a;
      single<RC> one = a.emplace(log, 5);
      const slice<RC> view = one.to_slice();
      from_single = slice<RC>(std::move(one));
      ok = ok && view.size() == 1 && view.data() == from_single.data() && view[0].id() == 5 &&
           from_single.size() == 1;
      single<RC> round_trip = single<RC>::from_slice(view);
      ok = ok && round_trip->id() == 5;
      one = std::move(round_trip);  // a moved-from single may be assigned to
      ok = ok && one->id() == 5;
    }
    ok = ok && log.destructions == 0 && from_single[0].id() == 5;
  }
  return ok && log.destroyed_exactly({5});
}

/// Conversions through singles of a uint8_t allocator keep the values.
template <class RC>
constexpr bool conversions_keep_values() {
  Allocator<int, std::uint8_t, 4, RC> a;
  const auto s = a.alloc(3, [](std::size_t i) { return static_cast<int>(i) + 40; });
  std::array<ArcSingle<int, std::uint8_t, RC>, 3> singles = {
      ArcSingle<int, std::uint8_t, RC>::from_slice(s.subslice(0, 1)),
      ArcSingle<int, std::uint8_t, RC>::from_slice(s.subslice(1, 1)),
      ArcSingle<int, std::uint8_t, RC>::from_slice(s.last(1))};
  int sum = 0;
  for (const auto& one : singles) sum += *one.to_slice().begin();
  return sum == 40 + 41 + 42 && ArcSlice<int, std::uint8_t, RC>(singles[1]).front() == 41;
}

constexpr std::array scenarios = {
    ARENA_ARC_FORMAL_SCENARIO(from_slice_takes_the_reference),
    ARENA_ARC_FORMAL_SCENARIO(try_from_slice_checks_the_length),
    ARENA_ARC_FORMAL_SCENARIO(to_slice_and_back),
    ARENA_ARC_FORMAL_SCENARIO(conversions_keep_values),
};

}  // namespace

int main() { return formal::report_proven<scenarios>("conversions"); }
