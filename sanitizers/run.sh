#!/usr/bin/env bash
# The sanitizer matrix: one runner for every leg (see sanitizers/README.md).
#
#   bash sanitizers/run.sh                 every leg, in the order below
#   bash sanitizers/run.sh gcc-asan valgrind
#
# Legs: gcc-asan clang-asan clang-tsan gcc-tsan valgrind noexcept hardening. Each builds the
# configure preset of CMakePresets.json named in the table of sanitizers/README.md, in the
# preset's own directory (build/<preset>, kept between runs, so a rerun only rebuilds what
# changed): the flags and parts of every build are defined there once, for this script, CI and
# the scheduled job alike. Logs go under build/sanitizers/.
# Per leg it prints "SUMMARY: sanitizer <leg>: passed (<N> tests)" or "... FAILED (<why>)".
# Exit status: 0 when every requested leg passed.
#
# Environment:
#   SAN_JOBS                 parallel build and test jobs (default 2)
#   SAN_LOG_ROOT             where the logs go (default build/sanitizers)
#   SAN_TSAN_STRESS_ITERS    ARENA_ARC_STRESS_ITERS for the TSan leg (default 200000, 20 times
#                            the tests' own default)
#   SAN_HARDENING_LEVELS     levels the hardening leg builds the suite at (default
#                            "EXTENSIVE DEBUG"; FAST is the level of every other leg, and the
#                            hardening executables cover NONE..DEBUG in every build)
#   SAN_VALGRIND_TARGETS     regex of the executables run under valgrind (default: unit tests,
#                            fault injection, hardening and violation-handler tests), taken
#                            from build/gcc-debug, which the gate's gcc-debug leg builds
#   SAN_CMAKE_ARGS           extra arguments for every configure (for experiments: the
#                            configurations themselves are the presets)
#   SAN_TARGETS              regex: build only these executable targets (default: each leg's
#                            own selection); pair it with SAN_CTEST_ARGS
#   SAN_CTEST_ARGS           extra ctest arguments for the ctest-based legs (e.g. -R '^unit\.')
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT="$PWD"

ALL_LEGS=(gcc-asan clang-asan clang-tsan gcc-tsan valgrind noexcept hardening)
JOBS="${SAN_JOBS:-2}"
LOG_ROOT="${SAN_LOG_ROOT:-build/sanitizers}"
SUPP="$ROOT/sanitizers"
read -r -a EXTRA_CMAKE_ARGS <<<"${SAN_CMAKE_ARGS:-}"
read -r -a EXTRA_CTEST_ARGS <<<"${SAN_CTEST_ARGS:-}"
THREAD_REGEX='thread|Thread|concurren'

# shellcheck source=sanitizers/options.sh
source "$SUPP/options.sh"
VALGRIND=(valgrind --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect
  --track-origins=yes --suppressions="$SUPP/valgrind.supp" --quiet)

say() { printf 'sanitizers: %s\n' "$*"; }

# CPU seconds used by finished child processes (user + system): on a busy machine this, divided
# by the job count, predicts the wall time on an idle one. `times` must run in this shell (a
# subshell would report its own, empty, children), so it writes to a file that is parsed after.
CPU_TIMES="$(mktemp)"
trap 'rm -f "$CPU_TIMES"' EXIT
cpu_seconds_now() {
  times >"$CPU_TIMES"
  CPU_NOW="$(awk 'NR == 2 {
    total = 0
    for (i = 1; i <= 2; ++i) { split($i, t, "m"); total += t[1] * 60 + substr(t[2], 1, length(t[2]) - 1) }
    printf "%d\n", total }' "$CPU_TIMES")"
}

