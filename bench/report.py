#!/usr/bin/env python3
"""Turns the raw outputs of bench/report.sh into bench/RESULTS.md and bench/results.svg.

Python 3 standard library only. Every number in the report is read from the raw files of one
report.sh run (build/bench/report/); nothing is adjusted. Run by report.sh; by hand:
    python3 bench/report.py --raw build/bench/report --build build/bench ...  (see --help)
"""

import argparse
import datetime
import json
import math
import os
import platform
import re
import statistics
import subprocess
from pathlib import Path

MODES = ("glibc", "mimalloc")
ARENAS = ("arena_atomic", "arena_local")
LENGTHS = (1, 8, 32, 256, 1024, 4096)
ALLOC_BASELINES = ("make_shared_for_overwrite", "shared_ptr_new", "pmr_monotonic", "write_floor")
CASES = {
    "alloc_drop": ("One slice per iteration: allocate and fill with 0..n-1, read one element, "
                   "drop. Time per slice.", ALLOC_BASELINES),
    "batch1024": ("1024 slices alive at once in a reused vector of handles, then the vector is "
                  "cleared. Time per batch of 1024.", ALLOC_BASELINES),
    "copy_drop": ("Copy a live handle and drop the copy; n only sizes the shared slice. Time per "
                  "copy.", ("shared_ptr",)),
    "unknown_length": ("A slice whose n elements arrive one at a time: arena rows append them in "
                       "place with a SliceBuilder; the baselines grow a std::vector (new, or a "
                       "reused scratch one) and alloc_copy it. Time per slice.",
                       ("vector_grow_copy", "scratch_vector_copy")),
    "read_into": ("A reader delivers n elements (a memcpy standing for read(2)): arena rows let it "
                  "write into the chunk with alloc_for_overwrite; the baseline reads into a reused "
                  "buffer and alloc_copies it. Time per slice.", ("buffer_then_copy",)),
}
UNIT_NS = {"ns": 1.0, "us": 1e3, "ms": 1e6, "s": 1e9}
MSFO = "make_shared_for_overwrite"


# --- reading the raw outputs --------------------------------------------------------------

def load_bench(path):
    """{(case, variant, n): [CPU ns per iteration of every repetition]} from a benchmark JSON."""
    samples = {}
    errors = []
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    for run in data["benchmarks"]:
        if run.get("run_type") != "iteration":
            continue
        if run.get("error_occurred"):
            errors.append(run["run_name"])
            continue
        case, variant, n = run["run_name"].split("/")
        ns = run["cpu_time"] * UNIT_NS[run["time_unit"]]
        samples.setdefault((case, variant, int(n)), []).append(ns)
    return samples, data.get("context", {}), errors


def load_isolated(directory):
    """load_bench over every process's JSON in a directory of report.sh's isolated runs: each
    process ran one benchmark once, so each file adds one sample to its benchmark."""
    samples = {}
    errors = []
    for path in sorted(Path(directory).glob("*.json")):
        file_samples, _, file_errors = load_bench(path)
        for key, values in file_samples.items():
            samples.setdefault(key, []).extend(values)
        errors += file_errors
    return samples, errors


def medians(samples):
    return {k: statistics.median(v) for k, v in samples.items()}


def load_json(path):
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except (OSError, ValueError):
        return None


def callgrind_ir(path):
    """The Ir total of a callgrind output file ("summary:" line, else "totals:")."""
    total = None
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("summary:"):
                return int(line.split()[1])
            if line.startswith("totals:"):
                total = int(line.split()[1])
    if total is None:
        raise ValueError(f"{path}: no summary or totals line")
    return total


def instruction_counts(raw, k1, k2):
    """{mode: {operation: instructions per operation}}."""
    ops = (raw / "operations.txt").read_text(encoding="utf-8").split()
    counts = {}
    for mode in MODES:
        counts[mode] = {}
        for op in ops:
            stem = raw / "callgrind" / mode / op.replace("/", "_")
            ir1 = callgrind_ir(f"{stem}.{k1}.out")
            ir2 = callgrind_ir(f"{stem}.{k2}.out")
            counts[mode][op] = (ir2 - ir1) / (k2 - k1)
    return ops, counts


# --- vectorisation check ------------------------------------------------------------------

HEADER = re.compile(r"^[0-9a-f]+ <(.*)>:$")
INSN = re.compile(r"^\s*([0-9a-f]+):\s+(\S+)\s*(.*)$")
# Stores of a whole vector register to memory (16, 32 or 64 bytes).
SIMD_STORE = re.compile(
    r"^v?(movdq[au]|movdqu(8|16|32|64)|movdqa(32|64)|movup[sd]|movap[sd]|movntdq|movntp[sd])$")
BRANCH = re.compile(r"^j[a-z]+$")


def functions(disassembly):
    current, body = None, []
    for line in disassembly.splitlines():
        header = HEADER.match(line)
        if header:
            if current is not None:
                yield current, body
            current, body = header.group(1), []
        elif current is not None:
            insn = INSN.match(line)
            if insn:
                body.append((int(insn.group(1), 16), insn.group(2), insn.group(3)))
    if current is not None:
        yield current, body


def simd_stores_in_loops(body):
    """Vector stores through a computed address that lie inside a loop (a backward branch)."""
    loops = []
    for address, mnemonic, operands in body:
        if BRANCH.match(mnemonic):
            target = re.match(r"([0-9a-f]+)\s", operands + " ")
            if target and int(target.group(1), 16) <= address:
                loops.append((int(target.group(1), 16), address))
    found = []
    for address, mnemonic, operands in body:
        if not SIMD_STORE.match(mnemonic):
            continue
        source, _, destination = operands.partition(",")
        if not re.match(r"%[xyz]mm\d+$", source) or "(" not in destination:
            continue
        if "%rsp" in destination or "%rip" in destination:
            continue  # stack locals and constants, not the fill
        if any(start <= address <= end for start, end in loops):
            found.append(f"{mnemonic} {source},{destination}")
    return found


def vectorisation(dis_path):
    """[(site, vector stores found)] for the arena's fill sites in arena_arc_bench."""
    text = Path(dis_path).read_text(encoding="utf-8", errors="replace")
    # The benchmark loop, or a lambda inside it if the compiler kept that out of line. The
    # library's names carry its configuration's inline namespace (arena_arc::abi_...::).
    fast = re.compile(r"^arena_arc_bench::(AllocDrop|Batch)<arena_arc_bench::ArenaSlices<"
                      r"arena_arc::(?:abi_\w+::)?(atomic|local)_refcount> >"
                      r"::run\(benchmark::State&\)")
    slow = re.compile(r"arena_arc::(?:abi_\w+::)?Allocator<.*>::place_slow<.*ArenaSlices<")
    sites = {}
    for name, body in functions(text):
        if "[clone .cold]" in name:
            continue
        m = fast.match(name)
        if m:
            label = f"fast path, {m.group(1)} / {m.group(2)}_refcount"
        elif slow.search(name):
            policy = "atomic" if "atomic_refcount" in name else "local"
            label = f"slow path (place_slow), {policy}_refcount"
        elif name.startswith("arena_arc_bench::fill_iota("):
            label = "baselines' fill_iota (reference)"
        else:
            continue
        sites.setdefault(label, []).extend(simd_stores_in_loops(body))
    return sorted(sites.items())


