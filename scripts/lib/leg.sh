# Helpers for scripts/legs/*.sh; source it first:  source "$(dirname "$0")/../lib/leg.sh"
# It sets `set -euo pipefail`, changes to the repository root and exports ARENA_ARC_ROOT.
# A leg is a bash script that exits non-zero on failure; lines it prints that start with
# "SUMMARY: " are copied into the gate's final table.
set -euo pipefail
ARENA_ARC_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export ARENA_ARC_ROOT
cd "$ARENA_ARC_ROOT"

# run_workflow PRESET [SUMMARY-LABEL]
# Runs `cmake --workflow --preset PRESET` (configure, build -j2, ctest -j2 --output-on-failure:
# CMakePresets.json sets the jobs and output options) and prints a SUMMARY line with ctest's
# verdict. Returns the workflow's exit status.
run_workflow() {
  local preset="$1" label="${2:-$1}" log status verdict
  log="$(mktemp)"
  set +e
  cmake --workflow --preset "$preset" 2>&1 | tee "$log"
  status=${PIPESTATUS[0]}
  set -e
  verdict="$(grep -E '^[0-9]+% tests passed' "$log" | tail -n 1 || true)"
  rm -f "$log"
  if [[ -z "$verdict" ]]; then
    verdict="no ctest verdict (configure or build failed?)"
  fi
  echo "SUMMARY: ${label}: ${verdict}"
  return "$status"
}
