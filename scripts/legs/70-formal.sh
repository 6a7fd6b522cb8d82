#!/usr/bin/env bash
# budget: 540 s (measured on a quiet 2-core machine, clean clone: docs/VERIFICATION.md)
# Formal checks (formal/, docs/VERIFICATION.md):
#   1. exhaustive checked arithmetic: run-time sweeps (g++ build) and static_assert sweeps
#      (g++: every uint8_t input of every helper; clang++: representative fits capacities);
#   2. compile-time execution: the constexpr_* scenarios compiled with g++ and clang++, and
#      their negative controls rejected by both compilers;
#   3. static analysis: scripts/static_analysis.sh (clang-tidy, clang analyzer, cppcheck);
#   4. coverage of include/ by the whole suite: scripts/coverage.sh;
#   5. Relacy interleavings (g++ build) at the gate's bounds (the deep bounds are the scheduled
#      CI job's), and a negative control for every memory order of the library: each weakened
#      order must be rejected (formal/relacy/weakened_*, formal/tsan_controls.sh).
# Reuses leg 10's g++ Debug build (build/gcc-debug: formal/ is part of it); builds the clang++
# compile-time targets in build/clang-formal, the coverage tree in build/coverage, the static
# analysis in build/clang-analysis (presets of the same names in CMakePresets.json).
# Expected time on 2 idle cores: about 7 minutes when leg 10 has run (602 s measured with
# clang-tidy over every translation unit and the deeper Relacy bounds; now the coverage build
# and run of the whole suite ~4 min, static analysis ~2 min, clang++ constexpr targets ~40 s,
# the g++ formal tests ~40 s, the TSan controls ~10 s); about 2 minutes more alone.
source "$(dirname "$0")/../lib/leg.sh"

status=0
fail() {
  echo "formal: $*" >&2
  status=1
}

# ---- g++: everything of formal/, on leg 10's build ----------------------------------------
gcc_build="${ARENA_ARC_FORMAL_GCC_BUILD:-build/gcc-debug}"
if [[ ! -f "$gcc_build/CMakeCache.txt" ]]; then
  cmake --preset gcc-debug -B "$gcc_build" >/dev/null
fi
echo "== g++: building formal/ in $gcc_build"
cmake --build "$gcc_build" --target formal/all -j 2
gcc_log="$gcc_build/formal-ctest.log"
echo "== g++: ctest -L formal"
ctest --test-dir "$gcc_build" -L formal -j 2 -V >"$gcc_log" 2>&1 || fail "g++ formal tests failed"
grep -E '^ *[0-9]+/[0-9]+ Test +#|tests passed|tests failed' "$gcc_log" || true
grep -E '^[0-9]+: (relacy: |exhaustive arithmetic|constexpr [a-z ]+: )' "$gcc_log" |
  sed -E 's/^[0-9]+: //' || true

# ---- clang++: the compile-time checks again --------------------------------------------------
clang_build="build/clang-formal"
echo "== clang++: compile-time scenarios and sweeps in $clang_build"
cmake --preset clang-formal >/dev/null
mapfile -t clang_targets < <(cmake --build "$clang_build" --target help |
  sed -nE 's/^(formal_(constexpr|exhaustive_arithmetic_static)_[a-z0-9_]+):.*/\1/p')
cmake --build "$clang_build" --target "${clang_targets[@]}" -j 2
clang_log="$clang_build/formal-ctest.log"
ctest --test-dir "$clang_build" -L constexpr -j 2 -V >"$clang_log" 2>&1 ||
  fail "clang++ compile-time tests failed"
grep -E '^ *[0-9]+/[0-9]+ Test +#|tests passed|tests failed' "$clang_log" || true

# ---- figures ----------------------------------------------------------------------------------
runtime_inputs=$(grep -oE 'run time\): [0-9]+ inputs in 33 sweeps' "$gcc_log" | grep -oE '[0-9]+' | head -1)
static_gcc=$(grep -oE '[0-9]+ inputs proven in static_assert' "$gcc_log" | awk '{ s += $1 } END { print s + 0 }')
static_clang=$(grep -oE '[0-9]+ inputs proven in static_assert' "$clang_log" | awk '{ s += $1 } END { print s + 0 }')
scenarios_gcc=$(grep -oE '[0-9]+ scenarios proven at compile time' "$gcc_log" | awk '{ s += $1 } END { print s + 0 }')
scenarios_clang=$(grep -oE '[0-9]+ scenarios proven at compile time' "$clang_log" | awk '{ s += $1 } END { print s + 0 }')
negatives_gcc=$(grep -cE 'Test +#[0-9]+: formal\.constexpr\.negative\.[a-z_]+ .*Passed' "$gcc_log" || true)
negatives_clang=$(grep -cE 'Test +#[0-9]+: formal\.constexpr\.negative\.[a-z_]+ .*Passed' "$clang_log" || true)
schedules=$(grep -oE 'relacy (handles|recycling|ledger|first_thread): [0-9]+ schedules explored' "$gcc_log" |
  awk '{ s += $3 } END { print s + 0 }')
