#!/usr/bin/env bash
# Sanitizer matrix (sanitizers/run.sh, see sanitizers/README.md): ASan+UBSan with g++ and
# clang++ over the whole ctest suite, TSan over the concurrency tests, valgrind memcheck over the
# unit-test executables, the -fno-exceptions build, and the whole suite at hardening DEBUG (which
# includes every EXTENSIVE check; each level's own checks are also tested in every build by the
# per-level executables of tests/hardening/). Prints one "SUMMARY: sanitizer <leg>: passed (<N>
# tests)" line per leg.
# Expected time on 2 idle cores from empty build directories: about 15 minutes (builds dominate).
source "$(dirname "$0")/../lib/leg.sh"
SAN_HARDENING_LEVELS="${SAN_HARDENING_LEVELS:-DEBUG}" \
  bash sanitizers/run.sh gcc-asan clang-asan clang-tsan valgrind noexcept hardening
