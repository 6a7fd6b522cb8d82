#!/usr/bin/env bash
# budget: 45 s (measured: 38 s wall, 46 s CPU from an empty build/toolchains/, load 2)
# Supported toolchains (README.md, "Supported toolchains"): the gate's representative subset;
# the whole suite on each toolchain is the scheduled job's (.github/workflows/scheduled.yml).
#  1. For each toolchain and standard that no other leg builds, the examples and three unit-test
#     programs (tests/unit: try_alloc, whose std::expected cases are required and run where the
#     standard library has std::expected; the Rust crate's own tests; hashing, whose
#     intended wrap-around the strict UBSan flags must let through), at the project's warnings
#     as errors, built and run:
#       g++ 12 C++23 | clang++ 19 + libstdc++ C++20 and C++23, with the strict
#       UBSan flags of preset clang19-ubsan-strict | clang++ 19 + libc++ 19 with libc++'s
#       hardening mode extensive (preset clang19-libcxx-hardened), C++20 and C++23 (GoogleTest
#       built from Debian's /usr/src/googletest with libc++, once, into build/toolchains/).
#     Covered elsewhere: g++ 12 C++20 (leg 10, the whole suite; its try_alloc programs also as
#     C++23), clang++ 14 + libstdc++ C++20 (legs 11, 40, 60, 70), clang++ 19 + libc++ 19 C++23
#     over the whole API (leg 20). clang++ 14 in C++23 mode is refused (below).
#  2. An unsupported toolchain gets exactly one #error (include/arena_arc/detail/toolchain.hpp):
#     every public header as C++17 with clang++ 14, clang++ 19 and clang++ 19 + libc++ (g++:
#     ctest static.toolchain.*, leg 10) and as C++23 with clang++ 14 + libstdc++ (whose
#     std::is_constant_evaluated() is true at run time there), and the whole API against the
#     real libc++ 14, whose
#     headers are taken from Debian's libc++-14-dev package with `apt-get download` (once, into
#     build/toolchains/; it cannot be installed beside libc++ 19's) and compiled -fsyntax-only.
# One SUMMARY line per toolchain and standard, one for the unsupported ones.
source "$(dirname "$0")/../lib/leg.sh"

out="build/toolchains"
mkdir -p "$out"
warnings=(-Wall -Wextra -Wpedantic -Werror -Wconversion -Wsign-conversion -Wshadow)
# The flags of the presets clang19-libcxx-hardened and clang19-ubsan-strict (CMakePresets.json),
# the templates the README offers for a user's gate.
libcxx=(-stdlib=libc++ -D_LIBCPP_HARDENING_MODE=_LIBCPP_HARDENING_MODE_EXTENSIVE)
ubsan_strict=(-fsanitize=undefined,integer,implicit-conversion -fno-sanitize-recover=all
  -fsanitize-ignorelist=sanitizers/ubsan_strict.ignorelist -fno-omit-frame-pointer)
examples=(quick_start tokenizer records)
unit_tests=(try_alloc_test rust_port_test hash_test)
status=0

for tool in g++ clang++ clang++-19; do
  if ! command -v "$tool" >/dev/null; then
    echo "toolchains: $tool not found (bash scripts/install-deps.sh installs it)" >&2
    exit 1
  fi
done

# GoogleTest for libc++ (Debian's libgtest is built against libstdc++).
gtest_libcxx="$out/gtest-libcxx"
if [[ ! -f "$gtest_libcxx/gtest_main.o" ]]; then
  mkdir -p "$gtest_libcxx"
  src=/usr/src/googletest/googletest
  clang++-19 -std=c++20 "${libcxx[@]}" -O1 -I"$src/include" -I"$src" -c "$src/src/gtest-all.cc" \
    -o "$gtest_libcxx/gtest-all.o" &
  clang++-19 -std=c++20 "${libcxx[@]}" -O1 -I"$src/include" -c "$src/src/gtest_main.cc" \
    -o "$gtest_libcxx/gtest_main.o.tmp"
  wait $!
  mv "$gtest_libcxx/gtest_main.o.tmp" "$gtest_libcxx/gtest_main.o"
