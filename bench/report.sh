#!/usr/bin/env bash
# Regenerates the performance report: bench/RESULTS.md and bench/results.svg.
#
#   bash bench/report.sh                 # the report (about 9 minutes on 2 idle cores)
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
#   g. against the Rust crate, per compiler: arena_arc_bench built with g++ -O2 (preset
#      bench-gcc-o2), g++ -O3 (preset bench, the binary of a) and clang++ -O2 (preset
#      bench-clang-o2), and the Rust baseline bench/rust/crate_baseline.rs (rustc -O), all in
#      rounds of fresh processes (see run_against_rust below);
#   and the lexing workload (bench/workload.sh), in fresh processes per variant, form and malloc;
# and bench/report.py turns the raw outputs (kept in build/bench/report/) into the report.
# Needs Debian packages cmake, ninja-build, g++, clang, libbenchmark-dev, libmimalloc2.0,
# valgrind, binutils and python3 (scripts/install-deps.sh installs them), and rustc: from PATH,
# else ~/.cargo/bin/rustc, else it installs Debian's rustc with apt-get (sudo when not root).
# Environment for g: AGAINST_RUST_MIN_TIME (seconds per process and benchmark, default 0.05);
# the rounds are REPETITIONS.
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
against_rust_min_time="${AGAINST_RUST_MIN_TIME:-0.05}"
if ((quick)); then
  repetitions=1
  min_time=0.01
  against_rust_min_time=0.01
fi
command_line="bash bench/report.sh${arguments:+ $arguments}"
[[ -n "${REPETITIONS:-}${MIN_TIME:-}" ]] &&
  command_line="REPETITIONS=$repetitions MIN_TIME=$min_time $command_line"
[[ -n "${AGAINST_RUST_MIN_TIME:-}" ]] &&
  command_line="AGAINST_RUST_MIN_TIME=$against_rust_min_time $command_line"

started=$(date +%s)
load_start=$(cut -d' ' -f1-3 /proc/loadavg)
log() { printf '[report %4ds] %s\n' "$(($(date +%s) - started))" "$*"; }

for tool in cmake python3 valgrind objdump dpkg clang++; do
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

# g. Against the Rust crate, per compiler: the arena's alloc_drop, batch1024 and copy_drop as
#    three compilers build it, next to the Rust baseline (bench/rust/crate_baseline.rs, a
#    re-implementation of the crate's documented design: the crate itself is not available
#    offline). Its own raw files: $out/against-rust/ (report.py reads them if present).
against_rust_builds=(  # name, build directory, configure preset
  "gcc-o2 build/bench-gcc-o2 bench-gcc-o2"
  "gcc-o3 $build bench"
  "clang-o2 build/bench-clang-o2 bench-clang-o2"
)
rust_bin="$build/rust/crate_baseline"
rust_flags=(--edition 2021 -O -C codegen-units=1)  # as the ctest (bench/CMakeLists.txt) builds it
# The Rust baseline's batch1024 once more with glibc's trimming off (its chunks are never
# recycled, so glibc trims them; setting a tunable stops glibc raising its mmap threshold, so
# that is raised by hand, to its maximum, past the 512 KiB chunks).
rust_no_trim="glibc.malloc.mmap_threshold=33554432:glibc.malloc.trim_threshold=4294967295"
rustc_bin=""
find_rustc() {
  rustc_bin=$(command -v rustc || true)
  [[ -z "$rustc_bin" && -x "$HOME/.cargo/bin/rustc" ]] && rustc_bin="$HOME/.cargo/bin/rustc"
  [[ -n "$rustc_bin" ]]
}
build_against_rust() {
  local spec name dir preset sudo=()
  if ! find_rustc; then
    log "build: no rustc in PATH or ~/.cargo/bin: installing Debian's rustc with apt-get"
    ((EUID == 0)) || sudo=(sudo)
    "${sudo[@]}" apt-get install -y --no-install-recommends rustc >/dev/null ||
      { "${sudo[@]}" apt-get update >/dev/null &&
        "${sudo[@]}" apt-get install -y --no-install-recommends rustc >/dev/null; } ||
      { echo "report.sh: cannot install rustc" >&2; exit 1; }
    find_rustc || { echo "report.sh: rustc not found after installing it" >&2; exit 1; }
  fi
  for spec in "${against_rust_builds[@]}"; do
    read -r name dir preset <<<"$spec"
    [[ "$dir" == "$build" ]] && continue  # built above
    log "build: preset $preset, target arena_arc_bench"
    [[ -f "$dir/CMakeCache.txt" ]] || cmake --preset "$preset" >/dev/null
    cmake --build "$dir" -j 2 --target arena_arc_bench >/dev/null
  done
  log "build: the Rust baseline with $("$rustc_bin" --version) ${rust_flags[*]}"
  mkdir -p "$(dirname "$rust_bin")"
  "$rustc_bin" "${rust_flags[@]}" -o "$rust_bin" bench/rust/crate_baseline.rs
  "$rust_bin" --self-test >"$rust_bin.self-test.log" ||
    { echo "report.sh: the Rust baseline's self-test failed (see $rust_bin.self-test.log)" >&2
      exit 1; }
}
# Rounds (REPETITIONS of them) of fresh processes, each round's processes in their own shuffled
# order (fixed seed), so that every build and the Rust baseline see the same stretch of machine
# load; one sample per process and benchmark, min_time AGAINST_RUST_MIN_TIME. Per build: one
# process for alloc_drop (arena rows) and copy_drop with a thread started first (the bench's
# default), one for copy_drop with --single_threaded_process, and one per batch1024 benchmark
# (as in a': batch1024 in isolation). The Rust baseline: one process for alloc_drop and
# copy_drop, one per batch1024 length, and at n >= 256 one per length with trimming off. All
# with glibc's malloc as a program gets it (no GLIBC_TUNABLES but for the no-trim runs).
shuffle_lines='import random, sys
lines = [line for line in sys.stdin.read().splitlines() if line]
rng = random.Random(int(sys.argv[2]))
for repetition in range(1, int(sys.argv[1]) + 1):
    rng.shuffle(lines)
    print("\n".join(f"{repetition} {line}" for line in lines))'
