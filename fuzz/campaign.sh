#!/usr/bin/env bash
# A fuzzing campaign over the libFuzzer harnesses.
#
#   bash fuzz/campaign.sh [seconds-per-harness] [harness...]
#
# Harnesses: ops, math, threads, threads_tsan, builder (default: all five; 600 seconds each).
# Builds the libFuzzer targets of preset clang-fuzz (CMakePresets.json) in its directory
# build/fuzz (override: ARENA_ARC_FUZZ_BUILD_DIR; the compiler: ARENA_ARC_FUZZ_CXX),
# then runs each harness for the given time, one process each, with its dictionary
# (fuzz/dict/<h>.dict) over its seed corpus and regressions (read only). New interesting
# inputs go to a scratch corpus, build/fuzz/campaign/<h>/corpus, merged (-merge=1) after each
# run and reused by the next campaign; the repository's corpora are never written.
# A crash (also a leak, timeout or out-of-memory) is minimized (-minimize_crash=1) into
# fuzz/regressions/<h>/, which the replay tests run from then on, and the script exits 1.
# Prints per harness:
#   SUMMARY: fuzz <h>: <N> executions, <k> new inputs, <cov> coverage, <crashes> crashes
# where the new inputs are those the merge added to the scratch corpus.
# threads_tsan shares the corpus, dictionary and regressions of threads; it has no coverage
# counters (see fuzz/CMakeLists.txt) and is guided by -use_value_profile=1, so its "coverage"
# is libFuzzer's feature count.
#
# Settings (environment):
#   ARENA_ARC_FUZZ_PARALLEL=N   N harnesses at once (default 1)
#   ARENA_ARC_FUZZ_FORK=N       each harness fuzzes in N processes (libFuzzer -fork=N; default 0,
#                               one process): the multi-core mode, up to N cores per harness
#   ARENA_ARC_FUZZ_FLAGS="..."  more libFuzzer flags for the fuzzing run only (never for the
#                               merge or the minimization), e.g. "-max_len=2048"
#   ARENA_ARC_FUZZ_GRACE=S      the hard bound: a fuzzing run still alive S seconds after its
#                               time is stopped (timeout, then SIGKILL 10 s later) and reported
#                               as a failure, its new inputs kept (default 60; with fork mode
#                               60 + min(seconds, 300): libFuzzer lets running jobs, each up to
#                               300 s long, finish after the time is up)
#   ARENA_ARC_FUZZ_MERGE_SECONDS=S  bound of each merge (default 600; past it the new inputs are
#                               kept unmerged)
#   ARENA_ARC_FUZZ_BIN_DIR=dir  run the executables arena_arc_fuzz_<h> of dir as they are, no
#                               build (e.g. build/oss-fuzz/out, from fuzz/oss_fuzz.sh)
#   ARENA_ARC_FUZZ_SKIP_BUILD=1 run the executables already in $build/fuzz/, no build
# libFuzzer's -jobs=N is not the supported multi-core mode: each job writes its log to
# fuzz-<n>.log in the working directory, outside this script's report.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# TSan (threads_tsan) needs ASLR off on kernels with 32 random mmap bits: rerun under setarch -R.
[[ -z "${ARENA_ARC_NO_ASLR:-}" ]] && setarch "$(uname -m)" -R true 2>/dev/null &&
  ARENA_ARC_NO_ASLR=1 exec setarch "$(uname -m)" -R bash "$0" "$@"
cd "$root"