# --- numbers ------------------------------------------------------------------------------

def ratio(times, case, arena, baseline, n):
    a = times.get((case, arena, n))
    b = times.get((case, baseline, n))
    if a is None or b is None or b <= 0:
        return None
    return a / b


def worst(times, case, baseline, lengths, arenas=ARENAS):
    """(max ratio, where) over the arenas and lengths, or (None, reason)."""
    best = None
    for arena in arenas:
        for n in lengths:
            r = ratio(times, case, arena, baseline, n)
            if r is None:
                return None, f"missing {case}/{arena}/{n}"
            if best is None or r > best[0]:
                best = (r, f"{arena.removeprefix('arena_')}, n={n}")
    return best


def fmt_ratio(value):
    return "n/a" if value is None else f"{value:.2f}"


def fmt_time(ns):
    if ns < 1e3:
        return f"{ns:.1f} ns"
    if ns < 1e6:
        return f"{ns / 1e3:.1f} us"
    return f"{ns / 1e6:.2f} ms"


def fmt_bytes(value):
    return "n/a" if value is None else f"{value:,}"


def per_slice(value, slices):
    return "n/a" if value is None else f"{value / slices:.1f}"


# --- targets ------------------------------------------------------------------------------

def targets(times, upstream, footprint, vector_ok):
    """[(target, {mode: (measured text, limit text, verdict)}), per-policy rows]."""
    rows = []
    per_policy = []

    def ratio_target(label, case, baseline, lengths, limits, arenas=ARENAS):
        cells = {}
        for mode in MODES:
            limit = limits[mode]
            value, where = worst(times[mode], case, baseline, lengths, arenas)
            if value is None:
                cells[mode] = (where, limit_text(limit), "n/a")
                continue
            cells[mode] = (f"{value:.2f} ({where})", limit_text(limit), verdict(value, limit))
            for arena in arenas:
                v, w = worst(times[mode], case, baseline, lengths, (arena,))
                per_policy.append((label, mode, arena, v, w, limit))
        rows.append((label, cells))

    def limit_text(limit):
        return "–" if limit is None else f"≤ {limit:g}"

    def verdict(value, limit):
        if limit is None:
            return "–"
        return "PASS" if value <= limit + 1e-12 else "FAIL"

    small, large = (1, 8, 32), (256, 1024, 4096)
    ratio_target("alloc+drop vs make_shared_for_overwrite, len ≤ 32", "alloc_drop", MSFO, small,
                 {"glibc": 0.5, "mimalloc": 0.6})
    ratio_target("alloc+drop vs make_shared_for_overwrite, every len up to 4096", "alloc_drop",
                 MSFO, LENGTHS, {"glibc": 1.0, "mimalloc": 1.0})
    ratio_target("batch of 1024 vs make_shared_for_overwrite, len ≤ 32", "batch1024", MSFO, small,
                 {"glibc": 0.33, "mimalloc": 0.5})
    ratio_target("batch of 1024 vs make_shared_for_overwrite, len ≥ 256", "batch1024", MSFO, large,
                 {"glibc": 0.33, "mimalloc": 1.0})
    ratio_target("batch of 1024 vs the write floor, len ≥ 256", "batch1024", "write_floor", large,
                 {"glibc": 1.15, "mimalloc": 1.15})

    cells = {}
    for mode in MODES:
        data = upstream.get(mode)
        if not data:
            cells[mode] = ("missing", "0", "n/a")
            continue
        calls = max((r["steady_allocations"] + r["steady_deallocations"]) / data["rounds"]
                    for r in data["rows"])
        cells[mode] = (f"{calls:g} (max over n, both policies)", "0",
                       "PASS" if calls == 0 else "FAIL")
    rows.append(("upstream allocations per batch, steady state", cells))

    ratio_target("handle copy+drop vs std::shared_ptr copy+drop", "copy_drop", "shared_ptr",
                 LENGTHS, {"glibc": 1.0, "mimalloc": 1.0})
    ratio_target("local_refcount alloc+drop, len 1, vs monotonic_buffer_resource::allocate",
                 "alloc_drop", "pmr_monotonic", (1,), {"glibc": 2.0, "mimalloc": None},
                 ("arena_local",))

    cells = {}
    for mode in MODES:
        arena, shared = footprint.get((mode, "arena")), footprint.get((mode, "make_shared"))
        if not arena or not shared or not arena.get("rss_bytes") or not shared.get("rss_bytes"):
            cells[mode] = ("missing", "≤ 0.75", "n/a")
            continue
        value = arena["rss_bytes"] / shared["rss_bytes"]
        cells[mode] = (f"{value:.2f} (RSS)", "≤ 0.75", verdict(value, 0.75))
    rows.append(("bytes from the system, 1,000,000 live slices of 8, vs make_shared", cells))

    text = "yes" if vector_ok else "no"
    cells = {mode: (f"{text} (same binary)", "yes", "PASS" if vector_ok else "FAIL")
             for mode in MODES}
    rows.append(("fill loop compiles to vector stores (arena alloc fast path)", cells))
    return rows, per_policy


# --- against the Rust crate, per compiler (report.sh step g) ------------------------------

COMPILERS = (("gcc-o2", "g++ -O2"), ("gcc-o3", "g++ -O3"), ("clang-o2", "clang++ -O2"))
RUST = "rust_crate"
STATES = (("threaded", "a thread started first (the benchmark's default)"),
          ("single", "`--single_threaded_process`"))


def load_against_rust(raw):
    """The raw files of report.sh's step g, or None if it did not run: {"meta", "times",
    "samples", "errors"}; samples and times are keyed (source, state, case, variant, n), source
    a COMPILERS name or "rust", state "threaded"/"single" (C++) or "default"/"notrim" (Rust)."""
    directory = Path(raw) / "against-rust"
    meta = load_json(directory / "meta.json")
    if meta is None:
        return None
    samples, errors = {}, []
    for name, _ in COMPILERS:
        for path in sorted((directory / name).glob("*.json")):
            state = "single" if path.name.split(".")[1] == "single" else "threaded"
            file_samples, _, file_errors = load_bench(path)
            errors += [f"{name}: {e}" for e in file_errors]
            for (case, variant, n), values in file_samples.items():
                samples.setdefault((name, state, case, variant, n), []).extend(values)
    for path in sorted((directory / "rust").glob("*.jsonl")):
        state = "notrim" if path.name.split(".")[1] == "notrim" else "default"
        for line in path.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            if "name" in record:
                key = ("rust", state, record["case"], record["variant"], int(record["n"]))
                samples.setdefault(key, []).extend(record["cpu_ns"])
    meta["builds"] = dict(item.split("=", 1) for item in meta["builds"].split(","))
    return {"meta": meta, "samples": samples, "times": medians(samples), "errors": errors}


