#!/usr/bin/env bash
# budget: 326 s (measured on a quiet 2-core machine, clean clone: docs/VERIFICATION.md)
# g++ Debug (preset gcc-debug): build every part that builds with g++ (tests, properties,
# benchmarks' smoke test, examples, formal, consumers), then run every test but the properties
# and formal/, which run once each on this same build in the legs that read their output
# (50: every property's case count; 70: the exhaustive, compile-time and Relacy figures). The
# consumer tests install arena_arc, package it with cpack -G DEB and build find_package,
# add_subdirectory and pkg-config consumers (docs/VERIFICATION.md, "Installing and packaging").
source "$(dirname "$0")/../lib/leg.sh"

cmake --preset gcc-debug >/dev/null
cmake --build --preset gcc-debug
run_ctest "gcc-debug (but properties and formal/)" --preset gcc-debug -LE '^(properties|formal)$'
