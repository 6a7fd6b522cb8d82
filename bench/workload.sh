#!/usr/bin/env bash
# The lexing workload's runner (README.md, "The lexing workload"): arena_arc_lex_workload for
# every variant (arena, shared_ptr, string, floor, copy_floor), form (keep_last_8_single_threaded,
# keep_last_8, producer_consumer) and malloc (glibc; mimalloc preloaded), each run in
# PROCESSES fresh processes. Every round runs all 30 combinations once, in an order shuffled
# anew for each round (fixed seed), so that the variants' processes are interleaved over the
# same stretch of time. Each process reads the whole tree first, then runs WARMUP untimed and
# REPETITIONS timed passes and writes one JSON line; bench/report.py's workload_section() takes
# the median of each process's passes, then the median over the processes, and prints the
# table with the targets.
#
#   bash bench/workload.sh                       # 5 processes x 5 passes per combination
#   bash bench/workload.sh --quick               # 1 process x 1 pass (a rehearsal)
#   bash bench/workload.sh --processes 9 --dir /usr/include/c++/12 --out /tmp/workload
#
# Options: --processes N (default 5), --repetitions R (timed passes per process, default 5),
# --dir DIR (default: the C++ standard library's header directory of the bench build's
# compiler, found from `$CXX -xc++ -E -v /dev/null`), --out DIR (raw outputs, default
# build/bench/report/workload), --bin PATH (default build/bench/bench/arena_arc_lex_workload,
# built with the `bench` preset if missing), --mimalloc PATH (default: libmimalloc.so.2 of the
# Debian package libmimalloc2.0). Exit status 1 if a process fails (a variant disagreeing with
# the reference token count or checksum is a failure), 2 on a bad command line.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

processes=5
repetitions=5
warmup=1
dir=""
out=build/bench/report/workload
bin=build/bench/bench/arena_arc_lex_workload
mimalloc=""
seed=7
usage="usage: bash bench/workload.sh [--quick] [--processes N] [--repetitions R] [--dir DIR]"
usage+=" [--out DIR] [--bin PATH] [--mimalloc PATH]"
while (($#)); do
  case "$1" in
    --quick) processes=1 repetitions=1 ;;
    --processes) processes="$2"; shift ;;
    --repetitions) repetitions="$2"; shift ;;
    --dir) dir="$2"; shift ;;
    --out) out="$2"; shift ;;
    --bin) bin="$2"; shift ;;
    --mimalloc) mimalloc="$2"; shift ;;
    *) echo "$usage" >&2; exit 2 ;;
  esac
  shift
done
[[ "$processes" =~ ^[1-9][0-9]*$ && "$repetitions" =~ ^[1-9][0-9]*$ ]] || {
  echo "$usage" >&2
  exit 2
}

if [[ ! -x "$bin" ]]; then
  [[ -f build/bench/CMakeCache.txt ]] || cmake --preset bench >/dev/null
  cmake --build build/bench -j 2 --target arena_arc_lex_workload >/dev/null
fi
if [[ -z "$mimalloc" ]]; then
  mimalloc=$(dpkg -L libmimalloc2.0 2>/dev/null | grep -E '/libmimalloc\.so\.2$' | head -n 1 ||
    true)
fi
[[ -n "$mimalloc" && -e "$mimalloc" ]] || {
  echo "workload.sh: libmimalloc.so.2 not found (Debian package libmimalloc2.0)" >&2
  exit 1
}
if [[ -z "$dir" ]]; then
  # The first directory of the compiler's <...> search path that holds <vector>: libstdc++'s
  # (or libc++'s) headers.
  cxx=$(sed -n 's/^CMAKE_CXX_COMPILER:[A-Z]*=//p' build/bench/CMakeCache.txt 2>/dev/null || true)
  while read -r candidate; do
    if [[ -f "$candidate/vector" ]]; then
      dir="$candidate"
      break
    fi
  done < <("${cxx:-c++}" -xc++ -E -v /dev/null 2>&1 >/dev/null |
    sed -n '/^#include <...> search starts here:/,/^End of search list/p' | sed -n 's/^ //p')
  [[ -n "$dir" ]] || {
    echo "workload.sh: no <vector> in ${cxx:-c++}'s include path; pass --dir" >&2
    exit 1
  }
fi

rm -rf "$out"
mkdir -p "$out"
printf '%s\n' "$dir" >"$out/directory.txt"
combinations=()
for malloc in glibc mimalloc; do
  for form in keep_last_8_single_threaded keep_last_8 producer_consumer; do
    for variant in arena shared_ptr string floor copy_floor; do
      combinations+=("$malloc $form $variant")
    done
  done
done
printf '%s\n' "${combinations[@]}" | python3 -c '
import random, sys
combinations = sys.stdin.read().splitlines()
rng = random.Random(int(sys.argv[2]))
for process in range(1, int(sys.argv[1]) + 1):
    rng.shuffle(combinations)
    print("\n".join(f"{process} {c}" for c in combinations))' "$processes" "$seed" >"$out/order.txt"

echo "workload.sh: $dir, ${#combinations[@]} combinations x $processes processes x" \
  "$warmup+$repetitions passes"
while read -r process malloc form variant; do
  file="$out/$variant.$form.$malloc.$process"
  preload=()
  [[ "$malloc" == mimalloc ]] && preload=(env "LD_PRELOAD=$mimalloc")
  "${preload[@]}" "$bin" "$variant" "$form" "$dir" --warmup="$warmup" \
    --repetitions="$repetitions" </dev/null >"$file.json" 2>"$file.log" || {
    echo "workload.sh: $variant $form $malloc, process $process failed (see $file.log)" >&2
    exit 1
  }
  grep -q "\"malloc\": \"$malloc\"" "$file.json" || {
    echo "workload.sh: $file.json did not run under $malloc (LD_PRELOAD=$mimalloc)" >&2
    exit 1
  }
done <"$out/order.txt"

python3 -c '
import sys
from pathlib import Path
sys.path.insert(0, "bench")
import report
print("\n".join(report.workload_section(Path(sys.argv[1]))[0]))' "$out" >"$out/table.md"
cat "$out/table.md"
