#!/usr/bin/env bash
# Builds and runs tests/libcxx/text_format.cpp with clang 19 and libc++ 19 (C++23, libc++
# hardening mode extensive, the project's warnings as errors): the std::formatter of text.hpp,
# which libstdc++ 12 cannot compile (it has no <format>), and the whole API on a second standard
# library. Called by scripts/legs/20-headers.sh; scripts/install-deps.sh installs the toolchain.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

compiler="${ARENA_ARC_LIBCXX_CXX:-clang++-19}"
if ! command -v "$compiler" >/dev/null; then
  echo "libcxx_text: $compiler not found (bash scripts/install-deps.sh installs clang-19 and libc++-19-dev)" >&2
  exit 1
fi
out="build/libcxx"
mkdir -p "$out"
"$compiler" -std=c++23 -stdlib=libc++ -D_LIBCPP_HARDENING_MODE=_LIBCPP_HARDENING_MODE_EXTENSIVE \
  -Wall -Wextra -Wpedantic -Werror -Wconversion -Wsign-conversion -Wshadow -O1 -g \
  -Iinclude tests/libcxx/text_format.cpp -o "$out/text_format"
"$out/text_format"
