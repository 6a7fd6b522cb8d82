// Handle sizes (the README's contract): on 64-bit targets sizeof(ArcSlice<T, std::uint32_t>) ==
// 16 and sizeof(ArcSingle<T, std::uint32_t>) <= 16, for every element type and both policies. A handle
// is one chunk pointer plus its L-sized offset (and length), so a narrower L never makes it
// larger.
#include <arena_arc/arena_arc.hpp>

#include <cstdint>

#include "static_types.hpp"

namespace {

using arena_arc::ArcSingle;
using arena_arc::ArcSlice;
using arena_arc::atomic_refcount;
using arena_arc::local_refcount;

constexpr bool is_64_bit = sizeof(void*) == 8;

template <class RC>
struct documented_sizes {
  template <class T>
  constexpr bool operator()() const {
    return sizeof(ArcSlice<T, std::uint32_t, RC>) == 16 &&
           sizeof(ArcSingle<T, std::uint32_t, RC>) <= 16 &&
           sizeof(ArcSlice<T, std::uint16_t, RC>) <= 16 &&
           sizeof(ArcSlice<T, std::uint8_t, RC>) <= 16 &&
           sizeof(ArcSingle<T, std::uint64_t, RC>) <= 16;
  }
};

static_assert(!is_64_bit ||
              arena_arc_static::for_each_element_type(documented_sizes<atomic_refcount>{}));
static_assert(!is_64_bit ||
              arena_arc_static::for_each_element_type(documented_sizes<local_refcount>{}));

// The defaults are L = std::uint32_t: the documented size applies to the plain spelling too.
static_assert(!is_64_bit || sizeof(ArcSlice<int>) == 16);
static_assert(!is_64_bit || sizeof(ArcSingle<int>) <= 16);

// Any target: a handle is no larger than a pointer and two L values, rounded up to alignment.
static_assert(sizeof(ArcSlice<int>) <= 2 * sizeof(void*) + 2 * sizeof(std::uint32_t));
static_assert(sizeof(ArcSingle<int>) <= sizeof(ArcSlice<int>));

// The owner ledger records its owner's process id in the padding beside `open`: the chunk
// header did not grow.
using atomic_ledger = arena_arc::detail::owner_ledger<atomic_refcount>;
static_assert(!is_64_bit || !atomic_ledger::enabled || sizeof(atomic_ledger) == 24);

}  // namespace
