// Compile-time execution: copies, moves, drops, swaps, subslices, span access, handles that
// outlive their allocator and allocator moves, inside static_assert for both reference-count
// policies (see support/constexpr_world.hpp). Every element is a `counted`, so each scenario
// also checks when the elements die.
#include "support/constexpr_world.hpp"

#include <arena_arc/arena_arc.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <utility>

namespace {

using arena_arc::Allocator;
using arena_arc::ArcSingle;
using arena_arc::ArcSlice;
using formal::counted;
using formal::event_log;
using formal::holds_ids;
using formal::ids_from;

template <class RC>
using alloc8 = Allocator<counted, std::uint32_t, 8, RC>;

/// Copies share the elements (no element copied); the last owner, not the first, destroys.
template <class RC>
constexpr bool copies_share_until_the_last_owner() {
  event_log log;
  bool ok = true;
  {
    alloc8<RC> a;
    auto s = a.alloc(4, ids_from(log, 0));
    const auto copy = s;
    ArcSlice<counted, std::uint32_t, RC> assigned;
    assigned = copy;
    ok = ok && copy.data() == s.data() && assigned.data() == s.data() && log.constructions == 4;
    s = {};
    ok = ok && s.empty() && holds_ids(copy, 0, 4) && holds_ids(assigned, 0, 4) &&
         log.destructions == 0;
  }
  // `assigned` and `copy` went first, then the allocator, which was the last owner.
  return ok && log.destroyed_descending(0, 0, 3);
}

/// Moves leave the source empty and transfer the reference (no count change, nothing dies).
template <class RC>
constexpr bool moves_leave_the_source_empty() {
  event_log log;
  bool ok = true;
  {
    alloc8<RC> a;
    auto s = a.alloc(3, ids_from(log, 0));
    const counted* data = s.data();
    auto moved = std::move(s);
    // NOLINTNEXTLINE(bugprone-use-after-move): the moved-from state is what is checked
    ok = ok && s.empty() && s.data() == nullptr && moved.data() == data;
    ArcSlice<counted, std::uint32_t, RC> target;
    target = std::move(moved);
    // NOLINTNEXTLINE(bugprone-use-after-move): the moved-from state is what is checked
    ok = ok && moved.empty() && target.data() == data && holds_ids(target, 0, 3);

    auto single = a.emplace(log, 50);
    auto single_moved = std::move(single);
    single = a.emplace(log, 51);  // a moved-from ArcSingle may be assigned to
    ok = ok && single->id() == 51 && single_moved->id() == 50 && log.destructions == 0;
  }
  return ok && log.destroyed_exactly({51, 50, 2, 1, 0});
}

/// Self-assignment (copy and move) and swap keep every handle valid and the counts right.
template <class RC>
constexpr bool self_assignment_and_swap() {
  event_log log;
  bool ok = true;
  {
    alloc8<RC> a;
    auto s = a.alloc(2, ids_from(log, 0));
    auto t = a.alloc(3, ids_from(log, 10));
    auto& s_alias = s;
    s = s_alias;
    s = std::move(s_alias);
    ok = ok && holds_ids(s, 0, 2);
    s.swap(t);
    ok = ok && holds_ids(s, 10, 3) && holds_ids(t, 0, 2);
    swap(s, t);
    ok = ok && holds_ids(s, 0, 2) && holds_ids(t, 10, 3);
    auto one = a.alloc_single([&log] { return counted(log, 20); });
    auto two = a.alloc_single([&log] { return counted(log, 21); });
    auto& one_alias = one;
    one = one_alias;
    swap(one, two);
    ok = ok && one->id() == 21 && two->id() == 20 && log.destructions == 0;
  }
  return ok && log.destroyed_exactly({21, 20, 12, 11, 10, 1, 0});
}

/// subslice / first / last share the chunk (no copy), compose, and keep it alive alone.
template <class RC>
constexpr bool subslices_share_and_compose() {
  event_log log;
  bool ok = true;
  {
    ArcSlice<counted, std::uint32_t, RC> tail;
    {
      alloc8<RC> a;
      const auto s = a.alloc(8, ids_from(log, 0));
      const auto mid = s.subslice(2, 5);      // ids 2..6
      const auto inner = mid.subslice(1, 3);  // ids 3..5
      const auto head = s.first(3);
      const auto end = s.last(2);
      const auto none = s.subslice(8, 0);
      ok = ok && holds_ids(mid, 2, 5) && mid.data() == s.data() + 2 && holds_ids(inner, 3, 3) &&
           inner.data() == s.data() + 3 && holds_ids(head, 0, 3) && holds_ids(end, 6, 2) &&
           none.empty() && s.first(0).empty() && s.last(8).data() == s.data();
      tail = inner.last(1);
    }
    // Only `tail` (one element of the chunk) is left: the whole chunk is alive.
    ok = ok && log.destructions == 0 && tail.size() == 1 && tail[0].id() == 5;
  }
  return ok && log.destroyed_descending(0, 0, 7);
}

/// The span view, iteration, element access and at() agree.
template <class RC>
constexpr bool span_and_element_access() {
  Allocator<int, std::uint8_t, 16, RC> a;
  const auto s = a.alloc(5, [](std::size_t i) { return static_cast<int>(i * i); });
  const std::span<const int> view = s;
  const ArcSlice<int, std::uint8_t, RC> none;
  int sum = 0;
  for (const int v : s) sum += v;
  return view.size() == 5 && view.data() == s.data() && s.get().data() == s.data() &&
         s.begin() == s.data() && s.end() == s.data() + 5 && sum == 30 && s.front() == 0 &&
         s.back() == 16 && s.at(3) == 9 && s[2] == 4 && !s.empty() && none.begin() == none.end() &&
         none.data() == nullptr;
}

/// Handles outlive their allocator; elements die with the last handle.
template <class RC>
constexpr bool handles_outlive_the_allocator() {
  event_log log;
  bool ok = true;
  {
    ArcSlice<counted, std::uint32_t, RC> kept;
    ArcSingle<counted, std::uint32_t, RC> single = [&] {
      alloc8<RC> a;
      kept = a.alloc(3, ids_from(log, 0));
      return a.emplace(log, 7);
    }();
    ok = ok && log.destructions == 0 && holds_ids(kept, 0, 3) && single->id() == 7;
    kept = {};
    ok = ok && log.destructions == 0;  // single still holds the chunk
  }
  return ok && log.destroyed_exactly({7, 2, 1, 0});
}

/// The Rust crate's test: 32 copies of a handle stay valid after the original is dropped.
template <class RC>
constexpr bool thirty_two_copies_outlive_the_original() {
  event_log log;
  bool ok = true;
  {
    std::array<ArcSlice<counted, std::uint32_t, RC>, 32> copies{};
    {
      alloc8<RC> a;
      const auto original = a.alloc(5, ids_from(log, 0));
      for (auto& c : copies) c = original;
    }
    for (const auto& c : copies) ok = ok && holds_ids(c, 0, 5);
    for (std::size_t i = 0; i + 1 < copies.size(); ++i) copies[i] = {};
    ok = ok && log.destructions == 0 && holds_ids(copies.back(), 0, 5);
  }
  return ok && log.destroyed_descending(0, 0, 4);
}

/// Moving an allocator moves its current chunk: the target continues right after the last
/// slice, the source stays usable with a fresh chunk; move-assignment makes the target leave
/// its own chunk first.
template <class RC>
constexpr bool allocator_moves() {
  event_log log;
  bool ok = true;
  {
    alloc8<RC> a;
    const auto s1 = a.alloc(2, ids_from(log, 0));
    alloc8<RC> b(std::move(a));
    const auto s2 = b.alloc(2, ids_from(log, 10));
    // NOLINTNEXTLINE(bugprone-use-after-move): a moved-from allocator stays usable
    const auto s3 = a.alloc(2, ids_from(log, 20));
    ok = ok && formal::adjacent(s1, s2) && !formal::adjacent(s2, s3) &&
         a.stats().chunks_allocated == 1 && b.stats().chunks_allocated == 1;
    {
      alloc8<RC> c;
      { const auto dropped = c.alloc(3, ids_from(log, 30)); }
      ok = ok && log.destructions == 0;  // c still holds its chunk
      c = std::move(b);                  // c leaves its chunk: ids 30..32 die now
      ok = ok && log.destroyed_exactly({32, 31, 30});
      const auto s4 = c.alloc(1, ids_from(log, 40));
      ok = ok && formal::adjacent(s2, s4);
    }
  }
  return ok && log.balanced() && log.destructions == 10;
}

constexpr std::array scenarios = {
    ARENA_ARC_FORMAL_SCENARIO(copies_share_until_the_last_owner),
    ARENA_ARC_FORMAL_SCENARIO(moves_leave_the_source_empty),
    ARENA_ARC_FORMAL_SCENARIO(self_assignment_and_swap),
    ARENA_ARC_FORMAL_SCENARIO(subslices_share_and_compose),
    ARENA_ARC_FORMAL_SCENARIO(span_and_element_access),
    ARENA_ARC_FORMAL_SCENARIO(handles_outlive_the_allocator),
    ARENA_ARC_FORMAL_SCENARIO(thirty_two_copies_outlive_the_original),
    ARENA_ARC_FORMAL_SCENARIO(allocator_moves),
};

}  // namespace

int main() { return formal::report_proven<scenarios>("handles"); }
