// Compile-time execution: elements are destroyed exactly once, in reverse order of construction,
// when the last owner of their chunk goes (the allocator owns its current chunk until it leaves
// it) — inside static_assert for both reference-count policies (see support/constexpr_world.hpp).
// Reads through raw pointers after the handles are gone prove, by compiling, that the elements
// are still alive there: a read outside an object's lifetime is not a constant expression.
#include "support/constexpr_world.hpp"

#include <arena_arc/arena_arc.hpp>

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <utility>

namespace {

using arena_arc::Allocator;
using arena_arc::ArcSlice;
using formal::counted;
using formal::event_log;
using formal::ids_from;

template <class RC>
using slice = ArcSlice<counted, std::uint32_t, RC>;

/// Reverse order within a chunk, across several slices of it.
template <class RC>
constexpr bool reverse_order_within_a_chunk() {
  event_log log;
  {
    Allocator<counted, std::uint32_t, 8, RC> a;
    const auto s1 = a.alloc(3, ids_from(log, 0));
    const auto s2 = a.alloc(2, ids_from(log, 10));
    const auto s3 = a.alloc_single([&log] { return counted(log, 20); });
  }
  return log.destroyed_exactly({20, 11, 10, 2, 1, 0}) && log.balanced();
}

/// The allocator owns its current chunk: with every handle gone the elements stay alive (read
/// here through a raw pointer) until the allocator leaves the chunk by rotating.
template <class RC>
constexpr bool allocator_keeps_its_chunk_alive_until_it_leaves() {
  event_log log;
  Allocator<counted, std::uint32_t, 4, RC> a;
  const counted* first = nullptr;
  {
    const auto s = a.alloc(3, ids_from(log, 0));
    first = s.data();
  }
  // Alive: reading it compiles. (The Rust crate's poison-on-destroy test.)
  bool ok = log.destructions == 0 && first->id() == 0 && first[2].id() == 2;
  const auto next = a.alloc(2, ids_from(log, 10));  // 1 left < 2: rotation, 3..0 die
  ok = ok && log.destroyed_exactly({2, 1, 0});
  return ok && next[1].id() == 11;
}

/// Each chunk dies with its own last owner, independently of the others.
template <class RC>
constexpr bool each_chunk_dies_with_its_last_owner() {
  event_log log;
  bool ok = true;
  {
    slice<RC> s3;
    {
      Allocator<counted, std::uint32_t, 4, RC> a;
      slice<RC> s1 = a.alloc(4, ids_from(log, 0));   // chunk A, full
      slice<RC> s2 = a.alloc(3, ids_from(log, 10));  // chunk B: the allocator left A
      s3 = a.alloc(1, ids_from(log, 20));            // chunk B
      s1 = {};
      ok = ok && log.destroyed_exactly({3, 2, 1, 0});
      s2 = {};
      ok = ok && log.destructions == 4;  // B: the allocator and s3 remain
    }
    ok = ok && log.destructions == 4 && s3[0].id() == 20;  // B: s3 remains
  }
  return ok && log.destroyed_exactly({3, 2, 1, 0, 20, 12, 11, 10});
}

/// A dedicated chunk is never the allocator's: it dies with its last handle.
template <class RC>
constexpr bool dedicated_chunk_dies_with_its_handle() {
  event_log log;
  Allocator<counted, std::uint32_t, 4, RC> a;
  const auto small = a.alloc(1, ids_from(log, 0));
  { const auto big = a.alloc(6, ids_from(log, 10)); }
  return log.destroyed_descending(0, 10, 15) && small[0].id() == 0;
}

/// For every order in which four handles to one chunk (a slice, a copy, a subslice and a
/// single made into a slice) are dropped, with the allocator leaving before all of them, after
/// two or after all four: nothing dies before the last owner goes, then every element dies
/// once, in reverse order.
template <class RC>
constexpr bool any_drop_order_destroys_once() {
  std::array<std::size_t, 4> order = {0, 1, 2, 3};
  do {
    for (const std::size_t dropped_first : {std::size_t{0}, std::size_t{2}, std::size_t{4}}) {
      event_log log;
      {
        std::array<slice<RC>, 4> handles{};
        {
          Allocator<counted, std::uint32_t, 8, RC> a;
          handles[0] = a.alloc(5, ids_from(log, 0));
          handles[1] = handles[0];
          handles[2] = handles[0].subslice(1, 3);
          handles[3] = slice<RC>(a.emplace(log, 5));
          for (std::size_t i = 0; i < dropped_first; ++i) handles[order[i]] = {};
          if (log.destructions != 0) return false;  // the allocator still owns the chunk
        }
        for (std::size_t i = dropped_first; i < order.size(); ++i) {
          if (log.destructions != 0) return false;  // handles[order[i]] still owns it
          handles[order[i]] = {};
        }
      }
      if (!log.destroyed_descending(0, 0, 5) || !log.balanced()) return false;
    }
  } while (std::next_permutation(order.begin(), order.end()));
  return true;
}

/// The Rust crate's tests: 8 counted elements with N = 8 and a copy — no destruction until every
/// handle and the allocator are gone, then exactly 8; N = 4 with slices of 3, 2 and 10 —
/// exactly 15; an empty element type at lengths 0 and 8.
template <class RC>
constexpr bool seed_destruction_counts() {
  event_log log;
  bool ok = true;
  {
    Allocator<counted, std::uint32_t, 8, RC> a;
    const auto s = a.alloc(8, ids_from(log, 0));
    // NOLINTNEXTLINE(performance-unnecessary-copy-initialization): the copy is a second owner
    const auto copy = s;
    ok = ok && log.destructions == 0;
  }
  ok = ok && log.destructions == 8 && log.balanced();

  event_log log2;
  {
    Allocator<counted, std::uint32_t, 4, RC> a;
    const auto s3 = a.alloc(3, ids_from(log2, 0));
    const auto s2 = a.alloc(2, ids_from(log2, 10));
    const auto s10 = a.alloc(10, ids_from(log2, 20));
  }
  ok = ok && log2.destructions == 15 && log2.balanced();

  struct empty {};
  Allocator<empty, std::uint32_t, 8, RC> e;
  const auto none = e.alloc(0, [](std::size_t) { return empty{}; });
  const auto eight = e.alloc(8, [](std::size_t) { return empty{}; });
  return ok && none.empty() && eight.size() == 8 && e.stats() == formal::stats_of(1, 0, 8, 0);
}

constexpr std::array scenarios = {
    ARENA_ARC_FORMAL_SCENARIO(reverse_order_within_a_chunk),
    ARENA_ARC_FORMAL_SCENARIO(allocator_keeps_its_chunk_alive_until_it_leaves),
    ARENA_ARC_FORMAL_SCENARIO(each_chunk_dies_with_its_last_owner),
    ARENA_ARC_FORMAL_SCENARIO(dedicated_chunk_dies_with_its_handle),
    ARENA_ARC_FORMAL_SCENARIO(any_drop_order_destroys_once),
    ARENA_ARC_FORMAL_SCENARIO(seed_destruction_counts),
};

}  // namespace

int main() { return formal::report_proven<scenarios>("destruction"); }
