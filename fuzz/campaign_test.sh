#!/usr/bin/env bash
# fuzz/campaign.sh judged on stand-in fuzzers: a copy of the script runs in a scratch tree whose
# "libFuzzer targets" are small scripts, so a crash can be planted without a bug in the library
# and without writing into the repository's fuzz/regressions/.
#   ops:           writes a crash artifact and exits 1 (as libFuzzer does on a crash)
#   math, threads: clean runs that print libFuzzer's final statistics (one process) or fork
#                  mode's status lines (-fork=N), and each find one new input
# Every stand-in records its arguments, hangs (sleeps for 1000 s) when a merge or a
# minimization is given -fork or a flag of ARENA_ARC_FUZZ_FLAGS (such a run would never end),
# and with STANDIN_HANG=1 its fuzzing run hangs after finding its new input (in fork mode after
# making its scratch directory, as libFuzzer's parent does).
# Checked, with two harnesses at a time (ARENA_ARC_FUZZ_PARALLEL=2) and one at a time:
#   - the campaign exits 1, and reports 1 crash for ops and 0 for the others;
#   - every harness's SUMMARY line is printed, in the order the harnesses were given, with the
#     new input merged into the scratch corpus;
#   - the crash is kept in the scratch tree's fuzz/regressions/ops/;
#   - a parallelism that is not a positive integer is refused (exit 2) before any fuzzer runs.
# Fork mode (ARENA_ARC_FUZZ_FORK=2, with ARENA_ARC_FUZZ_FLAGS): the fuzzing runs get -fork=2 and
# the flags, the merges and the minimization neither (else the campaign would hang: it runs
# under a 60 s bound here); fork mode's executions and new inputs are reported; the crash is
# reported and kept. The hard bound: a fuzzing run that does not end (STANDIN_HANG=1) is stopped
# ARENA_ARC_FUZZ_GRACE seconds after its time, reported as a failure, its new input kept, the
# scratch directory of the stopped fork-mode parent removed.
# A fork count that is not a non-negative integer is refused (exit 2).
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$scratch/fuzz/dict" "$scratch/build/fuzz" "$scratch/fuzz/corpus"
cp "$here/campaign.sh" "$scratch/fuzz/"
for h in ops math threads; do
  touch "$scratch/fuzz/dict/$h.dict"
  mkdir -p "$scratch/fuzz/corpus/$h"
  cat >"$scratch/build/fuzz/arena_arc_fuzz_$h" <<FAKE
#!/usr/bin/env bash
# Stand-in for the $h libFuzzer target.
prefix=""
mode=fuzz
fork=0
exact=""
dirs=()
for arg in "\$@"; do
  case "\$arg" in
    -artifact_prefix=*) prefix="\${arg#-artifact_prefix=}" ;;
    -exact_artifact_path=*) exact="\${arg#-exact_artifact_path=}" ;;
    -merge=1) mode=merge ;;
    -minimize_crash=1) mode=minimize ;;
    -fork=*) fork="\${arg#-fork=}" ;;
    -*) ;;
    *) dirs+=("\$arg") ;;
  esac
