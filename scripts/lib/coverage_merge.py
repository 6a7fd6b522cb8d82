#!/usr/bin/env python3
"""Merges per-program llvm-cov views of include/arena_arc into one source-level coverage.

scripts/coverage.sh runs, for every instrumented program,
    llvm-cov show PROGRAM -show-instantiations -show-expansions -show-branches=count HEADERS
(llvm-cov given all programs at once drops the inline functions whose versions differ between
the hardening / no-exceptions / formal builds), then calls
    coverage_merge.py ROOT OUT_DIR SHOW.txt...
A line of code is executable if some view gives it a count, and covered if some view gives
it a non-zero count (comment lines and preprocessor lines are not code). The views are llvm-cov's own: the merged one and one per template
instantiation (clang 14's merged view shows the code after an `if constexpr` that returns in
some instantiations as never run, even where other instantiations run it; the instantiation
views do not). A condition is identified by the source line it is spelled on (for one inside a
check macro, the macro's call site) and its position; each side counts as covered if any
instantiation in any program took it. Conditions llvm-cov reports as "Folded - Ignored"
(if constexpr, std::is_constant_evaluated()) are left out, as llvm-cov does.
Lines that run only inside constant evaluation (the bodies of `if (std::is_constant_evaluated())`
blocks) are not counted: no run-time profile can reach them; they are listed in
OUT_DIR/constant_evaluation_only.txt, and formal/constexpr_* executes them in static_assert.
Writes OUT_DIR/report.txt and OUT_DIR/uncovered.txt and prints the report and a TOTALS line.
"""
import os
import re
import sys
from collections import defaultdict

FILE_HEADER = re.compile(r"^(/\S+\.hpp):$")
# A source line of a view: optional "|" prefixes (instantiation / expansion nesting), then
# "<line>|<count>|<text>".
SOURCE_LINE = re.compile(r"^((?:\s*\|)*)\s*(\d+)\|\s*([0-9.]+[kMGTPE]?)?\|")
BRANCH = re.compile(r"^((?:\s*\|)*)\s*Branch \((\d+):(\d+)\): \[True: ([0-9.]+[kMGTPE]?), "
                    r"False: ([0-9.]+[kMGTPE]?)\]")


def nonzero(count: str) -> bool:
    return float(re.sub(r"[kMGTPE]$", "", count)) > 0


