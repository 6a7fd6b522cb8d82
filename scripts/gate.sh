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
# Each leg file declares its budget, its expected time on a quiet 2-core machine, in a line
# "# budget: N s" (measured on a clean clone); the leg is stopped (TIMEOUT) after
# GATE_TIMEOUT_FACTOR (default 3.6, one decimal) times its budget, and the table shows budget and
# actual seconds per leg. A loaded 2-core machine ran the gate 2.3 times slower than a quiet one
# (about 2.6 other busy processes); twice that load makes the legs about 3.6 times slower. The
# timeouts of all legs must add up to at most GATE_TOTAL_TIMEOUT seconds (default 5400, CI's
# 90 minutes); the gate refuses to start otherwise. The long searches (deep Relacy bounds, every fits<uint8_t> input in static_assert,
# clang-tidy over every test source, gcc ASan, long fuzzing, the mutation run) are the scheduled
# CI job's (.github/workflows/scheduled.yml, docs/VERIFICATION.md).
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

factor="${GATE_TIMEOUT_FACTOR:-3.6}"
# The factor may have one decimal: timeouts are whole seconds, budget x factor rounded down.
if [[ ! "$factor" =~ ^[0-9]+(\.[0-9])?$ ]]; then
  echo "gate: GATE_TIMEOUT_FACTOR must be a number with at most one decimal, not '$factor'"
  echo "gate: 0 passed, 1 failed"
  exit 1
fi
factor_tenths=$((10#${factor%%.*} * 10 + 10#$(if [[ "$factor" == *.* ]]; then echo "${factor##*.}"; else echo 0; fi)))
budget_total=0
total_limit="${GATE_TOTAL_TIMEOUT:-5400}"
budgets=()
total_timeout=0
for leg in "${legs[@]}"; do
  budget="$(sed -nE 's/^# budget: ([0-9]+) s.*/\1/p' "$leg" | head -n 1)"
  if [[ -z "$budget" ]]; then
    echo "gate: $leg declares no '# budget: N s' line"
    echo "gate: 0 passed, 1 failed"
    exit 1
  fi
  budgets+=("$budget")
  total_timeout=$((total_timeout + factor_tenths * budget / 10))
  budget_total=$((budget_total + budget))
done
if ((total_timeout > total_limit)); then
  echo "gate: the legs' timeouts add up to ${total_timeout}s, over ${total_limit}s"
  echo "gate: 0 passed, 1 failed"
  exit 1
fi
echo "gate: ${#legs[@]} legs, budgets ${budget_total}s in all," \
  "timeouts ${factor}x budget (${total_timeout}s in all)"

log_dir="build/gate"
mkdir -p "$log_dir"
passed=0
failed=0
names=()
results=()
durations=()
summaries=()
gate_start=$SECONDS

for i in "${!legs[@]}"; do
  leg="${legs[$i]}"
  name="$(basename "$leg" .sh)"
  log="$log_dir/$name.log"
  timeout_s=$((factor_tenths * budgets[i] / 10))
  echo
  echo "=============== gate: leg $name (budget ${budgets[$i]}s, timeout ${timeout_s}s) ==============="
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
printf '%-24s %-7s %7s %7s  %s\n' "leg" "status" "budget" "seconds" "summary"
for i in "${!names[@]}"; do
  name="${names[$i]}" result="${results[$i]}" budget="${budgets[$i]}" seconds="${durations[$i]}"
  if [[ -z "${summaries[$i]}" ]]; then
    printf '%-24s %-7s %7s %7s  %s\n' "$name" "$result" "$budget" "$seconds" "-"
    continue
  fi
  while IFS= read -r line; do
    printf '%-24s %-7s %7s %7s  %s\n' "$name" "$result" "$budget" "$seconds" "$line"
    name="" result="" budget="" seconds=""
  done <<<"${summaries[$i]}"
done
over=()
for i in "${!names[@]}"; do
  ((durations[i] <= budgets[i])) || over+=("${names[$i]} (${durations[$i]}s of ${budgets[$i]}s)")
done
if ((${#over[@]} > 0)); then
  echo "over budget (a loaded machine, or a budget to revise): ${over[*]}"
fi
echo "total: $((SECONDS - gate_start))s of ${budget_total}s budgeted; logs in $log_dir/"
echo "gate: $passed passed, $failed failed"
((failed == 0))
