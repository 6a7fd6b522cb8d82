#!/bin/bash -eu
# OSS-Fuzz / ClusterFuzzLite build of the fuzz harnesses (fuzz/README.md). The contract: the
# compilers and flags come from $CC $CXX $CFLAGS $CXXFLAGS (sanitizer and coverage
# instrumentation included), the engine from $LIB_FUZZING_ENGINE, the sources are in
# $SRC/arena-arc, intermediate files go to $WORK, and $OUT receives per fuzzer:
#   arena_arc_fuzz_<h>                the fuzzer (h = ops, math, threads, builder)
#   arena_arc_fuzz_<h>_seed_corpus.zip   fuzz/corpus/<h>/ and fuzz/regressions/<h>/, flat
#   arena_arc_fuzz_<h>.dict           fuzz/dict/<h>.dict
#   arena_arc_fuzz_<h>.options        the libFuzzer options fuzz/campaign.sh uses
# No network, no CMake: each translation unit is compiled directly (header-only library).
# SANITIZER=thread (not a sanitizer OSS-Fuzz or ClusterFuzzLite offers; the gate's emulation,
# fuzz/oss_fuzz.sh, uses it) builds only arena_arc_fuzz_threads_tsan: threads without
# libFuzzer's inline counters, which TSan would report as races (fuzz/CMakeLists.txt).
# Under address or undefined, math also gets -fsanitize=integer, fatal (the checked helpers
# promise no unsigned wrap and no lossy implicit conversion). The harness sources are built at
# ARENA_ARC_HARDENING_EXTENSIVE, like the campaign's. ARENA_ARC_FUZZ_BUILD_JOBS (default: the
# number of cores) translation units compile at once.
# The AFL++ build (fuzz/afl.sh) runs this script too, with CXX=afl-clang-fast++.
root="$SRC/arena-arc"
jobs="${ARENA_ARC_FUZZ_BUILD_JOBS:-$(nproc)}"
sanitizer="${SANITIZER:-address}"

declare -A sources=(
  [ops]="fuzz/ops/ops.cpp fuzz/ops/narrow.cpp fuzz/ops/wide.cpp"
  [math]="fuzz/math/math.cpp"
  [threads]="fuzz/threads/threads.cpp"
  [builder]="fuzz/builder/builder.cpp"
)
harnesses=(ops math threads builder)
# Not part of the contract: ARENA_ARC_FUZZ_HARNESSES="math ..." builds only those (fuzz/afl.sh).
[[ -n "${ARENA_ARC_FUZZ_HARNESSES:-}" ]] && read -r -a harnesses <<<"$ARENA_ARC_FUZZ_HARNESSES"
variant=""
if [[ "$sanitizer" == thread ]]; then
  harnesses=(threads)
  variant=_tsan
fi

read -r -a cxxflags <<<"${CXXFLAGS:-}"
read -r -a engine <<<"${LIB_FUZZING_ENGINE:-}"
common=(-std=c++20 -pthread -I"$root/include" -I"$root/testing"
  -DARENA_ARC_HARDENING=ARENA_ARC_HARDENING_EXTENSIVE)

# Extra flags of one harness for the configured sanitizer.
flags_of() {
  case "$1:$sanitizer" in
    math:address | math:undefined) echo "-fsanitize=integer -fno-sanitize-recover=integer" ;;
    threads:thread) echo "-fno-sanitize-coverage=inline-8bit-counters,pc-table" ;;
  esac
}

objects="$WORK/arena-arc/$sanitizer"
mkdir -p "$objects" "$OUT"
# Compile every translation unit, up to $jobs at once; a failure fails the build (wait -n
# returns the status of the job that ended).
running=0
for h in "${harnesses[@]}"; do
  read -r -a extra <<<"$(flags_of "$h")"
  for src in ${sources[$h]}; do
    if ((running >= jobs)); then
      wait -n
      running=$((running - 1))
    fi
    "$CXX" "${cxxflags[@]}" "${extra[@]}" "${common[@]}" -c "$root/$src" \
      -o "$objects/$(tr / _ <<<"${src%.cpp}").o" &
    running=$((running + 1))
  done
done
while ((running > 0)); do
  wait -n
  running=$((running - 1))
done

# Seed corpus archive: every input file of the given directories under its own name (python3's
# zipfile: the zip program is not on every machine). Sorted, so the archive is reproducible.
seed_zip() {
  python3 - "$@" <<'PY'
import os, sys, zipfile
out, dirs = sys.argv[1], sys.argv[2:]
with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
    for d in dirs:
        for name in sorted(os.listdir(d)):
            path = os.path.join(d, name)
            if os.path.isfile(path) and not name.startswith((".", "README")):
                z.write(path, name)
PY
}

for h in "${harnesses[@]}"; do
  name="arena_arc_fuzz_$h$variant"
  read -r -a extra <<<"$(flags_of "$h")"
  objs=()
  for src in ${sources[$h]}; do objs+=("$objects/$(tr / _ <<<"${src%.cpp}").o"); done
  "$CXX" "${cxxflags[@]}" "${extra[@]}" -pthread "${objs[@]}" "${engine[@]}" -o "$OUT/$name"
  seed_zip "$OUT/${name}_seed_corpus.zip" "$root/fuzz/corpus/$h" "$root/fuzz/regressions/$h"
  cp "$root/fuzz/dict/$h.dict" "$OUT/$name.dict"
  {
    echo "[libfuzzer]"
    echo "dict = $name.dict"
    echo "timeout = 25"
    echo "rss_limit_mb = 2048"
    # The reasons: fuzz/campaign.sh.
    [[ "$h" == ops ]] && echo "entropic = 0"
    [[ -n "$variant" ]] && echo "use_value_profile = 1"
    true
  } >"$OUT/$name.options"
done
