#!/usr/bin/env bash
# budget: 440 s (measured on a quiet 2-core machine, clean clone: docs/VERIFICATION.md)
# g++ Debug: every part that builds with g++ (tests, properties, benchmarks' smoke test,
# examples, formal, consumers), then ctest.
source "$(dirname "$0")/../lib/leg.sh"
run_workflow gcc-debug
