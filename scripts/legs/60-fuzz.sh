#!/usr/bin/env bash
# budget: 110 s (measured on a quiet 2-core machine, clean clone: docs/VERIFICATION.md)
# Fuzzing (fuzz/README.md): the seed corpora and fuzz/regressions/ replayed as plain ctest
# tests in a g++ build (label fuzz-replay, no libFuzzer; also fuzz/campaign_test.sh, the campaign
# script judged on stand-in fuzzers), then a time-boxed libFuzzer campaign
# of every harness with clang++ (fuzz/campaign.sh: ASan+UBSan targets ops, math, threads and
# builder, and the TSan target threads_tsan), which fails on any crash and minimizes it into
# fuzz/regressions/. ARENA_ARC_FUZZ_SECONDS sets the time per harness (default 6 in the gate, a
# smoke run from the seed corpora; the scheduled CI job fuzzes 1800 s per harness).
# Expected time on 2 cores from empty build directories: about 2 minutes (5 x 6 s of fuzzing,
# two harnesses at a time (ARENA_ARC_FUZZ_PARALLEL), the rest building).
source "$(dirname "$0")/../lib/leg.sh"

# Preset gcc-fuzz-replay (CMakePresets.json); the campaign builds preset clang-fuzz.
build="build/gcc-fuzz-replay"
cmake --preset gcc-fuzz-replay >/dev/null
cmake --build "$build" -j2 --target arena_arc_fuzz_replay_ops arena_arc_fuzz_replay_math \
  arena_arc_fuzz_replay_threads arena_arc_fuzz_replay_builder
log="$build/fuzz-replay.log"
set +e
ctest --test-dir "$build" -L fuzz-replay -j2 -V >"$log" 2>&1
status=$?
set -e
grep -E "tests passed|tests failed|replayed [0-9]+ inputs" "$log" || true
if ((status != 0)); then
  tail -n 60 "$log"
fi
inputs="$(grep -oE 'replayed [0-9]+ inputs' "$log" | awk '{s += $2} END {print s + 0}')"
echo "SUMMARY: fuzz replay (g++): ${inputs} corpus and regression inputs, ctest status ${status}"
((status == 0)) || exit "$status"

ARENA_ARC_FUZZ_PARALLEL="${ARENA_ARC_FUZZ_PARALLEL:-2}" bash fuzz/campaign.sh "${ARENA_ARC_FUZZ_SECONDS:-6}"
