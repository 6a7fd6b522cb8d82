#!/usr/bin/env bash
# Source-based coverage (clang) of include/arena_arc by the tests, properties and examples.
# Prints llvm-cov's per-header report and writes build/coverage/html/index.html.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash scripts/install-deps.sh
out=build/coverage
rm -rf "$out/profraw" "$out/html"
# The coverage test preset sets LLVM_PROFILE_FILE=$out/profraw/%p-%m.profraw.
cmake --workflow --preset coverage

shopt -s nullglob
profiles=("$out"/profraw/*.profraw)
if ((${#profiles[@]} == 0)); then
  echo "coverage: no .profraw files were written under $out/profraw" >&2
  exit 1
fi
llvm-profdata merge -sparse "${profiles[@]}" -o "$out/arena_arc.profdata"

# Every instrumented program in the build tree (those carrying a coverage mapping section).
args=()
while IFS= read -r -d '' bin; do
  if llvm-readelf -S "$bin" 2>/dev/null | grep -q '__llvm_covmap'; then
    if ((${#args[@]} == 0)); then args+=("$bin"); else args+=(-object "$bin"); fi
  fi
done < <(find "$out" -type f -perm -u+x ! -path '*/CMakeFiles/*' -print0)
if ((${#args[@]} == 0)); then
  echo "coverage: no instrumented programs found under $out" >&2
  exit 1
fi

llvm-cov report "${args[@]}" -instr-profile="$out/arena_arc.profdata" include/arena_arc |
  tee "$out/report.txt"
llvm-cov show "${args[@]}" -instr-profile="$out/arena_arc.profdata" -format=html \
  -output-dir="$out/html" -show-line-counts-or-regions include/arena_arc
total="$(grep '^TOTAL' "$out/report.txt" | awk '{print "regions " $4 ", functions " $7 ", lines " $10}')"
echo "SUMMARY: coverage of include/arena_arc: ${total:-unknown}; html in $out/html/index.html"
