# Helpers for scripts/legs/*.sh; source it first:  source "$(dirname "$0")/../lib/leg.sh"
# It sets `set -euo pipefail`, changes to the repository root and exports ARENA_ARC_ROOT.
# A leg is a bash script that exits non-zero on failure; lines it prints that start with
# "SUMMARY: " are copied into the gate's final table.
set -euo pipefail
ARENA_ARC_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export ARENA_ARC_ROOT
cd "$ARENA_ARC_ROOT"