def rust_reference(times, case, n):
    """The Rust time the arena is compared with: the faster of its default run and, where it
    ran (batch1024, n >= 256), its run with glibc's trimming off: the crate's best case."""
    found = [times[key] for key in (("rust", st, case, RUST, n) for st in ("default", "notrim"))
             if key in times]
    return min(found) if found else None


def against_view(against, compiler_name, state):
    """{(case, variant, n): median} of one build in one process state, plus the Rust reference
    (rust_reference) as variant RUST, so that ratio() and worst() apply."""
    times = against["times"]
    view = {(c, v, n): t for (src, st, c, v, n), t in times.items()
            if src == compiler_name and st == state}
    for case in ("alloc_drop", "batch1024", "copy_drop"):
        for n in LENGTHS:
            reference = rust_reference(times, case, n)
            if reference is not None:
                view[(case, RUST, n)] = reference
    return view


def against_rust_targets(against):
    """[(label, limit, {compiler: (measured text, verdict)})] of the targets against Rust."""
    rows = []

    def verdict(value, limit):
        return "n/a" if value is None else ("PASS" if value <= limit + 1e-12 else "FAIL")

    def add(label, limit, measure):
        cells = {}
        for name, _ in COMPILERS:
            value, where = measure(name)
            cells[name] = ((where if value is None else f"{value:.2f} ({where})"),
                           verdict(value, limit))
        rows.append((label, limit, cells))

    def worst_of(parts):
        """The largest (value, where) of several worst() results; a missing one wins."""
        best = None
        for value, where in parts:
            if value is None:
                return None, where
            if best is None or value > best[0]:
                best = (value, where)
        return best

    small = (1, 8, 32)
    for case, title in (("alloc_drop", "alloc+drop"), ("batch1024", "batch of 1024")):
        add(f"{title} vs the Rust crate, every len up to 4096", 1.0,
            lambda name, case=case: worst(against_view(against, name, "threaded"), case, RUST,
                                          LENGTHS))
        add(f"{title} vs the Rust crate, len ≤ 32", 0.8,
            lambda name, case=case: worst(against_view(against, name, "threaded"), case, RUST,
                                          small))
    def copy_vs_rust(name):
        parts = []
        for state, _ in STATES:
            value, where = worst(against_view(against, name, state), "copy_drop", RUST, LENGTHS,
                                 ("arena_atomic",))
            parts.append((value, where if value is None else f"{where}, {state}"))
        return worst_of(parts)

    add("copy+drop (arena_atomic) vs the Rust crate, both process states", 1.0, copy_vs_rust)
    for state, label in (("threaded", "a thread started first"),
                         ("single", "single-threaded process")):
        add(f"copy+drop (arena_atomic) vs std::shared_ptr, {label}", 1.0,
            lambda name, state=state: worst(against_view(against, name, state), "copy_drop",
                                            "shared_ptr", LENGTHS, ("arena_atomic",)))
    return rows


def against_rust_targets_lines(against):
    """The Targets section's table against the Rust crate, and its (PASS, FAIL) counts."""
    if against is None:
        return [], 0, 0
    rows = against_rust_targets(against)
    header = "| target | limit | " + " | ".join(f"{title}: measured | verdict"
                                                 for _, title in COMPILERS) + " |"
    lines = ["Against the Rust crate (a re-implementation of its documented design, see "
             "[below](#against-the-rust-crate-per-compiler)), per compiler, glibc malloc; "
             "measured is the worst case over the lengths the target covers and, for alloc+drop "
             "and batch, over both refcount policies:", "", header,
             "|---|---|" + "---|---|" * len(COMPILERS)]
    passed = failed = 0
    for label, limit, cells in rows:
        row = [label, f"≤ {limit:g}"]
        for name, _ in COMPILERS:
            row += list(cells[name])
            passed += cells[name][1] == "PASS"
            failed += cells[name][1] == "FAIL"
        lines.append("| " + " | ".join(row) + " |")
    lines += ["", f"Against the Rust crate: {passed} PASS, {failed} FAIL.", ""]
    return lines, passed, failed