def main() -> int:
    root, out_dir, views = sys.argv[1], sys.argv[2], sys.argv[3:]
    prefix = os.path.join(root, "include", "arena_arc") + os.sep

    lines = defaultdict(dict)     # file -> line -> covered?
    branches = defaultdict(dict)  # file -> key -> [site line, true taken?, false taken?]

    for view in views:
        current = None
        site = 0
        with open(view, encoding="utf-8", errors="replace") as handle:
            for raw in handle:
                header = FILE_HEADER.match(raw.rstrip("\n"))
                if header:
                    current = header.group(1) if header.group(1).startswith(prefix) else None
                    continue
                if current is None:
                    continue
                source = SOURCE_LINE.match(raw)
                if source:
                    depth = source.group(1).count("|")
                    # Depth 0: the merged view; 1: an instantiation. Deeper lines belong to
                    # macro expansions and are lines of the file defining the macro.
                    if depth <= 1:
                        site = int(source.group(2))
                        if source.group(3) is not None:
                            covered = nonzero(source.group(3))
                            seen = lines[current]
                            seen[site] = seen.get(site, False) or covered
                    continue
                branch = BRANCH.match(raw)
                if branch:
                    key = (site, int(branch.group(2)), int(branch.group(3)))
                    entry = branches[current].setdefault(key, [site, False, False])
                    entry[1] = entry[1] or nonzero(branch.group(4))
                    entry[2] = entry[2] or nonzero(branch.group(5))

    def is_code(source: str) -> bool:
        # llvm-cov gives comment lines, and the lines of a branch of #if that was not
        # compiled, the count of the region around them: they are not code.
        stripped = source.strip()
        return bool(stripped) and not stripped.startswith(("//", "#", "/*", "*"))

    def constant_evaluation_only(text: list) -> set:
        # Lines that run only inside constant evaluation, which no run-time counter can see
        # (formal/constexpr_* executes them in static_assert instead): the body of every
        # `if (std::is_constant_evaluated() ...) {` block up to its closing brace, and the one-line
        # helpers named *_in_constant_evaluation, which only such blocks call.
        only = set()
        for index, source in enumerate(text):
            if "_in_constant_evaluation()" in source and source.rstrip().endswith("{}"):
                only.add(index + 1)
            if "if (std::is_constant_evaluated()" not in source or not source.rstrip().endswith("{"):
                continue
            depth = 0
            for inner in range(index, len(text)):
                depth += text[inner].count("{") - text[inner].count("}")
                if inner > index:
                    only.add(inner + 1)
                if depth <= 0:
                    break
        return only

    rows = []
    uncovered = []
    constant_only = []
    totals = [0, 0, 0, 0]
    for name in sorted(set(lines) | set(branches)):
        with open(name, encoding="utf-8") as handle:
            text = handle.read().splitlines()
        short = os.path.relpath(name, root)
        compile_time = constant_evaluation_only(text)
        seen = {n: v for n, v in lines.get(name, {}).items()
                if 0 < n <= len(text) and is_code(text[n - 1]) and n not in compile_time}
        constant_only.extend(f"{short}:{n}: constant evaluation only | {text[n - 1].strip()}"
                             for n in sorted(compile_time) if is_code(text[n - 1]))
        conditions = list(branches.get(name, {}).values())
        covered_lines = sum(1 for v in seen.values() if v)
        covered_sides = sum(int(t) + int(f) for _, t, f in conditions)
        rows.append((short, covered_lines, len(seen), covered_sides, 2 * len(conditions)))
        totals = [totals[0] + covered_lines, totals[1] + len(seen),
                  totals[2] + covered_sides, totals[3] + 2 * len(conditions)]
        missing = [(n, "line never executed") for n, v in seen.items() if not v]
        for line, taken_true, taken_false in conditions:
            if not taken_true:
                missing.append((line, "condition never true"))
            if not taken_false:
                missing.append((line, "condition never false"))
        for number, what in sorted(set(missing)):
            source = text[number - 1].strip() if 0 < number <= len(text) else ""
            uncovered.append(f"{short}:{number}: {what} | {source}")

    def pct(a: int, b: int) -> str:
        return f"{100.0 * a / b:6.2f}%" if b else "      -"

    report = [f"{'header':42} {'lines':>18} {'branch sides':>18}"]
    for short, cl, tl, cb, tb in rows:
        report.append(f"{short:42} {pct(cl, tl)} {cl:4}/{tl:<4} {pct(cb, tb)} {cb:4}/{tb:<4}")
    report.append(f"{'TOTAL':42} {pct(totals[0], totals[1])} {totals[0]:4}/{totals[1]:<4} "
                  f"{pct(totals[2], totals[3])} {totals[2]:4}/{totals[3]:<4}")
    with open(os.path.join(out_dir, "report.txt"), "w", encoding="utf-8") as handle:
        handle.write("\n".join(report) + "\n")
    with open(os.path.join(out_dir, "uncovered.txt"), "w", encoding="utf-8") as handle:
        handle.write("\n".join(uncovered) + ("\n" if uncovered else ""))
    with open(os.path.join(out_dir, "constant_evaluation_only.txt"), "w",
              encoding="utf-8") as handle:
        handle.write("\n".join(constant_only) + ("\n" if constant_only else ""))
    print("\n".join(report))
    print(f"TOTALS lines {pct(totals[0], totals[1]).strip()} ({totals[0]} of {totals[1]}), "
          f"branch sides {pct(totals[2], totals[3]).strip()} ({totals[2]} of {totals[3]}); "
          f"{len(constant_only)} lines run only in constant evaluation (not counted)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
