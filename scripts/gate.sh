#!/usr/bin/env bash
# The test gate (the README's test command; .ci/run runs it in CI).
#
#   bash scripts/gate.sh            install dependencies, then run every scripts/legs/*.sh
#   bash scripts/gate.sh 10 20      only the legs whose file names start with 10 or 20
#
# Each leg is a self-contained bash script that exits non-zero on failure and may print lines
# "SUMMARY: <text>". Legs run one after another in sorted file-name order; a failing leg does
# not stop the others. Each leg's full output is shown as it runs and kept in build/gate/.
# The gate ends with a table (leg, status, seconds, SUMMARY lines) and a last line
# "gate: N passed, N failed", and exits non-zero if any leg failed.
# A leg that runs longer than GATE_LEG_TIMEOUT seconds (default 1200) is stopped: TIMEOUT.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.." || exit 1

if ! bash scripts/install-deps.sh; then
  echo "gate: installing dependencies failed"
  echo "gate: 0 passed, 1 failed"
  exit 1
fi

legs=()
for leg in scripts/legs/*.sh; do
  [[ -e "$leg" ]] || continue
  name="$(basename "$leg" .sh)"
  if (($# > 0)); then
    wanted=0
    for prefix in "$@"; do
      [[ "$name" == "$prefix"* ]] && wanted=1
    done
    ((wanted)) || continue
  fi
  legs+=("$leg")
done
if ((${#legs[@]} == 0)); then
  echo "gate: no legs to run under scripts/legs/ (filter: ${*:-none})"
  echo "gate: 0 passed, 1 failed"
  exit 1
fi

log_dir="build/gate"
mkdir -p "$log_dir"
timeout_s="${GATE_LEG_TIMEOUT:-1200}"
passed=0
failed=0
names=()
results=()
durations=()
summaries=()
gate_start=$SECONDS

for leg in "${legs[@]}"; do
  name="$(basename "$leg" .sh)"
  log="$log_dir/$name.log"
  echo
  echo "=============== gate: leg $name ==============="
  start=$SECONDS
  timeout --kill-after=30 "$timeout_s" bash "$leg" 2>&1 | tee "$log"
  status=${PIPESTATUS[0]}
  seconds=$((SECONDS - start))
  if ((status == 0)); then
    result=PASS
    passed=$((passed + 1))
  else
    result=FAIL
    ((status == 124 || status == 137)) && result=TIMEOUT
    failed=$((failed + 1))
  fi
  echo "=============== gate: leg $name: $result in ${seconds}s ==============="
  names+=("$name")
  results+=("$result")
  durations+=("$seconds")
  summaries+=("$(sed -n 's/^SUMMARY: //p' "$log")")
done

echo
echo "=============== gate summary ==============="
printf '%-24s %-7s %7s  %s\n' "leg" "status" "seconds" "summary"
for i in "${!names[@]}"; do
  name="${names[$i]}" result="${results[$i]}" seconds="${durations[$i]}"
  if [[ -z "${summaries[$i]}" ]]; then
    printf '%-24s %-7s %7s  %s\n' "$name" "$result" "$seconds" "-"
    continue
  fi
  while IFS= read -r line; do
    printf '%-24s %-7s %7s  %s\n' "$name" "$result" "$seconds" "$line"
    name="" result="" seconds=""
  done <<<"${summaries[$i]}"
done
echo "total: $((SECONDS - gate_start))s; logs in $log_dir/"
echo "gate: $passed passed, $failed failed"
((failed == 0))
