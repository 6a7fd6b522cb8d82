#!/usr/bin/env bash
# Long property campaign: the same properties as the gate, with many more cases each.
#
#   bash properties/run-long.sh                 100000 cases per property, max_size 200
#   RUNS=1000000 MAX_SIZE=300 bash properties/run-long.sh
#   bash properties/run-long.sh ModelBased      only the ctest tests matching a regex
#
# Builds build/properties-long (g++ Release) and runs `ctest -L properties` there with
# RC_PARAMS="max_success=$RUNS max_size=$MAX_SIZE". A failure prints RapidCheck's minimal
# counterexample and an RC_PARAMS="reproduce=..." line; see properties/README.md.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

runs="${RUNS:-100000}"
max_size="${MAX_SIZE:-200}"
build="build/properties-long"

cmake -S . -B "$build" -G Ninja \
  -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_CXX_COMPILER=g++ \
  -DARENA_ARC_BUILD_PROPERTIES=ON \
  -DARENA_ARC_BUILD_TESTS=OFF \
  -DARENA_ARC_BUILD_FUZZERS=OFF \
  -DARENA_ARC_BUILD_BENCHMARKS=OFF \
  -DARENA_ARC_BUILD_EXAMPLES=OFF \
  -DARENA_ARC_BUILD_FORMAL=OFF \
  -DARENA_ARC_PROPERTY_RUNS="$runs" \
  -DARENA_ARC_PROPERTY_MAX_SIZE="$max_size" >/dev/null
cmake --build "$build" --target arena_arc_properties -j 2

filter=()
if (($# > 0)); then
  filter=(-R "$1")
fi
ctest --test-dir "$build" -L properties "${filter[@]}" -j 2 -V
