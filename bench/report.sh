#!/usr/bin/env bash
# Regenerates the performance report: bench/RESULTS.md and bench/results.svg.
#
#   bash bench/report.sh                 # the report (about 7 minutes on 2 idle cores)
#   bash bench/report.sh --quick         # a fast rehearsal: 1 repetition, short timings
#   bash bench/report.sh --results-dir D # write RESULTS.md and results.svg into D instead
#
# Environment: REPETITIONS (default 5), MIN_TIME (seconds per repetition, default 0.1).
# It builds the Release `bench` preset's targets if needed, then measures in one run:
#   a. arena_arc_bench with glibc's malloc and with mimalloc preloaded (JSON, every repetition);
#      then batch1024 again with one fresh process per benchmark and repetition, for both
#      mallocs and, at n >= 256, with glibc's heap trimming off (sensitivity);
#   b. upstream calls per batch in the steady state (arena_arc_upstream_count);
#   c. bytes from the system for 1,000,000 live slices of 8, one fresh process per variant and
#      malloc (arena_arc_memory_footprint);
#   d. instructions per operation under callgrind: (Ir(K2) - Ir(K1)) / (K2 - K1)
#      (arena_arc_instr_count);
#   e. the disassembly of arena_arc_bench, for the vectorisation check;
#   and the lexing workload (bench/workload.sh), in fresh processes per variant, form and malloc;
# and bench/report.py turns the raw outputs (kept in build/bench/report/) into the report.
# Needs Debian packages cmake, ninja-build, g++, libbenchmark-dev, libmimalloc2.0, valgrind,
# binutils and python3 (scripts/install-deps.sh installs them); installs nothing itself.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

arguments="$*"
repetitions="${REPETITIONS:-5}"
min_time="${MIN_TIME:-0.1}"
k1=1000
k2=2000
results_dir=bench
quick=0
while (($#)); do
  case "$1" in
    --quick) quick=1 ;;
    --results-dir) results_dir="$2"; shift ;;
    *) echo "usage: bash bench/report.sh [--quick] [--results-dir DIR]" >&2; exit 2 ;;
  esac
  shift
done
if ((quick)); then
  repetitions=1
  min_time=0.01
fi
command_line="bash bench/report.sh${arguments:+ $arguments}"
[[ -n "${REPETITIONS:-}${MIN_TIME:-}" ]] &&
  command_line="REPETITIONS=$repetitions MIN_TIME=$min_time $command_line"

started=$(date +%s)
load_start=$(cut -d' ' -f1-3 /proc/loadavg)
log() { printf '[report %4ds] %s\n' "$(($(date +%s) - started))" "$*"; }

for tool in cmake python3 valgrind objdump dpkg; do
  command -v "$tool" >/dev/null || { echo "report.sh: $tool not found" >&2; exit 1; }
done
mimalloc=$(dpkg -L libmimalloc2.0 2>/dev/null | grep -E '/libmimalloc\.so\.2$' | head -n 1 || true)
if [[ -z "$mimalloc" || ! -e "$mimalloc" ]]; then
  echo "report.sh: libmimalloc.so.2 not found (Debian package libmimalloc2.0)" >&2
  exit 1
fi

build=build/bench  # the `bench` configure preset's binary directory
out="$build/report"
bin="$build/bench"
targets=(arena_arc_bench arena_arc_upstream_count arena_arc_memory_footprint arena_arc_instr_count)

log "build: preset bench (Release), targets ${targets[*]}"
[[ -f "$build/CMakeCache.txt" ]] || cmake --preset bench >/dev/null
cmake --build "$build" -j 2 --target "${targets[@]}" >/dev/null
library="commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
[[ -z "$(git status --porcelain -- include 2>/dev/null)" ]] ||
  library+=" with uncommitted changes in include/"
rm -rf "$out"
mkdir -p "$out/callgrind/glibc" "$out/callgrind/mimalloc"

# Runs "$@" with the named malloc.
with_malloc() {
  local mode="$1"
  shift
  if [[ "$mode" == mimalloc ]]; then
    LD_PRELOAD="$mimalloc" "$@"
  else
    "$@"
  fi
}