done
echo "\$*" >>"$scratch/args.$h.\$mode"
if [[ "\$mode" != fuzz ]]; then
  # A merge or minimization given -fork (or any fuzzing flag) would fuzz on: it hangs here.
  if [[ "\$fork" != 0 || " \$* " == *" -max_len=64 "* ]]; then sleep 1000; fi
  if [[ "\$mode" == merge ]]; then cp "\${dirs[1]}"/* "\${dirs[0]}/"; fi
  if [[ "\$mode" == minimize ]]; then printf 'min' >"\$exact"; fi
  exit 0
fi
printf '%s' "\$RANDOM\$RANDOM" >"\${dirs[0]}/new-input-$h"
temp="$scratch/libFuzzerTemp.FuzzWithFork1.dir"
if [[ "\$fork" != 0 ]]; then  # fork mode's scratch directory, removed by libFuzzer at its end
  mkdir -p "\$temp"
  echo "INFO: -fork=\$fork: 3 seed inputs, starting to fuzz in \$temp"
fi
if [[ "\${STANDIN_HANG:-0}" == 1 ]]; then sleep 1000; fi
sleep 0.3  # long enough for two harnesses to overlap
if [[ "\$fork" != 0 ]]; then
  rmdir "\$temp"
  echo "#77: cov: 7 ft: 9 corp: 3 exec/s: 38 oom/timeout/crash: 0/0/0 time: 2s job: 1 dft_time: 0"
else
  echo "stat::number_of_executed_units: 42"
  echo "stat::average_exec_per_sec:     42"
  echo "#42	DONE   cov: 7 ft: 9"
fi
if [[ "$h" == ops ]]; then
  echo "==1==ERROR: AddressSanitizer: planted"
  printf 'planted' >"\${prefix}crash-0123456789abcdef"
  exit 1
fi
exit 0
FAKE
  chmod +x "$scratch/build/fuzz/arena_arc_fuzz_$h"
done

failures=0
check() {
  if ! eval "$2"; then
    echo "FAILED: $1" >&2
    failures=$((failures + 1))
  fi
}
campaign() {  # environment assignments..., then campaign.sh's arguments after "--"
  local env=()
  while [[ "$1" != -- ]]; do env+=("$1"); shift; done
  shift
  (cd "$scratch" && env ARENA_ARC_FUZZ_SKIP_BUILD=1 ARENA_ARC_FUZZ_BUILD_DIR="$scratch/build" \
    "${env[@]}" timeout 60 bash fuzz/campaign.sh "$@" 2>&1)
}
fresh() { rm -rf "$scratch/fuzz/regressions" "$scratch/build/campaign" "$scratch"/args.*; }
summary_of() {  # harness, executions, new inputs and crashes of each SUMMARY line, in order
  local line='^SUMMARY: fuzz ([a-z_]+): ([0-9]+) executions, ([0-9]+) new inputs, .* ([0-9]+)'
  line+=' crashes$'
  grep -E '^SUMMARY: fuzz ' <<<"$1" | sed -E "s/$line/\\1 \\2 \\3 \\4/" | tr "\n" " "
}
for parallel in 2 1; do
  fresh
  out="$(campaign ARENA_ARC_FUZZ_PARALLEL=$parallel -- 1 ops math threads)"
  status=$?
  check "parallel $parallel: exit status 1 (got $status)" '((status == 1))'
  check "parallel $parallel: summaries in order, ops crashed, new inputs merged" \
    '[[ "$(summary_of "$out")" == "ops 42 1 1 math 42 1 0 threads 42 1 0 " ]]'
  check "parallel $parallel: crash kept in regressions/ops" \
    'compgen -G "$scratch/fuzz/regressions/ops/crash-*" >/dev/null'
done

# Fork mode: the fuzzing flags reach the fuzzing runs only.
fresh
out="$(campaign ARENA_ARC_FUZZ_FORK=2 ARENA_ARC_FUZZ_FLAGS=-max_len=64 ARENA_ARC_FUZZ_PARALLEL=2 \
  -- 1 ops math threads)"
status=$?
check "fork: the campaign ends (exit status 1, got $status)" '((status == 1))'
check "fork: executions and new inputs of fork mode reported, ops crashed" \
  '[[ "$(summary_of "$out")" == "ops 77 1 1 math 77 1 0 threads 77 1 0 " ]]'
check "fork: crash kept in regressions/ops" \
  '[[ "$(cat "$scratch"/fuzz/regressions/ops/crash-* 2>/dev/null)" == min ]]'
check "fork: every fuzzing run got -fork=2 and the flags" \
  '[[ "$(cat "$scratch"/args.*.fuzz | grep -c -- "-fork=2 -max_len=64")" == 3 ]]'
check "fork: the merges and the minimization got neither" \
  '[[ "$(cat "$scratch"/args.*.merge "$scratch"/args.ops.minimize | wc -l)" == 4 ]] &&
   ! cat "$scratch"/args.*.merge "$scratch"/args.ops.minimize | grep -q -e -fork -e -max_len'

# The hard bound: a fuzzing run that outlives its time by the grace is stopped.
fresh
started=$SECONDS
out="$(campaign ARENA_ARC_FUZZ_FORK=2 ARENA_ARC_FUZZ_GRACE=1 STANDIN_HANG=1 -- 1 math)"
status=$?
elapsed=$((SECONDS - started))
check "bound: exit status 1 (got $status)" '((status == 1))'
check "bound: stopped within 15 s (took $elapsed s)" '((elapsed < 15))'
check "bound: reported as stopped" 'grep -q "^campaign: math: FAILED: still running 2 s" <<<"$out"'
check "bound: its new input kept, no crash" '[[ "$(summary_of "$out")" == "math 0 1 0 " ]]'
check "bound: fork mode's scratch directory removed" \
  '[[ ! -e "$scratch/libFuzzerTemp.FuzzWithFork1.dir" ]]'

out="$(campaign ARENA_ARC_FUZZ_FORK=two -- 1 math)"
status=$?
check "fork count 'two' refused with status 2 (got $status)" '((status == 2))'
check "fork count 'two': no fuzzer ran" '! grep -q "^SUMMARY" <<<"$out"'

out="$(cd "$scratch" && ARENA_ARC_FUZZ_SKIP_BUILD=1 ARENA_ARC_FUZZ_BUILD_DIR="$scratch/build" \
  ARENA_ARC_FUZZ_PARALLEL=0 bash fuzz/campaign.sh 1 math 2>&1)"
status=$?
check "parallel 0 refused with status 2 (got $status)" '((status == 2))'
check "parallel 0: no fuzzer ran" '! grep -q "^SUMMARY" <<<"$out"'

if ((failures == 0)); then
  echo "campaign_test: crash reported and kept at parallelism 2 and 1 and in fork mode;" \
    "fuzzing flags kept from merges; hard time bound holds; bad settings refused"
fi
exit $((failures > 0 ? 1 : 0))
