// Using an allocator from inside its own init would overwrite the slice being built, or unlink a
// chunk the placement is about to take, so it is a violation (checked at every hardening level)
// for every member but the plain reads chunk_capacity(), recycle_limit() and the static
// alloc_empty(). With a throwing handler installed the violation surfaces as an exception that
// leaves the outer call, which then changes nothing; the noexcept members (stats,
// set_recycle_limit, moves, destruction) stop the process. Each is tried from every placement
// path: the fast path, a first chunk, a new standard chunk from upstream, a dedicated chunk, a
// rewind of the current chunk, the reuse of an idle kept chunk and a recycled chunk.
#include <arena_arc/arena_arc.hpp>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <ostream>
#include <string>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include <arena_arc_testing/violation_capture.hpp>

#include "support/helpers.hpp"

namespace {

using arena_arc::AllocatorStats;
using arena_arc_testing::throwing_violation_scope;
using arena_arc_testing::violation_error;

// An element that can run arbitrary code while it is being constructed, so that emplace and
// alloc_copy (which take no init) can also re-enter the allocator. Trivially destructible, so
// that the allocator rewinds and keeps its chunks.
struct hook {
  using callback = std::function<int()>;
  explicit hook(int v) : value(v) {}
  hook(const callback& cb) : value(cb()) {}  // NOLINT(google-explicit-constructor): alloc_copy
  int value;
};

static_assert(std::is_trivially_destructible_v<hook>);

constexpr std::uint32_t capacity = 8;
// atomic_refcount (the default): with owner ledgers, full chunks are kept.
using Alloc = arena_arc::Allocator<hook, std::uint32_t, capacity>;
using slice_type = arena_arc::ArcSlice<hook>;
using reenter_fn = void (*)(Alloc&);

struct inner_call {
  const char* name;
  reenter_fn call;
};

const inner_call inner_calls[] = {
    {"alloc", [](Alloc& a) { (void)a.alloc(2, [](std::size_t) { return hook(0); }); }},
    // Zero length touches no chunk, but is re-entrant use all the same.
    {"alloc_zero_length", [](Alloc& a) { (void)a.alloc(0, [](std::size_t) { return hook(0); }); }},
    {"try_alloc_zero_length",
     [](Alloc& a) {
       (void)a.try_alloc(0, [](std::size_t) { return std::optional<hook>(std::in_place, 0); });
     }},
    {"alloc_copy_empty", [](Alloc& a) { (void)a.alloc_copy(std::vector<hook>{}); }},
    {"try_alloc",
     [](Alloc& a) {
       (void)a.try_alloc(1, [](std::size_t) { return std::optional<hook>(std::in_place, 0); });
     }},
    {"alloc_single", [](Alloc& a) { (void)a.alloc_single([] { return hook(0); }); }},
    {"try_alloc_single",
     [](Alloc& a) {
       (void)a.try_alloc_single([] { return std::optional<hook>(std::in_place, 0); });
     }},
    {"alloc_value", [](Alloc& a) { (void)a.alloc_value(hook(0)); }},
    {"emplace", [](Alloc& a) { (void)a.emplace(0); }},
    {"alloc_copy", [](Alloc& a) { (void)a.alloc_copy(std::vector<hook>{hook(0)}); }},
};

// Each entry point, on the fast path (the placement paths are the matrix further down). The
// outer call re-enters through `reenter` while building its second element (or its only one);
// `prefix` elements are allocated first.
struct outer_call {
  const char* name;
  std::size_t prefix;
  void (*call)(Alloc& a, const std::function<void()>& reenter);
};

auto reentering_init(const std::function<void()>& reenter) {
  return [&reenter](std::size_t i) {
    if (i == 1) reenter();
    return hook(static_cast<int>(i));
  };
}

const outer_call outer_calls[] = {
    {"alloc", 2,
     [](Alloc& a, const std::function<void()>& r) { (void)a.alloc(3, reentering_init(r)); }},
    {"try_alloc", 2,
     [](Alloc& a, const std::function<void()>& r) {
       (void)a.try_alloc(3, [&r](std::size_t i) {
         if (i == 1) r();
         return std::optional<hook>(std::in_place, 0);
       });
     }},
    {"alloc_single", 2,
     [](Alloc& a, const std::function<void()>& r) {
       (void)a.alloc_single([&r] {
         r();
         return hook(0);
       });
     }},
    {"try_alloc_single", 2,
     [](Alloc& a, const std::function<void()>& r) {
       (void)a.try_alloc_single([&r] {
         r();
         return std::optional<hook>(std::in_place, 0);
       });
     }},
    {"emplace", 2,
     [](Alloc& a, const std::function<void()>& r) {
       (void)a.emplace(hook::callback([&r] {
         r();
         return 0;
       }));
     }},
    {"alloc_copy", 2,
     [](Alloc& a, const std::function<void()>& r) {
       const std::vector<hook::callback> source{[] { return 0; },
                                                [&r] {
                                                  r();
                                                  return 1;
                                                }};
       (void)a.alloc_copy(source);
     }},
};

std::ostream& operator<<(std::ostream& os, const inner_call& c) { return os << c.name; }
std::ostream& operator<<(std::ostream& os, const outer_call& c) { return os << c.name; }

using outer_and_inner = std::tuple<outer_call, inner_call>;

std::string outer_and_inner_name(const ::testing::TestParamInfo<outer_and_inner>& param) {
  return std::string(std::get<0>(param.param).name) + "_then_" + std::get<1>(param.param).name;
}

class Reentrancy : public ::testing::TestWithParam<outer_and_inner> {};

TEST_P(Reentrancy, IsAViolationAndTheOuterCallChangesNothing) {
  // Not a structured binding: clang 14 cannot capture those in a lambda.
  const outer_call& outer = std::get<0>(GetParam());
  const inner_call& inner = std::get<1>(GetParam());
  const arena_arc::violation_handler original = arena_arc::get_violation_handler();
  {
    const throwing_violation_scope violations;
    Alloc a;
    const auto before =
        a.alloc(outer.prefix, [](std::size_t i) { return hook(static_cast<int>(i)); });
    const AllocatorStats stats = a.stats();
    bool inner_returned = false;
    const std::function<void()> reenter = [&] {
      inner.call(a);
      inner_returned = true;
    };

    try {
      outer.call(a, reenter);
      ADD_FAILURE() << "re-entrant use was not reported";
    } catch (const violation_error& e) {
      EXPECT_EQ(e.check(), "Allocator re-entrancy");
    }
    EXPECT_FALSE(inner_returned);
    EXPECT_EQ(a.stats(), stats);
    // Still usable, and the next element goes right after the prefix.
    const auto next = a.alloc_single([] { return hook(42); });
    EXPECT_EQ(&next.get(), before.data() + outer.prefix);
    EXPECT_EQ(next->value, 42);
  }
  EXPECT_EQ(arena_arc::get_violation_handler(), original) << "the scope restores the handler";
}

INSTANTIATE_TEST_SUITE_P(EveryEntryPoint, Reentrancy,
                         ::testing::Combine(::testing::ValuesIn(outer_calls),
                                            ::testing::ValuesIn(inner_calls)),
                         outer_and_inner_name);

TEST(ReentrancyOfOtherAllocators, AnotherAllocatorMayBeUsedInsideInit) {
  Alloc outer;
  Alloc other;
  std::optional<arena_arc::ArcSlice<hook>> built_inside;
  const auto slice = outer.alloc(3, [&](std::size_t i) {
    if (i == 1)
      built_inside = other.alloc(2, [](std::size_t j) { return hook(10 + static_cast<int>(j)); });
    return hook(static_cast<int>(i));
  });
  ASSERT_TRUE(built_inside.has_value());
  EXPECT_EQ((*built_inside)[1].value, 11);
  EXPECT_EQ(slice[2].value, 2);
}

TEST(ReentrancyOfOtherAllocators, TheSameAllocatorWorksAgainAfterInitReturns) {
  Alloc a;
  const auto first = a.alloc(2, [](std::size_t i) { return hook(static_cast<int>(i)); });
  const auto second = a.alloc(2, [](std::size_t i) { return hook(static_cast<int>(i)); });
  EXPECT_EQ(second.data(), first.data() + 2);
}

// ---- Every member from every placement path ----

slice_type values_from(Alloc& a, std::uint32_t len, int first) {
  return a.alloc(len, [first](std::size_t i) { return hook(first + static_cast<int>(i)); });
}

std::vector<std::vector<int>> contents_of(const std::vector<slice_type>& slices) {
  std::vector<std::vector<int>> contents;
  for (const slice_type& s : slices) {
    std::vector<int> values;
    for (const hook& h : s) values.push_back(h.value);
    contents.push_back(std::move(values));
  }
  return contents;
}

// A placement path, and how to make a request of `len` elements take it: prepare sets the
// allocator up (handles that must stay alive go into `held`) and returns where the request
// will place its first element, or nullptr where that is a chunk not yet made. The request
// then counts the given new, reused and dedicated chunks.
struct placement_path {
  const char* name;
  std::uint32_t len;
  const hook* (*prepare)(Alloc& a, std::vector<slice_type>& held);
  std::size_t new_chunks;
  std::size_t reused_chunks;
  std::size_t dedicated_chunks;
};

const placement_path placement_paths[] = {
    {"fast_path", 3,
     [](Alloc& a, std::vector<slice_type>& held) -> const hook* {
       held.push_back(values_from(a, 2, 0));
       return held.back().data() + 2;
     },
     0, 0, 0},
    {"first_chunk", 3, [](Alloc&, std::vector<slice_type>&) -> const hook* { return nullptr; }, 1,
     0, 0},
    {"new_chunk_from_upstream", 3,
     [](Alloc& a, std::vector<slice_type>& held) -> const hook* {
       held.push_back(values_from(a, 7, 0));  // 1 left: a new chunk (5 left) wins
       return nullptr;
     },
     1, 0, 0},
    {"dedicated_chunk", capacity + 4,
     [](Alloc& a, std::vector<slice_type>& held) -> const hook* {
       held.push_back(values_from(a, 2, 0));
       return nullptr;
     },
     1, 0, 1},
    {"rewind", 3,
     [](Alloc& a, std::vector<slice_type>&) -> const hook* {
       const slice_type dropped = values_from(a, 6, 0);  // its chunk is current and unreferenced
       return dropped.data();
     },
     0, 1, 0},
    {"idle_kept_chunk", 3,
     [](Alloc& a, std::vector<slice_type>& held) -> const hook* {
       slice_type first = values_from(a, capacity, 0);
       held.push_back(values_from(a, capacity, 100));  // the first chunk is kept; this one held
       const hook* storage = first.data();
       first = slice_type{};  // the kept chunk is idle (where nothing is kept: recycled)
       return storage;
     },
     0, 1, 0},
    {"recycled_chunk", 3,
     [](Alloc& a, std::vector<slice_type>& held) -> const hook* {
       a.set_recycle_limit(1);  // at most one chunk kept: the third leaves the first
       slice_type first = values_from(a, capacity, 0);
       held.push_back(values_from(a, capacity, 100));
       held.push_back(values_from(a, capacity, 200));
       const hook* storage = first.data();
       first = slice_type{};  // the left chunk returns to the recycler; the kept one is held
       return storage;
     },
     0, 1, 0},
};

std::ostream& operator<<(std::ostream& os, const placement_path& p) { return os << p.name; }

// Checks that `a`, prepared for `path` and then left by a failed re-entrant call, is as before:
// its stats, the held handles, and the request of the path, which lands where the path says.
void expect_unchanged_and_on_path(Alloc& a, const placement_path& path,
                                  const std::vector<slice_type>& held, const hook* landing,
                                  const AllocatorStats& stats,
                                  const std::vector<std::vector<int>>& contents) {
  EXPECT_EQ(a.stats(), stats);
  EXPECT_EQ(contents_of(held), contents);
  const slice_type next = values_from(a, path.len, 1000);
  if (landing != nullptr) {
    EXPECT_EQ(next.data(), landing);
  }
  EXPECT_EQ(next[path.len - 1].value, 1000 + static_cast<int>(path.len) - 1);
  const AllocatorStats after = a.stats();
  EXPECT_EQ(after.chunks_allocated - stats.chunks_allocated, path.new_chunks);
  EXPECT_EQ(after.chunks_reused - stats.chunks_reused, path.reused_chunks);
  EXPECT_EQ(after.dedicated_chunks - stats.dedicated_chunks, path.dedicated_chunks);
  EXPECT_EQ(contents_of(held), contents);
}

using path_and_inner = std::tuple<placement_path, inner_call>;

std::string path_and_inner_name(const ::testing::TestParamInfo<path_and_inner>& param) {
  return std::string(std::get<0>(param.param).name) + "_then_" + std::get<1>(param.param).name;
}

class ReentrancyOnEveryPath : public ::testing::TestWithParam<path_and_inner> {};

TEST_P(ReentrancyOnEveryPath, IsAViolationAndTheOuterCallChangesNothing) {
  const placement_path& path = std::get<0>(GetParam());
  const inner_call& inner = std::get<1>(GetParam());
  const throwing_violation_scope violations;
  Alloc a;
  std::vector<slice_type> held;
  const hook* landing = path.prepare(a, held);
  const AllocatorStats stats = a.stats();
  const std::vector<std::vector<int>> contents = contents_of(held);
  bool inner_returned = false;
  try {
    (void)a.alloc(path.len, [&](std::size_t i) {
      if (i == 1) {
        inner.call(a);
        inner_returned = true;
      }
      return hook(static_cast<int>(i));
    });
    ADD_FAILURE() << "re-entrant use was not reported";
  } catch (const violation_error& e) {
    EXPECT_EQ(e.check(), "Allocator re-entrancy");
  }
  EXPECT_FALSE(inner_returned);
  expect_unchanged_and_on_path(a, path, held, landing, stats, contents);
}

INSTANTIATE_TEST_SUITE_P(EveryMemberFromEveryPath, ReentrancyOnEveryPath,
                         ::testing::Combine(::testing::ValuesIn(placement_paths),
                                            ::testing::ValuesIn(inner_calls)),
                         path_and_inner_name);

// The request of each path without re-entry lands where the path says (the matrix relies on it).
class PlacementPaths : public ::testing::TestWithParam<placement_path> {};

TEST_P(PlacementPaths, ReadingTheSettingsInsideInitIsAllowed) {
  const placement_path& path = GetParam();
  Alloc a;
  std::vector<slice_type> held;
  const hook* landing = path.prepare(a, held);
  const AllocatorStats stats = a.stats();
  const std::size_t limit = a.recycle_limit();
  std::size_t reads = 0;
  const slice_type built = a.alloc(path.len, [&](std::size_t i) {
    // Plain reads of settings that no call can change while init runs (their setters are
    // checked), and the static empty slice, which touches nothing.
    if (a.chunk_capacity() == capacity && a.recycle_limit() == limit &&
        Alloc::alloc_empty().empty()) {
      ++reads;
    }
    return hook(static_cast<int>(i));
  });
  EXPECT_EQ(reads, path.len);
  if (landing != nullptr) {
    EXPECT_EQ(built.data(), landing);
  }
  EXPECT_EQ(a.stats().chunks_allocated - stats.chunks_allocated, path.new_chunks);
  EXPECT_EQ(a.stats().chunks_reused - stats.chunks_reused, path.reused_chunks);
  EXPECT_EQ(a.stats().dedicated_chunks - stats.dedicated_chunks, path.dedicated_chunks);
}

INSTANTIATE_TEST_SUITE_P(EveryPath, PlacementPaths, ::testing::ValuesIn(placement_paths),
                         [](const ::testing::TestParamInfo<placement_path>& param) {
                           return std::string(param.param.name);
                         });

// The noexcept members: a violation there ends the process, whatever the handler. Each gets the
// allocator in an optional so that destruction can be tried too.
struct fatal_call {
  const char* name;
  void (*call)(std::optional<Alloc>& a);
};

const fatal_call fatal_calls[] = {
    // stats() inside init would see the placement half done.
    {"stats", [](std::optional<Alloc>& a) { (void)a->stats(); }},
    {"set_recycle_limit", [](std::optional<Alloc>& a) { a->set_recycle_limit(0); }},
    {"move_construct_from", [](std::optional<Alloc>& a) { const Alloc stolen(std::move(*a)); }},
    {"move_assign_from",
     [](std::optional<Alloc>& a) {
       Alloc other;
       other = std::move(*a);
     }},
    {"move_assign_into", [](std::optional<Alloc>& a) { *a = Alloc(); }},
    {"destroy", [](std::optional<Alloc>& a) { a.reset(); }},
};

std::ostream& operator<<(std::ostream& os, const fatal_call& c) { return os << c.name; }

using path_and_fatal = std::tuple<placement_path, fatal_call>;

std::string path_and_fatal_name(const ::testing::TestParamInfo<path_and_fatal>& param) {
  return std::string(std::get<0>(param.param).name) + "_then_" + std::get<1>(param.param).name;
}

// Builds the path's request with an init that makes the fatal call; returns only if it was not
// reported.
void reenter_fatally(const placement_path& path, const fatal_call& fatal) {
  std::optional<Alloc> a(std::in_place);
  std::vector<slice_type> held;
  (void)path.prepare(*a, held);
  (void)a->alloc(path.len, [&](std::size_t i) {
    if (i == 1) fatal.call(a);
    return hook(static_cast<int>(i));
  });
  // Where the call was not stopped, the allocator is used on as a program would.
  (void)values_from(*a, capacity, 0);
  (void)values_from(*a, capacity, 0);
}

class ReentrancyDeathTest : public ::testing::TestWithParam<path_and_fatal> {
 protected:
  ReentrancyDeathTest() { GTEST_FLAG_SET(death_test_style, "threadsafe"); }
};

TEST_P(ReentrancyDeathTest, StopsTheProcess) {
  const placement_path& path = std::get<0>(GetParam());
  const fatal_call& fatal = std::get<1>(GetParam());
  EXPECT_DEATH(reenter_fatally(path, fatal), "arena_arc: violation of Allocator re-entrancy");
}

INSTANTIATE_TEST_SUITE_P(EveryNoexceptMemberFromEveryPath, ReentrancyDeathTest,
                         ::testing::Combine(::testing::ValuesIn(placement_paths),
                                            ::testing::ValuesIn(fatal_calls)),
                         path_and_fatal_name);

}  // namespace