seconds="${1:-600}"
(($# > 0)) && shift
if ! [[ "$seconds" =~ ^[0-9]+$ ]] || ((seconds == 0)); then
  echo "usage: bash fuzz/campaign.sh [seconds-per-harness] [ops|math|threads|threads_tsan|builder...]" >&2
  exit 2
fi
harnesses=("$@")
((${#harnesses[@]} > 0)) || harnesses=(ops math threads threads_tsan builder)
for h in "${harnesses[@]}"; do
  case "$h" in
    ops | math | threads | threads_tsan | builder) ;;
    *) echo "campaign: unknown harness '$h' (ops, math, threads, threads_tsan, builder)" >&2; exit 2 ;;
  esac
done

check_count() {  # name value: a non-negative integer, else usage error
  if ! [[ "$2" =~ ^[0-9]+$ ]]; then
    echo "campaign: $1 must be a non-negative integer, not '$2'" >&2
    exit 2
  fi
}
fork="${ARENA_ARC_FUZZ_FORK:-0}"
check_count ARENA_ARC_FUZZ_FORK "$fork"
fork=$((10#$fork))
default_grace=60
((fork > 0)) && default_grace=$((60 + (seconds < 300 ? seconds : 300)))
grace="${ARENA_ARC_FUZZ_GRACE:-$default_grace}"
check_count ARENA_ARC_FUZZ_GRACE "$grace"
merge_seconds="${ARENA_ARC_FUZZ_MERGE_SECONDS:-600}"
check_count ARENA_ARC_FUZZ_MERGE_SECONDS "$merge_seconds"

build="${ARENA_ARC_FUZZ_BUILD_DIR:-$root/build/fuzz}"
bin="${ARENA_ARC_FUZZ_BIN_DIR:-$build/fuzz}"
configure_args=(--preset clang-fuzz)
[[ -n "${ARENA_ARC_FUZZ_BUILD_DIR:-}" ]] && configure_args+=(-B "$build")
[[ -n "${ARENA_ARC_FUZZ_CXX:-}" ]] && configure_args+=(-DCMAKE_CXX_COMPILER="$ARENA_ARC_FUZZ_CXX")

# --- build ------------------------------------------------------------------------------
# Preset clang-fuzz: Debug (-g) at -O1 (fuzz/CMakeLists.txt), extensive hardening, nothing else
# of the project.
# ARENA_ARC_FUZZ_SKIP_BUILD=1 or ARENA_ARC_FUZZ_BIN_DIR runs existing executables as they are.
if [[ "${ARENA_ARC_FUZZ_SKIP_BUILD:-0}" != 1 && -z "${ARENA_ARC_FUZZ_BIN_DIR:-}" ]]; then
  if [[ ! -f "$build/CMakeCache.txt" ]]; then
    cmake "${configure_args[@]}" >/dev/null
  fi
  targets=()
  for h in "${harnesses[@]}"; do targets+=("arena_arc_fuzz_$h"); done
  cmake --build "$build" -j "${ARENA_ARC_FUZZ_BUILD_JOBS:-2}" --target "${targets[@]}"
fi

# --- run --------------------------------------------------------------------------------
# One harness: fuzz, merge, minimize any crash; prints its report lines and returns 1 when it
# found a crash.
run_harness() {
  local h="$1"
  local base exe work engine fuzz_flags user_flags log status executions rate metric coverage
  local crashes kind minimized name size kept before artifact limit bounded=0 tmp started
  base="${h%_tsan}"
  exe="$bin/arena_arc_fuzz_$h"
  work="$build/campaign/$h"
  rm -rf "$work/new" "$work/artifacts"
  mkdir -p "$work/new" "$work/corpus" "$work/artifacts" "fuzz/regressions/$base"
  # engine: flags that define what counts as coverage, for fuzzing and merging alike.
  # fuzz_flags: for the fuzzing run only; never for the merge or the minimization (-fork there
  # would make them fuzz on instead of ending).
  engine=()
  fuzz_flags=()
  [[ "$h" == threads_tsan ]] && engine+=(-use_value_profile=1)
  # The operations harness has many features (one per line per instantiation); libFuzzer's
  # entropic schedule then spends most of its time updating their frequencies: without it the
  # harness runs twice as many inputs and reaches more coverage in the same time (measured).
  [[ "$h" == ops ]] && fuzz_flags+=(-entropic=0)
  # Fork mode: N worker processes; new inputs land in the first corpus directory ($work/new),
  # a crash stops the run (no -ignore_crashes) with its input in the artifact directory.
  ((fork > 0)) && fuzz_flags+=(-fork="$fork")
  read -r -a user_flags <<<"${ARENA_ARC_FUZZ_FLAGS:-}"
  fuzz_flags+=("${user_flags[@]}")
  log="$work/fuzz.log"
  limit=$((seconds + grace))
  started=$SECONDS
  set +e
  # The hard bound: timeout signals the fuzzer's whole process group (fork mode's workers too).
  timeout -k 10 "$limit" "$exe" -max_total_time="$seconds" -print_final_stats=1 \
    -dict="fuzz/dict/$base.dict" -artifact_prefix="$work/artifacts/" -timeout=25 \
    -rss_limit_mb=2048 "${engine[@]}" "${fuzz_flags[@]}" \
    "$work/new" "$work/corpus" "fuzz/corpus/$base" "fuzz/regressions/$base" >"$log" 2>&1
  status=$?
  set -e
  # 124: timeout's SIGTERM ended it; 137: its SIGKILL (not another SIGKILL, e.g. the kernel's
  # out-of-memory killer, before the bound).
  if ((status == 124 || (status == 137 && SECONDS - started >= limit))); then
    bounded=1
    echo "campaign: $h: FAILED: still running ${limit} s after its start (${seconds} s of" \
      "fuzzing + ${grace} s of grace): stopped; its new inputs are kept"
    # A killed fork-mode parent leaves its scratch directory behind.
    tmp="$(sed -n 's/.*starting to fuzz in \(\/[^ ]*libFuzzerTemp[^ ]*\.dir\).*/\1/p' "$log" |
      tail -n 1)"
    [[ -n "$tmp" ]] && rm -rf "$tmp"
  fi

  executions="$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)"
  rate="$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n 1)"
  metric=cov
  [[ "$h" == threads_tsan ]] && metric=ft
  coverage="$(grep -oE "$metric: [0-9]+" "$log" | tail -n 1 | grep -oE '[0-9]+' || true)"
  if [[ -z "$executions" ]]; then
    # No final statistics (fork mode, or a stopped run): the last status line's count,
    # "#<n>\t..." in one process, "#<n>: cov: ... exec/s: <rate> ..." in fork mode.
    executions="$(grep -oE '^#[0-9]+' "$log" | tail -n 1 | tr -d '#' || true)"
    rate="$(grep -oE 'exec/s: [0-9]+' "$log" | tail -n 1 | grep -oE '[0-9]+' || true)"
  fi

  # Keep what the run found, reduced to the inputs that add coverage; a merge that fails or
  # outlasts its bound keeps every new input instead.
  before="$(find "$work/corpus" -type f | wc -l)"
  if compgen -G "$work/new/*" >/dev/null; then
    if ! timeout -k 10 "$merge_seconds" "$exe" -merge=1 "${engine[@]}" "$work/corpus" \
      "$work/new" >"$work/merge.log" 2>&1; then
      echo "campaign: $h: merge failed or stopped after ${merge_seconds} s (see" \
        "$work/merge.log): new inputs kept unmerged"
      cp -n "$work/new"/* "$work/corpus/" 2>/dev/null || true
    fi
  fi
  kept="$(find "$work/corpus" -type f | wc -l)"

  crashes=0
  for artifact in "$work"/artifacts/*; do
    [[ -f "$artifact" ]] || continue
    crashes=$((crashes + 1))
    kind="$(basename "$artifact" | cut -d- -f1)"
    minimized="$work/minimized"
    rm -f "$minimized"
    if [[ "$kind" == crash || "$kind" == leak ]]; then
      timeout -k 10 120 "$exe" -minimize_crash=1 -max_total_time=60 -runs=100000 \
        -exact_artifact_path="$minimized" "$artifact" >"$work/minimize.log" 2>&1 || true
    fi
    [[ -s "$minimized" ]] || cp "$artifact" "$minimized"
    name="$kind-$(sha1sum "$minimized" | cut -c1-16)"
    cp "$minimized" "fuzz/regressions/$base/$name"
    size="$(wc -c <"$minimized")"
    echo "campaign: $h: $kind, minimized to fuzz/regressions/$base/$name ($size bytes)"
    echo "campaign: $h: reproduce with: $exe fuzz/regressions/$base/$name"
  done
  if ((status != 0 && crashes == 0 && bounded == 0)); then
    crashes=1  # the fuzzer failed without an artifact (e.g. a crash while loading the corpus)
    echo "campaign: $h: libFuzzer exited with status $status; see $log"
    tail -n 30 "$log"
  elif ((crashes > 0)); then
    grep -m1 -E 'ERROR|fuzz oracle|WARNING: ThreadSanitizer|violation' "$log" || true
  fi
  ((fork > 0)) && echo "campaign: $h: fork mode, $fork worker processes"
  echo "campaign: $h: ${rate:-?} executions per second, scratch corpus $work/corpus ($kept inputs)"
  echo "SUMMARY: fuzz $h: ${executions:-0} executions, $((kept - before)) new inputs," \
    "${coverage:-0} coverage, $crashes crashes"
  ((crashes == 0 && bounded == 0))
}

# Up to ARENA_ARC_FUZZ_PARALLEL harnesses at once (default 1; the gate runs 2), each writing its
# report to a file printed in the harnesses' order once all have ended; the campaign's wall time
# is then about seconds x harnesses / parallel.
parallel="${ARENA_ARC_FUZZ_PARALLEL:-1}"
if ! [[ "$parallel" =~ ^[1-9][0-9]*$ ]]; then
  echo "campaign: ARENA_ARC_FUZZ_PARALLEL must be a positive integer, not '$parallel'" >&2
  exit 2
fi
reports="$(mktemp -d)"
trap 'rm -rf "$reports"' EXIT
running=0
for h in "${harnesses[@]}"; do
  if ((running >= parallel)); then
    wait -n || true
    running=$((running - 1))
  fi
  # In an if, set -e does not apply inside run_harness: each step there checks its own status.
  (if run_harness "$h" >"$reports/$h.out" 2>&1; then echo 0; else echo 1; fi >"$reports/$h.status") &
  running=$((running + 1))
done
wait
failures=0
for h in "${harnesses[@]}"; do
  cat "$reports/$h.out"
  [[ "$(cat "$reports/$h.status" 2>/dev/null)" == 0 ]] || failures=$((failures + 1))
done
exit $((failures > 0 ? 1 : 0))
