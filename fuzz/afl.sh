#!/usr/bin/env bash
# AFL++ builds and campaigns of the fuzz harnesses (fuzz/README.md, "AFL++").
#
#   bash fuzz/afl.sh [seconds] [harness...]     (default 600 seconds; ops math threads builder)
#
# Builds the harnesses with AFL++'s compiler (afl-clang-fast++; its -fsanitize=fuzzer links
# AFL++'s libFuzzer-compatible driver) through .clusterfuzzlite/build.sh, the OSS-Fuzz build
# script, with AFL_USE_ASAN=1 AFL_USE_UBSAN=1 (ASan + UBSan; math also -fsanitize=integer, as
# build.sh does), into build/afl/out. Then, per harness:
#   1. every seed file (the build's seed corpus archive: fuzz/corpus/<h>/, fuzz/regressions/<h>/)
#      runs once through the instrumented executable, which must pass it;
#   2. afl-fuzz for the given time (-V) with the harness's dictionary (-x), the seeds as input
#      (-i) and build/afl/findings/<h> as output (-o): one main instance (-M main) and
#      ARENA_ARC_AFL_SECONDARIES secondary ones (-S sec1, -S sec2, ...; default 0), one core each.
# Prints per harness:
#   SUMMARY: afl++ <h>: <n> seeds passed, <N> executions, <k> corpus inputs, <c> crashes
# (summed over the instances), and exits 1 if a seed failed or a crash was saved
# (build/afl/findings/<h>/*/crashes/; reproduce with the executable and the file as its
# argument, minimize with the libFuzzer build: fuzz/campaign.sh's executables take
# -minimize_crash=1).
# The threads_tsan variant has no AFL++ build (TSan and AFL++'s instrumentation do not combine).
# afl-fuzz runs with AFL_SKIP_CPUFREQ=1, AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 (machines whose
# core dumps go to a helper), AFL_NO_UI=1, and AFL_NO_AFFINITY=1 unless set (no core binding:
# on a shared machine the free cores are unknown); each can be overridden in the environment.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

seconds="${1:-600}"
(($# > 0)) && shift
if ! [[ "$seconds" =~ ^[0-9]+$ ]] || ((seconds == 0)); then
  echo "usage: bash fuzz/afl.sh [seconds-per-harness] [ops|math|threads|builder...]" >&2
  exit 2
fi
harnesses=("$@")
((${#harnesses[@]} > 0)) || harnesses=(ops math threads builder)
for h in "${harnesses[@]}"; do
  case "$h" in
    ops | math | threads | builder) ;;
    *) echo "afl: unknown harness '$h' (ops, math, threads, builder)" >&2; exit 2 ;;
  esac
done
secondaries="${ARENA_ARC_AFL_SECONDARIES:-0}"
if ! [[ "$secondaries" =~ ^[0-9]+$ ]]; then
  echo "afl: ARENA_ARC_AFL_SECONDARIES must be a non-negative integer, not '$secondaries'" >&2
  exit 2
fi

# --- build (build.sh's contract, AFL++'s compilers) --------------------------------------
base="$root/build/afl"
out="$base/out"
rm -rf "$base/work" "$base/seeds"
mkdir -p "$out" "$base/work" "$base/src" "$base/seeds"
ln -sfn "$root" "$base/src/arena-arc"
(
  cd "$base/src/arena-arc"
  env AFL_QUIET=1 AFL_USE_ASAN=1 AFL_USE_UBSAN=1 CC=afl-clang-fast CXX=afl-clang-fast++ \
    CFLAGS="-O1 -g" CXXFLAGS="-O1 -g" LIB_FUZZING_ENGINE=-fsanitize=fuzzer \
    SRC="$base/src" WORK="$base/work" OUT="$out" SANITIZER=address FUZZING_ENGINE=afl \
    ARENA_ARC_FUZZ_HARNESSES="${harnesses[*]}" \
    ARENA_ARC_FUZZ_BUILD_JOBS="${ARENA_ARC_FUZZ_BUILD_JOBS:-2}" \
    bash "$root/.clusterfuzzlite/build.sh"
)

# --- run ----------------------------------------------------------------------------------
export AFL_SKIP_CPUFREQ="${AFL_SKIP_CPUFREQ:-1}"
export AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES="${AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES:-1}"
export AFL_NO_UI="${AFL_NO_UI:-1}"
export AFL_NO_AFFINITY="${AFL_NO_AFFINITY:-1}"
# Sum of one field over the instances' fuzzer_stats.
stat_sum() {
  cat "$1"/*/fuzzer_stats 2>/dev/null | awk -v key="$2" '$1 == key {s += $3} END {print s + 0}'
}
failures=0
for h in "${harnesses[@]}"; do
  exe="$out/arena_arc_fuzz_$h"
  seeds="$base/seeds/$h"
  findings="$base/findings/$h"
  mkdir -p "$seeds"
  python3 -m zipfile -e "$out/arena_arc_fuzz_${h}_seed_corpus.zip" "$seeds"
  passed=0
  seed_failed=0
  if "$exe" "$seeds"/* >"$base/seeds/$h.log" 2>&1; then
    passed="$(grep -c '^Execution successful' "$base/seeds/$h.log" || true)"
  else
    seed_failed=1
    echo "afl: $h: a seed input failed (log $base/seeds/$h.log)"
    tail -n 20 "$base/seeds/$h.log"
  fi
  rm -rf "$findings"
  mkdir -p "$findings"
  # afl-fuzz ends by itself after -V seconds; timeout is the hard bound should it not.
  common=(-i "$seeds" -o "$findings" -x "$out/arena_arc_fuzz_$h.dict" -V "$seconds")
  pids=()
  for ((i = 1; i <= secondaries; i++)); do
    timeout -k 10 $((seconds + 60)) afl-fuzz -S "sec$i" "${common[@]}" -- "$exe" \
      >"$findings/sec$i.log" 2>&1 &
    pids+=($!)
  done
  status=0
  timeout -k 10 $((seconds + 60)) afl-fuzz -M main "${common[@]}" -- "$exe" \
    >"$findings/main.log" 2>&1 || status=$?
  for pid in "${pids[@]}"; do wait "$pid" || status=$?; done
  executions="$(stat_sum "$findings" execs_done)"
  corpus="$(stat_sum "$findings" corpus_count)"
  crashes="$(stat_sum "$findings" saved_crashes)"
  if ((status != 0)); then
    echo "afl: $h: afl-fuzz exited with status $status (logs $findings/*.log)"
    tail -n 20 "$findings/main.log"
  fi
  if ((crashes > 0)); then
    echo "afl: $h: crashing inputs in $findings/*/crashes/; reproduce with: $exe <file>"
  fi
  echo "SUMMARY: afl++ $h: $passed seeds passed, $executions executions," \
    "$corpus corpus inputs (summed over $((secondaries + 1)) instances), $crashes crashes"
  ((status == 0 && seed_failed == 0 && crashes == 0)) || failures=$((failures + 1))
done
exit $((failures > 0 ? 1 : 0))
