#!/usr/bin/env python3
"""Mutation run over include/arena_arc: does the test suite notice when the library is changed?

One mutation at a time is applied to a copy of the repository in a temporary directory (the
repository itself is never written), the test subset is rebuilt there and run with a time limit,
and the mutant is "killed" when the build fails or a test fails or times out, "survived" when
everything passes. The copy's file is restored after each mutant. The report (a Markdown table of
every mutant, and the counts) goes to --out.

Mutations (on code only: comments, preprocessor lines and string literals are left alone):
  cmp    == <-> !=, < -> <=, <= -> <, > -> >=, >= -> > (binary operators, written with spaces
         around them as clang-format does; template brackets have none)
  bool   && <-> ||
  const  an integer literal N -> N + 1 and N - 1 (N > 0)
  order  std::memory_order_{acquire,release,acq_rel,seq_cst} -> std::memory_order_relaxed

The test subset (one g++ -O1 build without debug information), cheapest first (the Relacy
scenarios first for a memory-order mutant), stopping at the first failure (CHECKS below): the exhaustive arithmetic sweeps (--small), the fuzz replay of the
ops, threads and math corpora, the Relacy scenarios (gate bounds, at most
ARENA_ARC_RELACY_MAX_BOUND preemptions, default 3), the thread tests, the unit tests, the
hardening tests at level DEBUG, and tests/threads/ledger_test under ThreadSanitizer (clang++).
  --only FILE:LINE...   runs only the mutants on those lines (e.g. to re-check survivors)

  python3 formal/mutation/run.py                      every mutant of every header
  python3 formal/mutation/run.py --files detail/counter.hpp detail/recycler.hpp --kinds cmp order
  python3 formal/mutation/run.py --list               print the mutants, run nothing
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
INCLUDE = Path("include/arena_arc")

# The checks, cheapest first: (name, targets to build, command relative to the build directory).
# A mutant is rebuilt stage by stage (only the translation units of the stage's targets that
# include the mutated header), and the first failing stage kills it, so most mutants cost one
# or two small builds. The replays read their corpora from the copy's fuzz/ (ctest passes them).
CHECKS = [
    ("exhaustive", ["formal_exhaustive_arithmetic_runtime"],
     ["formal/formal_exhaustive_arithmetic_runtime", "--small"]),
    ("fuzz-replay", ["arena_arc_fuzz_replay_ops", "arena_arc_fuzz_replay_threads",
                     "arena_arc_fuzz_replay_math"],
     ["ctest", "-L", "fuzz-replay", "--stop-on-failure", "-Q"]),
    ("relacy", ["formal_relacy_handles", "formal_relacy_recycling", "formal_relacy_ledger"],
     ["ctest", "-L", "relacy", "-LE", "negative", "-j", "2", "--stop-on-failure", "-Q"]),
    ("threads", ["arena_arc_threads_test"],
     ["tests/threads/arena_arc_threads_test", "--gtest_brief=1"]),
    ("unit", ["arena_arc_unit_tests"], ["tests/arena_arc_unit_tests", "--gtest_brief=1"]),
    # The checks compiled out at the default level (EXTENSIVE, DEBUG) and the always-on ones at
    # their boundaries (reference-count overflow at max_refcount).
    ("hardening", ["arena_arc_hardening_debug_test"],
     ["tests/hardening/arena_arc_hardening_debug_test", "--gtest_brief=1"]),
    # The owner ledger's release/acquire pair, which Relacy's model cannot see (docs/
    # VERIFICATION.md): tests/threads/ledger_test under ThreadSanitizer (built by hand below).
    ("tsan-ledger", [], ["./tsan_ledger_test"]),
]

TSAN_LEDGER = ["clang++", "-std=c++20", "-O1", "-g", "-fsanitize=thread", "-I{src}/include",
               "-I{src}/tests/threads", "{src}/tests/threads/ledger_test.cpp", "-lgtest",
               "-lgtest_main", "-pthread", "-o", "tsan_ledger_test"]

CMP = [("==", "!="), ("!=", "=="), ("<=", "<"), (">=", ">"), ("<", "<="), (">", ">=")]
BOOL = [("&&", "||"), ("||", "&&")]
ORDER_RE = re.compile(r"std::memory_order_(acquire|release|acq_rel|seq_cst)\b")
INT_RE = re.compile(r"(?<![\w.])(\d+)([uU]?[lL]{0,2}|[lL]{0,2}[uU]?)(?![\w.])")


@dataclass
class Mutant:
    file: Path  # relative to the repository root
    line: int  # 1-based
    col: int  # 0-based start of the replaced text
    old: str
    new: str
    kind: str

    def describe(self) -> str:
        return f"{self.file.relative_to(INCLUDE)}:{self.line}: {self.old} -> {self.new}"


def code_spans(line: str) -> list[tuple[int, int]]:
    """The parts of a line that are code: not a comment, not inside a string literal."""
    stripped = line.lstrip()
    if stripped.startswith("#") or stripped.startswith("//") or stripped.startswith("*"):
        return []
    spans: list[tuple[int, int]] = []
    start = 0
    i = 0
    in_string = None
    while i < len(line):
        ch = line[i]
        if in_string:
            if ch == "\\":
                i += 2
                continue
            if ch == in_string:
                in_string = None
                start = i + 1
        elif ch in "\"'":
            spans.append((start, i))
            in_string = ch
        elif line.startswith("//", i):
            spans.append((start, i))
            return spans
        i += 1
    if not in_string:
        spans.append((start, len(line)))
    return spans


def find_mutants(rel: Path, kinds: set[str]) -> list[Mutant]:
    mutants: list[Mutant] = []
    in_block_comment = False
    for number, line in enumerate((ROOT / rel).read_text().splitlines(), start=1):
        if in_block_comment:
            if "*/" in line:
                in_block_comment = False
            continue
        if line.lstrip().startswith("/*") and "*/" not in line:
            in_block_comment = True
            continue
        for begin, end in code_spans(line):
            text = line[begin:end]
            if "cmp" in kinds:
                for old, new in CMP:
                    for m in re.finditer(re.escape(f" {old} "), text):
                        mutants.append(Mutant(rel, number, begin + m.start() + 1, old, new, "cmp"))
            if "bool" in kinds:
                for old, new in BOOL:
                    for m in re.finditer(re.escape(f" {old} "), text):
                        mutants.append(Mutant(rel, number, begin + m.start() + 1, old, new, "bool"))
            if "order" in kinds:
                for m in ORDER_RE.finditer(text):
                    mutants.append(Mutant(rel, number, begin + m.start(), m.group(0),
                                          "std::memory_order_relaxed", "order"))
            if "const" in kinds:
                for m in INT_RE.finditer(text):
                    digits, suffix = m.group(1), m.group(2)
                    value = int(digits)
                    if digits.startswith("0") and value != 0:
                        continue  # octal: left alone
                    for delta in (1, -1):
                        if value + delta < 0:
                            continue
                        mutants.append(Mutant(rel, number, begin + m.start(), m.group(0),
                                              f"{value + delta}{suffix}", "const"))
    return mutants


def apply(copy: Path, mutant: Mutant, original: str) -> None:
    lines = original.splitlines(keepends=True)
    line = lines[mutant.line - 1]
    assert line[mutant.col:mutant.col + len(mutant.old)] == mutant.old, mutant.describe()
    lines[mutant.line - 1] = line[:mutant.col] + mutant.new + line[mutant.col + len(mutant.old):]
    (copy / mutant.file).write_text("".join(lines))


def run(cmd: list[str], cwd: Path, timeout: float, env: dict[str, str]) -> tuple[int, str]:
    try:
        done = subprocess.run(cmd, cwd=cwd, env=env, timeout=timeout, capture_output=True,
                              text=True, errors="replace", check=False)
        return done.returncode, done.stdout + done.stderr
    except subprocess.TimeoutExpired:
        return -1, "timeout"


def evaluate(build: Path, timeout: float, env: dict[str, str],
             first: str = "") -> tuple[str, str]:
    """('killed'|'survived', by what); the check named `first` runs first."""
    started = time.monotonic()
    checks = sorted(CHECKS, key=lambda check: check[0] != first)
    for name, targets, cmd in checks:
        left = timeout - (time.monotonic() - started)
        if left <= 0:
            return "killed", f"{name} (timeout)"
        if targets:
            command = ["cmake", "--build", ".", "-j", env["MUTATION_JOBS"], "--target", *targets]
        else:
            command = [part.format(src=env["MUTATION_SRC"]) for part in TSAN_LEDGER]
        code, out = run(command, build, left, env)
        if code == -1:
            return "killed", f"{name} build (timeout)"
        if code != 0:
            env["MUTATION_LAST_BUILD_LOG"] = out[-3000:]
            return "killed", f"{name} build"
        left = timeout - (time.monotonic() - started)
        code, _ = run(["setarch", os.uname().machine, "-R", *cmd] if name == "tsan-ledger" else cmd,
                      build, max(left, 1), env)
        if code == -1:
            return "killed", f"{name} (timeout)"
        if code != 0:
            return "killed", name
    return "survived", "-"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", nargs="*", help="headers under include/arena_arc (default: all)")
    parser.add_argument("--kinds", nargs="*", default=["cmp", "bool", "const", "order"],
                        choices=["cmp", "bool", "const", "order"])
    parser.add_argument("--timeout", type=float, default=600, help="seconds per mutant")
    parser.add_argument("--jobs", default="2", help="build jobs")
    parser.add_argument("--out", default="build/mutation/report.md")
    parser.add_argument("--list", action="store_true", help="print the mutants and stop")
    parser.add_argument("--only", nargs="*", help="FILE:LINE under include/arena_arc")
    args = parser.parse_args()

    if args.files:
        files = [INCLUDE / f for f in args.files]
    else:
        files = sorted(p.relative_to(ROOT) for p in (ROOT / INCLUDE).rglob("*.hpp"))
    mutants = [m for f in files for m in find_mutants(f, set(args.kinds))]
    if args.only:
        wanted = set(args.only)
        mutants = [m for m in mutants
                   if f"{m.file.relative_to(INCLUDE)}:{m.line}" in wanted]
    if args.list:
        for m in mutants:
            print(f"{m.kind:5} {m.describe()}")
        print(f"{len(mutants)} mutants")
        return 0

    out = (ROOT / args.out).resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="arena-arc-mutation-"))
    copy = work / "src"
    build = work / "build"
    try:
        tracked = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, check=True,
                                 capture_output=True).stdout.decode().split("\0")
        for rel in filter(None, tracked):
            if (ROOT / rel).is_file():
                (copy / rel).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(ROOT / rel, copy / rel)
        # Preset gcc-mutation (CMakePresets.json, copied with the sources): g++ -O1, tests,
        # fuzz replay and formal/. g++ -O1 reports a maybe-uninitialized false positive in
        # arc_single.hpp's move (a std::optional of handles in tests/threads), hence its
        # -Wno-maybe-uninitialized; -O1 is for run time only.
        subprocess.run(
            ["cmake", "--preset", "gcc-mutation", "-S", str(copy), "-B", str(build)],
            cwd=copy, check=True, stdout=subprocess.DEVNULL)
        env = dict(os.environ)
        env.setdefault("ARENA_ARC_STRESS_ITERS", "2000")
        env.setdefault("ARENA_ARC_RELACY_MAX_BOUND", "3")
        env["MUTATION_JOBS"] = args.jobs
        env["MUTATION_SRC"] = str(copy)
        env["TSAN_OPTIONS"] = f"halt_on_error=1:suppressions={copy}/sanitizers/tsan.supp"
        verdict, by = evaluate(build, args.timeout * 4, env)  # the first build is a full one
        if verdict != "survived":
            print(f"mutation: the unmutated library fails ({by}); nothing to measure",
                  file=sys.stderr)
            print(env.get("MUTATION_LAST_BUILD_LOG", ""), file=sys.stderr)
            return 1

        rows = []
        killed = 0
        for index, m in enumerate(mutants, start=1):
            original = (copy / m.file).read_text()
            apply(copy, m, original)
            started = time.monotonic()
            try:
                # A weakened order is for the interleaving checks to find: they go first.
                verdict, by = evaluate(build, args.timeout, env, "relacy" if m.kind == "order" else "")
            finally:
                (copy / m.file).write_text(original)
            seconds = time.monotonic() - started
            killed += verdict == "killed"
            rows.append((m, verdict, by, seconds))
            print(f"[{index}/{len(mutants)}] {verdict:8} {by:22} {m.describe()} ({seconds:.0f} s)",
                  flush=True)
            write_report(out, rows, len(mutants))
        # Back to the unmutated library: the build directory stays consistent for a rerun.
        evaluate(build, args.timeout * 4, env)
        print(f"mutation: {len(rows)} mutants, {killed} killed, {len(rows) - killed} survived;"
              f" report: {out}")
        return 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


def write_report(out: Path, rows, planned: int) -> None:
    killed = sum(1 for _, verdict, _, _ in rows if verdict == "killed")
    lines = [
        "# Mutation run over include/arena_arc",
        "",
        f"{len(rows)} of {planned} mutants run: {killed} killed, {len(rows) - killed} survived.",
        "",
        "| kind | mutant | result | killed by | seconds |",
        "|---|---|---|---|---|",
    ]
    for m, verdict, by, seconds in rows:
        lines.append(f"| {m.kind} | `{m.describe()}` | {verdict} | {by} | {seconds:.0f} |")
    survivors = [m for m, verdict, _, _ in rows if verdict == "survived"]
    lines += ["", "## Survivors", ""]
    lines += [f"- `{m.describe()}` ({m.kind})" for m in survivors] or ["none"]
    out.write_text("\n".join(lines) + "\n")


if __name__ == "__main__":
    sys.exit(main())
