#!/usr/bin/env bash
# budget: 150 s (measured on a quiet 2-core machine, clean clone: docs/VERIFICATION.md)
# Sanitizer matrix (sanitizers/run.sh, see sanitizers/README.md): TSan over the concurrency
# tests, valgrind memcheck over the unit-test executables, and the -fno-exceptions build. The
# whole suite at hardening DEBUG is CI's (the hardening job); each level's own checks are tested
# here too, by the per-level executables of tests/hardening/ in leg 10. Prints one
# "SUMMARY: sanitizer <leg>: passed (<N> tests)" line per leg. ASan+UBSan over the whole suite
# with clang++ is leg 70's coverage build (scripts/coverage.sh), which is instrumented for both:
# one clang build of the suite instead of two (g++ ASan runs in the scheduled job and CI).
# Time on 2 cores from empty build directories, after the gcc-debug leg (whose build/gcc-debug
# the valgrind leg reuses): measured 511 s with EXTENSIVE and DEBUG and gcc-asan on a shared
# machine; builds dominate. The budget assumes DEBUG only and no gcc-asan build (one of five
# suite builds fewer); sanitizers/run.sh prints each part's CPU seconds.
source "$(dirname "$0")/../lib/leg.sh"
bash sanitizers/run.sh clang-tsan valgrind noexcept
