#!/usr/bin/env bash
# g++ Debug: every part that builds with g++ (tests, properties, benchmarks' smoke test,
# examples, formal, consumers), then ctest.
source "$(dirname "$0")/../lib/leg.sh"
run_workflow gcc-debug