def against_rust_section(against):
    """The section "Against the Rust crate, per compiler"."""
    if against is None:
        return []
    meta, times, samples = against["meta"], against["times"], against["samples"]
    lines = [
        "## Against the Rust crate, per compiler", "",
        "**The Rust column is not the crate itself**, which cannot be fetched here (see "
        "[README.md](README.md#against-the-rust-crate-per-compiler)), but "
        "`bench/rust/crate_baseline.rs`: a std-only re-implementation of the crate's documented "
        "design (`Allocator<u64, u32, 65536>`: `Arc`-shared chunks of 65,536 elements, handles "
        "= an `Arc` clone plus u32 offset and length, a new chunk when a slice does not fit, no "
        "recycling, elements dropped with their chunk), built with "
        f"{meta['rustc']} `{meta['rust_flags']}`. Same three cases, lengths, fill and "
        "read-one-element as the C++ benchmark; CPU time, as Google Benchmark's. The arena has "
        "the same chunks of 65,536 elements here (`--arena_chunk_capacity=65536`; 4096 "
        "everywhere else in this report).", "",
        f"Rounds: {meta['rounds']}, of fresh processes, each round in its own shuffled order; per "
        "build one process for alloc_drop and copy_drop, one for copy_drop in a "
        "single-threaded process, and one per batch1024 benchmark; for Rust one for alloc_drop "
        "and copy_drop and one per batch1024 length (and, at n ≥ 256, one more with glibc's "
        "trimming off). Each process gives one sample per "
        f"benchmark after an iteration search to at least {meta['min_time']} s; the tables "
        "show medians over the rounds. glibc's malloc without GLIBC_TUNABLES (glibc raises its "
        "mmap and trim thresholds after the first free of a Rust chunk, 512 KiB: pinned at "
        "128 KiB, each chunk would be an mmap of its own).", "",
        "Builds (the same CMake flags but the compiler and optimisation level):", ""]
    for name, title in COMPILERS:
        build = meta["builds"].get(name)
        try:
            described = compiler(build)
        except OSError:
            described = "missing"
        lines.append(f"- {title}: `{build}`, {described}")
    lines.append("")
    if against["errors"]:
        lines += ["**Benchmarks that reported an error:** " + ", ".join(against["errors"]), ""]

    def cell(key, reference):
        t = times.get(key)
        if t is None:
            return "n/a"
        return f"{fmt_time(t)} ({fmt_ratio(t / reference if reference else None)})"

    def rust(case, n, state="default"):
        return ("rust", state, case, RUST, n)

    for case, title in (("alloc_drop", "alloc+drop, time per slice"),
                        ("batch1024", "batch of 1024, time per batch")):
        extra = " | Rust, trimming off" if case == "batch1024" else ""
        lines += [f"### {case}: {title}", "",
                  "Median time, and in brackets the ratio to the Rust crate (below 1.00: the "
                  "arena is faster)" + (", to the faster of its two columns" if extra else "")
                  + ".", "",
                  "| n | Rust" + extra + " | " + " | ".join(
                      f"{title} {arena.removeprefix('arena_')}" for _, title in COMPILERS
                      for arena in ARENAS) + " |",
                  "|---:|---:|" + ("---:|" if extra else "")
                  + "---:|" * (len(COMPILERS) * len(ARENAS))]
        for n in LENGTHS:
            row = [str(n), fmt_time(times[rust(case, n)]) if rust(case, n) in times else "n/a"]
            if extra:
                key = rust(case, n, "notrim")
                row.append(fmt_time(times[key]) if key in times else "–")
            row += [cell((name, "threaded", case, arena, n), rust_reference(times, case, n))
                    for name, _ in COMPILERS for arena in ARENAS]
            lines.append("| " + " | ".join(row) + " |")
        lines.append("")
        if extra:
            lines += ["The crate recycles no chunk: after a batch of 1024 slices of n ≥ 256 "
                      "(4, 16 or 64 chunks of 512 KiB) glibc trims the freed chunks at the top of "
                      "its heap and the next batch faults them in again. \"Rust, trimming off\" "
                      f"runs the same with `GLIBC_TUNABLES={meta['rust_no_trim']}`, at "
                      "n ≥ 256. The ratios and the targets take the faster of the two Rust "
                      "columns: the crate's best case, not glibc's trimming. (The trimming "
                      "also depends on the heap's history: with every Rust benchmark in one "
                      "process, the default run can be as fast as the no-trim one.)", ""]

    for state, description in STATES:
        lines += [f"### copy_drop: copy and drop a handle, {description}", "",
                  "arena_atomic's median time and in brackets its ratio to the Rust crate "
                  "(whose `Arc` is atomic in either state); then std::shared_ptr's time, and "
                  "arena_atomic / shared_ptr.", "",
                  "| n | Rust | " + " | ".join(
                      f"{title} arena_atomic | {title} shared_ptr | {title} atomic / shared_ptr"
                      for _, title in COMPILERS) + " |",
                  "|---:|---:|" + "---:|---:|---:|" * len(COMPILERS)]
        for n in LENGTHS:
            key = rust("copy_drop", n)
            row = [str(n), fmt_time(times[key]) if key in times else "n/a"]
            for name, _ in COMPILERS:
                atomic = (name, state, "copy_drop", "arena_atomic", n)
                shared = times.get((name, state, "copy_drop", "shared_ptr", n))
                row += [cell(atomic, times.get(key)),
                        "n/a" if shared is None else fmt_time(shared),
                        fmt_ratio(times[atomic] / shared if atomic in times and shared
                                  else None)]
            lines.append("| " + " | ".join(row) + " |")
        lines.append("")
    counts = sorted({len(v) for v in samples.values()})
    lines += [f"Samples per benchmark: {', '.join(map(str, counts))}.", ""]
    return lines


# --- the SVG chart ------------------------------------------------------------------------