relacy_tests=$(grep -E '^[0-9]+: relacy: .* as expected$' "$gcc_log" | grep -vc 'weakened' || true)
# One line per weakened order: "relacy weakened <order>: counterexample found (...), as
# required after N schedules" (formal/relacy/CMakeLists.txt lists the programs).
mapfile -t rejected < <(grep -oE 'relacy weakened [a-z_ -]+: counterexample found .*, as required after [0-9]+ schedules' "$gcc_log" |
  sed -E 's/^relacy weakened ([a-z_ -]+): .* after ([0-9]+) schedules/\1 (\2)/' | sort -u)
weakened_programs=$(ctest --test-dir "$gcc_build" -L negative -N | grep -c 'formal\.relacy\.weakened_' || true)
[[ -n "$runtime_inputs" ]] || fail "no run-time exhaustive figure"
echo "SUMMARY: exhaustive arithmetic: ${runtime_inputs:-?} inputs checked at run time against the" \
  "128-bit reference; ${static_gcc} inputs proven in static_assert by g++, ${static_clang} by clang++"
echo "SUMMARY: compile-time execution: ${scenarios_gcc} scenario runs proven by g++," \
  "${scenarios_clang} by clang++ (34 scenarios x 2 refcount policies); negative controls" \
  "rejected: ${negatives_gcc}/4 g++, ${negatives_clang}/4 clang++"
echo "SUMMARY: relacy: ${schedules} schedules explored in ${relacy_tests} scenarios, no failure"
rejected_list="$(printf '%s; ' "${rejected[@]}")"
echo "SUMMARY: relacy weakened orders rejected: ${#rejected[@]}/${weakened_programs}" \
  "(schedules to the counterexample): ${rejected_list%; }"
((negatives_gcc == 4 && negatives_clang == 4)) || fail "a negative control was not rejected"
((static_gcc > 0 && static_clang > 0)) || fail "a compiler proved no static_assert sweep"
((relacy_tests == 15)) || fail "${relacy_tests}/15 Relacy scenarios ran (is relacy-dev installed?)"
((weakened_programs == 10)) || fail "${weakened_programs}/10 weakened-order programs in the build"
((${#rejected[@]} == weakened_programs)) ||
  fail "only ${#rejected[@]} of ${weakened_programs} weakened orders were rejected"

# ---- the owner ledger's orders that Relacy's model cannot reject: ThreadSanitizer ------------
echo "== tsan controls"
bash formal/tsan_controls.sh || fail "a weakened owner-ledger order was not rejected under TSan"

# ---- static analysis and coverage ----------------------------------------------------------
echo "== static analysis"
# clang-tidy and cppcheck over the library's own translation units only (every member
# instantiated); every test source is the scheduled CI job's (ARENA_ARC_ANALYSIS_SCOPE=all).
ARENA_ARC_ANALYSIS_SCOPE="${ARENA_ARC_ANALYSIS_SCOPE:-library}" bash scripts/static_analysis.sh ||
  fail "static analysis reported findings"
echo "== coverage"
coverage_log="build/coverage.log"
coverage_status=0
bash scripts/coverage.sh >"$coverage_log" 2>&1 || coverage_status=$?
# The per-header table and the SUMMARY line; the uncovered items are in the log and in
# build/coverage/uncovered.txt (docs/VERIFICATION.md gives the reason for each).
grep -vE '^include/arena_arc/[a-z_/]+\.hpp:[0-9]+: |^SUMMARY: sanitizer' "$coverage_log" | tail -30
# The coverage build is also the gate's clang ASan+UBSan build: its verdict on the suite's run.
grep -E '^SUMMARY: sanitizer' "$coverage_log" || fail "the coverage run printed no sanitizer verdict"
((coverage_status == 0)) || fail "the coverage run failed (log: $coverage_log)"

exit "$status"