# Suppression files exist so that the tools are wired to them, and stay empty: a finding is
# fixed, never suppressed. Any byte in one of them fails the run.
check_suppressions() {
  local f bad=0
  for f in asan ubsan tsan lsan valgrind; do
    if [[ ! -f "$SUPP/$f.supp" ]]; then
      say "missing suppression file sanitizers/$f.supp"
      bad=1
    elif [[ -s "$SUPP/$f.supp" ]]; then
      say "sanitizers/$f.supp is not empty (suppressions are not allowed):"
      sed 's/^/    /' "$SUPP/$f.supp"
      bad=1
    fi
  done
  return "$bad"
}

# configure PRESET: configures the preset in its own binaryDir (build/PRESET; every preset this
# script uses keeps the default binaryDir of CMakePresets.json).
configure() {
  local preset="$1"
  if ! cmake --list-presets=configure 2>/dev/null | grep -q "\"$preset\""; then
    say "CMakePresets.json has no configure preset '$preset'"
    return 1
  fi
  local log="$LOG_ROOT/$preset.configure.log"
  if ! cmake --preset "$preset" "${EXTRA_CMAKE_ARGS[@]}" >"$log" 2>&1; then
    cat "$log"
    say "configure of preset $preset (build/$preset) failed"
    return 1
  fi
}

