"""Both PDF engines against pdfplumber's own text extraction, measured side by side.

Every figure is a ratio to a baseline measured in the same run (the machine is shared
and noisy; absolute times mean little):

  in-process   reportparse.parse(pdf, engine=E) vs pdfplumber `extract_text()` over
               every page, run alternately, medians of --runs; on one PDF (default
               ../shared/real/hzq2023.pdf) and per document over a folder of PDFs
               (default corpus/docs), whose per-document ratios give a median, p90
               and worst
  cold         `reportparse pdf` (default engine) vs `python -c` importing pdfplumber
               and extracting the text, fresh processes, medians of --runs
  memory       peak resident memory of a fresh process parsing the PDF with each engine

Targets (issue 13): pdfium in-process <= 0.3 (one PDF, and the corpus median); cold
<= 1.0; pdfium peak memory not above pdfplumber's.

usage: python benchmarks/bench_engines.py [PDF] [--corpus DIR] [--runs N] [--corpus-runs N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# This checkout's reportparse, here and in the child processes (not an installed copy).
sys.path.insert(0, str(ROOT / "src"))
os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT / "src"), os.environ.get("PYTHONPATH")]))

from bench_speed import BASELINE_CODE, extract_text, interleaved

import reportparse
from reportparse.sources import pdfium

DEFAULT_PDF = ROOT.parent / "shared" / "real" / "hzq2023.pdf"
ENGINES = ("pdfium", "pdfplumber")
# VmHWM, not ru_maxrss: a child's ru_maxrss starts at its parent's peak on Linux.
MEMORY_CODE = (
    "import sys, reportparse\n"
    "reportparse.parse(sys.argv[1], engine=sys.argv[2])\n"
    "print(next(l.split()[1] for l in open('/proc/self/status') if l.startswith('VmHWM')))\n"
)


def _parser(engine: str, path: Path):
    return lambda: reportparse.parse(path, engine=engine)


def one_pdf(path: Path, runs: int) -> None:
    for engine in ENGINES:
        reportparse.parse(path, engine=engine)  # imports and caches warm, as in a long-running scraper
    extract_text(path)
    *engines, base = interleaved([_parser(e, path) for e in ENGINES] + [lambda: extract_text(path)], runs)
    print(f"in-process, {path.name} ({runs} runs, medians): extract_text {base * 1000:.0f} ms")
    for engine, t in zip(ENGINES, engines):
        print(f"  {engine:<10} {t * 1000:6.0f} ms  ratio {t / base:.2f}")


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def corpus(folder: Path, runs: int) -> None:
    paths = sorted(folder.glob("*.pdf"))
    ratios: dict[str, list[tuple[float, str]]] = {e: [] for e in ENGINES}
    handed_over: Counter[str] = Counter()  # why pdfium handed documents to pdfplumber
    for path in paths:
        timed = []
        for engine in ENGINES:
            before = Counter(pdfium.handed_over)
            try:
                reportparse.parse(path, engine=engine)
                timed.append(_parser(engine, path))
            except reportparse.ReportParseError:  # a corpus document may be unreadable on purpose
                timed.append(lambda e=engine, p=path: _failing(e, p))
            handed_over += pdfium.handed_over - before
        *engines, base = interleaved(timed + [lambda p=path: extract_text(p)], runs)
        for engine, t in zip(ENGINES, engines):
            ratios[engine].append((t / base, path.name))
    print(f"in-process, {len(paths)} PDFs of {folder} ({runs} runs each, per-document ratios to extract_text):")
    reasons = "; ".join(f"{n} {reason}" for reason, n in handed_over.most_common())
    print(
        f"  read by pdfium itself: {len(paths) - handed_over.total()} of {len(paths)}"
        + (f" (handed over: {reasons})" if reasons else "")
    )
    for engine in ENGINES:
        values = [r for r, _ in ratios[engine]]
        worst, name = max(ratios[engine])
        print(
            f"  {engine:<10} median {statistics.median(values):.2f}  p90 {_percentile(values, 0.9):.2f}  "
            f"worst {worst:.2f} ({name})"
        )


def _failing(engine: str, path: Path) -> None:
    try:
        reportparse.parse(path, engine=engine)
    except reportparse.ReportParseError:
        pass


def cold(path: Path, runs: int) -> None:
    exe = [sys.executable, "-m", "reportparse", str(path)]
    base = [sys.executable, "-c", BASELINE_CODE, str(path)]

    def run(cmd: list[str]) -> None:
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)

    ours, theirs = interleaved([lambda: run(exe), lambda: run(base)], runs)
    print(
        f"cold process, {path.name} ({runs} runs, medians): reportparse {ours * 1000:.0f} ms vs "
        f"python -c pdfplumber {theirs * 1000:.0f} ms -> ratio {ours / theirs:.2f}"
    )


def memory(path: Path) -> None:
    peaks = {}
    for engine in ENGINES:
        out = subprocess.run(
            [sys.executable, "-c", MEMORY_CODE, str(path), engine], check=True, capture_output=True, text=True
        ).stdout
        peaks[engine] = int(out.split()[-1]) / 1024  # kB
    print(
        f"peak memory, {path.name}: "
        + ", ".join(f"{e} {m:.0f} MB" for e, m in peaks.items())
        + f" -> ratio {peaks['pdfium'] / peaks['pdfplumber']:.2f}"
    )


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("pdf", nargs="?", type=Path, default=DEFAULT_PDF)
    ap.add_argument("--corpus", type=Path, default=ROOT / "corpus" / "docs")
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--corpus-runs", type=int, default=3)
    ap.add_argument("--skip-corpus", action="store_true")
    args = ap.parse_args()
    if not args.pdf.is_file():
        print(f"bench_engines: no such PDF: {args.pdf}", file=sys.stderr)
        return 2
    one_pdf(args.pdf, args.runs)
    cold(args.pdf, args.runs)
    memory(args.pdf)
    if not args.skip_corpus:
        memory(max(args.corpus.glob("*.pdf"), key=lambda p: p.stat().st_size))
        corpus(args.corpus, args.corpus_runs)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