def svg_chart(times, path):
    width, height = 1000, 470
    panel_w, top, bottom, left, gap = 420, 60, 360, 60, 80
    colors = {"glibc": "#1f77b4", "mimalloc": "#e6550d"}
    dashes = {"arena_atomic": "", "arena_local": "6,4"}
    panels = [("alloc_drop", "alloc+drop"), ("batch1024", "batch of 1024")]
    limits = {  # the targets vs make_shared_for_overwrite: (len <= 32, len >= 256)
        ("alloc_drop", "glibc"): (0.5, 1.0), ("alloc_drop", "mimalloc"): (0.6, 1.0),
        ("batch1024", "glibc"): (0.33, 0.33), ("batch1024", "mimalloc"): (0.5, 1.0),
    }
    values = [r for case, _ in panels for mode in MODES for arena in ARENAS for n in LENGTHS
              if (r := ratio(times[mode], case, arena, MSFO, n)) is not None]
    values += [v for pair in limits.values() for v in pair]
    lo = 2 ** math.floor(math.log2(min(values) / 1.1))
    hi = 2 ** math.ceil(math.log2(max(values) * 1.1))

    def y(value):
        return bottom - (math.log(value) - math.log(lo)) / (math.log(hi) - math.log(lo)) * (
            bottom - top)

    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
           f'viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="12">',
           f'<rect width="{width}" height="{height}" fill="white"/>',
           '<text x="500" y="22" text-anchor="middle" font-size="15">arena time / '
           'make_shared_for_overwrite time (median, log scale; below 1 the arena is faster)</text>']
    ticks = [t for t in (0.01, 0.02, 0.05, 0.1, 0.2, 0.33, 0.5, 1, 2, 4, 8, 16) if lo <= t <= hi]
    for index, (case, title) in enumerate(panels):
        x0 = left + index * (panel_w + gap)
        step = panel_w / len(LENGTHS)

        def x(i):
            return x0 + step * (i + 0.5)

        out.append(f'<text x="{x0 + panel_w / 2}" y="{top - 12}" text-anchor="middle" '
                   f'font-size="13">{title}</text>')
        out.append(f'<rect x="{x0}" y="{top}" width="{panel_w}" height="{bottom - top}" '
                   'fill="none" stroke="#888"/>')
        for t in ticks:
            out.append(f'<line x1="{x0}" x2="{x0 + panel_w}" y1="{y(t):.1f}" y2="{y(t):.1f}" '
                       f'stroke="{"#999" if t == 1 else "#e5e5e5"}"/>')
            out.append(f'<text x="{x0 - 6}" y="{y(t) + 4:.1f}" text-anchor="end">{t:g}</text>')
        for i, n in enumerate(LENGTHS):
            out.append(f'<text x="{x(i):.1f}" y="{bottom + 18}" text-anchor="middle">{n}</text>')
        out.append(f'<text x="{x0 + panel_w / 2}" y="{bottom + 36}" text-anchor="middle">'
                   'slice length n (uint64_t)</text>')
        for mode in MODES:  # the targets, as dotted steps
            small, large = limits[(case, mode)]
            for value, first, last in ((small, 0, 2), (large, 3, 5)):
                out.append(f'<line x1="{x(first) - step / 2:.1f}" x2="{x(last) + step / 2:.1f}" '
                           f'y1="{y(value):.1f}" y2="{y(value):.1f}" stroke="{colors[mode]}" '
                           'stroke-width="1.5" stroke-dasharray="1,3" opacity="0.8"/>')
        for mode in MODES:
            for arena in ARENAS:
                points = [(x(i), y(r)) for i, n in enumerate(LENGTHS)
                          if (r := ratio(times[mode], case, arena, MSFO, n)) is not None]
                if not points:
                    continue
                path_d = " ".join(f"{px:.1f},{py:.1f}" for px, py in points)
                dash = f' stroke-dasharray="{dashes[arena]}"' if dashes[arena] else ""
                out.append(f'<polyline points="{path_d}" fill="none" stroke="{colors[mode]}" '
                           f'stroke-width="2"{dash}/>')
                for px, py in points:
                    out.append(f'<circle cx="{px:.1f}" cy="{py:.1f}" r="3" '
                               f'fill="{colors[mode]}"/>')
    entries = [(f"{mode}, {arena.removeprefix('arena_')}_refcount", colors[mode], dashes[arena])
               for mode in MODES for arena in ARENAS]
    entries.append(("target (colour: malloc)", "#555", "1,3"))
    for i, (label, color, dash) in enumerate(entries):
        lx = left + (i % 3) * 300
        legend_y = height - 52 + (i // 3) * 22
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        out.append(f'<line x1="{lx}" x2="{lx + 28}" y1="{legend_y}" y2="{legend_y}" '
                   f'stroke="{color}" stroke-width="2"{dash_attr}/>')
        out.append(f'<text x="{lx + 34}" y="{legend_y + 4}">{label}</text>')
    out.append("</svg>")
    Path(path).write_text("\n".join(out) + "\n", encoding="utf-8")


# --- the Markdown report ------------------------------------------------------------------

def cpu_model():
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def compiler(build):
    cache = Path(build) / "CMakeCache.txt"
    values = {}
    for line in cache.read_text(encoding="utf-8").splitlines():
        m = re.match(r"^(CMAKE_CXX_COMPILER|CMAKE_CXX_FLAGS_RELEASE|CMAKE_BUILD_TYPE"
                     r"|ARENA_ARC_HARDENING):[A-Z]+=(.*)$", line)
        if m:
            values[m.group(1)] = m.group(2)
    cxx = values.get("CMAKE_CXX_COMPILER", "c++")
    try:
        version = subprocess.run([cxx, "--version"], capture_output=True, text=True,
                                 check=False).stdout.splitlines()[0]
    except (OSError, IndexError):
        version = cxx
    hardening = values.get("ARENA_ARC_HARDENING") or "default (FAST)"
    return (f"{version}; CMAKE_BUILD_TYPE={values.get('CMAKE_BUILD_TYPE', '?')} "
            f"({values.get('CMAKE_CXX_FLAGS_RELEASE', '?')}); hardening {hardening}")


def timing_tables(lines, mode, samples, times, cases=tuple(CASES), lengths=LENGTHS,
                  isolated=()):
    for case in cases:
        description, baselines = CASES[case]
        where = ", one process per benchmark and repetition" if case in isolated else ""
        lines += [f"#### {case} ({mode}{where})", "", description, "",
                  "| n | arena | time | cv | " + " | ".join(f"/ {b}" for b in baselines) + " |",
                  "|---:|---|---:|---:|" + "---:|" * len(baselines)]
        for n in lengths:
            for arena in ARENAS:
                reps = samples.get((case, arena, n))
                if not reps:
                    continue
                cv = statistics.pstdev(reps) / statistics.mean(reps) * 100 if len(reps) > 1 else 0
                cells = [fmt_ratio(ratio(times, case, arena, b, n)) for b in baselines]
                lines.append(f"| {n} | {arena} | {fmt_time(times[(case, arena, n)])} | "
                             f"{cv:.0f}% | " + " | ".join(cells) + " |")
        lines.append("")


# --- the lexing workload (bench/workload.sh) ----------------------------------------------

WORKLOAD_FORMS = {
    "keep_last_8_single_threaded": "one thread lexes file after file and keeps the tokens of "
                                   "the last 8 files, in a process that never started a thread "
                                   "(shared_ptr's and the arena's counts are then plain)",
    "keep_last_8": "the same in a process that started and joined a thread first (atomic "
                   "counts, as in a program that has threads)",
    "producer_consumer": "a producer thread lexes and hands batches of 4096 tokens through a "
                         "bounded queue (8 batches) to a consumer thread, which reads and drops "
                         "them",
}
WORKLOAD_VARIANTS = ("arena", "shared_ptr", "string", "floor", "copy_floor")
WORKLOAD_TARGETS = {"shared_ptr": 0.5, "string": 0.6, "floor": 1.2}
# Ratios shown without a target: how far the arena is from the least a copying variant does.
WORKLOAD_INFO = ("copy_floor",)


def workload_section(directory):
    """(Markdown lines, PASS count, FAIL count) for the lexing workload's raw outputs in
    `directory` (bench/workload.sh --out): one JSON line per process."""
    runs = {}
    for path in sorted(Path(directory).glob("*.json")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                run = json.loads(line)
                runs.setdefault((run["form"], run["malloc"], run["variant"]), []).append(run)
    lines = ["## The lexing workload", ""]
    if not runs:
        return lines + ["**bench/workload.sh produced no output.**", ""], 0, 1
    every = [run for group in runs.values() for run in group]
    outcomes = {(r["tokens"], r["token_bytes"], r["checksum"]) for r in every}
    agree = len(outcomes) == 1 and all(r["reference_ok"] for r in every)
    first = every[0]
    tree = (Path(directory) / "directory.txt")
    tree = tree.read_text(encoding="utf-8").strip() if tree.exists() else "?"
    processes = min(len(group) for group in runs.values())
    lines += [
        f"`arena_arc_lex_workload` over `{tree}`: {first['files']} files, "
        f"{first['source_bytes']:,} bytes, read into memory before anything is timed; "
        f"{first['tokens']:,} tokens ({first['token_bytes']:,} bytes). A pass lexes every file, "
        "makes a handle per token (its bytes copied, except the floor's), keeps or hands over, "
        "reads (checksums every byte) and drops the handles. Variants: `arena` = "
        f"`ArcSlice<char>` by `alloc_copy` from an `Allocator<char, uint32_t, "
        f"{first['chunk_chars']}>` (atomic_refcount); `shared_ptr` = "
        "`make_shared_for_overwrite<char[]>` + memcpy + length; `string` = `std::string`; "
        "`floor` = `std::string_view` into the source; `copy_floor` = `std::string_view` into "
        "one ring of bytes sized to the most token bytes ever alive at once, each token's bytes "
        "appended with the library's small-copy routine: the least a variant that copies the "
        "bytes must do (no allocation, no count, no drop), so floor → copy_floor is the cost of "
        "copying and copy_floor → arena the arena's own. Forms:", ""]
    lines += [f"- `{form}`: {text}" for form, text in WORKLOAD_FORMS.items()]
    lines += [
        "",
        f"Each cell: {processes} fresh processes per form, malloc and variant, interleaved "
        "(every round runs all combinations in a new random order); each process runs "
        f"{first['warmup']} untimed and {len(first['wall_ms'])} timed passes; the median of a "
        "process's passes, then the median over the processes. glibc is a fresh process's "
        "default (no tunables); mimalloc is preloaded. Ratio = median arena / median variant.",
        "",
        "Token count, bytes and checksum: " + (
            f"**identical in every process of every variant** ({first['tokens']:,} tokens, "
            f"checksum {first['checksum']}) and equal to each process's reference pass."
            if agree else f"**MISMATCH** ({len(outcomes)} different outcomes, or a process "
            "differed from its reference pass): the verdicts below are void."), ""]

    chunk_notes = []
    for form in WORKLOAD_FORMS:
        for malloc in MODES:
            stats = [r.get("allocator_stats") for r in runs.get((form, malloc, "arena"), [])]
            stats = [st for st in stats if st]
            if stats:
                passes = first["warmup"] + len(first["wall_ms"])
                chunk_notes.append(
                    f"{form}, {malloc}: {max(st['chunks_allocated'] for st in stats)} chunks "
                    f"allocated (most in one process), "
                    f"{statistics.median(st['chunks_reused'] for st in stats) / passes:.0f} "
                    "reused per pass")
    if chunk_notes:
        lines += ["The arena's chunks over all of a process's passes (`Allocator::stats()`; "
                  "a 16 KiB chunk serves about 3,800 tokens): " + "; ".join(chunk_notes) + ".",
                  ""]

    def median_of(form, malloc, variant, key):
        group = runs.get((form, malloc, variant))
        if not group:
            return None
        return statistics.median(statistics.median(r[key]) for r in group)

    passed = failed = 0
    for key, title in (("wall_ms", "Wall time per pass (the targets)"),
                       ("cpu_ms", "CPU time per pass, all threads (for information)")):
        targets_here = key == "wall_ms"
        lines += [f"### {title}", "",
                  "| form | malloc | " + " | ".join(WORKLOAD_VARIANTS) + " | " +
                  " | ".join(f"arena / {v}" + (f" (≤ {WORKLOAD_TARGETS[v]:g})"
                                               if targets_here else "")
                             for v in WORKLOAD_TARGETS) + " | " +
                  " | ".join(f"arena / {v}" for v in WORKLOAD_INFO) + " |",
                  "|---|---|" + "---:|" * (len(WORKLOAD_VARIANTS) + len(WORKLOAD_TARGETS) +
                                           len(WORKLOAD_INFO))]
        for form in WORKLOAD_FORMS:
            for malloc in MODES:
                times = {v: median_of(form, malloc, v, key) for v in WORKLOAD_VARIANTS}
                cells = ["n/a" if times[v] is None else f"{times[v]:.1f} ms"
                         for v in WORKLOAD_VARIANTS]
                for baseline, limit in WORKLOAD_TARGETS.items():
                    if times["arena"] is None or not times[baseline]:
                        cells.append("n/a")
                        failed += targets_here
                        continue
                    value = times["arena"] / times[baseline]
                    if not targets_here:
                        cells.append(f"{value:.2f}")
                        continue
                    ok = agree and value <= limit + 1e-12
                    passed += ok
                    failed += not ok
                    cells.append(f"{value:.2f} {'PASS' if ok else 'FAIL'}")
                for info in WORKLOAD_INFO:
                    cells.append("n/a" if times["arena"] is None or not times[info]
                                 else f"{times['arena'] / times[info]:.2f}")
                lines.append(f"| {form} | {malloc} | " + " | ".join(cells) + " |")
        lines.append("")
    lines += [f"Workload targets: {passed} PASS, {failed} FAIL.", ""]
    return lines, passed, failed


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--raw", required=True, type=Path, help="report.sh's raw output directory")
    p.add_argument("--build", required=True, help="the build directory (for the compiler)")
    p.add_argument("--results", required=True, help="RESULTS.md to write")
    p.add_argument("--svg", required=True, help="results.svg to write")
    p.add_argument("--command", required=True)
    p.add_argument("--mimalloc", required=True)
    p.add_argument("--repetitions", required=True, type=int)
    p.add_argument("--min-time", required=True)
    p.add_argument("--k1", required=True, type=int)
    p.add_argument("--k2", required=True, type=int)
    p.add_argument("--load-start", required=True)
    p.add_argument("--other-cpus", required=True, type=float)
    p.add_argument("--load-end", required=True)
    p.add_argument("--seconds", required=True, type=int)
    p.add_argument("--library", required=True, help="the commit measured")
    p.add_argument("--glibc-tunables", required=True, help="GLIBC_TUNABLES of the glibc run")
    p.add_argument("--glibc-no-trim", required=True, help="GLIBC_TUNABLES of the no-trim run")
    p.add_argument("--isolation-seed", required=True, help="seed of the isolated runs' order")
    a = p.parse_args()

    # batch1024 comes from the isolated runs (one process per benchmark and repetition); the
    # shared-process numbers of the main runs are kept for the sensitivity table only.
    samples, times, shared, contexts, errors = {}, {}, {}, {}, []
    for mode in MODES:
        main_samples, contexts[mode], errs = load_bench(a.raw / f"bench-{mode}.json")
        errors += [f"{mode}: {e}" for e in errs]
        isolated, errs = load_isolated(a.raw / f"isolated-{mode}")
        errors += [f"{mode}, isolated: {e}" for e in errs]
        shared[mode] = {k: v for k, v in main_samples.items() if k[0] == "batch1024"}
        samples[mode] = {k: v for k, v in main_samples.items() if k[0] != "batch1024"}
        samples[mode].update(isolated)
        times[mode] = medians(samples[mode])
    upstream = {mode: load_json(a.raw / f"upstream-{mode}.json") for mode in MODES}
    footprint = {(mode, v): load_json(a.raw / f"footprint-{mode}-{v}.json")
                 for mode in MODES for v in ("arena", "make_shared")}
    ops, instructions = instruction_counts(a.raw, a.k1, a.k2)
    sites = vectorisation(a.raw / "arena_arc_bench.dis")
    fast_sites = [stores for label, stores in sites if label.startswith("fast path")]
    vector_ok = len(fast_sites) == 4 and all(fast_sites)

    target_rows, per_policy = targets(times, upstream, footprint, vector_ok)
    against = load_against_rust(a.raw)
    rust_lines, rust_passed, rust_failed = against_rust_targets_lines(against)

    ctx = contexts["glibc"]
    lines = [
        "# arena-arc performance report", "",
        f"Generated by `{a.command}` on {datetime.datetime.now().astimezone():%Y-%m-%d %H:%M %Z}"
        f" in {a.seconds // 60} min {a.seconds % 60} s. Every number below comes from that one "
        "run; see [README.md](README.md#the-report) for what each measurement does.", "",
        "## Machine", "",
        f"- CPU: {cpu_model()}, nproc = {os.cpu_count()}"
        f" ({ctx.get('mhz_per_cpu', '?')} MHz reported by Google Benchmark)",
        f"- other processes used {a.other_cpus:.2f} CPUs on average during the timed runs "
        "(all CPUs' busy time in /proc/stat less this run's own)"
        + (" — **the machine was shared and busy: timings are noisy; the instruction counts, "
           "upstream counts, footprint and vectorisation check are not affected**"
           if a.other_cpus > 0.25 else ""),
        f"- load average (1, 5, 15 min) at start: {a.load_start}; at end: {a.load_end} (these "
        "count this run's own processes, and for minutes those of anything before it)",
        f"- kernel: {platform.system()} {platform.release()}",
        f"- compiler: {compiler(a.build)}",
        f"- library: {a.library}",
        f"- mallocs: glibc {platform.libc_ver()[1] or '?'} with `GLIBC_TUNABLES={a.glibc_tunables}`"
        " (glibc's default thresholds, pinned: see below); mimalloc preloaded from "
        f"`{a.mimalloc}`",
        f"- Google Benchmark: {a.repetitions} repetitions x {a.min_time} s minimum each, random "
        "interleaving, CPU time; batch1024 instead runs every benchmark once per repetition in a "
        "fresh process of its own, each repetition in its own shuffled order (seed "
        f"{a.isolation_seed}); Debian's library reports itself as a "
        f"'{ctx.get('library_build_type', '?')}' build (it does not affect the measured loops)",
        "",
    ]
    if errors:
        lines += ["**Benchmarks that reported an error:** " + ", ".join(errors), ""]

    lines += ["## Targets", "",
              "Each ratio is median arena time / median baseline time, measured side by side in "
              "one run; **measured** is the worst case over both refcount policies and the lengths "
              "the target covers (where it occurs in brackets).", "",
              "| target | glibc: measured | target | verdict | mimalloc: measured | target | "
              "verdict |", "|---|---|---|---|---|---|---|"]
    passed = failed = 0
    for label, cells in target_rows:
        row = [label]
        for mode in MODES:
            row += list(cells[mode])
            passed += cells[mode][2] == "PASS"
            failed += cells[mode][2] == "FAIL"
        lines.append("| " + " | ".join(row) + " |")
    lines += ["", f"{passed} PASS, {failed} FAIL. The batch1024 rows come from one fresh "
              "process per benchmark and repetition: there glibc trims its heap after each "
              "batch of make_shared_for_overwrite (thresholds at glibc's defaults), and the "
              "next batch faults the pages in again. See the sensitivity tables for batch1024 "
              "in one shared process and with trimming off.",
              "",
              ] + rust_lines + [
              "Per refcount policy (worst case over the target's lengths):", "",
              "| target | malloc | policy | measured | target | verdict |",
              "|---|---|---|---|---|---|"]
    for label, mode, arena, value, where, limit in per_policy:
        verdict = "–" if limit is None or value is None else (
            "PASS" if value <= limit + 1e-12 else "FAIL")
        limit_text = "–" if limit is None else f"≤ {limit:g}"
        lines.append(f"| {label} | {mode} | {arena} | {fmt_ratio(value)} "
                     f"({where.split(', ')[-1]}) | {limit_text} | {verdict} |")
    lines += ["", "![arena / make_shared_for_overwrite ratios](results.svg)", ""]

    lines += ["## Timings: arena time and arena / baseline ratios", "",
              "Median CPU time per benchmark iteration over the repetitions; cv = the arena "
              "time's coefficient of variation over the repetitions (a noise gauge). Ratio below "
              "1.00: the arena is faster. A thread was started first, so shared_ptr counts are "
              "atomic as in any multi-threaded program.", ""]
    for mode in MODES:
        lines += [f"### {mode}", ""]
        timing_tables(lines, mode, samples[mode], times[mode], isolated=("batch1024",))

    lines += ["### batch1024 in one shared process (sensitivity, not a target)", "",
              "The same batch1024 benchmarks from the main runs, where every benchmark runs in "
              "one process in random order. There they differ from the isolated tables above "
              "because of what earlier benchmarks left in the heap: with glibc, a few small "
              "freed blocks (such as the arena's chunk headers in glibc's tcache) keep the large "
              "ones from merging into the top of the heap, so glibc trims less or not at all "
              "(depending on which benchmarks ran before) and make_shared_for_overwrite pays "
              "fewer page faults.", ""]
    for mode in MODES:
        timing_tables(lines, f"{mode}, one shared process", shared[mode], medians(shared[mode]),
                      cases=("batch1024",))

    notrim_path = a.raw / "isolated-glibc-notrim"
    if notrim_path.is_dir():
        notrim_samples, notrim_errors = load_isolated(notrim_path)
        notrim = medians(notrim_samples)
        lines += ["### glibc with heap trimming off (sensitivity, not a target)", "",
                  "glibc gives memory at the top of its heap back to the kernel once more than "
                  "its trim threshold (128 KiB by default) is free there. A batch of "
                  "`make_shared_for_overwrite` slices freed together does that, and the next batch "
                  "faults the pages in again; that is what the glibc run above measures. glibc "
                  "also raises the threshold by itself the first time a program frees a large "
                  "mmapped block, and then trims far less. The glibc run pins the thresholds at "
                  "their defaults so that the benchmark's own buffers cannot change them halfway; "
                  "this run instead sets "
                  f"`GLIBC_TUNABLES={a.glibc_no_trim}`, the best case for the baselines, again "
                  "with one process per benchmark and repetition.", ""]
        if notrim_errors:
            lines += ["**Benchmarks that reported an error:** " + ", ".join(notrim_errors), ""]
        timing_tables(lines, "glibc, trimming off", notrim_samples, notrim,
                      cases=("batch1024",), lengths=(256, 1024, 4096), isolated=("batch1024",))

    lines += against_rust_section(against)

    lines += ["## Upstream calls per batch, steady state", ""]
    data = upstream.get("glibc")
    if data:
        lines += [f"A batch of {data['batch']} slices of n, then dropped, through a counting "
                  f"`std::pmr::memory_resource` upstream (chunk capacity {data['chunk_capacity']})"
                  f"; {data['warmup']} warm-up rounds, then {data['rounds']} measured rounds. "
                  "Calls per measured batch; `leaked` = bytes still out after the allocator and "
                  "all handles are gone.", "",
                  "| policy | n | warm-up upstream allocations | glibc: allocations / batch | "
                  "glibc: deallocations / batch | mimalloc: calls / batch | chunks reused / batch "
                  "| leaked | contents |", "|---|---:|---:|---:|---:|---:|---:|---:|---|"]
        other = {(r["policy"], r["n"]): r for r in (upstream.get("mimalloc") or {"rows": []})["rows"]}
        for r in data["rows"]:
            m = other.get((r["policy"], r["n"]))
            m_calls = "n/a" if m is None else f"{(m['steady_allocations'] + m['steady_deallocations']) / data['rounds']:g}"
            lines.append(
                f"| {r['policy']} | {r['n']} | {r['warmup_allocations']} | "
                f"{r['steady_allocations'] / data['rounds']:g} | "
                f"{r['steady_deallocations'] / data['rounds']:g} | {m_calls} | "
                f"{r['chunks_reused'] / data['rounds']:g} | {r['bytes_leaked']} | "
                f"{'ok' if r['contents_ok'] else 'WRONG'} |")
    else:
        lines.append("**arena_arc_upstream_count produced no output.**")
    lines.append("")

    lines += ["## Bytes from the system: 1,000,000 live slices of 8 `uint64_t`", "",
              "One fresh process per variant and malloc. Handles are kept in a `std::vector` of "
              "1,000,000 empty handles created (and written) before the first reading, so the "
              "vector (16 MB, both handle types are 16 bytes) is counted in **neither** variant. "
              "RSS = increase of resident pages x page size (/proc/self/statm); glibc heap = "
              "increase of mallinfo2() arena + hblkhd; mimalloc commit = mi_process_info()'s "
              "committed bytes (mimalloc commits whole segments, so it is coarse). Arena: "
              "`Allocator<uint64_t, uint32_t, 4096>` as in the benchmark; baseline: "
              "`std::make_shared_for_overwrite<std::uint64_t[]>(8)`.", "",
              "| malloc | variant | RSS bytes | RSS / slice | glibc heap / slice | "
              "mimalloc commit / slice | contents |", "|---|---|---:|---:|---:|---:|---|"]
    for mode in MODES:
        for variant in ("arena", "make_shared"):
            f = footprint.get((mode, variant))
            if not f:
                lines.append(f"| {mode} | {variant} | missing | | | | |")
                continue
            s = f["slices"]
            lines.append(f"| {mode} | {f['variant']} | {fmt_bytes(f['rss_bytes'])} | "
                         f"{per_slice(f['rss_bytes'], s)} | {per_slice(f['glibc_heap_bytes'], s)} "
                         f"| {per_slice(f['mimalloc_commit_bytes'], s)} | "
                         f"{'ok' if f['contents_ok'] else 'WRONG'} |")
    for mode in MODES:
        arena, shared = footprint.get((mode, "arena")), footprint.get((mode, "make_shared"))
        if arena and shared and arena.get("rss_bytes") and shared.get("rss_bytes"):
            extra = ""
            if arena.get("glibc_heap_bytes") and shared.get("glibc_heap_bytes"):
                extra = (f"; by mallinfo2: "
                         f"{arena['glibc_heap_bytes'] / shared['glibc_heap_bytes']:.3f}")
            lines.append(f"\n{mode}: arena / make_shared by RSS = "
                         f"{arena['rss_bytes'] / shared['rss_bytes']:.3f}{extra}.")
    lines.append("")

    lines += ["## Instructions per operation (callgrind)", "",
              f"`valgrind --tool=callgrind`, Ir of K = {a.k2} minus Ir of K = {a.k1} runs of "
              f"`arena_arc_instr_count OP K`, divided by {a.k2 - a.k1}: set-up and tear-down "
              "cancel; chunk rotations and recycling are included at their amortised rate. "
              "Instruction counts do not depend on machine load. Same operations and code as the "
              "benchmark (strategies.hpp, consume.hpp).", ""]
    alloc_variants = list(ARENAS) + list(ALLOC_BASELINES)
    for mode in MODES:
        counts = instructions[mode]
        lines += [f"### {mode}", "", "alloc+drop, instructions per slice:", "",
                  "| n | " + " | ".join(alloc_variants) + " | atomic / msfo | local / msfo | "
                  "local / pmr |", "|---:|" + "---:|" * (len(alloc_variants) + 3)]
        for n in sorted({int(op.split("/")[2]) for op in ops if op.startswith("alloc_drop/")}):
            c = {v: counts.get(f"alloc_drop/{v}/{n}") for v in alloc_variants}

            def r(x, y):
                return "n/a" if c[x] is None or not c[y] else f"{c[x] / c[y]:.2f}"

            lines.append(f"| {n} | " + " | ".join("n/a" if c[v] is None else f"{c[v]:.1f}"
                                                   for v in alloc_variants)
                         + f" | {r('arena_atomic', MSFO)} | {r('arena_local', MSFO)} | "
                         f"{r('arena_local', 'pmr_monotonic')} |")
        lines += ["", "copy+drop, instructions per copy:", "", "| variant | instructions |",
                  "|---|---:|"]
        for op in ops:
            if op.startswith("copy_drop/"):
                lines.append(f"| {op.split('/')[1]} | {counts[op]:.1f} |")
        lines.append("")

    lines += ["## Vectorisation of the fill loop", "",
              "`objdump -d --no-show-raw-insn -C arena_arc_bench`: 16/32/64-byte vector stores "
              "(movdqu, movups, vmovdqu, ...) through a computed address inside a loop, in each "
              "function where the arena's fill is compiled. The fast path is inlined into the "
              "benchmark loops.", "",
              f"**Verdict: {'yes' if vector_ok else 'no'}** — the arena's alloc fast path "
              f"{'uses' if vector_ok else 'does not use'} vector stores for the fill.", "",
              "| site | vector stores in loops | example |", "|---|---:|---|"]
    for label, stores in sites:
        lines.append(f"| {label} | {len(stores)} | {('`' + stores[0] + '`') if stores else '–'} |")
    lines.append("")
    workload_lines, workload_passed, workload_failed = workload_section(a.raw / "workload")
    lines += workload_lines
    Path(a.results).write_text("\n".join(lines) + "\n", encoding="utf-8")
    svg_chart(times, a.svg)
    print(f"report.py: {passed} PASS, {failed} FAIL; wrote {a.results} and {a.svg}")
    print(f"  lexing workload: {workload_passed} PASS, {workload_failed} FAIL")
    for label, cells in target_rows:
        print("  " + label + ": " + "; ".join(f"{m} {cells[m][0]} {cells[m][2]}" for m in MODES))
    if against is not None:
        print(f"report.py: against the Rust crate: {rust_passed} PASS, {rust_failed} FAIL")
        for label, _, cells in against_rust_targets(against):
            print("  " + label + ": " + "; ".join(f"{title} {cells[name][0]} {cells[name][1]}"
                                                  for name, title in COMPILERS))


if __name__ == "__main__":
    main()
