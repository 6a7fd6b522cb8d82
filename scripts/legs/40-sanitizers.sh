#!/usr/bin/env bash
# Sanitizer matrix (sanitizers/run.sh, see sanitizers/README.md): ASan+UBSan with g++ and
# clang++ over the whole ctest suite, TSan over the concurrency tests, valgrind memcheck over the
# unit-test executables, the -fno-exceptions build, and the unit, fault-injection and thread
# tests at hardening DEBUG (which includes every EXTENSIVE check; each level's own checks are
# also tested in every build by the per-level executables of tests/hardening/). Prints one
# "SUMMARY: sanitizer <leg>: passed (<N> tests)" line per leg.
# Time on 2 cores from empty build directories, after the gcc-debug leg (whose build/gcc-debug
# the valgrind leg reuses): measured 511 s with EXTENSIVE and DEBUG on a shared machine, so
# about 7-8 minutes with DEBUG only; builds dominate. Warm build directories: about 2 minutes.
source "$(dirname "$0")/../lib/leg.sh"
SAN_HARDENING_LEVELS="${SAN_HARDENING_LEVELS:-DEBUG}" \
  bash sanitizers/run.sh gcc-asan clang-asan clang-tsan valgrind noexcept hardening