run_against_rust() {
  local dir="$out/against-rust" spec name bdir preset n
  local round kind what target file filter tunables status extra
  local copies='copy_drop/(arena_atomic|arena_local|shared_ptr)'
  declare -A bins
  mkdir -p "$dir/rust"
  {
    for spec in "${against_rust_builds[@]}"; do
      read -r name bdir preset <<<"$spec"
      bins[$name]="$bdir/bench/arena_arc_bench"
      mkdir -p "$dir/$name"
      printf '%s\n' "cxx $name threaded -" "cxx $name single -"
      "$bdir/bench/arena_arc_bench" --benchmark_list_tests |
        grep -E '^batch1024/arena_(atomic|local)/' | sed "s|^|cxx $name batch |"
    done
    echo "rust rust main -"
    for n in 1 8 32 256 1024 4096; do echo "rust rust batch batch1024/rust_crate/$n"; done
    for n in 256 1024 4096; do echo "rust rust notrim batch1024/rust_crate/$n"; done
  } >"$dir/jobs.txt"
  python3 -c "$shuffle_lines" "$repetitions" "$isolation_seed" <"$dir/jobs.txt" >"$dir/order.txt"
  python3 -c 'import json, sys; print(json.dumps(dict(zip(sys.argv[1::2], sys.argv[2::2]))))' \
    rustc "$("$rustc_bin" --version)" rust_flags "${rust_flags[*]}" min_time \
    "$against_rust_min_time" rounds "$repetitions" rust_no_trim "$rust_no_trim" \
    seed "$isolation_seed" \
    builds "$(printf '%s\n' "${against_rust_builds[@]}" | awk '{ print $1 "=" $2 }' | paste -sd,)" \
    >"$dir/meta.json"
  log "g. against the Rust crate: $repetitions rounds x $(wc -l <"$dir/jobs.txt") processes x" \
    "${against_rust_min_time}s per benchmark"
  while read -r round kind name what target; do
    file="$dir/$name/$round.$what"
    [[ "$target" != - ]] && file+=".${target//\//.}"
    tunables=""
    [[ "$what" == notrim ]] && tunables="$rust_no_trim"
    if [[ "$kind" == rust ]]; then
      filter="alloc_drop,copy_drop"
      [[ "$what" != main ]] && filter="$target"
      status=0
      env -u GLIBC_TUNABLES ${tunables:+GLIBC_TUNABLES="$tunables"} "$rust_bin" \
        --min-time="$against_rust_min_time" --repetitions=1 --filter="$filter" \
        --seed="$round" </dev/null >"$file.jsonl" 2>"$file.log" || status=$?
    else
      extra=()
      case "$what" in
        threaded) filter="^(alloc_drop/arena_(atomic|local)|$copies)/[0-9]+\$" ;;
        single) filter="^$copies/[0-9]+\$"
          extra=(--single_threaded_process) ;;
        *) filter="^$target\$" ;;
      esac
      status=0
      env -u GLIBC_TUNABLES "${bins[$name]}" --arena_chunk_capacity=65536 \
        --benchmark_filter="$filter" \
        --benchmark_repetitions=1 --benchmark_min_time="$against_rust_min_time" \
        --benchmark_enable_random_interleaving=true "${extra[@]}" \
        --benchmark_out="$file.json" --benchmark_out_format=json </dev/null >"$file.log" 2>&1 ||
        status=$?
    fi
    ((status == 0)) || {
      echo "report.sh: g. failed: $kind $name $what $target, round $round (see $file.log)" >&2
      exit 1
    }
  done <"$dir/order.txt"
}

log "build: preset bench (Release), targets ${targets[*]}"
[[ -f "$build/CMakeCache.txt" ]] || cmake --preset bench >/dev/null
cmake --build "$build" -j 2 --target "${targets[@]}" >/dev/null
build_against_rust  # g's other two builds and the Rust baseline (defined below)
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
run_against_rust  # g.

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
