// A realistic sequence of operations, rerun with the k-th upstream allocation failing for
// k = 0, 1, 2, ... until a run completes without an injected failure. The failed call must change
// nothing (stats, live blocks, live elements, every handle's place and contents); retried, it must
// land where a twin world that never failed puts it; and at the end nothing may be left.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <new>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "support/world.hpp"

namespace fault_injection {
namespace {

template <class Cfg>
struct step {
  std::string name;
  std::function<void(world<Cfg>&)> run;  // at most one allocating call
};

template <class Cfg>
std::vector<step<Cfg>> scenario() {
  using W = world<Cfg>;
  using slice = typename W::slice;
  using single = typename W::single;
  auto alloc = [](which a, std::size_t len, std::uint64_t base) {
    return [=](W& w) { w.keep(w.use(a).alloc(len, w.counting(base)), W::sequence(base, len)); };
  };
  auto part = [](std::size_t from, std::size_t offset, std::size_t count) {
    return [=](W& w) {
      const auto& e = w.entries.at(from);
      const auto first = e.expected.begin() + static_cast<std::ptrdiff_t>(offset);
      w.keep(std::get<slice>(e.handle).subslice(offset, count),
             std::vector<std::uint64_t>(first, first + static_cast<std::ptrdiff_t>(count)));
    };
  };
  auto drop = [](std::size_t index) {
    return [=](W& w) { w.entries.at(index) = {slice{}, {}}; };
  };
  // Chunk capacity 8. The comments give the main allocator's fill level after the step.
  return {
      {"alloc 3: first chunk, opened lazily", alloc(which::main, 3, 100)},  // #0, 3/8
      {"alloc 4: fast path", alloc(which::main, 4, 110)},                    // #1, 7/8
      {"alloc_single: fills the chunk",
       [](W& w) { w.keep(w.main->alloc_single([&w] { return element(120, w.ledger); }), 120); }},
      {"alloc 5: chunk full, new chunk", alloc(which::main, 5, 130)},    // #3, 5/8
      {"alloc 20: dedicated chunk", alloc(which::main, 20, 140)},        // #4, 5/8
      {"emplace", [](W& w) { w.keep(w.main->emplace(170, w.ledger), 170); }},  // #5, 6/8
      {"alloc_copy 6 from a vector: tie, switches to the new chunk",
       [](W& w) {
         std::vector<element> source;
         for (std::uint64_t v = 180; v < 186; ++v) source.emplace_back(v, w.ledger);
         w.keep(w.main->alloc_copy(source), W::sequence(180, 6));  // #6, 6/8
       }},
      {"copy a handle", [](W& w) { w.entries.push_back(w.entries.at(0)); }},  // #7
      {"subslice, first and last of the dedicated slice",
       [part](W& w) {
         part(4, 5, 7)(w);  // #8
         const slice d = std::get<slice>(w.entries.at(4).handle);  // keep() moves the store
         w.keep(d.first(3), W::sequence(140, 3));   // #9
         w.keep(d.last(2), W::sequence(158, 2));    // #10
       }},
      {"drop the originals of a copy and a subslice",
       [drop](W& w) {
         drop(0)(w);
         drop(4)(w);
       }},
      {"alloc 7: keeps the old chunk, which has more room", alloc(which::main, 7, 200)},  // #11
      {"alloc_value", [](W& w) { w.keep(w.main->alloc_value(element(210, w.ledger)), 210); }},
      {"try_alloc 1 that succeeds",  // #13, 8/8
       [](W& w) {
         auto r = w.main->try_alloc(1, [&w](std::size_t) {
           return std::optional<element>(std::in_place, 220, w.ledger);
         });
         ASSERT_TRUE(r.has_value());
         w.keep(*std::move(r), std::vector<std::uint64_t>{220});
       }},
      {"move the allocator into the spare slot",
       [](W& w) { w.spare.emplace(std::move(*w.main)); }},
      {"alloc 2 from the moved-from allocator", alloc(which::main, 2, 230)},  // #14
      {"alloc 3 from the moved-to allocator, whose chunk is full",
       alloc(which::spare, 3, 240)},  // #15
      {"single to slice and back",
       [](W& w) {
         const single one = std::get<single>(w.entries.at(2).handle);  // keep() moves the store
         w.keep(one.to_slice(), std::vector<std::uint64_t>{120});                   // #16
         w.keep(slice(single(one)), std::vector<std::uint64_t>{120});              // #17
         w.keep(single::from_slice(std::get<slice>(w.entries.at(13).handle)), 220);  // #18
       }},
      {"destroy the spare allocator while its handles live", [](W& w) { w.spare.reset(); }},
      {"alloc 8: a whole chunk, the old one keeps more room", alloc(which::main, 8, 250)},
      {"recreate the spare allocator", [](W& w) { w.spare.emplace(&w.resource); }},
      {"alloc 4 from the new spare", alloc(which::spare, 4, 260)},
      {"move-assign the spare into the main allocator",
       [](W& w) { *w.main = std::move(*w.spare); }},
      {"alloc 1 from the main allocator", alloc(which::main, 1, 270)},
      {"alloc 3 from the assigned-from spare", alloc(which::spare, 3, 280)},
      {"zero length and alloc_empty touch nothing",
       [](W& w) {
         w.keep(w.main->alloc(0, w.counting(0)), {});
         w.keep(W::allocator::alloc_empty(), {});
       }},
      {"destroy the main allocator while its handles live", [](W& w) { w.main.reset(); }},
      {"recreate the main allocator", [](W& w) { w.main.emplace(&w.resource); }},
      {"alloc 9: dedicated from a fresh allocator", alloc(which::main, 9, 290)},
      {"alloc 6 after it: first standard chunk", alloc(which::main, 6, 300)},  // #26, 6/8
      {"alloc 5: new chunk, the old one left behind", alloc(which::main, 5, 310)},  // #27, 5/8
      {"drop the only handle of the left-behind chunk: it goes back for reuse", drop(26)},
      {"alloc 4: takes the returned chunk instead of upstream", alloc(which::main, 4, 320)},  // #28, 4/8
      {"allow one idle chunk", [](W& w) { w.main->set_recycle_limit(1); }},
      {"alloc 8: new chunk for the handle only, the current one has more room",
       alloc(which::main, 8, 330)},  // #29
      {"drop the handles of two chunks the allocator no longer uses",
       [drop](W& w) {
         drop(27)(w);
         drop(29)(w);
       }},
      {"alloc 5: one returned chunk is reused, the other goes upstream",
       alloc(which::main, 5, 340)},
      {"alloc 3: fast path in the reused chunk", alloc(which::main, 3, 350)},
  };
}

template <class Cfg>
class UpstreamFailure : public ::testing::Test {};
TYPED_TEST_SUITE(UpstreamFailure, configs, config_names);

/// Runs the scenario with the upstream allocation number `k` failing. Sets `injected` when that
/// allocation happened (false: the scenario made at most k allocations and ran clean).
template <class Cfg>
void run_with_failure_at(const std::vector<step<Cfg>>& steps, std::size_t k, bool& injected) {
  world<Cfg> subject;
  world<Cfg> twin;
  ASSERT_EQ(subject.resource.allocate_calls(), 0u);  // so that k counts from the first request
  subject.resource.fail_in(k);
  for (const auto& s : steps) {
    SCOPED_TRACE("step: " + s.name);
    const snapshot before = subject.snap();
    const std::size_t failures_before = subject.resource.injected_failures();
    bool threw = false;
    try {
      s.run(subject);
    } catch (const std::bad_alloc&) {
      threw = true;
    }
    ASSERT_EQ(subject.resource.injected_failures() - failures_before, threw ? 1u : 0u)
        << "std::bad_alloc must reach the caller exactly when the upstream failed";
    if (threw) {
      injected = true;
      EXPECT_EQ(subject.snap(), before) << "the failed call changed the world";
      EXPECT_TRUE(subject.contents_intact());
      s.run(subject);  // the failure was one-shot: the retry must succeed
    }
    s.run(twin);
    ASSERT_EQ(subject.snap(), twin.snap()) << "diverged from the twin that never failed";
    EXPECT_TRUE(subject.contents_intact());
  }
  subject.teardown();
  twin.teardown();
  EXPECT_TRUE(subject.clean());
  EXPECT_TRUE(twin.clean());
}

TYPED_TEST(UpstreamFailure, EveryUpstreamAllocationOfTheScenarioMayFail) {
  const auto steps = scenario<TypeParam>();
  std::size_t upstream_calls = 0;
  {
    world<TypeParam> dry;
    for (const auto& s : steps) s.run(dry);
    upstream_calls = dry.resource.allocate_calls();
    dry.teardown();
    ASSERT_TRUE(dry.clean());
  }
  // first chunk, 3 rotations, 4 dedicated/kept-old chunks and the fresh allocators' chunks
  ASSERT_GE(upstream_calls, 10u);
  std::size_t reused = 0;
  {
    world<TypeParam> probe;
    for (const auto& s : steps) s.run(probe);
    reused = probe.main->stats().chunks_reused;
  }
  EXPECT_EQ(reused, 2u) << "the scenario is meant to recycle two chunks";
  std::size_t k = 0;
  for (;; ++k) {
    SCOPED_TRACE("upstream allocation #" + std::to_string(k) + " fails");
    bool injected = false;
    run_with_failure_at<TypeParam>(steps, k, injected);
    if (::testing::Test::HasFailure() || !injected) break;
  }
  // Each of the scenario's allocations was made to fail once, then a run went through clean.
  EXPECT_EQ(k, upstream_calls);
}

}  // namespace
}  // namespace fault_injection
