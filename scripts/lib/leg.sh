# Helpers for scripts/legs/*.sh; source it first:  source "$(dirname "$0")/../lib/leg.sh"
# It sets `set -euo pipefail`, changes to the repository root and exports ARENA_ARC_ROOT.
# A leg is a bash script that exits non-zero on failure; lines it prints that start with
# "SUMMARY: " are copied into the gate's final table.
set -euo pipefail
ARENA_ARC_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export ARENA_ARC_ROOT
cd "$ARENA_ARC_ROOT"

# run_ctest LABEL CTEST-ARGS...
# Runs ctest with the given arguments, its output shown and kept in build/gate/LABEL.ctest.log,
# then prints "SUMMARY: LABEL: <ctest's verdict>". Returns ctest's exit status.
run_ctest() {
  local label="$1" log status
  shift
  mkdir -p build/gate
  log="build/gate/${label%% *}.ctest.log"
  set +e
  ctest "$@" | tee "$log"
  status=${PIPESTATUS[0]}
  set -e
  echo "SUMMARY: ${label}: $(grep -E '^[0-9]+% tests passed' "$log" | tail -n 1 || echo 'no ctest verdict')"
  return "$status"
}
