// The strong guarantee on every failure path: init throws, init reports failure (nullopt), an
// element's conversion throws, or the upstream resource fails — at every element index, on the
// fast path, the new-chunk paths and the dedicated-chunk path. After each failure: the elements
// the call built are destroyed, the stats are unchanged, the next allocations land exactly where
// they land in a twin allocator that never failed, and at the end nothing has leaked.
#include <arena_arc/arena_arc.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <new>
#include <optional>
#include <ostream>
#include <string>
#include <tuple>
#include <vector>

#include <gtest/gtest.h>

#include <arena_arc_testing/counting_resource.hpp>

#include "support/counted.hpp"
#include "support/helpers.hpp"

namespace {

using arena_arc_testing::Counted;
using arena_arc_testing::counted_from;
using arena_arc_testing::counting_resource;
using arena_arc_testing::id_sequence;
using arena_arc_testing::ids_of;
using arena_arc_testing::init_failure;
using arena_arc_testing::lifecycle;

constexpr std::size_t capacity = 8;
using Alloc = arena_arc::Allocator<Counted, std::uint32_t, capacity>;
using Slice = arena_arc::ArcSlice<Counted>;

// The allocator state before the failing request (`prefix` lengths allocated, then the handles
// at the `dropped` indices released) and the request's length. `allocates` says whether the
// request needs a chunk from upstream (not when a recycled chunk is waiting).
struct path_case {
  const char* name;
  std::vector<std::size_t> prefix;
  std::size_t len;
  bool allocates;
  std::vector<std::size_t> dropped = {};
};

std::ostream& operator<<(std::ostream& os, const path_case& c) { return os << c.name; }

const path_case slice_paths[] = {
    {"first_chunk", {}, 5, true},          // no chunk yet
    {"fast_path", {3}, 4, false},          // fits in the current chunk
    {"new_chunk_switch", {6}, 4, true},    // old room 2 < new room 4
    {"new_chunk_keep_old", {3}, 7, true},  // old room 5 > new room 1
    {"new_chunk_tie", {5}, 5, true},       // 3 == 3
    {"dedicated_chunk", {3}, 12, true},    // longer than a chunk
    {"dedicated_first", {}, 12, true},     // longer than a chunk, no chunk yet
    // The first chunk came back (its only handle dropped): the request reuses it.
    {"recycled_chunk_switch", {8, 8}, 4, false, {0}},
    {"recycled_chunk_keep_old", {8, 3}, 7, false, {0}},
};

const path_case single_paths[] = {
    {"single_first_chunk", {}, 1, true},
    {"single_fast_path", {3}, 1, false},
    {"single_new_chunk", {8}, 1, true},
    {"single_recycled_chunk", {8, 8}, 1, false, {0}},
};

// Makes `a` fail at element k of a request of `len` elements and checks that the failure reached
// the caller as documented. Ids of elements the attempt builds start at 9000.
using attempt_fn = void (*)(Alloc& a, counting_resource& upstream, std::size_t len, std::size_t k);

struct failure_kind {
  const char* name;
  attempt_fn attempt;
  // The call builds the elements in place (no temporaries): the destruction log must then be
  // exactly the construction log reversed.
  bool in_place;
};

std::ostream& operator<<(std::ostream& os, const failure_kind& k) { return os << k.name; }

auto throwing_at(std::size_t k) {
  return [k](std::size_t i) {
    if (i == k) throw init_failure{i};
    return Counted(9000 + static_cast<int>(i));
  };
}

void alloc_throws(Alloc& a, counting_resource&, std::size_t len, std::size_t k) {
  EXPECT_THROW((void)a.alloc(len, throwing_at(k)), init_failure);
}

void try_alloc_nullopt(Alloc& a, counting_resource&, std::size_t len, std::size_t k) {
  const auto result = a.try_alloc(len, [k](std::size_t i) -> std::optional<Counted> {
    if (i == k) return std::nullopt;
    return std::optional<Counted>(std::in_place, 9000 + static_cast<int>(i));
  });
  EXPECT_FALSE(result.has_value());
}

void try_alloc_throws(Alloc& a, counting_resource&, std::size_t len, std::size_t k) {
  auto init = [k](std::size_t i) -> std::optional<Counted> {
    if (i == k) throw init_failure{i};
    return std::optional<Counted>(std::in_place, 9000 + static_cast<int>(i));
  };
  EXPECT_THROW((void)a.try_alloc(len, init), init_failure);
}

// A source element whose conversion to Counted throws for one index: alloc_copy's failure path.
struct source {
  int id;
  bool fails;
  operator Counted() const {  // NOLINT(google-explicit-constructor): alloc_copy converts
    if (fails) throw init_failure{static_cast<std::size_t>(id)};
    return Counted(id);
  }
};

void alloc_copy_throws(Alloc& a, counting_resource&, std::size_t len, std::size_t k) {
  std::vector<source> range;
  for (std::size_t i = 0; i < len; ++i) range.push_back({9000 + static_cast<int>(i), i == k});
  EXPECT_THROW((void)a.alloc_copy(range), init_failure);
}

void alloc_single_throws(Alloc& a, counting_resource&, std::size_t, std::size_t) {
  EXPECT_THROW((void)a.alloc_single([]() -> Counted { throw init_failure{0}; }), init_failure);
}

void try_alloc_single_nullopt(Alloc& a, counting_resource&, std::size_t, std::size_t) {
  EXPECT_FALSE(a.try_alloc_single([] { return std::optional<Counted>(); }).has_value());
}

// Counted(int) is reached through a conversion that throws: emplace's failure path.
struct throwing_int {
  operator int() const { throw init_failure{0}; }  // NOLINT(google-explicit-constructor)
};

void emplace_throws(Alloc& a, counting_resource&, std::size_t, std::size_t) {
  EXPECT_THROW((void)a.emplace(throwing_int{}), init_failure);
}

void upstream_fails_alloc(Alloc& a, counting_resource& upstream, std::size_t len, std::size_t) {
  int calls = 0;
  upstream.fail_in(0);
  EXPECT_THROW((void)a.alloc(len,
                             [&calls](std::size_t i) {
                               ++calls;
                               return Counted(9000 + static_cast<int>(i));
                             }),
               std::bad_alloc);
  EXPECT_EQ(calls, 0) << "init ran although no chunk could be obtained";
  upstream.allow_all();
}

void upstream_fails_alloc_single(Alloc& a, counting_resource& upstream, std::size_t, std::size_t) {
  upstream.fail_in(0);
  EXPECT_THROW((void)a.alloc_single([] { return Counted(9000); }), std::bad_alloc);
  upstream.allow_all();
}

std::vector<const void*> data_pointers(const std::vector<Slice>& slices) {
  std::vector<const void*> pointers;
  pointers.reserve(slices.size());
  for (const Slice& s : slices) pointers.push_back(s.data());
  return pointers;
}

// Runs `path`'s prefix on a failing allocator and on its twin, makes the failing one fail with
// `attempt` at index k, then checks the strong guarantee against the twin.
void check_strong_guarantee(const path_case& path, const failure_kind& kind, std::size_t k) {
  SCOPED_TRACE(::testing::Message()
               << "path " << path.name << ", " << kind.name << ", failing at index " << k);
  const arena_arc_testing::lifecycle_scope scope;
  counting_resource failing_upstream;
  counting_resource twin_upstream;
  {
    Alloc failing(&failing_upstream);
    Alloc twin(&twin_upstream);
    std::vector<Slice> failing_slices;
    std::vector<Slice> twin_slices;
    for (std::size_t j = 0; j < path.prefix.size(); ++j) {
      const int first_id = 1000 * static_cast<int>(j + 1);
      failing_slices.push_back(failing.alloc(path.prefix[j], counted_from(first_id)));
      twin_slices.push_back(twin.alloc(path.prefix[j], counted_from(first_id)));
    }
    for (const std::size_t j : path.dropped) {
      failing_slices[j] = {};
      twin_slices[j] = {};
    }
    const arena_arc::AllocatorStats stats_before = failing.stats();
    const std::size_t constructed_before = lifecycle().constructed().size();
    const std::size_t destroyed_before = lifecycle().destroyed().size();
    const std::size_t live_blocks_before = failing_upstream.live_blocks();
    const std::size_t bytes_before = failing_upstream.live_bytes();

    kind.attempt(failing, failing_upstream, path.len, k);

    // Every element the call built is destroyed again.
    // constructed() and destroyed() return copies: take each once.
    const std::vector<int> constructed_after = lifecycle().constructed();
    const std::vector<int> destroyed_after = lifecycle().destroyed();
    const std::vector<int> built(
        constructed_after.begin() + static_cast<std::ptrdiff_t>(constructed_before),
        constructed_after.end());
    const std::vector<int> destroyed(
        destroyed_after.begin() + static_cast<std::ptrdiff_t>(destroyed_before),
        destroyed_after.end());
    if (kind.in_place) {
      EXPECT_EQ(built, id_sequence(9000, k));
      EXPECT_EQ(destroyed, std::vector<int>(built.rbegin(), built.rend()));
    } else {
      std::vector<int> built_sorted = built;
      std::vector<int> destroyed_sorted = destroyed;
      std::sort(built_sorted.begin(), built_sorted.end());
      std::sort(destroyed_sorted.begin(), destroyed_sorted.end());
      EXPECT_EQ(destroyed_sorted, built_sorted);
    }
    // The allocator is as before, and as its twin.
    EXPECT_EQ(failing.stats(), stats_before);
    EXPECT_EQ(failing.stats(), twin.stats());
    EXPECT_EQ(failing_upstream.live_blocks(), live_blocks_before);
    EXPECT_EQ(failing_upstream.live_bytes(), bytes_before);
    for (std::size_t j = 0; j < failing_slices.size(); ++j) {
      if (failing_slices[j].empty()) continue;  // dropped
      EXPECT_EQ(ids_of(failing_slices[j]),
                id_sequence(1000 * static_cast<int>(j + 1), path.prefix[j]));
    }
    // The next requests land exactly where they land in the twin.
    for (const std::size_t probe : {path.len, std::size_t{1}, capacity, std::size_t{3}}) {
      failing_slices.push_back(failing.alloc(probe, counted_from(5000)));
      twin_slices.push_back(twin.alloc(probe, counted_from(5000)));
    }
    EXPECT_EQ(arena_arc_testing::locations(failing_upstream, data_pointers(failing_slices)),
              arena_arc_testing::locations(twin_upstream, data_pointers(twin_slices)));
    EXPECT_EQ(failing.stats(), twin.stats());
    if (!path.dropped.empty()) {
      EXPECT_GT(twin.stats().chunks_reused, 0u) << "the path was meant to reuse a chunk";
    }
    // The failed call's own chunk (if upstream gave it one) is the only extra upstream block.
    const std::size_t own_chunk =
        path.allocates && failing_upstream.injected_failures() == 0 ? 1 : 0;
    EXPECT_EQ(failing_upstream.allocations(), twin_upstream.allocations() + own_chunk);
  }
  EXPECT_TRUE(failing_upstream.balanced());
  EXPECT_EQ(lifecycle().live(), 0);
}

using case_and_kind = std::tuple<path_case, failure_kind>;

std::string case_and_kind_name(const ::testing::TestParamInfo<case_and_kind>& param) {
  return std::string(std::get<0>(param.param).name) + "_" + std::get<1>(param.param).name;
}

class StrongGuaranteeAtEveryIndex : public ::testing::TestWithParam<case_and_kind> {};

TEST_P(StrongGuaranteeAtEveryIndex, AllocatorUnchangedAndNothingLeaks) {
  const auto& [path, kind] = GetParam();
  for (std::size_t k = 0; k < path.len; ++k) check_strong_guarantee(path, kind, k);
}

const failure_kind slice_kinds[] = {
    {"alloc_throws", alloc_throws, true},
    {"try_alloc_nullopt", try_alloc_nullopt, false},
    {"try_alloc_throws", try_alloc_throws, false},
    {"alloc_copy_throws", alloc_copy_throws, false},
};

INSTANTIATE_TEST_SUITE_P(Slices, StrongGuaranteeAtEveryIndex,
                         ::testing::Combine(::testing::ValuesIn(slice_paths),
                                            ::testing::ValuesIn(slice_kinds)),
                         case_and_kind_name);

const failure_kind single_kinds[] = {
    {"alloc_single_throws", alloc_single_throws, true},
    {"try_alloc_single_nullopt", try_alloc_single_nullopt, true},
    {"emplace_throws", emplace_throws, true},
};

INSTANTIATE_TEST_SUITE_P(Singles, StrongGuaranteeAtEveryIndex,
                         ::testing::Combine(::testing::ValuesIn(single_paths),
                                            ::testing::ValuesIn(single_kinds)),
                         case_and_kind_name);

// Upstream failure, only where the request needs a new chunk.
std::vector<path_case> allocating(const auto& paths) {
  std::vector<path_case> result;
  for (const path_case& p : paths) {
    if (p.allocates) result.push_back(p);
  }
  return result;
}

class StrongGuaranteeOnUpstreamFailure : public ::testing::TestWithParam<case_and_kind> {};

TEST_P(StrongGuaranteeOnUpstreamFailure, BadAllocReachesTheCallerAndNothingChanges) {
  const auto& [path, kind] = GetParam();
  check_strong_guarantee(path, kind, 0);
}

const failure_kind upstream_slice_kind[] = {{"upstream_fails", upstream_fails_alloc, true}};
const failure_kind upstream_single_kind[] = {{"upstream_fails", upstream_fails_alloc_single, true}};

INSTANTIATE_TEST_SUITE_P(Slices, StrongGuaranteeOnUpstreamFailure,
                         ::testing::Combine(::testing::ValuesIn(allocating(slice_paths)),
                                            ::testing::ValuesIn(upstream_slice_kind)),
                         case_and_kind_name);

INSTANTIATE_TEST_SUITE_P(Singles, StrongGuaranteeOnUpstreamFailure,
                         ::testing::Combine(::testing::ValuesIn(allocating(single_paths)),
                                            ::testing::ValuesIn(upstream_single_kind)),
                         case_and_kind_name);

TEST(UpstreamFailureOnTheFastPath, NeedsNoChunkSoTheRequestSucceeds) {
  counting_resource upstream;
  Alloc a(&upstream);
  const auto first = a.alloc(2, counted_from(0));
  upstream.fail_all();
  const auto second = a.alloc(3, counted_from(10));
  upstream.allow_all();

  EXPECT_EQ(second.data(), first.data() + 2);
  EXPECT_EQ(upstream.injected_failures(), 0u);
}

}  // namespace