# build DIR [targets...]: everything, or just the named targets.
build() {
  local dir="$1"
  shift
  local args=()
  (($# > 0)) && args=(--target "$@")
  cmake --build "$dir" -j "$JOBS" "${args[@]}"
}

# executables DIR REGEX: "target path" of every executable target of DIR (a Ninja build) whose
# name matches REGEX, from the link rules Ninja knows (no build needed). A link step may also
# list by-products (gtest_discover_tests' *_tests.cmake): the executable comes first.
executables() {
  ninja -C "$1" -t targets all 2>/dev/null |
    sed -n 's/^\(.*\): CXX_EXECUTABLE_LINKER__\(.*\)_[A-Za-z]*$/\2 \1/p' |
    grep -v '\.cmake$' | awk '!seen[$1]++' | grep -E "^($2) " | sort || true
}

# ctest_count DIR LOG [ctest args...]: runs ctest, sets TESTS to the number it ran.
TESTS=0
ctest_count() {
  local dir="$1" log="$2" status
  shift 2
  "${CTEST_RUN[@]}" ctest --test-dir "$dir" -j "$JOBS" --output-on-failure --no-tests=error \
    "$@" "${EXTRA_CTEST_ARGS[@]}" 2>&1 | tee "$log"
  status=${PIPESTATUS[0]}
  TESTS="$(sed -n 's/.*tests passed, [0-9]* tests\{0,1\} failed out of \([0-9]*\).*/\1/p' "$log" |
    tail -n 1)"
  TESTS="${TESTS:-0}"
  return "$status"
}

# build_executables DIR INCLUDE [EXCLUDE]: builds the executable targets whose names match the
# regex INCLUDE (SAN_TARGETS, when set, replaces it) and not EXCLUDE. Only executables: the
# compile-only parts of the suite (tests/static, header self-containment) gain nothing from a
# sanitizer or a hardening level, and the plain legs of the gate build them.
build_executables() {
  local dir="$1" include="${SAN_TARGETS:-$2}" exclude="${3:-^\$}" targets
  mapfile -t targets < <(executables "$dir" "$include" | cut -d' ' -f1 | grep -Ev "$exclude")
  if ((${#targets[@]} == 0)); then
    say "no executable target of $dir matches '$include'"
    return 1
  fi
  say "building ${#targets[@]} executables: ${targets[*]}"
  build "$dir" "${targets[@]}"
}

# The ASan presets (hidden preset "asan" of CMakePresets.json) compile at -O0 and run a quarter
# of the property cases: see sanitizers/README.md.
leg_gcc_asan() {
  local dir="build/gcc-asan"
  configure gcc-asan || return 1
  build_executables "$dir" '[^ ]*' || return 1
  ctest_count "$dir" "$LOG_ROOT/gcc-asan.ctest.log"
}

# clang++ runs the same suite except the hardening executables of the non-default levels, which
# only check which violation fires (g++ under ASan runs all four levels).
leg_clang_asan() {
  local dir="build/clang-asan"
  configure clang-asan || return 1
  build_executables "$dir" '[^ ]*' '^arena_arc_hardening_(none|extensive|debug)_test$' || return 1
  ctest_count "$dir" "$LOG_ROOT/clang-asan.ctest.log" \
    -E '^hardening_(none|extensive|debug)\.|^arena_arc_hardening_(none|extensive|debug)_test_NOT_BUILT$'
}

# TSan maps its shadow memory at fixed addresses; kernels with more random mmap bits
# (vm.mmap_rnd_bits = 32, newer defaults) place libraries over them and TSan stops with
# "unexpected memory mapping". Running without address randomisation (setarch -R) avoids it,
# where the personality() call is allowed (a container's default seccomp profile refuses it:
# then the programs run as they are).
TSAN_RUN=()
CTEST_RUN=()  # what ctest_count runs ctest under
if command -v setarch >/dev/null && setarch "$(uname -m)" -R true 2>/dev/null; then
  TSAN_RUN=(setarch "$(uname -m)" -R)
fi

# tsan_leg PRESET: the executables named for threads (tests/threads, and any other suite that
# names its executable so), nothing else, built and run under TSan.
tsan_leg() {
  local preset="$1" dir="build/$1"
  configure "$preset" || return 1
  build_executables "$dir" "[^ ]*($THREAD_REGEX)[^ ]*" || return 1
  local status=0
  CTEST_RUN=("${TSAN_RUN[@]}")
  ARENA_ARC_STRESS_ITERS="${SAN_TSAN_STRESS_ITERS:-200000}" \
    ctest_count "$dir" "$LOG_ROOT/$preset.ctest.log" -R "$THREAD_REGEX" || status=$?
  CTEST_RUN=()
  return "$status"
}

leg_clang_tsan() { tsan_leg clang-tsan; }
# g++'s ThreadSanitizer runtime (libtsan) on the same tests: preset gcc-tsan, the scheduled
# job's (its build costs more than the gate can spare).
leg_gcc_tsan() { tsan_leg gcc-tsan; }

leg_valgrind() {
  # The gcc-debug preset's own directory (-O0 -g): the gate's gcc-debug leg has built it just
  # before, so this leg normally compiles nothing. It is only configured here if missing, with
  # the preset alone, so that it stays exactly what that leg expects.
  local dir="build/gcc-debug"
  if [[ ! -f "$dir/CMakeCache.txt" ]]; then
    local log="$LOG_ROOT/valgrind.configure.log"
    cmake --preset gcc-debug "${EXTRA_CMAKE_ARGS[@]}" >"$log" 2>&1 || {
      cat "$log"
      return 1
    }
  fi
  local regex="${SAN_VALGRIND_TARGETS:-arena_arc_(unit_tests|unit_tests_cxx23|fault_injection|fault_injection_cxx23|hardening_[a-z]+_test|violation_handler_test)}"
  local pairs
  mapfile -t pairs < <(executables "$dir" "$regex")
  if ((${#pairs[@]} == 0)); then
    say "valgrind: no unit test targets found"
    return 1
  fi
  build "$dir" $(printf '%s\n' "${pairs[@]}" | cut -d' ' -f1) || return 1
  local pair t exe log status=0 n code running=0
  TESTS=0
  # SAN_JOBS executables at a time (each is single-threaded under valgrind's serialising
  # scheduler); each writes its exit code next to its log.
  for pair in "${pairs[@]}"; do
    t="${pair%% *}"
    exe="$dir/${pair#* }"
    log="$LOG_ROOT/valgrind.$t.log"
    say "valgrind: $t"
    ( "${VALGRIND[@]}" "$exe" --gtest_brief=1 >"$log" 2>&1; echo $? >"$log.code" ) &
    running=$((running + 1))
    if ((running >= JOBS)); then
      wait -n
      running=$((running - 1))
    fi
  done
  wait
  for pair in "${pairs[@]}"; do
    t="${pair%% *}"
    log="$LOG_ROOT/valgrind.$t.log"
    code="$(cat "$log.code" 2>/dev/null || echo missing)"
    if [[ "$code" == 0 ]]; then
      n="$(sed -n 's/^\[  PASSED  \] \([0-9]*\) tests\{0,1\}\..*/\1/p' "$log" | tail -n 1)"
      TESTS=$((TESTS + ${n:-0}))
    else
      cat "$log"
      say "valgrind: $t FAILED (exit $code; 99 = a memcheck error)"
      status=1
    fi
  done
  return "$status"
}

leg_noexcept() {
  local dir="build/gcc-noexcept"
  configure gcc-noexcept || return 1
  build_executables "$dir" '[^ ]*' || return 1
  ctest_count "$dir" "$LOG_ROOT/noexcept.ctest.log"
}

# The unit, fault-injection and concurrency tests with the internal invariants (EXTENSIVE) and
# the chunk canaries and freed-memory scribbling (DEBUG) compiled in. tests/hardening's
# executables fix their own level and run in every other leg.
HARDENED_TARGETS='arena_arc_(unit_tests|fault_injection|threads_test)'
HARDENED_TESTS='^(unit|fault_injection|threads)\.'
leg_hardening() {
  local level lower dir total=0 status=0
  for level in ${SAN_HARDENING_LEVELS:-EXTENSIVE DEBUG}; do
    lower="$(tr '[:upper:]' '[:lower:]' <<<"$level")"
    dir="build/hardening-$lower"
    say "hardening: the suite at ARENA_ARC_HARDENING_$level"
    if configure "hardening-$lower" &&
      build_executables "$dir" "$HARDENED_TARGETS" &&
      ctest_count "$dir" "$LOG_ROOT/hardening-$lower.ctest.log" -R "$HARDENED_TESTS"; then
      total=$((total + TESTS))
    else
      status=1
    fi
  done
  TESTS="$total"
  return "$status"
}

run_leg() {
  case "$1" in
    gcc-asan) leg_gcc_asan ;;
    clang-asan) leg_clang_asan ;;
    clang-tsan) leg_clang_tsan ;;
    gcc-tsan) leg_gcc_tsan ;;
    valgrind) leg_valgrind ;;
    noexcept) leg_noexcept ;;
    hardening) leg_hardening ;;
    *)
      say "unknown leg '$1' (legs: ${ALL_LEGS[*]})"
      return 2
      ;;
  esac
}