fi

# run_matrix_entry NAME EXPECTED COMPILER FLAGS...: builds and runs the examples and unit-test
# programs; EXPECTED=1 requires std::expected (ARENA_ARC_TEST_REQUIRE_EXPECTED) and checks that
# its try_alloc cases ran.
run_matrix_entry() {
  local name="$1" expected="$2" compiler="$3"
  shift 3
  local flags=("$@") dir="$out/${name//[^A-Za-z0-9+]/_}" link=(-pthread) defines=() t log tests=0 n
  mkdir -p "$dir"
  if [[ " ${flags[*]} " == *" -stdlib=libc++ "* ]]; then
    link+=("$gtest_libcxx/gtest-all.o" "$gtest_libcxx/gtest_main.o")
  else
    link+=(-lgtest_main -lgtest)
  fi
  ((expected)) && defines+=(-DARENA_ARC_TEST_REQUIRE_EXPECTED=1)
  # Every program compiles and links in the background, two at a time; each leaves its exit
  # status in a file.
  rm -f "$dir"/*.status
  for t in "${examples[@]}" "${unit_tests[@]}"; do
    while (($(jobs -rp | wc -l) >= 2)); do wait -n || true; done
    if [[ " ${examples[*]} " == *" $t "* ]]; then
      ("$compiler" "${flags[@]}" "${warnings[@]}" -Iinclude "examples/$t.cpp" -o "$dir/$t"
        echo $? >"$dir/$t.status") &
    else
      ("$compiler" "${flags[@]}" "${warnings[@]}" "${defines[@]}" -Iinclude -Itesting \
        -Itests/unit "tests/unit/$t.cpp" "${link[@]}" -o "$dir/$t"
        echo $? >"$dir/$t.status") &
    fi
  done
  wait
  for t in "${examples[@]}" "${unit_tests[@]}"; do
    if [[ "$(cat "$dir/$t.status" 2>/dev/null)" != 0 ]]; then
      echo "SUMMARY: toolchain $name: FAILED to build $t (see the compiler output above)"
      return 1
    fi
  done
  for t in "${examples[@]}"; do
    if ! "$dir/$t"; then
      echo "SUMMARY: toolchain $name: FAILED (example $t)"
      return 1
    fi
  done
  for t in "${unit_tests[@]}"; do
    log="$dir/$t.log"
    if ! "$dir/$t" --gtest_brief=1 >"$log" 2>&1; then
      cat "$log"
      echo "SUMMARY: toolchain $name: FAILED ($t)"
      return 1
    fi
    n="$(sed -n 's/^\[  PASSED  \] \([0-9]*\) tests\{0,1\}\..*/\1/p' "$log" | tail -n 1)"
    tests=$((tests + ${n:-0}))
  done
  local what="no std::expected"
  if ((expected)); then
    n="$("$dir/try_alloc_test" --gtest_filter='*Expected*' --gtest_brief=1 |
      sed -n 's/^\[  PASSED  \] \([0-9]*\) tests\{0,1\}\..*/\1/p')"
    if ((${n:-0} < 5)); then
      echo "SUMMARY: toolchain $name: FAILED (only ${n:-0} std::expected try_alloc tests ran)"
      return 1
    fi
    what="std::expected: $n tests"
  fi
  echo "SUMMARY: toolchain $name: ${#examples[@]} examples, $tests unit tests ($what) passed"
}

start=$SECONDS
run_matrix_entry "g++ C++23" 1 g++ -std=c++23 || status=1
run_matrix_entry "clang++ 19 + libstdc++ C++20 (strict UBSan)" 0 clang++-19 -std=c++20 \
  "${ubsan_strict[@]}" || status=1
run_matrix_entry "clang++ 19 + libstdc++ C++23 (strict UBSan)" 1 clang++-19 -std=c++23 \
  "${ubsan_strict[@]}" || status=1
