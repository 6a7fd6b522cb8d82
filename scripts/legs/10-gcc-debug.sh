#!/usr/bin/env bash
# budget: 160 s (expected time on a quiet 2-core machine: see docs/VERIFICATION.md)
# g++ Debug: every part that builds with g++ (tests, properties, benchmarks' smoke test,
# examples, formal, consumers), then ctest.
source "$(dirname "$0")/../lib/leg.sh"
run_workflow gcc-debug
