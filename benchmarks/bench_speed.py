"""Speed of reportparse against pdfplumber's own text extraction, measured side by side.

Two ratios, each against a baseline measured in the same run (this machine is shared
and noisy, so absolute times mean little):
  in-process: parse(pdf) vs pdfplumber extract_text() over every page (median of N runs)
  cold:       `reportparse pdf` vs `python -c "import pdfplumber; …extract_text()…"` (median of N)
Targets (issue 2): both ratios at most 1.5.

usage: python benchmarks/bench_speed.py [PDF] [--runs N]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

import pdfplumber

import reportparse

DEFAULT_PDF = Path(__file__).resolve().parents[2] / "shared" / "real" / "hzq2023.pdf"
BASELINE_CODE = (
    "import sys, pdfplumber\nwith pdfplumber.open(sys.argv[1]) as pdf:\n    [p.extract_text() for p in pdf.pages]\n"
)


def extract_text(path: Path) -> None:
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_text()


def timed(fn, runs: int) -> float:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def interleaved(fns: list, runs: int) -> list[float]:
    """Median time of each function, run in turn so all see the same machine load."""
    samples: list[list[float]] = [[] for _ in fns]
    for _ in range(runs):
        for fn, out in zip(fns, samples):
            out.append(timed(fn, 1))
    return [statistics.median(s) for s in samples]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("pdf", nargs="?", type=Path, default=DEFAULT_PDF)
    ap.add_argument("--runs", type=int, default=7)
    args = ap.parse_args()
    if not args.pdf.is_file():
        print(f"bench_speed: no such PDF: {args.pdf}", file=sys.stderr)
        return 2
    reportparse.parse(args.pdf)  # warm caches and imports once, as a long-running scraper would
    extract_text(args.pdf)
    parse_s, base_s = interleaved([lambda: reportparse.parse(args.pdf), lambda: extract_text(args.pdf)], args.runs)
    exe = [sys.executable, "-m", "reportparse", str(args.pdf)]
    base = [sys.executable, "-c", BASELINE_CODE, str(args.pdf)]
    run = lambda cmd: subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)  # noqa: E731
    cold_s, cold_base_s = interleaved([lambda: run(exe), lambda: run(base)], args.runs)
    print(f"pdf: {args.pdf.name}, runs: {args.runs} (medians)")
    print(
        f"in-process: reportparse.parse {parse_s * 1000:.0f} ms vs pdfplumber extract_text {base_s * 1000:.0f} ms"
        f" -> ratio {parse_s / base_s:.2f} (target <= 1.5)"
    )
    print(
        f"cold process: reportparse {cold_s * 1000:.0f} ms vs python -c pdfplumber {cold_base_s * 1000:.0f} ms"
        f" -> ratio {cold_s / cold_base_s:.2f} (target <= 1.5)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
