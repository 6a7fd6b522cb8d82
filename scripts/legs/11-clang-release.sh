#!/usr/bin/env bash
# clang++ Release (NDEBUG, -O3): every part, fuzz harnesses included, then ctest.
source "$(dirname "$0")/../lib/leg.sh"
run_workflow clang-release
