#!/usr/bin/env bash
# Runs .clusterfuzzlite/build.sh, the OSS-Fuzz / ClusterFuzzLite build script itself, in an
# emulation of OSS-Fuzz's base-builder environment, then checks what it produced.
#
#   bash fuzz/oss_fuzz.sh [out-dir]      (default build/oss-fuzz/out)
#
# The environment, as base-builder's `compile` sets it for a libFuzzer build:
#   CC=clang-19 CXX=clang++-19 (ARENA_ARC_OSS_FUZZ_CLANG_VERSION picks another version)
#   CFLAGS=-O1 -fno-omit-frame-pointer -gline-tables-only -DFUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION
#          <sanitizer flags> -fsanitize=fuzzer-no-link
#   CXXFLAGS=$CFLAGS -stdlib=libc++      LIB_FUZZING_ENGINE=-fsanitize=fuzzer
#   SRC (holding arena-arc, the build's working directory), WORK, OUT, SANITIZER
# The sanitizer flags are those of OSS-Fuzz's address and undefined builds together in one build
# (OSS-Fuzz builds them separately; SANITIZER=address; the UBSan checks a superset, below), with
# the project's warnings as errors added to CXXFLAGS, and a second run of build.sh with
# SANITIZER=thread adds the TSan target arena_arc_fuzz_threads_tsan to the same $OUT
# (ARENA_ARC_OSS_FUZZ_TSAN=0 skips it). One difference from OSS-Fuzz: its libFuzzer carries a
# private libc++, while Debian's libclang_rt.fuzzer was compiled against libstdc++, so the
# emulated LIB_FUZZING_ENGINE also links libstdc++.so.6 (for libFuzzer's own use; the harnesses
# and the library are compiled and linked against libc++).
# Checked for every fuzzer: the executable, its seed corpus archive (every file of
# fuzz/corpus/<h>/ and fuzz/regressions/<h>/), its dictionary (fuzz/dict/<h>.dict) and its
# .options file; then the fuzzer runs once over the archive's inputs, unpacked, with the
# options the .options file gives (as ClusterFuzz passes them), and must pass every one.
# Prints  SUMMARY: oss-fuzz build.sh (...): <n> fuzzers, <inputs> seed inputs run, <f> failures
# fuzz/campaign.sh then fuzzes these executables in the gate (ARENA_ARC_FUZZ_BIN_DIR).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

out="$(realpath -m "${1:-build/oss-fuzz/out}")"
base="$(dirname "$out")"
version="${ARENA_ARC_OSS_FUZZ_CLANG_VERSION:-19}"
rm -rf "$out" "$base/work" "$base/seeds"
mkdir -p "$out" "$base/work" "$base/src" "$base/seeds"
ln -sfn "$root" "$base/src/arena-arc"

# OSS-Fuzz's undefined build: -fsanitize=array-bounds,bool,builtin,enum,function,
# integer-divide-by-zero,null,object-size,return,returns-nonnull-attribute,shift,
# signed-integer-overflow,unreachable,vla-bound,vptr fatal, unsigned-integer-overflow not (a
# coverage signal there, silenced at run time). Here the whole -fsanitize=undefined group is
# fatal, a superset (alignment, float-cast-overflow, nonnull-attribute, pointer-overflow too).
declare -A sanitizer_flags=(
  [address]="-fsanitize=address -fsanitize-address-use-after-scope
    -fsanitize=undefined,unsigned-integer-overflow -fno-sanitize-recover=undefined"
  [thread]="-fsanitize=thread"
)
# The project's warnings, as errors (not OSS-Fuzz's: this is the gate's clang build of the
# harnesses); ARENA_ARC_OSS_FUZZ_WARNINGS=0 leaves them out.
warnings=""
[[ "${ARENA_ARC_OSS_FUZZ_WARNINGS:-1}" == 1 ]] &&
  warnings="-Wall -Wextra -Wpedantic -Werror -Wconversion -Wsign-conversion -Wshadow"
