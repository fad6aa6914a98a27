#!/usr/bin/env python3
"""Speed and memory of `paperlint lint` on generated paper tables.

Generates tables of 1k, 10k and 100k rows like real lists (badges, arXiv and
GitHub links, a fault every few rows), runs the release binary on each, and
prints wall time and peak memory. When `awesome-lint` or `markdownlint-cli2`
are on PATH, runs them on the sample and on the smallest generated file,
each with its default report format, for comparison (every run is capped
at TIMEOUT seconds). Figures only: compare ratios within one run, since the
machines are shared.

    python3 scripts/bench.py [--rows 1000,10000,100000] [--repeat 3]
"""

import argparse
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BINARY = os.path.join(ROOT, "target", "release", "paperlint")
SAMPLE = os.path.join(ROOT, "fixtures", "sample", "language-models.md")

HEADER = (
    "| Model | Title | Paper | Code | Year | Venue |\n"
    "|---|---|---|---|---|---|\n"
)


def row(i, rng):
    """One row; about one in ten carries a fault paperlint reports."""
    yymm = f"{rng.randint(15, 24):02d}{rng.randint(1, 12):02d}"
    arxiv = f"{yymm}.{rng.randint(0, 99999):05d}"
    year = 2000 + int(yymm[:2])
    owner, repo = f"org{i % 997}", f"model-{i}"
    badge_repo = repo
    paper = f"https://arxiv.org/abs/{arxiv}"
    fault = rng.randrange(10)
    if fault == 0:
        badge_repo = f"model-{i + 1}"
    elif fault == 1:
        year -= 2
    elif fault == 2:
        paper = f"https://arxiv.org/abs/{arxiv}.pdf"
    return (
        f"| Model-{i} | A Study of Widget {i} at Scale "
        f"| [![Paper](https://img.shields.io/badge/Paper-ydd7e6?style=for-the-badge)]({paper}) "
        f"| [![Code](https://img.shields.io/badge/Code-add7e6?style=for-the-badge)]"
        f"(https://github.com/{owner}/{repo})"
        f"![Star](https://img.shields.io/github/stars/{owner}/{badge_repo}.svg?style=social&label=Star) "
        f"| {year} | |\n"
    )


def generate(path, rows):
    rng = random.Random(rows)
    with open(path, "w", encoding="utf-8") as out:
        out.write("# Generated list\n\n" + HEADER)
        for i in range(rows):
            out.write(row(i, rng))


TIMEOUT = 120


def measure(command, repeat):
    """Best wall time of `repeat` runs, and the peak RSS of the child;
    infinity when a run takes over TIMEOUT seconds."""
    best = float("inf")
    peak = 0
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        start = time.perf_counter()
        try:
            done = subprocess.run(command, stdout=subprocess.DEVNULL,
                                  stderr=subprocess.DEVNULL, timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            return float("inf"), 0
        best = min(best, time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        peak = max(peak, after if after > before else 0)
        if done.returncode not in (0, 1):
            print(f"  ! {command[0]} exited {done.returncode}", file=sys.stderr)
    return best, peak


def measure_isolated(command, repeat):
    """Runs `measure` in a fresh interpreter, so the peak RSS is this
    command's own and not the largest child seen so far."""
    code = (
        "import sys, json; sys.path.insert(0, %r); import bench; "
        "print(json.dumps(bench.measure(%r, %d)))"
    ) % (os.path.dirname(os.path.abspath(__file__)), command, repeat)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    import json

    return tuple(json.loads(out.stdout))


def report(label, rows, seconds, peak_kib):
    if seconds == float("inf"):
        print(f"  {label:<28} {rows:>8} rows  over {TIMEOUT} s")
        return
    per_row = seconds / rows * 1e6 if rows else 0
    print(f"  {label:<28} {rows:>8} rows  {seconds * 1000:9.1f} ms  "
          f"{per_row:7.2f} µs/row  {peak_kib / 1024:8.1f} MiB")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", default="1000,10000,100000")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    sizes = [int(n) for n in args.rows.split(",")]
    print(f"paperlint {BINARY} on {os.cpu_count()} cores, best of {args.repeat}")
    with tempfile.TemporaryDirectory() as tmp:
        files = {}
        for n in sizes:
            files[n] = os.path.join(tmp, f"rows-{n}.md")
            generate(files[n], n)
        for n in sizes:
            cmd = [BINARY, "lint", "--format", "concise", files[n]]
            report("paperlint lint", n, *measure_isolated(cmd, args.repeat))
        one_thread = [BINARY, "lint", "--format", "concise", files[sizes[-1]]]
        os.environ["RAYON_NUM_THREADS"] = "1"
        report("paperlint lint (1 thread)", sizes[-1], *measure_isolated(one_thread, args.repeat))
        del os.environ["RAYON_NUM_THREADS"]

        compare(files[min(sizes)], args.repeat)


def table_rows(path):
    """Body rows of the pipe tables in a file: row lines less header and delimiter."""
    with open(path, encoding="utf-8") as text:
        rows = [line for line in text if line.lstrip().startswith("|")]
    return max(len(rows) - 2, 0)


def compare(table, repeat):
    others = {
        "markdownlint-cli2": lambda path: ["markdownlint-cli2", path],
        "awesome-lint": lambda path: ["awesome-lint", path],
    }
    print("\nOn the same files (when installed):")
    for path, label in ((SAMPLE, "sample"), (table, "generated")):
        n = table_rows(path)
        report(f"paperlint ({label})", n, *measure_isolated([BINARY, "lint", path], repeat))
        for name, command in others.items():
            if shutil.which(name):
                report(f"{name} ({label})", n, *measure_isolated(command(path), repeat))
            elif label == "sample":
                print(f"  {name:<28} not installed")


if __name__ == "__main__":
    main()
