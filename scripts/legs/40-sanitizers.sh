#!/usr/bin/env bash
# budget: 200 s (expected time on a quiet 2-core machine: see docs/VERIFICATION.md)
# Sanitizer matrix (sanitizers/run.sh, see sanitizers/README.md): ASan+UBSan with clang++ over
# the whole ctest suite (with g++ too in the scheduled CI job and CI's build matrix), TSan over the concurrency tests, valgrind memcheck over the
# unit-test executables, the -fno-exceptions build, and the unit, fault-injection and thread
# tests at hardening DEBUG (which includes every EXTENSIVE check; each level's own checks are
# also tested in every build by the per-level executables of tests/hardening/). Prints one
# "SUMMARY: sanitizer <leg>: passed (<N> tests)" line per leg.
# Time on 2 cores from empty build directories, after the gcc-debug leg (whose build/gcc-debug
# the valgrind leg reuses): measured 511 s with EXTENSIVE and DEBUG and gcc-asan on a shared
# machine; builds dominate. The budget assumes DEBUG only and no gcc-asan build (one of five
# suite builds fewer); sanitizers/run.sh prints each part's CPU seconds.
source "$(dirname "$0")/../lib/leg.sh"
SAN_HARDENING_LEVELS="${SAN_HARDENING_LEVELS:-DEBUG}" \
  bash sanitizers/run.sh clang-asan clang-tsan valgrind noexcept hardening
