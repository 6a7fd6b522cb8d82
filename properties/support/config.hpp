// The instantiations the properties run over: a tiny index type, where chunk capacities of a
// few elements make every boundary (exact fit, one over, dedicated, index-type maximum) common,
// and the default 32-bit one; each with both reference-count policies.
#pragma once

#include <arena_arc/arena_arc.hpp>

#include <cstddef>
#include <cstdint>
#include <limits>

#include <rapidcheck.h>

#include "counted.hpp"

namespace props {

template <class Index, class Refcount>
struct config {
  using L = Index;
  using RC = Refcount;
  using allocator = arena_arc::Allocator<Counted, L, 16, RC>;
  using slice = arena_arc::ArcSlice<Counted, L, RC>;
  using single = arena_arc::ArcSingle<Counted, L, RC>;

  static constexpr bool tiny = std::numeric_limits<L>::digits <= 8;
  static constexpr std::size_t max_length = std::numeric_limits<L>::max();
};

using u8_atomic = config<std::uint8_t, arena_arc::atomic_refcount>;
using u8_local = config<std::uint8_t, arena_arc::local_refcount>;
using u32_atomic = config<std::uint32_t, arena_arc::atomic_refcount>;
using u32_local = config<std::uint32_t, arena_arc::local_refcount>;

/// Chunk capacities: mostly small (1..20 for uint8_t, 1..64 for uint32_t) so that chunks fill,
/// rotate and overflow within a few commands; sometimes the largest one the index allows
/// (uint8_t) or a larger one (uint32_t).
/// A value in [min, max) drawn from the whole range whatever the test case's size (RapidCheck's
/// inRange scales the range down with the size); it still shrinks towards min.
template <class T>
rc::Gen<T> uniform(T min, T max) {
  return rc::gen::resize(100, rc::gen::inRange<T>(min, max));
}

template <class Cfg>
rc::Gen<std::size_t> capacity_gen() {
  if constexpr (Cfg::tiny) {
    return rc::gen::weightedOneOf<std::size_t>(
        {{19, uniform<std::size_t>(1, 21)}, {1, rc::gen::just(Cfg::max_length)}});
  } else {
    return rc::gen::weightedOneOf<std::size_t>(
        {{19, uniform<std::size_t>(1, 65)}, {1, rc::gen::just(std::size_t{1000})}});
  }
}

/// Recycle limits set on each new allocator: none, a few (so that trimming happens), or more
/// than a test ever has idle.
inline rc::Gen<std::size_t> recycle_limit_gen() {
  return rc::gen::weightedElement<std::size_t>({{2, 0}, {3, 1}, {2, 2}, {1, 3}, {2, 1000}});
}

/// Requested lengths (signed, as a caller may pass any integer type): the boundaries of the
/// current chunk and of the capacity are as common as arbitrary lengths; zero, negative and
/// above-the-index-type lengths are included. Never a length that would really need 2^32
/// elements.
template <class Cfg>
rc::Gen<long long> length_gen(std::size_t capacity, std::size_t room) {
  const auto cap = static_cast<long long>(capacity);
  const auto left = static_cast<long long>(room);
  const long long too_long = static_cast<long long>(Cfg::max_length) + 1;
  const long long longest_valid = Cfg::tiny ? static_cast<long long>(Cfg::max_length) : 2 * cap + 3;
  return rc::gen::weightedOneOf<long long>({
      {6, uniform<long long>(0, 2 * cap + 4)},
      {2, rc::gen::just(left)},
      {2, rc::gen::just(left + 1)},
      {2, rc::gen::just(cap)},
      {2, rc::gen::just(cap + 1)},
      {1, rc::gen::just(0LL)},
      {1, rc::gen::just(1LL)},
      {1, rc::gen::just(longest_valid)},
      {1, rc::gen::just(too_long)},
      {1, rc::gen::just(-1LL)},
  });
}

}  // namespace props