run_matrix_entry "clang++ 19 + libc++ 19 (hardened) C++20" 0 clang++-19 -std=c++20 \
  "${libcxx[@]}" || status=1
run_matrix_entry "clang++ 19 + libc++ 19 (hardened) C++23" 1 clang++-19 -std=c++23 \
  "${libcxx[@]}" || status=1
echo "toolchains: matrix took $((SECONDS - start)) s"

# --- Unsupported toolchains: one #error each --------------------------------------------------
libcxx14="$out/libcxx-14"
v1="$libcxx14/usr/lib/llvm-14/include/c++/v1"
if [[ ! -f "$v1/version" ]]; then
  rm -rf "$libcxx14" && mkdir -p "$libcxx14"
  # apt-get download writes into the working directory.
  fetch() { (cd "$libcxx14" && apt-get download -q libc++-14-dev >/dev/null 2>&1); }
  # A machine whose package lists were never fetched (every package already installed, so
  # install-deps.sh did not update them) knows no libc++-14-dev: update the lists once, retry.
  if fetch || { [[ "$(id -u)" == 0 ]] && apt-get update -q >/dev/null 2>&1 && fetch; }; then
    dpkg -x "$libcxx14"/libc++-14-dev_*.deb "$libcxx14"
  fi
fi
mapfile -t public < <(cd include && ls arena_arc/*.hpp)
headers="$(IFS=';' && echo "${public[*]}")"
check=(-DINCLUDE_DIR="$PWD/include" -P tests/static/check_toolchain_error.cmake)
unsupported=0
for entry in "clang++|" "clang++-19|" "clang++-19|-stdlib=libc++"; do
  compiler="${entry%%|*}"
  extra="${entry#*|}"
  if ! cmake -DCOMPILER="$compiler" "-DFLAGS=-std=c++17${extra:+;$extra}" \
    "-DHEADERS=$headers" "-DMESSAGE=requires C\\+\\+20 or later" \
    -DWORK_DIR="$out/cxx17-${compiler}${extra:+-libcxx}" "${check[@]}" >"$out/cxx17.log" 2>&1; then
    cat "$out/cxx17.log"
    unsupported=1
  fi
done
if ! cmake -DCOMPILER=clang++ "-DFLAGS=-std=c++2b" "-DHEADERS=$headers" \
  "-DMESSAGE=clang 14's C\\+\\+23 mode breaks std::is_constant_evaluated" \
  -DWORK_DIR="$out/cxx23-clang++-14" "${check[@]}" >"$out/clang14-cxx23.log" 2>&1; then
  cat "$out/clang14-cxx23.log"
  unsupported=1
fi
libcxx14_note="libc++ 14: one #error (std::atomic_ref)"
if [[ -f "$v1/version" ]]; then
  if ! cmake -DCOMPILER=clang++ "-DFLAGS=-std=c++20;-nostdinc++;-isystem;$PWD/$v1" \
    "-DHEADERS=arena_arc/arena_arc.hpp" "-DMESSAGE=lacks std::atomic_ref" \
    -DWORK_DIR="$out/libcxx-14-check" "${check[@]}" >"$out/libcxx14.log" 2>&1; then
    cat "$out/libcxx14.log"
    unsupported=1
  fi
else
  echo "toolchains: could not take libc++ 14's headers from Debian (apt-get download" \
    "libc++-14-dev failed: no network?)" >&2
  libcxx14_note="libc++ 14 NOT CHECKED (download failed)"
  unsupported=1
fi
if ((unsupported)); then
  echo "SUMMARY: toolchain unsupported: FAILED (C++17, clang++ 14 C++23: one #error per public" \
    "header; $libcxx14_note)"
  status=1
else
  echo "SUMMARY: toolchain unsupported: C++17 (${#public[@]} public headers x 3 toolchains)," \
    "clang++ 14 C++23 (${#public[@]} headers) and $libcxx14_note, never a cascade"
fi
exit "$status"
