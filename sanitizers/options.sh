#!/usr/bin/env bash
# The sanitizers' run-time options, one definition for every script that runs instrumented
# programs (sanitizers/run.sh, scripts/coverage.sh). Source it; it exports the variables.
# Findings stop the program (abort_on_error, halt_on_error); suppression files must stay empty
# (sanitizers/run.sh checks).
_arena_arc_supp="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:strict_string_checks=1:detect_stack_use_after_return=1:check_initialization_order=1:suppressions=$_arena_arc_supp/asan.supp"
export LSAN_OPTIONS="suppressions=$_arena_arc_supp/lsan.supp"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:suppressions=$_arena_arc_supp/ubsan.supp"
export TSAN_OPTIONS="halt_on_error=1:second_deadlock_stack=1:suppressions=$_arena_arc_supp/tsan.supp"
unset _arena_arc_supp
