#!/usr/bin/env bash
# budget: 18 s (15 s measured on a quiet 2-core machine, clean clone; + 3 s CPU: lex_workload)
# clang++ Release build of what the other legs build only with g++ or only in Debug: the
# examples and the benchmarks (warnings are errors), then the examples and the benchmark smoke
# tests. The full test suite runs under clang++ in the sanitizer leg (clang-asan) and the fuzz
# leg, so it is not built a second time here. Preset clang-bench (CMakePresets.json).
source "$(dirname "$0")/../lib/leg.sh"

build="build/clang-bench"
cmake --preset clang-bench >/dev/null
cmake --build --preset clang-bench
run_ctest "clang-release (examples, benchmarks)" --test-dir "$build" -L 'example|bench' -j2 \
  --output-on-failure --no-tests=error
