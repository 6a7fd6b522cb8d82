#!/usr/bin/env bash
# budget: 60 s (measured on a quiet 2-core machine, clean clone: docs/VERIFICATION.md)
# Every public and detail header compiles on its own (include-what-you-use at header level):
#  1. each header alone at -Wall -Wextra -Wpedantic -Werror (plus the project's -Wconversion
#     -Wsign-conversion -Wshadow): with g++ at the default level, with clang++ at DEBUG (every
#     check compiled in), and with g++ and -fno-exceptions, since those take different #if
#     branches (the NONE and EXTENSIVE levels are compiled, every header together, by
#     tests/hardening in every build; CMake's header-set verification, part of leg 10's build,
#     compiles each header alone with g++ too, with the library's usage requirements);
#  2. the whole API and the std::formatter of text.hpp with clang 19 and libc++ 19 (C++23,
#     libc++ hardening extensive): scripts/libcxx_text.sh;
#  3. clang 19's Safe Buffers check (-Wunsafe-buffer-usage -Werror) over whole-API units with
#     libstdc++ and libc++ 19, plus tests/static/span_conversions.cpp; a negative control that
#     must be rejected; the clang-only compile-fail case of a dangling span; and the count of
#     audited call sites against docs/VERIFICATION.md: scripts/safe_buffers.sh (about 10 s of
#     CPU).
source "$(dirname "$0")/../lib/leg.sh"

mapfile -t headers < <(cd include && find arena_arc -name '*.hpp' | sort)
if ((${#headers[@]} == 0)); then
  echo "no headers under include/arena_arc" >&2
  exit 1
fi

warnings=(-Wall -Wextra -Wpedantic -Werror -Wconversion -Wsign-conversion -Wshadow)
variants=(
  "g++|"
  "clang++|-DARENA_ARC_HARDENING=ARENA_ARC_HARDENING_DEBUG"
  "g++|-fno-exceptions"
)

# One line per compile: "<compiler>|<extra flag>|<header>", run two at a time.
jobs_file="$(mktemp)"
trap 'rm -f "$jobs_file"' EXIT
for variant in "${variants[@]}"; do
  for header in "${headers[@]}"; do
    echo "${variant}|${header}"
  done
done >"$jobs_file"

compile_one() {
  local compiler extra header
  IFS='|' read -r compiler extra header <<<"$1"
  # Compile a one-line translation unit rather than the header itself: a header as main file
  # would warn about `#pragma once` and skip nothing else.
  if ! printf '#include <%s>\n' "$header" |
    "$compiler" -std=c++20 -x c++ -fsyntax-only "${@:2}" ${extra:+"$extra"} -Iinclude -; then
    echo "FAILED: $compiler ${extra:-(defaults)} $header" >&2
    return 1
  fi
}
export -f compile_one

set +e
xargs -P 2 -d '\n' -I '{}' bash -c 'compile_one "$@"' _ '{}' "${warnings[@]}" <"$jobs_file"
status=$?
set -e
count=$(wc -l <"$jobs_file")
if ((status == 0)); then
  echo "SUMMARY: headers: ${#headers[@]} headers x ${#variants[@]} variants (${count} compiles) clean"
else
  echo "SUMMARY: headers: some of ${count} stand-alone header compiles failed (see FAILED lines)"
fi

libcxx_status=0
libcxx_log="$(mktemp)"
bash scripts/libcxx_text.sh >"$libcxx_log" 2>&1 || libcxx_status=$?
cat "$libcxx_log"
if ((libcxx_status == 0)) && grep -q 'libc++ text: all checks passed' "$libcxx_log"; then
  echo "SUMMARY: libc++ 19 (C++23, hardening extensive): whole API and std::format of slices pass"
else
  echo "SUMMARY: libc++ 19: tests/libcxx/text_format.cpp FAILED"
  libcxx_status=1
fi
rm -f "$libcxx_log"

safe_buffers_status=0
bash scripts/safe_buffers.sh || safe_buffers_status=$?
((status == 0 && libcxx_status == 0 && safe_buffers_status == 0))
