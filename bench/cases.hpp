// The three measured cases, each a template over a strategy (strategies.hpp), and the helper
// that registers one case for a list of strategies at every length of the sweep.
#pragma once

#include "consume.hpp"
#include "ratio_table.hpp"
#include "strategies.hpp"

#include <benchmark/benchmark.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace arena_arc_bench {

[[nodiscard]] inline std::size_t length(const benchmark::State& state) {
  return static_cast<std::size_t>(state.range(0));
}

// items/s counts slices; bytes/s counts element bytes written.
inline void set_throughput(benchmark::State& state, std::size_t slices, std::size_t len) {
  const auto items = state.iterations() * static_cast<std::int64_t>(slices);
  state.SetItemsProcessed(items);
  state.SetBytesProcessed(items * static_cast<std::int64_t>(len * sizeof(Element)));
}

// (a) One slice per iteration: allocate + fill, read one element, drop.
template <class S>
struct AllocDrop {
  static void run(benchmark::State& state) {
    const std::size_t len = length(state);
    S strategy(len, 1);
    for ([[maybe_unused]] auto _ : state) {
      const typename S::Handle handle = strategy.make(len);
      consume(S::data(handle), len);
    }
    set_throughput(state, 1, len);
  }
};

// (b) kBatchSlices slices alive at once in a reused vector, then all dropped by clear().
// One untimed round runs first, for every strategy alike, so that the timed rounds measure the
// steady state: memory a strategy keeps across rounds (the arena's recycled chunks, the buffers
// of pmr_monotonic and write_floor) has been obtained and faulted in, as it would be after the
// first of many batches. What a strategy gives back after each round (glibc trimming the heap
// under make_shared_for_overwrite) it pays for again in every timed round.
template <class S>
struct Batch {
  static void run(benchmark::State& state) {
    const std::size_t len = length(state);
    S strategy(len, kBatchSlices);
    std::vector<typename S::Handle> live;
    live.reserve(kBatchSlices);
    round(strategy, live, len);
    for ([[maybe_unused]] auto _ : state) round(strategy, live, len);
    set_throughput(state, kBatchSlices, len);
  }

  // Always inlined, so that both copies compile as the timed loop body would on its own (left
  // out of line, g++ 12 did so for the arena strategies only).
  ARENA_ARC_BENCH_ALWAYS_INLINE static void round(S& strategy,
                                                  std::vector<typename S::Handle>& live,
                                                  std::size_t len) {
    for (std::size_t i = 0; i < kBatchSlices; ++i) {
      live.push_back(strategy.make(len));
      consume(S::data(live.back()), len);
    }
    live.clear();
    strategy.end_round();
  }
};

// (c) Copy a live handle and drop the copy. The length only sizes the shared slice.
template <class S>
struct CopyDrop {
  static void run(benchmark::State& state) {
    const std::size_t len = length(state);
    S strategy(len, 1);
    const typename S::Handle original = strategy.make(len);
    for ([[maybe_unused]] auto _ : state) {
      typename S::Handle copy = original;
      // Takes the copy by reference with a memory clobber: the count really goes up and down.
      benchmark::DoNotOptimize(copy);
    }
    state.SetItemsProcessed(state.iterations());  // items/s counts copies
  }
};

// Registers "<case_name>/<S::name>/<len>" for every strategy and length, and returns the
// layout the ratio table needs: which variants are arena rows and which are baseline columns.
template <template <class> class Case, class... Strategies>
[[nodiscard]] CaseLayout register_case(std::string_view case_name, std::string description,
                                       benchmark::TimeUnit unit) {
  CaseLayout layout{std::string(case_name), std::move(description), {}, {}, {}};
  layout.lengths.assign(kLengths.begin(), kLengths.end());
  const auto register_one = [&](std::string_view variant, bool is_arena,
                                void (*run)(benchmark::State&)) {
    const std::string name = layout.name + "/" + std::string(variant);
    auto* bench = benchmark::RegisterBenchmark(name.c_str(), run)->Unit(unit);
    for (const std::int64_t len : kLengths) bench->Arg(len);
    (is_arena ? layout.arenas : layout.baselines).emplace_back(variant);
  };
  (register_one(Strategies::name, Strategies::is_arena, &Case<Strategies>::run), ...);
  return layout;
}

}  // namespace arena_arc_bench
