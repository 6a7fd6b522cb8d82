#!/usr/bin/env bash
# The static-analysis gate (docs/VERIFICATION.md): zero findings from
#   1. clang-tidy with the repository's .clang-tidy over every translation unit of the build
#      (tests, properties, fuzz harnesses, benchmarks, examples, formal/, and the generated
#      one-header units that check each public header on its own) except the compile-fail
#      cases, which are ill-formed on purpose; HeaderFilterRegex reports findings in
#      include/arena_arc too;
#   2. the clang static analyzer over formal/analysis_instantiations.cpp, which includes every
#      header and instantiates every member for 4 index types x 2 policies x 6 element types,
#      in two halves run in parallel (ARENA_ARC_FORMAL_ANALYSIS_PART);
#   3. cppcheck (warning, performance, portability) over the same sources as clang-tidy (but the
#      generated ones and tests/unit/index_types_test.cpp, see docs/VERIFICATION.md).
# Every suppression is one line in the source with its reason: NOLINT(check): reason, or
# cppcheck-suppress id ; reason.
#
#   bash scripts/static_analysis.sh     about 9 min of CPU, about 5 min on 2 idle cores
#
# ARENA_ARC_ANALYSIS_SCOPE=library (the gate) runs clang-tidy and cppcheck only over the
# translation units that exercise the library as such: formal/analysis_instantiations.cpp
# (every member of every public type, 4 index types x 2 policies x 6 element types, which
# includes every header) and examples/; findings in include/ show there. Its analyzer run
# instantiates 2 of the 4 index types (ARENA_ARC_FORMAL_ANALYSIS_SMALL). The default, all, adds
# the generated one-header units and every test, property, fuzz, formal and benchmark source,
# and the analyzer sees all 4 index types (the scheduled CI job): about 4 minutes of cppcheck
# and 12 of clang-tidy on 2 cores.
#
# Prints "SUMMARY: ..." and exits non-zero on any finding.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.." || exit 1

build=build/clang-analysis
out="$build/static-analysis"
jobs="${ARENA_ARC_FORMAL_JOBS:-2}"
mkdir -p "$out"

echo "== configuring $build (preset clang-analysis: every part, compile_commands.json)"
cmake --preset clang-analysis >"$out/configure.log" 2>&1 || {
  cat "$out/configure.log"
  exit 1
}

# Every translation unit of the build, relative to the repository (generated ones stay under
# build/), but the compile-fail cases.
mapfile -t tidy_files < <(python3 - "$build/compile_commands.json" "$PWD" <<'PY'
import json, os, sys
root = sys.argv[2]
files = sorted({os.path.relpath(entry["file"], root) for entry in json.load(open(sys.argv[1]))})
print("\n".join(f for f in files if "/compile_fail/" not in f))
PY
)
if ((${#tidy_files[@]} < 60)); then
  echo "static_analysis: only ${#tidy_files[@]} translation units in $build/compile_commands.json" >&2
  exit 1
fi
scope="${ARENA_ARC_ANALYSIS_SCOPE:-all}"
tidy_units=()
for f in "${tidy_files[@]}"; do
  if [[ "$scope" == all || "$f" == formal/analysis_instantiations.cpp || "$f" == examples/* ]]; then
    tidy_units+=("$f")
  fi
done

# --- 1. clang-tidy (its clang-analyzer-* checks run in step 2, on the broader unit) ----------
echo "== clang-tidy ($scope): ${#tidy_units[@]} translation units"
printf '%s\n' "${tidy_units[@]}" |
  xargs -P "$jobs" -I{} sh -c 'clang-tidy -p "$0" --quiet --checks=-clang-analyzer-* "$1" 2>/dev/null' \
    "$build" {} >"$out/clang-tidy.txt"
tidy_findings=$(grep -cE ': (warning|error): ' "$out/clang-tidy.txt")
grep -E -A3 ': (warning|error): ' "$out/clang-tidy.txt" | head -60

# --- 2. clang static analyzer ---------------------------------------------------------------
checkers=core,cplusplus,deadcode,nullability,security,unix,optin.cplusplus,optin.portability
echo "== clang static analyzer ($checkers): formal/analysis_instantiations.cpp, 2 parts"
analyzer_scope=()
[[ "$scope" == all ]] || analyzer_scope=(-DARENA_ARC_FORMAL_ANALYSIS_SMALL)
for part in 0 1; do
  clang++ --analyze -std=gnu++20 "${analyzer_scope[@]}" -Iinclude -Itesting -Xanalyzer -analyzer-checker="$checkers" \
    -Xanalyzer -analyzer-output=text -DARENA_ARC_FORMAL_ANALYSIS_PART="$part" \
    formal/analysis_instantiations.cpp -o /dev/null >"$out/analyzer-$part.txt" 2>&1 &
done
wait
cat "$out"/analyzer-*.txt >"$out/analyzer.txt"
analyzer_findings=$(grep -cE ': (warning|error): ' "$out/analyzer.txt")
grep -E ': (warning|error): ' "$out/analyzer.txt" | head -20

# --- 3. cppcheck ----------------------------------------------------------------------------
# cppcheck reads `max_of<TypeParam> - 1` in index_types_test.cpp as a comparison and stops.
cppcheck_files=()
for f in "${tidy_units[@]}"; do
  [[ "$f" == build/* || "$f" == tests/unit/index_types_test.cpp ]] || cppcheck_files+=("$f")
done
echo "== cppcheck ($scope): ${#cppcheck_files[@]} files"
cppcheck --std=c++20 --language=c++ --enable=warning,performance,portability --inline-suppr \
  --suppress=missingIncludeSystem --error-exitcode=1 -q -j "$jobs" \
  --library=formal/cppcheck/test-macros.cfg -Iinclude -Itesting -Iformal -Itests/unit -Itests/threads \
  -Itests/fault_injection -Itests/hardening -Iproperties -Ifuzz -Ibench -Iexamples "${cppcheck_files[@]}" >"$out/cppcheck.txt" 2>&1
cppcheck_status=$?
cppcheck_findings=$(grep -cE ': (warning|error|style|performance|portability): ' "$out/cppcheck.txt")
if ((cppcheck_status != 0 && cppcheck_findings == 0)); then cppcheck_findings=1; fi
head -40 "$out/cppcheck.txt"

total=$((tidy_findings + analyzer_findings + cppcheck_findings))
echo "SUMMARY: static analysis: clang-tidy ${tidy_findings} findings in ${#tidy_units[@]} TUs (${scope})," \
  "clang analyzer ${analyzer_findings} findings (1 TU, whole API), cppcheck ${cppcheck_findings}" \
  "findings in ${#cppcheck_files[@]} files (${scope})"
((total == 0))
