#!/usr/bin/env bash
# Installs the Debian 12 packages that the build, the tests and the tools need. Idempotent:
# when everything is installed it only checks (no apt-get update, no network).
# Set ARENA_ARC_SKIP_DEPS=1 to skip it entirely (e.g. on a machine you manage yourself).
set -euo pipefail

if [[ "${ARENA_ARC_SKIP_DEPS:-0}" == 1 ]]; then
  echo "install-deps: skipped (ARENA_ARC_SKIP_DEPS=1)"
  exit 0
fi

packages=(
  cmake ninja-build g++ clang
  libclang-rt-14-dev              # libFuzzer and the sanitizer runtimes for clang
  libgtest-dev libgmock-dev       # tests/
  libbenchmark-dev                # bench/
  librapidcheck-dev               # properties/
  relacy-dev                      # formal/
  libmimalloc2.0 libmimalloc-dev  # bench/ comparison allocator
  valgrind clang-tidy clang-format cppcheck
  python3                         # bench/report.py
  make pkgconf                    # tests/consumers/pkg_config (a Makefile using pkg-config)
  lcov llvm                       # coverage: lcov, llvm-profdata, llvm-cov
  clang-19 libc++-19-dev libc++abi-19-dev  # scripts/libcxx_text.sh: <format> and libc++
  libclang-rt-19-dev afl++        # fuzz/oss_fuzz.sh (clang 19's libFuzzer, ASan), fuzz/afl.sh;
  googletest                      # leg 30 also uses clang 19's UBSan runtime; GoogleTest's source (libc++)
)

missing=()
for pkg in "${packages[@]}"; do
  if ! dpkg -s "$pkg" 2>/dev/null | grep -q '^Status: install ok installed'; then
    missing+=("$pkg")
  fi
done

if ((${#missing[@]} == 0)); then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi

sudo=()
if [[ "$(id -u)" != 0 ]]; then
  sudo=(sudo)
fi
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -q
"${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
