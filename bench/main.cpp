// arena_arc_bench: arena-arc against the standard library. See bench/README.md.
//
// Besides the Google Benchmark flags it accepts
//   --ratio_table_out=PATH     also write the ratio table to PATH;
//   --single_threaded_process  do not start (and join) a thread before measuring, see below.
// Unless given on the command line or in the environment, it defaults to
// --benchmark_min_time=0.1 --benchmark_repetitions=3 --benchmark_display_aggregates_only=true,
// which keeps the whole run near a minute on two cores.
#include "builder_strategies.hpp"
#include "cases.hpp"
#include "ratio_table.hpp"
#include "strategies.hpp"

#include <benchmark/benchmark.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <limits>
#include <string>
#include <string_view>
#include <system_error>
#include <thread>
#include <utility>
#include <vector>

namespace {

using namespace arena_arc_bench;

// alloc_drop and batch1024 compare the same six variants.
template <template <class> class Case>
CaseLayout register_allocation_case(std::string_view name, std::string description,
                                    benchmark::TimeUnit unit) {
  return register_case<Case, ArenaAtomic, ArenaLocal, MakeSharedForOverwrite, SharedPtrNew,
                       PmrMonotonic, WriteFloor>(name, std::move(description), unit);
}

std::vector<CaseLayout> register_all() {
  return {
      register_allocation_case<AllocDrop>(
          "alloc_drop",
          "One slice per iteration: allocate and fill with 0..n-1, read one element, drop. "
          "Time per slice.",
          benchmark::kNanosecond),
      register_allocation_case<Batch>(
          "batch1024",
          "1024 slices alive at once in a reused vector of handles, then the vector is "
          "cleared. Time per batch of 1024.",
          benchmark::kMicrosecond),
      register_case<CopyDrop, ArenaAtomic, ArenaLocal, SharedPtrCopy>(
          "copy_drop",
          "Copy a live handle and drop the copy; n only sizes the shared slice. Time per copy.",
          benchmark::kNanosecond),
      register_case<AllocDrop, BuilderSlices<arena_arc::atomic_refcount>,
                    BuilderSlices<arena_arc::local_refcount>, VectorGrowCopy, ScratchVectorCopy>(
          "unknown_length",
          "A slice whose length is not known up front: its n elements arrive one at a time. "
          "Arena rows append them in place with a SliceBuilder; the baselines grow a "
          "std::vector (new, or a reused scratch one) and alloc_copy it. Read one element, "
          "drop. Time per slice.",
          benchmark::kNanosecond),
      register_case<AllocDrop, OverwriteSlices<arena_arc::atomic_refcount>,
                    OverwriteSlices<arena_arc::local_refcount>, BufferThenCopy>(
          "read_into",
          "A reader delivers n elements (a memcpy standing for read(2)). Arena rows let it write "
          "into the chunk with alloc_for_overwrite; the baseline reads into a reused buffer and "
          "alloc_copies it. Read one element, drop. Time per slice.",
          benchmark::kNanosecond),
  };
}

// argv without our own flags and with the defaults added; owns the strings.
struct Arguments {
  std::vector<std::string> storage;
  std::string ratio_table_out;
  bool single_threaded_process = false;
  bool bad_chunk_capacity = false;
  bool machine_format = false;  // --benchmark_format other than console: table goes to stderr

  [[nodiscard]] bool has(std::string_view flag) const {
    const std::string with_value = std::string(flag) + "=";
    return std::ranges::any_of(storage, [&](const std::string& arg) {
      return arg == flag || arg.starts_with(with_value);
    });
  }

  // Adds `flag=value` unless the flag was given or its BENCHMARK_* variable is set.
  bool add_default(std::string_view flag, std::string_view value) {
    std::string env(flag.substr(2));  // "--benchmark_x" -> "BENCHMARK_X"
    for (char& c : env) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    // NOLINTNEXTLINE(concurrency-mt-unsafe): runs before the process starts any thread
    if (has(flag) || std::getenv(env.c_str()) != nullptr) return false;
    storage.push_back(std::string(flag) + "=" + std::string(value));
    return true;
  }

