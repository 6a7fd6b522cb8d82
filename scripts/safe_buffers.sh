#!/usr/bin/env bash
# clang 19's Safe Buffers check (-Wunsafe-buffer-usage) over translation units that use the whole
# API, with the project's warnings as errors: every raw-buffer operation of the headers goes
# through detail/unsafe_buffer.hpp (docs/VERIFICATION.md, "Safe Buffers"), so each must compile
# with no warning. Units (-fsyntax-only, two at a time):
#   formal/analysis_instantiations.cpp (every member of every type, every code path) with
#     libstdc++ at the default hardening level and with libc++ 19 at DEBUG (every check);
#   tests/libcxx/text_format.cpp (C++23, libc++ hardening extensive: the std::formatter);
#   tests/static/span_conversions.cpp with libstdc++ and libc++ (clang 19's part of that test).
# Then the negative control: a scratch copy of include/ whose ArcSlice::operator[] subscripts
# the raw pointer again, compiled by the same command, must be rejected with that warning, at
# that header line (so the pragma region covers the helpers only, and the count below works).
# Last, the number of helper calls in include/ must be the one docs/VERIFICATION.md lists.
# Prints "SUMMARY: safe buffers: ..." with the warning count. Called by scripts/legs/20-headers.sh.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

compiler="${ARENA_ARC_SAFE_BUFFERS_CXX:-clang++-19}"
if ! command -v "$compiler" >/dev/null; then
  echo "safe_buffers: $compiler not found (bash scripts/install-deps.sh installs clang-19)" >&2
  echo "SUMMARY: safe buffers: FAILED ($compiler not found)"
  exit 1
fi
# The project's warnings as errors, and Safe Buffers (a word list, split where used).
flags="-fsyntax-only -Wall -Wextra -Wpedantic -Werror -Wconversion -Wsign-conversion -Wshadow"
flags+=" -Wunsafe-buffer-usage"
hardening_debug=-DARENA_ARC_HARDENING=ARENA_ARC_HARDENING_DEBUG
libcxx_extensive=-D_LIBCPP_HARDENING_MODE=_LIBCPP_HARDENING_MODE_EXTENSIVE

logs="$(mktemp -d)"
trap 'rm -rf "$logs"' EXIT

# One line per compile: "<name>|<standard and library flags>|<source>".
units=(
  "analysis-libstdc++|-std=c++20|formal/analysis_instantiations.cpp"
  "analysis-libc++-debug|-std=c++20 -stdlib=libc++ $hardening_debug|formal/analysis_instantiations.cpp"
  "text-format-libc++|-std=c++23 -stdlib=libc++ $libcxx_extensive|tests/libcxx/text_format.cpp"
  "span-conversions-libstdc++|-std=c++20|tests/static/span_conversions.cpp"
  "span-conversions-libc++|-std=c++20 -stdlib=libc++|tests/static/span_conversions.cpp"
)

# compile_unit LINE INCLUDE-DIR: writes the diagnostics to $logs/<name>.log, and the exit status
# to $logs/<name>.status.
compile_unit() {
  local name extra source status=0
  IFS='|' read -r name extra source <<<"$1"
  # shellcheck disable=SC2086 # $flags and $extra are lists of flags
  "$compiler" $flags $extra -I"$2" -Itesting "$source" >"$logs/$name.log" 2>&1 || status=$?
  echo "$status" >"$logs/$name.status"
}
export -f compile_unit
export compiler logs flags

# shellcheck disable=SC2016 # $1 is expanded by the inner shell
printf '%s\n' "${units[@]}" | xargs -P 2 -d '\n' -I '{}' bash -c 'compile_unit "$1" include' _ '{}'

failed=0
warnings=0
for unit in "${units[@]}"; do
  name="${unit%%|*}"
  count=$(grep -c -- '-Wunsafe-buffer-usage' "$logs/$name.log" || true)
  warnings=$((warnings + count))
  if [[ "$(cat "$logs/$name.status")" != 0 ]]; then
    echo "FAILED: safe buffers: $name ($count Safe Buffers diagnostics):" >&2
    head -n 30 "$logs/$name.log" >&2
    failed=1
  fi
done

# Negative control: the same command on a scratch copy of the headers with one raw subscript.
scratch="$logs/include"
cp -r include "$scratch"
sed -i 's|return detail::unchecked_at(data(), i);|return data()[i];|' \
  "$scratch/arena_arc/arc_slice.hpp"
cat >"$logs/control.cpp" <<'EOF'
#include <arena_arc/arena_arc.hpp>

int main() {
  arena_arc::Allocator<int> a;
  const auto s = a.alloc(2, [](std::size_t i) { return static_cast<int>(i); });
  return s[1] - 1;
}
EOF
compile_unit "control|-std=c++20|$logs/control.cpp" "$scratch"
control="no"
if [[ "$(cat "$logs/control.status")" != 0 ]] &&
  grep -qE 'arena_arc/arc_slice\.hpp:[0-9]+:[0-9]+: error: unsafe buffer access \[-Werror,-Wunsafe-buffer-usage\]' \
    "$logs/control.log"; then
  control="yes"
else
  echo "FAILED: safe buffers: the negative control (a raw subscript in ArcSlice::operator[]) was" \
    "not reported:" >&2
  head -n 30 "$logs/control.log" >&2
  failed=1
fi

# tests/static/compile_fail/span_from_temporary.cpp, a clang-only compile-fail case (the gate's
# clang builds of tests/ are sanitizer builds, which skip compile-fail cases): a span variable
# initialised from a temporary handle must be reported as dangling.
dangling_log="$logs/dangling.log"
if "$compiler" -std=c++20 -fsyntax-only -DARENA_ARC_COMPILE_FAIL -Iinclude \
  tests/static/compile_fail/span_from_temporary.cpp >"$dangling_log" 2>&1 ||
  ! grep -q 'will be destroyed at the end of the full-expression' "$dangling_log"; then
  echo "FAILED: safe buffers: a span variable of a temporary handle was not reported:" >&2
  head -n 20 "$dangling_log" >&2
  failed=1
fi

# The audited list of docs/VERIFICATION.md ("Safe Buffers") states how many call sites the
# helpers have; a new one must be added there.
sites=$(grep -rn 'unchecked_[a-z_]*[<(]' include --include='*.hpp' |
  grep -vc '^include/arena_arc/detail/unsafe_buffer\.hpp:' || true)
documented=$(sed -nE 's/.*unchecked call sites: ([0-9]+).*/\1/p' docs/VERIFICATION.md | head -n 1)
if [[ "$sites" != "$documented" ]]; then
  echo "FAILED: safe buffers: include/ has $sites calls of the unchecked_ helpers, the audited" \
    "list of docs/VERIFICATION.md (\"unchecked call sites: N\") ${documented:-none}" >&2
  failed=1
fi

if ((failed == 0 && warnings == 0)); then
  echo "SUMMARY: safe buffers: clang 19 -Wunsafe-buffer-usage: 0 warnings in ${#units[@]} units" \
    "(whole API; libstdc++ and libc++ 19); negative control caught; ${sites} audited call sites; dangling span reported"
else
  echo "SUMMARY: safe buffers: FAILED: ${warnings} Safe Buffers warnings in ${#units[@]} units," \
    "negative control caught: ${control}"
  exit 1
fi
