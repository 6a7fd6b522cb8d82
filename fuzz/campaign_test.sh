#!/usr/bin/env bash
# fuzz/campaign.sh judged on stand-in fuzzers: a copy of the script runs in a scratch tree whose
# "libFuzzer targets" are small scripts, so a crash can be planted without a bug in the library
# and without writing into the repository's fuzz/regressions/.
#   ops:           writes a crash artifact and exits 1 (as libFuzzer does on a crash)
#   math, threads: clean runs that print libFuzzer's final statistics
# Checked, with two harnesses at a time (ARENA_ARC_FUZZ_PARALLEL=2) and one at a time:
#   - the campaign exits 1, and reports 1 crash for ops and 0 for the others;
#   - every harness's SUMMARY line is printed, in the order the harnesses were given;
#   - the crash is kept in the scratch tree's fuzz/regressions/ops/;
#   - a parallelism that is not a positive integer is refused (exit 2) before any fuzzer runs.
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
for arg in "\$@"; do
  case "\$arg" in
    -artifact_prefix=*) prefix="\${arg#-artifact_prefix=}" ;;
    -merge=1 | -minimize_crash=1) exit 0 ;;
  esac
done
sleep 0.3  # long enough for two harnesses to overlap
echo "stat::number_of_executed_units: 42"
echo "stat::average_exec_per_sec:     42"
echo "#42	DONE   cov: 7 ft: 9"
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
for parallel in 2 1; do
  out="$(cd "$scratch" && ARENA_ARC_FUZZ_SKIP_BUILD=1 ARENA_ARC_FUZZ_BUILD_DIR="$scratch/build" \
    ARENA_ARC_FUZZ_PARALLEL=$parallel bash fuzz/campaign.sh 1 ops math threads 2>&1)"
  status=$?
  summaries="$(grep -oE '^SUMMARY: fuzz [a-z_]+: .* [0-9]+ crashes$' <<<"$out")"
  check "parallel $parallel: exit status 1 (got $status)" '((status == 1))'
  check "parallel $parallel: summaries in order, ops crashed" \
    '[[ "$(sed -E "s/^SUMMARY: fuzz ([a-z_]+): .* ([0-9]+) crashes$/\1 \2/" <<<"$summaries" | tr "\n" " ")" == "ops 1 math 0 threads 0 " ]]'
  check "parallel $parallel: crash kept in regressions/ops" \
    'compgen -G "$scratch/fuzz/regressions/ops/crash-*" >/dev/null'
  rm -rf "$scratch/fuzz/regressions"
done
out="$(cd "$scratch" && ARENA_ARC_FUZZ_SKIP_BUILD=1 ARENA_ARC_FUZZ_BUILD_DIR="$scratch/build" \
  ARENA_ARC_FUZZ_PARALLEL=0 bash fuzz/campaign.sh 1 math 2>&1)"
status=$?
check "parallel 0 refused with status 2 (got $status)" '((status == 2))'
check "parallel 0: no fuzzer ran" '! grep -q "^SUMMARY" <<<"$out"'

if ((failures == 0)); then
  echo "campaign_test: crash reported and kept at parallelism 2 and 1; bad parallelism refused"
fi
exit $((failures > 0 ? 1 : 0))