legs=("$@")
((${#legs[@]} > 0)) || legs=("${ALL_LEGS[@]}")
for leg in "${legs[@]}"; do
  case " ${ALL_LEGS[*]} " in
    *" $leg "*) ;;
    *)
      say "unknown leg '$leg' (legs: ${ALL_LEGS[*]})"
      exit 2
      ;;
  esac
done

failed=0
if ! check_suppressions; then
  echo "SUMMARY: sanitizer suppressions: FAILED (a suppression file is missing or not empty)"
  failed=1
fi
mkdir -p "$LOG_ROOT"
for leg in "${legs[@]}"; do
  say "=== leg $leg ==="
  start=$SECONDS
  cpu_seconds_now
  cpu_start="$CPU_NOW"
  TESTS=0
  # Each step of a leg checks its own status; a failing one ends the leg, not the run.
  set +e
  run_leg "$leg"
  status=$?
  set -e
  cpu_seconds_now
  say "leg $leg took $((SECONDS - start))s wall, $((CPU_NOW - cpu_start))s CPU"
  if ((status == 0 && TESTS > 0)); then
    echo "SUMMARY: sanitizer $leg: passed ($TESTS tests)"
  else
    reason="exit status $status"
    ((status == 0)) && reason="no tests ran"
    echo "SUMMARY: sanitizer $leg: FAILED ($reason)"
    failed=1
  fi
done
exit "$failed"
