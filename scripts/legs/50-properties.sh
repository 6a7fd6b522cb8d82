#!/usr/bin/env bash
# budget: 10 s (measured on a quiet 2-core machine, clean clone: docs/VERIFICATION.md)
# RapidCheck properties (properties/): run on leg 10's g++ Debug build, then
# `ctest -L properties` with RC_PARAMS="max_success=1000 max_size=100" (set per test by
# properties/CMakeLists.txt). Prints the number of properties and of successful cases, counted
# from RapidCheck's "OK, passed N tests" lines. A failure prints RapidCheck's counterexample and
# its RC_PARAMS="reproduce=..." line (see properties/README.md).
# Expected time on 2 idle cores: no build after leg 10; about 30 seconds to run in Debug.
source "$(dirname "$0")/../lib/leg.sh"

# Reuses leg 10's g++ Debug build (same targets, no second compile); configures it when this
# leg runs alone.
build="build/gcc-debug"
if [[ ! -f "$build/CMakeCache.txt" ]]; then
  cmake --preset gcc-debug >/dev/null
fi
cmake --build "$build" --target arena_arc_properties -j 2

log="$build/properties-ctest.log"
set +e
ctest --test-dir "$build" -L properties -j 2 -V >"$log" 2>&1
status=$?
set -e

# ctest's own per-test lines and verdict.
grep -E '^ *[0-9]+/[0-9]+ Test +#|tests passed|Total Test time' "$log" || true
if ((status != 0)); then
  echo "--- failing properties (full log: $log) ---"
  grep -E 'Falsifiable|FAILED|RC_PARAMS="reproduce=|Failure' "$log" || cat "$log"
fi

properties=$(ctest --test-dir "$build" -L properties -N | sed -n 's/^Total Tests: //p')
passed_lines=$(grep -cE 'OK, passed [0-9]+ tests' "$log" || true)
cases=$(grep -oE 'OK, passed [0-9]+ tests' "$log" | awk '{ sum += $3 } END { print sum + 0 }')
below=$(grep -oE 'OK, passed [0-9]+ tests' "$log" | awk '$3 < 1000' | wc -l)
echo "SUMMARY: properties: ${properties} properties, ${cases} cases"

# Every property must report its case count (each one tags its cases, which makes RapidCheck's
# gtest adapter print the line), and every one must reach 1000.
if ((status == 0 && passed_lines != properties)); then
  echo "properties: ${passed_lines} 'OK, passed' lines for ${properties} properties" >&2
  exit 1
fi
if ((below != 0)); then
  echo "properties: ${below} properties passed fewer than 1000 cases" >&2
  exit 1
fi
exit "$status"
