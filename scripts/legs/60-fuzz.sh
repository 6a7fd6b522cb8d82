#!/usr/bin/env bash
# budget: 120 s (88 s measured on a quiet 2-core machine before the OSS-Fuzz and AFL++ checks,
# which add about 5 CPU seconds: docs/VERIFICATION.md)
# Fuzzing (fuzz/README.md): the seed corpora and fuzz/regressions/ replayed as plain ctest
# tests in a g++ build (label fuzz-replay, no libFuzzer; also fuzz/campaign_test.sh, the campaign
# script judged on stand-in fuzzers); then fuzz/oss_fuzz.sh: the OSS-Fuzz / ClusterFuzzLite build
# script .clusterfuzzlite/build.sh run in an emulated OSS-Fuzz environment (clang 19, libc++,
# ASan+UBSan, math also -fsanitize=integer; a second run with SANITIZER=thread for the TSan
# target threads_tsan), its seed archives, dictionaries and .options checked and every fuzzer
# run over its seed archive; then a time-boxed libFuzzer campaign of those five executables
# (fuzz/campaign.sh with ARENA_ARC_FUZZ_BIN_DIR: no build of its own), which fails on any crash
# and minimizes it into fuzz/regressions/; last, the AFL++ check (fuzz/afl.sh 2 math): the math
# harness built with afl-clang-fast++ through the same build.sh, its seeds run through the
# instrumented executable, then afl-fuzz for 2 s. ARENA_ARC_FUZZ_SECONDS sets the libFuzzer
# time per harness (default 6 in the gate, a smoke run from the seed corpora; the scheduled CI
# job fuzzes 1800 s per harness in fork mode, ClusterFuzzLite's batch job an hour per sanitizer).
# Expected time on 2 cores from empty build directories: about 2 minutes (5 x 6 s of fuzzing,
# two harnesses at a time (ARENA_ARC_FUZZ_PARALLEL), 2 s of afl-fuzz, the rest building).
source "$(dirname "$0")/../lib/leg.sh"

# Preset gcc-fuzz-replay (CMakePresets.json).
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

bash fuzz/oss_fuzz.sh build/oss-fuzz/out
set +e
# UBSAN_OPTIONS: OSS-Fuzz's run-time setting for its UBSan builds (fuzz/oss_fuzz.sh).
UBSAN_OPTIONS="silence_unsigned_overflow=1" \
  ARENA_ARC_FUZZ_BIN_DIR=build/oss-fuzz/out ARENA_ARC_FUZZ_BUILD_DIR=build/oss-fuzz \
  ARENA_ARC_FUZZ_PARALLEL="${ARENA_ARC_FUZZ_PARALLEL:-2}" \
  bash fuzz/campaign.sh "${ARENA_ARC_FUZZ_SECONDS:-6}"
campaign=$?
bash fuzz/afl.sh 2 math
afl=$?
set -e
((campaign == 0 && afl == 0))