# a. Timings. Random interleaving spreads every benchmark's repetitions over the whole run, so
#    that a baseline and the arena see the same (changing) machine load.
#    glibc raises its mmap and trim thresholds the first time it frees a large mmapped block,
#    and the harness frees such blocks itself (the buffers of pmr_monotonic and write_floor):
#    the baselines would then behave differently depending on which benchmark ran before.
#    Setting the thresholds turns that off; they are pinned at glibc's defaults (a fresh
#    process's behaviour). The sensitivity run turns trimming off instead.
glibc_defaults="glibc.malloc.mmap_threshold=131072:glibc.malloc.trim_threshold=131072"
glibc_no_trim="glibc.malloc.mmap_threshold=131072:glibc.malloc.trim_threshold=4294967295"
run_bench() {
  local name="$1" mode="$2" tunables="$3"
  shift 3
  log "a. arena_arc_bench, $name: $repetitions repetitions x ${min_time}s $*"
  GLIBC_TUNABLES="$tunables" with_malloc "$mode" "$bin/arena_arc_bench" \
    --benchmark_repetitions="$repetitions" --benchmark_min_time="$min_time" \
    --benchmark_enable_random_interleaving=true \
    --benchmark_out="$out/bench-$name.json" --benchmark_out_format=json \
    --ratio_table_out="$out/ratios-$name.md" "$@" >"$out/bench-$name.log" 2>&1
}
# What the machine's other processes took during the timed runs (a and a'), in CPUs on average:
# all CPUs' busy time from /proc/stat less the CPU time of this script and its children
# (/proc/$$/stat: utime, stime, cutime, cstime), over the elapsed time. The load average cannot
# tell: it counts this run's own processes, and for minutes after, those of a run before it.
cpu_ticks() {  # "busy total" over all CPUs, in clock ticks
  awk '$1 == "cpu" { busy = $2 + $3 + $4 + $7 + $8 + $9; print busy, busy + $5 + $6; exit }' \
    /proc/stat
}
own_ticks() {  # this shell's CPU time plus that of its waited-for descendants, in clock ticks
  # Field 2 (the command) is in parentheses and may hold spaces: count from after it.
  sed -E 's/^.*\) //' "/proc/$$/stat" | awk '{ print $12 + $13 + $14 + $15 }'
}
read -r busy_before total_before < <(cpu_ticks)
own_before=$(own_ticks)

run_bench glibc glibc "$glibc_defaults"
run_bench mimalloc mimalloc ""

# a'. batch1024 in isolation. Its glibc baselines depend on the heap state that the benchmarks
#    run before them leave behind (a few small freed blocks stop glibc from trimming its heap),
#    so the report takes batch1024 from one fresh process per benchmark and repetition; the
#    runs above keep it only as a sensitivity table. Each repetition runs every benchmark once,
#    in its own shuffled order (fixed seed): the repetitions of all variants are still spread
#    over the same stretch of time.
isolation_seed=4
batch_benchmarks=$("$bin/arena_arc_bench" --benchmark_list_tests | grep '^batch1024/' || true)
[[ -n "$batch_benchmarks" ]] || {
  echo "report.sh: arena_arc_bench --benchmark_list_tests lists no batch1024 benchmark" >&2
  exit 1
}
shuffle='import random, sys
names = sys.stdin.read().split()
rng = random.Random(int(sys.argv[2]))
for repetition in range(1, int(sys.argv[1]) + 1):
    rng.shuffle(names)
    print("\n".join(f"{repetition} {name}" for name in names))'
run_isolated() {
  local name="$1" mode="$2" tunables="$3" benchmarks="$4"
  local dir="$out/isolated-$name" repetition benchmark file
  mkdir -p "$dir"
  log "a. arena_arc_bench, $name, isolated: $repetitions repetitions x" \
    "$(wc -l <<<"$benchmarks") processes x ${min_time}s"
  python3 -c "$shuffle" "$repetitions" "$isolation_seed" <<<"$benchmarks" >"$dir/order.txt"
  while read -r repetition benchmark; do
    file="$dir/$repetition.${benchmark//\//.}"
    GLIBC_TUNABLES="$tunables" with_malloc "$mode" "$bin/arena_arc_bench" \
      --benchmark_filter="^$benchmark\$" --benchmark_repetitions=1 \
      --benchmark_min_time="$min_time" --benchmark_out="$file.json" \
      --benchmark_out_format=json </dev/null >"$file.log" 2>&1 || {
      echo "report.sh: arena_arc_bench failed: $benchmark, repetition $repetition, $name" \
        "(see $file.log)" >&2
      exit 1
    }
  done <"$dir/order.txt"
}
run_isolated glibc glibc "$glibc_defaults" "$batch_benchmarks"
run_isolated mimalloc mimalloc "" "$batch_benchmarks"
run_isolated glibc-notrim glibc "$glibc_no_trim" "$(awk -F/ '$3 >= 256' <<<"$batch_benchmarks")"

