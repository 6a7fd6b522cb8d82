// The driver for "a call fails while building element i, for every i": for each placement path
// (first chunk, fast path, new chunk, keeping the old chunk, a recycled chunk, dedicated chunk)
// and each index it brings a subject world and a twin to the same state, makes the call fail at
// that index in the subject, checks that nothing changed, then makes the same call succeed in
// both and checks that the subject's result lands where the twin's does. At the end both must
// be clean.
#ifndef ARENA_ARC_TESTS_FAULT_INJECTION_EVERY_INDEX_HPP
#define ARENA_ARC_TESTS_FAULT_INJECTION_EVERY_INDEX_HPP

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "world.hpp"

namespace fault_injection {

/// How a request of `len` elements is placed after the slices of `setup` were made (chunk
/// capacity 8, see config) and the handles of the first `dropped` of them were dropped again.
struct path_case {
  const char* name;
  std::vector<std::size_t> setup;
  std::size_t dropped;
  std::size_t len;
  std::size_t new_chunks;     // chunks_allocated added by the request
  std::size_t reused_chunks;  // chunks_reused added by the request
  std::size_t new_dedicated;  // dedicated_chunks added by the request
  std::size_t new_waste;      // elements_wasted added by the request
};

/// Requests of several elements, one per placement path.
inline const std::vector<path_case>& slice_paths() {
  static const std::vector<path_case> paths{
      {"first chunk (none yet)", {}, 0, 5, 1, 0, 0, 0},
      {"fast path", {2}, 0, 5, 0, 0, 0, 0},
      {"new chunk (2 left < 3)", {6}, 0, 5, 1, 0, 0, 2},
      {"new chunk, old kept (3 left > 1)", {5}, 0, 7, 1, 0, 0, 1},
      // The first chunk was left behind (tie) and all its handles dropped: it was recycled.
      {"recycled chunk", {6, 6}, 1, 5, 0, 1, 0, 2},
      {"dedicated chunk", {3}, 0, 19, 1, 0, 1, 0},
  };
  return paths;
}

/// Requests of one element: every path a single can take.
inline const std::vector<path_case>& single_paths() {
  static const std::vector<path_case> paths{
      {"first chunk (none yet)", {}, 0, 1, 1, 0, 0, 0},
      {"fast path", {2}, 0, 1, 0, 0, 0, 0},
      {"new chunk (chunk full)", {8}, 0, 1, 1, 0, 0, 0},
      {"recycled chunk", {8, 8}, 1, 1, 0, 1, 0, 0},
  };
  return paths;
}

/// Brings a world to the state a path case starts from: its setup slices, a copy of the last
/// one (a second handle sharing its chunk), minus the handles of the first `dropped` slices.
template <class W>
void prepare(W& w, const path_case& pc) {
  std::uint64_t base = 1000;
  for (std::size_t len : pc.setup) {
    w.keep(w.main->alloc(len, w.counting(base)), W::sequence(base, len));
    base += 100;
  }
  if (!w.entries.empty()) w.entries.push_back(w.entries.back());
  w.entries.erase(w.entries.begin(), w.entries.begin() + static_cast<std::ptrdiff_t>(pc.dropped));
}

/// attempt(world, path_case, fail_at) makes one request of path_case.len elements: with
/// `fail_at` set it must fail at that element index and return false (after checking the
/// failure it saw); without, it must succeed, store the handle with its expected contents, and
/// return true.
template <class Cfg, class Attempt>
void fail_at_every_index(const std::vector<path_case>& paths, Attempt attempt) {
  for (const path_case& pc : paths) {
    for (std::size_t i = 0; i < pc.len; ++i) {
      SCOPED_TRACE(std::string(pc.name) + ", failing at element " + std::to_string(i));
      world<Cfg> subject;
      world<Cfg> twin;
      prepare(subject, pc);
      prepare(twin, pc);
      const snapshot before = subject.snap();
      EXPECT_FALSE(attempt(subject, pc, std::optional<std::size_t>(i)));
      EXPECT_EQ(subject.snap(), before) << "the failed call changed the world";
      EXPECT_TRUE(subject.contents_intact());

      ASSERT_TRUE(attempt(subject, pc, std::nullopt));
      ASSERT_TRUE(attempt(twin, pc, std::nullopt));
      EXPECT_EQ(subject.snap(), twin.snap()) << "placed elsewhere than by a world that never failed";
      EXPECT_TRUE(subject.contents_intact());

      // The request took the path this case is about.
      const auto& was = *before.main_stats;
      const auto now = subject.main->stats();
      EXPECT_EQ(now.chunks_allocated - was.chunks_allocated, pc.new_chunks);
      EXPECT_EQ(now.chunks_reused - was.chunks_reused, pc.reused_chunks);
      EXPECT_EQ(now.dedicated_chunks - was.dedicated_chunks, pc.new_dedicated);
      EXPECT_EQ(now.elements_wasted - was.elements_wasted, pc.new_waste);
      EXPECT_EQ(now.elements_allocated - was.elements_allocated, pc.len);

      subject.teardown();
      twin.teardown();
      EXPECT_TRUE(subject.clean());
      EXPECT_TRUE(twin.clean());
      if (::testing::Test::HasFatalFailure()) return;
    }
  }
}

}  // namespace fault_injection

#endif  // ARENA_ARC_TESTS_FAULT_INJECTION_EVERY_INDEX_HPP
