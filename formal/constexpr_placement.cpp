// Compile-time execution: placement rules, rotation, dedicated chunks and stats, run inside
// static_assert for both reference-count policies (see support/constexpr_world.hpp).
#include "support/constexpr_world.hpp"

#include <arena_arc/arena_arc.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <initializer_list>

namespace {

using arena_arc::Allocator;
using formal::adjacent;
using formal::holds_sequence;
using formal::stats_of;

constexpr auto times_ten = [](std::size_t i) { return static_cast<int>(i) * 10; };

/// len == 0: the empty handle, init never called, no chunk touched, no counter changed.
template <class RC>
constexpr bool zero_length_touches_nothing() {
  Allocator<int, std::uint32_t, 4, RC> a;
  int calls = 0;
  const auto counting = [&calls](std::size_t) { return ++calls; };
  const auto none = a.alloc(0, counting);
  const auto none_try =
      a.try_alloc(0, [&calls](std::size_t) -> std::optional<int> { return ++calls; });
  const auto before = a.alloc(3, times_ten);
  const auto none_again = a.alloc(std::int64_t{0}, counting);
  const auto after = a.alloc(1, times_ten);
  return calls == 0 && none.empty() && none.data() == nullptr && none_try.has_value() &&
         none_try->empty() && none_again.empty() && none_again.data() == nullptr &&
         a.alloc_empty().empty() && adjacent(before, after) && a.stats() == stats_of(1, 0, 4, 0);
}

/// Slices that fit follow each other in the current chunk.
template <class RC>
constexpr bool bump_allocation_is_contiguous() {
  Allocator<int, std::uint32_t, 8, RC> a;
  const auto s1 = a.alloc(3, times_ten);
  const auto s2 = a.alloc(2, [](std::size_t i) { return 100 + static_cast<int>(i); });
  const auto s3 = a.alloc(3, times_ten);
  return adjacent(s1, s2) && adjacent(s2, s3) && holds_sequence(s1, 0, 10, 3) &&
         holds_sequence(s2, 100, 1, 2) && holds_sequence(s3, 0, 10, 3) &&
         a.stats() == stats_of(1, 0, 8, 0);
}

/// The Rust crate's rotation test: N = 4 with 4, 3, 4 — first and last intact; the third request
/// leaves the second chunk's room (1) larger than the new chunk's (0), so the allocator keeps
/// the second chunk and a following single lands right after the 3.
template <class RC>
constexpr bool rotation_keeps_the_roomier_chunk() {
  Allocator<int, std::uint32_t, 4, RC> a;
  const auto s1 = a.alloc(4, times_ten);
  const auto s2 = a.alloc(3, [](std::size_t i) { return 7 + static_cast<int>(i); });
  const auto s3 = a.alloc(4, [](std::size_t i) { return -static_cast<int>(i); });
  const auto s4 = a.alloc_value(42);
  return holds_sequence(s1, 0, 10, 4) && holds_sequence(s2, 7, 1, 3) &&
         holds_sequence(s3, 0, -1, 4) && *s4 == 42 && &s4.get() == s2.data() + 3 &&
         a.stats() == stats_of(3, 0, 12, 0);
}

/// Overflow with more room left in the old chunk (6) than the new one would have (1): the old
/// one stays current and its tail is used next; the new chunk's room is the waste.
template <class RC>
constexpr bool overflow_keeps_old_chunk_with_more_room() {
  Allocator<int, std::uint32_t, 8, RC> a;
  const auto s1 = a.alloc(2, times_ten);
  const auto s2 = a.alloc(7, times_ten);
  const auto s3 = a.alloc(6, times_ten);
  return adjacent(s1, s3) && !adjacent(s1, s2) && holds_sequence(s2, 0, 10, 7) &&
         a.stats() == stats_of(2, 0, 15, 1);
}

/// A tie (3 left in the old chunk, 3 in the new one) goes to the new chunk; the old tail is
/// the waste.
template <class RC>
constexpr bool overflow_tie_takes_new_chunk() {
  Allocator<int, std::uint32_t, 8, RC> a;
  const auto s1 = a.alloc(5, times_ten);
  const auto s2 = a.alloc(5, times_ten);
  const auto s3 = a.alloc(3, times_ten);
  return adjacent(s2, s3) && !adjacent(s1, s2) && a.stats() == stats_of(2, 0, 13, 3);
}

/// Longer than a chunk: a dedicated chunk of exactly that length; the current chunk is left as
/// it is (the next slice follows the first), nothing is wasted.
template <class RC>
constexpr bool dedicated_chunk_leaves_current_alone() {
  Allocator<int, std::uint32_t, 4, RC> a;
  const auto s1 = a.alloc(2, times_ten);
  const auto big = a.alloc(9, [](std::size_t i) { return static_cast<int>(i) + 1; });
  const auto s2 = a.alloc(2, times_ten);
  return adjacent(s1, s2) && holds_sequence(big, 1, 1, 9) && a.stats() == stats_of(2, 1, 13, 0);
}

/// A dedicated chunk as the very first allocation does not become current: the next small
/// slice opens a standard chunk.
template <class RC>
constexpr bool dedicated_chunk_first() {
  Allocator<int, std::uint32_t, 4, RC> a;
  const auto big = a.alloc(5, times_ten);
  const auto s1 = a.alloc(4, times_ten);
  const auto s2 = a.alloc(1, times_ten);
  // Three chunks: the dedicated one, s1's (which it fills) and s2's.
  return holds_sequence(big, 0, 10, 5) && holds_sequence(s1, 0, 10, 4) && s2[0] == 0 &&
         a.stats() == stats_of(3, 1, 10, 0);
}

/// The Rust crate's tests: slices of 10 and 20 from N = 16 plus a copy, all intact; 32
/// single-element slices with N = 8; 8, 1, 16 uint64_t with N = 8.
template <class RC>
constexpr bool seed_slices_stay_intact() {
  Allocator<std::uint64_t, std::uint32_t, 16, RC> a;
  const auto s10 = a.alloc(10, [](std::size_t i) { return std::uint64_t{i}; });
  const auto s20 = a.alloc(20, [](std::size_t i) { return std::uint64_t{i} * 3; });
  // NOLINTNEXTLINE(performance-unnecessary-copy-initialization): the copy is a second owner
  const auto copy = s10;
  bool ok = s10.size() == 10 && s20.size() == 20 && copy.data() == s10.data();
  for (std::size_t i = 0; i < 20; ++i) ok = ok && s20[i] == i * 3;
  for (std::size_t i = 0; i < 10; ++i) ok = ok && copy[i] == i;

  Allocator<int, std::uint32_t, 8, RC> b;
  std::array<arena_arc::ArcSlice<int, std::uint32_t, RC>, 32> singles{};
  for (std::size_t i = 0; i < singles.size(); ++i) {
    singles[i] = b.alloc(1, [i](std::size_t) { return static_cast<int>(i); });
  }
  for (std::size_t i = 0; i < singles.size(); ++i) ok = ok && singles[i][0] == static_cast<int>(i);
  ok = ok && b.stats() == stats_of(4, 0, 32, 0);

  Allocator<std::uint64_t, std::uint32_t, 8, RC> c;
  const auto c8 = c.alloc(8, [](std::size_t i) { return std::uint64_t{i}; });
  const auto c1 = c.alloc(1, [](std::size_t) { return std::uint64_t{99}; });
  const auto c16 = c.alloc(16, [](std::size_t i) { return std::uint64_t{i} << 40U; });
  ok = ok && c8[7] == 7 && c1[0] == 99 && c16[15] == std::uint64_t{15} << 40U &&
       c.stats() == stats_of(3, 1, 25, 0);
  return ok;
}

/// L = uint8_t at its boundaries: a chunk of 255 (the largest), filled exactly, then rotated;
/// a runtime capacity of 255 on an N = 16 allocator; a 255-element dedicated chunk.
template <class RC>
constexpr bool uint8_boundaries() {
  Allocator<int, std::uint8_t, 255, RC> a;
  const auto full = a.alloc(255, times_ten);
  const auto next = a.alloc(std::uint8_t{1}, times_ten);
  bool ok = full.size() == 255 && full[254] == 2540 && next[0] == 0 &&
            a.stats() == stats_of(2, 0, 256, 0);

  Allocator<int, std::uint8_t, 16, RC> b(std::int64_t{255});
  const auto wide = b.alloc(200, times_ten);
  const auto rest = b.alloc(55, times_ten);
  ok = ok && b.chunk_capacity() == 255 && adjacent(wide, rest) &&
       b.stats() == stats_of(1, 0, 255, 0);

  Allocator<int, std::uint8_t, 16, RC> c;
  const auto big = c.alloc(255, times_ten);
  ok = ok && big.size() == 255 && big.back() == 2540 && c.stats() == stats_of(1, 1, 255, 0);
  return ok;
}

/// One-element allocations count as 1 each and share chunks with slices.
template <class RC>
constexpr bool singles_and_copies() {
  Allocator<int, std::uint16_t, 4, RC> a;
  const auto s1 = a.alloc_single([] { return 5; });
  const auto s2 = a.alloc_value(6);
  const auto s3 = a.emplace(7);
  const auto t = a.try_alloc_single([]() -> std::optional<int> { return 8; });
  const std::array<int, 3> source = {1, 2, 3};
  const auto copied = a.alloc_copy(source);
  const auto listed = a.alloc_copy(std::initializer_list<int>{4});
  return *s1 == 5 && *s2 == 6 && *s3 == 7 && t.has_value() && **t == 8 &&
         &s2.get() == &s1.get() + 1 && &s3.get() == &s2.get() + 1 && &t->get() == &s3.get() + 1 &&
         holds_sequence(copied, 1, 1, 3) && holds_sequence(listed, 4, 1, 1) &&
         adjacent(copied, listed) && a.stats() == stats_of(2, 0, 8, 0);
}

/// chunk_capacity, stats after a mixed sequence, and stats of a moved-from allocator.
template <class RC>
constexpr bool stats_follow_the_allocator() {
  Allocator<int, std::uint32_t, 4, RC> a(std::size_t{6});
  const auto s1 = a.alloc(4, times_ten);  // room 2
  const auto s2 = a.alloc(5, times_ten);  // new room 1 < 2: keep old, waste 1
  const auto s3 = a.alloc(7, times_ten);  // dedicated
  const auto s4 = a.alloc(3, times_ten);  // room 2 < 3, new room 3 > 2: switch, waste 2
  const arena_arc::AllocatorStats expected = stats_of(4, 1, 19, 3);
  const bool before_move = a.chunk_capacity() == 6 && a.stats() == expected;
  Allocator<int, std::uint32_t, 4, RC> b(std::move(a));
  const auto s5 = b.alloc(3, times_ten);  // fills b's chunk, after s4
  // NOLINTNEXTLINE(bugprone-use-after-move): a moved-from allocator keeps its capacity, no stats
  return before_move && b.stats() == stats_of(4, 1, 22, 3) && a.stats() == stats_of(0, 0, 0, 0) &&
         a.chunk_capacity() == 6 && b.chunk_capacity() == 6 && adjacent(s4, s5) &&
         s1.size() + s2.size() + s3.size() == 16;
}

constexpr std::array scenarios = {
    ARENA_ARC_FORMAL_SCENARIO(zero_length_touches_nothing),
    ARENA_ARC_FORMAL_SCENARIO(bump_allocation_is_contiguous),
    ARENA_ARC_FORMAL_SCENARIO(rotation_keeps_the_roomier_chunk),
    ARENA_ARC_FORMAL_SCENARIO(overflow_keeps_old_chunk_with_more_room),
    ARENA_ARC_FORMAL_SCENARIO(overflow_tie_takes_new_chunk),
    ARENA_ARC_FORMAL_SCENARIO(dedicated_chunk_leaves_current_alone),
    ARENA_ARC_FORMAL_SCENARIO(dedicated_chunk_first),
    ARENA_ARC_FORMAL_SCENARIO(seed_slices_stay_intact),
    ARENA_ARC_FORMAL_SCENARIO(uint8_boundaries),
    ARENA_ARC_FORMAL_SCENARIO(singles_and_copies),
    ARENA_ARC_FORMAL_SCENARIO(stats_follow_the_allocator),
};

}  // namespace

int main() { return formal::report_proven<scenarios>("placement"); }