# a''. The lexing workload (bench/workload.sh; README.md, "The lexing workload"): every variant,
#    form and malloc in fresh, interleaved processes; bench/report.py's workload_section()
#    makes its table from $out/workload.
workload_args=(--out "$out/workload" --bin "$bin/arena_arc_lex_workload" --mimalloc "$mimalloc")
((quick)) && workload_args+=(--quick)
log "a. lexing workload: bench/workload.sh ${workload_args[*]}"
cmake --build "$build" -j 2 --target arena_arc_lex_workload >/dev/null
bash bench/workload.sh "${workload_args[@]}" >"$out/workload.log" 2>&1 || {
  echo "report.sh: bench/workload.sh failed (see $out/workload.log)" >&2
  exit 1
}

read -r busy_after total_after < <(cpu_ticks)
own_after=$(own_ticks)
other_cpus=$(awk -v b=$((busy_after - busy_before)) -v o=$((own_after - own_before)) \
  -v t=$((total_after - total_before)) -v n="$(nproc)" \
  'BEGIN { x = t > 0 ? (b - o) / (t / n) : 0; if (x < 0) x = 0; printf "%.2f", x }')
log "a. other processes used $other_cpus CPUs on average during the timed runs"

# b. Upstream calls per batch (the count does not depend on malloc; both are run anyway).
for mode in glibc mimalloc; do
  log "b. upstream calls per batch with $mode"
  with_malloc "$mode" "$bin/arena_arc_upstream_count" --json >"$out/upstream-$mode.json" ||
    log "   arena_arc_upstream_count reported a failure (see the report)"
done

# c. Footprint, one fresh process per variant and malloc.
for mode in glibc mimalloc; do
  for variant in arena make_shared; do
    log "c. footprint of $variant with $mode"
    with_malloc "$mode" "$bin/arena_arc_memory_footprint" "$variant" --json \
      >"$out/footprint-$mode-$variant.json" ||
      log "   arena_arc_memory_footprint reported a failure (see the report)"
  done
done
grep -q '"malloc": "mimalloc"' "$out/footprint-mimalloc-arena.json" || {
  echo "report.sh: LD_PRELOAD=$mimalloc did not replace malloc" >&2
  exit 1
}

# d. Instruction counts: one callgrind run per malloc, operation and K, two at a time.
"$bin/arena_arc_instr_count" --list >"$out/operations.txt"
log "d. callgrind: $(wc -l <"$out/operations.txt") operations x K=$k1,$k2 x 2 mallocs"
# shellcheck disable=SC2016  # $1.. and $MIMALLOC are expanded by the inner bash
for mode in glibc mimalloc; do
  for k in "$k1" "$k2"; do
    while read -r op; do printf '%s %s %s\n' "$mode" "$op" "$k"; done <"$out/operations.txt"
  done
done | MIMALLOC="$mimalloc" OUT="$out" BIN="$bin" xargs -P 2 -L 1 bash -c '
  mode="$1" op="$2" k="$3"
  file="$OUT/callgrind/$mode/${op//\//_}.$k.out"
  preload=()
  [[ "$mode" == mimalloc ]] && preload=(env "LD_PRELOAD=$MIMALLOC")
  "${preload[@]}" valgrind --tool=callgrind --callgrind-out-file="$file" \
    "$BIN/arena_arc_instr_count" "$op" "$k" 2>"$file.log" ||
    { echo "callgrind run failed: $mode $op $k (see $file.log)" >&2; exit 255; }
' _

# e. Disassembly for the vectorisation check.
log "e. objdump of arena_arc_bench"
objdump -d --no-show-raw-insn -C "$bin/arena_arc_bench" >"$out/arena_arc_bench.dis"

# f. The report.
load_end=$(cut -d' ' -f1-3 /proc/loadavg)
mkdir -p "$results_dir"
log "f. writing $results_dir/RESULTS.md and $results_dir/results.svg"
python3 bench/report.py \
  --raw "$out" --build "$build" --results "$results_dir/RESULTS.md" \
  --svg "$results_dir/results.svg" --command "$command_line" --mimalloc "$mimalloc" \
  --repetitions "$repetitions" --min-time "$min_time" --k1 "$k1" --k2 "$k2" \
  --load-start "$load_start" --load-end "$load_end" --other-cpus "$other_cpus" --seconds "$(($(date +%s) - started))" \
  --library "$library" --glibc-tunables "$glibc_defaults" --glibc-no-trim "$glibc_no_trim" \
  --isolation-seed "$isolation_seed"
log "done"
