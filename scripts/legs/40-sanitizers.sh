#!/usr/bin/env bash
# Sanitizer matrix (sanitizers/run.sh, see sanitizers/README.md): ASan+UBSan with g++ and
# clang++ over the whole ctest suite, TSan over the concurrency tests, valgrind memcheck over the
# unit-test executables, the -fno-exceptions build, and the suite at hardening EXTENSIVE and
# DEBUG. Prints one "SUMMARY: sanitizer <leg>: passed (<N> tests)" line per leg.
# Expected time on 2 cores from empty build directories: about 12 minutes (builds dominate).
source "$(dirname "$0")/../lib/leg.sh"
bash sanitizers/run.sh gcc-asan clang-asan clang-tsan valgrind noexcept hardening
