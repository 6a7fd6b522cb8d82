// Compile-time execution: the strong guarantee on every failure path that constant evaluation
// can take. try_alloc / try_alloc_single report failure with an empty optional at index k (a
// throw cannot be evaluated in a constant expression; the run-time fault-injection tests cover
// exceptions and upstream failures). For every k: the elements built by the call are destroyed
// in reverse order, the allocator's stats and bump position are as before, and no chunk leaks
// (a leaked chunk would be memory allocated and not freed: the static_assert would not compile).
#include "support/constexpr_world.hpp"

#include <arena_arc/arena_arc.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>

namespace {

using arena_arc::Allocator;
using formal::counted;
using formal::event_log;
using formal::ids_from;

template <class RC>
using alloc8 = Allocator<counted, std::uint32_t, 8, RC>;

/// init for try_alloc: ids base, base + 1, ... until index k, which reports failure.
constexpr auto failing_at(event_log& log, int base, std::size_t k, std::size_t& calls) {
  return [&log, base, k, &calls](std::size_t i) -> std::optional<counted> {
    ++calls;
    if (i == k) return std::nullopt;
    return counted(log, base + static_cast<int>(i));
  };
}

/// One failed try_alloc of `len` elements, on an allocator that first made a slice of
/// `prepared_len`; a slice of `follow_len` made after the failure must land right after the
/// prepared one (the failure did not move the bump position).
struct failure_case {
  std::size_t len;
  std::size_t prepared_len;  // slice allocated before the failure (0: fresh allocator)
  std::size_t follow_len;    // allocated after the failure; must follow the prepared slice
};

template <class RC>
constexpr bool fails_cleanly(const failure_case& c, std::size_t k) {
  event_log log;
  bool ok = true;
  {
    alloc8<RC> a;
    const auto prepared = a.alloc(c.prepared_len, ids_from(log, 0));
    const arena_arc::AllocatorStats before = a.stats();
    const std::size_t destroyed_before = log.destructions;
    std::size_t calls = 0;
    const auto failed = a.try_alloc(c.len, failing_at(log, 100, k, calls));
    // Exactly k elements were built (ids 100..100+k-1) and destroyed again, last first.
    ok = ok && !failed.has_value() && calls == k + 1 && a.stats() == before &&
         log.destroyed_descending(destroyed_before, 100, 100 + static_cast<int>(k) - 1);
    const auto follow = a.alloc(c.follow_len, ids_from(log, 200));
    if (c.prepared_len != 0 && c.follow_len != 0) ok = ok && formal::adjacent(prepared, follow);
  }
  return ok && log.balanced();
}

/// Every k of every case, for one policy.
template <class RC, std::size_t Count>
constexpr bool all_fail_cleanly(const std::array<failure_case, Count>& cases) {
  for (const failure_case& c : cases) {
    for (std::size_t k = 0; k < c.len; ++k) {
      if (!fails_cleanly<RC>(c, k)) return false;
    }
  }
  return true;
}

/// The fast path: the request fits in the current chunk (lengths 1 to 6 after 2 elements).
template <class RC>
constexpr bool fast_path_fails_cleanly_at_every_index() {
  return all_fail_cleanly<RC>(std::array<failure_case, 6>{
      {{1, 2, 6}, {2, 2, 6}, {3, 2, 6}, {4, 2, 6}, {5, 2, 6}, {6, 2, 6}}});
}

/// A new standard chunk, which must be freed again: the old chunk would stay current (6 left
/// against 1; 2 left against 0) or the new one would take over (2 left against 5), or it is
/// the allocator's first chunk.
template <class RC>
constexpr bool new_chunk_path_fails_cleanly_at_every_index() {
  return all_fail_cleanly<RC>(
      std::array<failure_case, 4>{{{7, 2, 6}, {8, 6, 2}, {3, 6, 2}, {5, 0, 8}}});
}

/// A dedicated chunk (longer than 8), also on a fresh allocator; it must be freed.
template <class RC>
constexpr bool dedicated_path_fails_cleanly_at_every_index() {
  return all_fail_cleanly<RC>(std::array<failure_case, 3>{{{9, 3, 5}, {12, 0, 4}, {16, 8, 0}}});
}

/// try_alloc_single reporting failure changes nothing; a success after it lands where the
/// first single would have, and a successful try_alloc builds every element once.
template <class RC>
constexpr bool try_single_and_success() {
  event_log log;
  bool ok = true;
  {
    alloc8<RC> a;
    const auto first = a.alloc(3, ids_from(log, 0));
    const auto none = a.try_alloc_single([]() -> std::optional<counted> { return std::nullopt; });
    const auto one =
        a.try_alloc_single([&log]() -> std::optional<counted> { return counted(log, 9); });
    std::size_t calls = 0;
    const auto all = a.try_alloc(4, failing_at(log, 20, 4, calls));  // never fails (k = len)
    ok = ok && !none.has_value() && one.has_value() && (*one)->id() == 9 &&
         &(*one).get() == first.data() + 3 && all.has_value() && calls == 4 &&
         formal::holds_ids(*all, 20, 4) && a.stats() == formal::stats_of(1, 0, 8, 0) &&
         log.destructions == 0;
  }
  return ok && log.destroyed_exactly({23, 22, 21, 20, 9, 2, 1, 0});
}

/// Interleaving failures changes nothing: an allocator that saw a failure before each request
/// ends in the same state (stats and layout) as one that did not.
template <class RC>
constexpr bool failures_leave_no_trace() {
  event_log log;
  constexpr std::array<std::size_t, 7> lengths = {3, 4, 9, 2, 6, 8, 1};
  bool ok = true;
  {
    alloc8<RC> clean;
    alloc8<RC> noisy;
    std::array<arena_arc::ArcSlice<counted, std::uint32_t, RC>, lengths.size()> a{};
    std::array<arena_arc::ArcSlice<counted, std::uint32_t, RC>, lengths.size()> b{};
    for (std::size_t i = 0; i < lengths.size(); ++i) {
      std::size_t calls = 0;
      const auto failed =
          noisy.try_alloc(lengths[i] + 1, failing_at(log, 500, lengths[i] / 2, calls));
      ok = ok && !failed.has_value();
      a[i] = clean.alloc(lengths[i], ids_from(log, static_cast<int>(i) * 10));
      b[i] = noisy.alloc(lengths[i], ids_from(log, static_cast<int>(i) * 10));
      ok = ok && noisy.stats() == clean.stats();
    }
    // Same layout: equal stats after every step pin each placement decision; and the slices
    // that share a chunk in the clean allocator (3 + 4, then 2 + 6) share one in the other.
    ok = ok && formal::adjacent(a[0], a[1]) && formal::adjacent(b[0], b[1]) &&
         formal::adjacent(a[3], a[4]) && formal::adjacent(b[3], b[4]);
  }
  return ok && log.balanced();
}

constexpr std::array scenarios = {
    ARENA_ARC_FORMAL_SCENARIO(fast_path_fails_cleanly_at_every_index),
    ARENA_ARC_FORMAL_SCENARIO(new_chunk_path_fails_cleanly_at_every_index),
    ARENA_ARC_FORMAL_SCENARIO(dedicated_path_fails_cleanly_at_every_index),
    ARENA_ARC_FORMAL_SCENARIO(try_single_and_success),
    ARENA_ARC_FORMAL_SCENARIO(failures_leave_no_trace),
};

}  // namespace

int main() { return formal::report_proven<scenarios>("failure paths"); }
