#!/usr/bin/env bash
# The main job (the README's main command): builds the Release benchmarks and examples,
# runs the examples, then the benchmark, which prints its own ratio table against the
# standard library. Extra arguments go to the benchmark binary, e.g.
#   bash scripts/main.sh --benchmark_filter=alloc_drop
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash scripts/install-deps.sh
cmake --preset bench
cmake --build --preset bench
ctest --preset bench -L example
exec build/bench/bench/arena_arc_bench "$@"
