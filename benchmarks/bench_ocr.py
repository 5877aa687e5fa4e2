"""OCR speed and memory: seconds per scanned page at 150, 200 and 300 dpi, as a ratio
to the text-layer parse of the same document measured in the same run, and the peak
memory of one OCR worker process.

The scans are made here from the PDF (corpus/scans.py: grey JPEG, ±1° skew, dust),
then one fresh worker process loads the models once and parses the text-layer PDF and
each scan (`--runs` times, median), as a batch worker would.  Targets (issue 11):
≤ 2 s per OCR page on the 2-core machine, < 1 GB peak RSS.  The machine is shared:
wall time and CPU time (the process's, all its threads) are both reported, and the
load average is printed with the numbers.

usage: PYTHONPATH=src python benchmarks/bench_ocr.py [PDF] [--runs N] [--dpi 150 200 300]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DEFAULT_PDF = ROOT.parent / "shared" / "real" / "hzq2023.pdf"

WORKER = r"""
import json, resource, statistics, sys, time
from reportparse.api import parse_to_data
from reportparse.sources.ocr import engine
runs = int(sys.argv[1]); text_pdf = sys.argv[2]; scans = sys.argv[3:]
def timed(path):
    wall, cpu = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        data = parse_to_data(path, timeout=None)
        wall.append(time.perf_counter() - start); cpu.append(time.process_time() - start_cpu)
    return {"wall": statistics.median(wall), "cpu": statistics.median(cpu)}, data["meta"]["pages"]
start = time.perf_counter(); engine.engine(); load = time.perf_counter() - start
text_seconds, pages = timed(text_pdf)
out = {"model_load_s": load, "text_layer_s": text_seconds, "pages": pages, "scans": {}}
for path in scans:
    seconds, _ = timed(path)
    out["scans"][path] = seconds
out["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps(out))
"""


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("pdf", nargs="?", type=Path, default=DEFAULT_PDF)
    ap.add_argument("--runs", type=int, default=1)
    ap.add_argument("--dpi", type=int, nargs="+", default=[150, 200, 300])
    args = ap.parse_args()
    if not args.pdf.is_file():
        print(f"bench_ocr: no such PDF: {args.pdf}", file=sys.stderr)
        return 2
    from corpus.scans import Scan, write_scan

    with tempfile.TemporaryDirectory() as tmp:
        truth = Path(tmp) / "none.cells.tsv"
        truth.write_text("")
        scans = {
            dpi: write_scan(Scan(f"scan{dpi}", args.pdf, truth, dpi, 0.6, seed=dpi), Path(tmp)) for dpi in args.dpi
        }
        env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")]))
        load_before = os.getloadavg()
        done = subprocess.run(
            [sys.executable, "-c", WORKER, str(args.runs), str(args.pdf), *map(str, scans.values())],
            capture_output=True,
            text=True,
            env=env,
            check=True,
        )
        result = json.loads(done.stdout)
    pages = result["pages"]
    text = {kind: seconds / pages for kind, seconds in result["text_layer_s"].items()}
    print(
        f"{args.pdf.name}: {pages} pages; text-layer parse {text['wall'] * 1000:.0f} ms/page wall, "
        f"{text['cpu'] * 1000:.0f} ms/page CPU; model load {result['model_load_s']:.2f} s (once per worker)"
    )
    for dpi, path in scans.items():
        per_page = {kind: seconds / pages for kind, seconds in result["scans"][str(path)].items()}
        print(
            f"  scan at {dpi} dpi: {per_page['wall']:.2f} s per OCR page wall ({per_page['wall'] / text['wall']:.0f}× "
            f"the text-layer parse), {per_page['cpu']:.2f} s CPU ({per_page['cpu'] / text['cpu']:.0f}×)"
        )
    print(f"peak RSS of the OCR worker: {result['peak_rss_mb']:.0f} MB")
    print(
        f"load average (1, 5, 15 min) before: {', '.join(f'{x:.2f}' for x in load_before)}; "
        f"after: {', '.join(f'{x:.2f}' for x in os.getloadavg())} on {os.cpu_count()} cores"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