sanitizers=(address)
[[ "${ARENA_ARC_OSS_FUZZ_TSAN:-1}" == 1 ]] && sanitizers+=(thread)

for sanitizer in "${sanitizers[@]}"; do
  cflags="-O1 -fno-omit-frame-pointer -gline-tables-only -DFUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION"
  cflags+=" $(tr -s ' \n' ' ' <<<"${sanitizer_flags[$sanitizer]}") -fsanitize=fuzzer-no-link"
  echo "oss-fuzz: build.sh, SANITIZER=$sanitizer"
  (
    cd "$base/src/arena-arc"
    env CC="clang-$version" CXX="clang++-$version" CFLAGS="$cflags" \
      CXXFLAGS="$cflags -stdlib=libc++ $warnings" \
      LIB_FUZZING_ENGINE="-fsanitize=fuzzer -l:libstdc++.so.6" \
      SRC="$base/src" WORK="$base/work" OUT="$out" SANITIZER="$sanitizer" FUZZING_ENGINE=libfuzzer \
      ARCHITECTURE=x86_64 ARENA_ARC_FUZZ_BUILD_JOBS="${ARENA_ARC_FUZZ_BUILD_JOBS:-2}" \
      bash "$root/.clusterfuzzlite/build.sh"
  )
done

# --- what build.sh produced -----------------------------------------------------------
expected=(ops math threads builder)
[[ " ${sanitizers[*]} " == *" thread "* ]] && expected+=(threads_tsan)
# OSS-Fuzz's own runtime setting: unsigned wrap-around is a coverage signal there, reported
# only where a harness makes it fatal (math).
export UBSAN_OPTIONS="silence_unsigned_overflow=1"
failures=0
inputs=0
fail() {
  echo "oss-fuzz: FAILED: $*"
  failures=$((failures + 1))
}
for h in "${expected[@]}"; do
  name="arena_arc_fuzz_$h"
  src="${h%_tsan}"
  [[ -x "$out/$name" ]] || { fail "$name: no executable in $out"; continue; }
  cmp -s "$out/$name.dict" "fuzz/dict/$src.dict" || fail "$name.dict is not fuzz/dict/$src.dict"
  grep -qx "dict = $name.dict" "$out/$name.options" 2>/dev/null ||
    fail "$name.options does not name $name.dict"
  seeds="$base/seeds/$h"
  mkdir -p "$seeds"
  if ! python3 -m zipfile -e "$out/${name}_seed_corpus.zip" "$seeds"; then
    fail "${name}_seed_corpus.zip cannot be unpacked"
    continue
  fi
  want="$(find "fuzz/corpus/$src" "fuzz/regressions/$src" -type f ! -name 'README*' ! -name '.*' |
    wc -l)"
  got="$(find "$seeds" -type f | wc -l)"
  ((got == want)) || fail "${name}_seed_corpus.zip holds $got inputs, not $want"
  # The .options file's [libfuzzer] section as flags, the dictionary in $OUT.
  flags=()
  while IFS= read -r line; do
    [[ "$line" =~ ^([a-z_]+)\ =\ (.*)$ ]] || continue
    value="${BASH_REMATCH[2]}"
    [[ "${BASH_REMATCH[1]}" == dict ]] && value="$out/$value"
    flags+=("-${BASH_REMATCH[1]}=$value")
  done <"$out/$name.options"
  log="$base/seeds/$h.log"
  if "$out/$name" -runs=0 "${flags[@]}" "$seeds" >"$log" 2>&1; then
    echo "oss-fuzz: $name: $got seed inputs passed ($(grep -oE 'ft: [0-9]+' "$log" | tail -n 1))"
  else
    fail "$name on its seed corpus (log $log)"
    tail -n 30 "$log"
  fi
  inputs=$((inputs + got))
done
echo "SUMMARY: oss-fuzz build.sh (clang $version, libc++, ASan+UBSan$([[ " ${sanitizers[*]} " \
  == *" thread "* ]] && echo ", TSan")): ${#expected[@]} fuzzers, $inputs seed inputs run," \
  "$failures failures"
((failures == 0))