  [[nodiscard]] std::vector<char*> argv() {
    std::vector<char*> result;
    for (std::string& arg : storage) result.push_back(arg.data());
    result.push_back(nullptr);
    return result;
  }
};

Arguments parse_arguments(int argc, char** argv) {
  constexpr std::string_view kTableOut = "--ratio_table_out=";
  constexpr std::string_view kSingleThreaded = "--single_threaded_process";
  constexpr std::string_view kFormat = "--benchmark_format=";
  constexpr std::string_view kChunkCapacityFlag = "--arena_chunk_capacity=";
  Arguments args;
  for (int i = 0; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg.starts_with(kTableOut)) {
      args.ratio_table_out = arg.substr(kTableOut.size());
      continue;
    }
    if (arg == kSingleThreaded) {
      args.single_threaded_process = true;
      continue;
    }
    if (arg.starts_with(kChunkCapacityFlag)) {
      const std::string_view value = arg.substr(kChunkCapacityFlag.size());
      std::size_t capacity = 0;
      const auto [end, error] =
          std::from_chars(value.data(), value.data() + value.size(), capacity);
      if (error != std::errc{} || end != value.data() + value.size() || capacity == 0 ||
          capacity > std::numeric_limits<std::uint32_t>::max()) {
        args.bad_chunk_capacity = true;
      } else {
        arena_arc_bench::arena_chunk_capacity = capacity;
      }
      continue;
    }
    if (arg.starts_with(kFormat) && arg.substr(kFormat.size()) != "console") {
      args.machine_format = true;
    }
    args.storage.emplace_back(arg);
  }
  args.add_default("--benchmark_min_time", "0.1");
  if (args.add_default("--benchmark_repetitions", "3") &&
      !args.has("--benchmark_report_aggregates_only")) {
    args.add_default("--benchmark_display_aggregates_only", "true");
  }
  return args;
}

}  // namespace

int main(int argc, char** argv) {
  Arguments args = parse_arguments(argc, argv);
  if (args.bad_chunk_capacity) {
    std::fputs("arena_arc_bench: --arena_chunk_capacity= takes 1 to 4294967295 elements\n", stderr);
    return 1;
  }
  std::vector<char*> bench_argv = args.argv();
  int bench_argc = static_cast<int>(args.storage.size());
  benchmark::Initialize(&bench_argc, bench_argv.data());
  if (benchmark::ReportUnrecognizedArguments(bench_argc, bench_argv.data())) return 1;

  // libstdc++ (with glibc >= 2.32) makes shared_ptr's counts plain, non-atomic integers while
  // the process has never started a thread. A real program sharing handles across threads has,
  // so by default the baselines pay for atomics the way they would there (and always do with
  // libc++). The arena's counts do not depend on this.
  if (!args.single_threaded_process) std::thread([] {}).join();

  const std::vector<CaseLayout> layouts = register_all();
  RatioTableReporter reporter(benchmark::CreateDefaultDisplayReporter());
  const std::size_t matched = benchmark::RunSpecifiedBenchmarks(&reporter);
  benchmark::Shutdown();

  if (reporter.any_results()) {
    const TableNotes notes{args.single_threaded_process};
    reporter.write_table(args.machine_format ? std::cerr : std::cout, layouts, notes);
    if (!args.ratio_table_out.empty()) {
      std::ofstream file(args.ratio_table_out);
      reporter.write_table(file, layouts, notes);
      if (!file) {
        std::cerr << "arena_arc_bench: cannot write " << args.ratio_table_out << '\n';
        return 1;
      }
    }
  }
  // A filter that matches nothing, or a benchmark that reported an error, fails the run.
  return matched == 0 || reporter.any_errors() ? 1 : 0;
}
