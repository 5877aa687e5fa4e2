"""What the batch machinery costs, as ratios measured side by side in one run:

- `batch --jobs 1` over `parse_to_data` on the same files in one process (target ≤ 1.10);
- `batch --jobs 2` speed-up over `--jobs 1` (target ≥ 1.7 on a 2-core machine);
- the peak resident memory of the largest batch process (a worker: target < 200 MB);
- the Dask LocalCluster's overhead per document over the local executor at the same --jobs.

Every number is a cold process (`python -m reportparse batch ...` or a `python -c` loop), so
both sides pay the interpreter's start-up.  Wall time and CPU time (all processes of the
command) are both reported: on a shared, loaded machine wall-time ratios are noise, and the
CPU ratio is the machinery's cost.  Run it a few times.

    python benchmarks/bench_batch.py                 # corpus/docs, each measurement once
    python benchmarks/bench_batch.py --repeat 3 --limit 60
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parents[1]
ENV = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT / "src"), os.environ.get("PYTHONPATH")]))}

# Runs a command; prints the peak RSS (KB) of its largest descendant process and the CPU
# seconds of all of them (user + system): a measure that load from other users inflates far
# less than wall time.
_PEAK = (
    "import resource, subprocess, sys; rc = subprocess.run(sys.argv[1:]).returncode; "
    "ru = resource.getrusage(resource.RUSAGE_CHILDREN); print(ru.ru_maxrss, ru.ru_utime + ru.ru_stime); "
    "sys.exit(rc)"
)

_BASELINE = (
    "import sys; from reportparse.api import parse_to_data; from reportparse.errors import ReportParseError\n"
    "for path in sys.argv[1:]:\n"
    "    try: parse_to_data(path)\n"
    "    except ReportParseError: pass\n"
)


class Run(NamedTuple):
    wall: float  # seconds
    cpu: float  # seconds, every process of the command
    peak_mb: int  # the largest process's peak RSS


def timed(args: list[str]) -> Run:
    """Run a command in a fresh process: its wall time, CPU time and peak memory."""
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-c", _PEAK, *args], env=ENV, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"failed: {' '.join(args)}\n{result.stderr[-2000:]}")
    peak_kb, cpu = result.stdout.split()[-2:]
    return Run(wall, float(cpu), int(peak_kb) // 1024)


def batch(files: list[Path], *options: str) -> Run:
    with tempfile.TemporaryDirectory() as out:
        listing = Path(out) / "list.txt"
        listing.write_text("".join(f"{f}\n" for f in files), encoding="utf-8")
        args = [sys.executable, "-m", "reportparse", "batch", "-", "-o", str(Path(out) / "o"), "--quiet", *options]
        return timed(["sh", "-c", f'exec "$@" < {listing}', "sh", *args])


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("folder", nargs="?", default=str(ROOT / "corpus" / "docs"))
    p.add_argument("--limit", type=int, help="the first N documents only")
    p.add_argument("--repeat", type=int, default=1, help="measure each this many times (medians)")
    p.add_argument("--no-dask", action="store_true")
    args = p.parse_args()
    files = sorted(f for f in Path(args.folder).iterdir() if f.suffix in (".pdf", ".docx", ".html", ".txt"))
    files = files[: args.limit] if args.limit else files
    runs: dict[str, list[Run]] = {}
    measures = {
        "parse_to_data, one process": lambda: timed([sys.executable, "-c", _BASELINE, *map(str, files)]),
        "batch --jobs 1": lambda: batch(files, "--jobs", "1", "--no-dataset"),
        "batch --jobs 2": lambda: batch(files, "--jobs", "2", "--no-dataset"),
        "batch --jobs 2 with the dataset": lambda: batch(files, "--jobs", "2"),
    }
    if not args.no_dask:
        measures["batch --jobs 2 --executor dask"] = lambda: batch(
            files, "--jobs", "2", "--no-dataset", "--executor", "dask"
        )
    for _ in range(args.repeat):  # interleaved, so a burst of load hits every measure alike
        for name, measure in measures.items():
            runs.setdefault(name, []).append(measure())
    wall = {name: statistics.median(r.wall for r in rs) for name, rs in runs.items()}
    cpu = {name: statistics.median(r.cpu for r in rs) for name, rs in runs.items()}
    peak = {name: max(r.peak_mb for r in rs) for name, rs in runs.items()}
    n = len(files)
    for name in measures:
        print(
            f"{name:36s} wall {wall[name]:7.2f} s  cpu {cpu[name]:7.2f} s  {n / wall[name]:6.2f} documents/s  "
            f"peak RSS {peak[name]:4d} MB"
        )
    base, one, two = "parse_to_data, one process", "batch --jobs 1", "batch --jobs 2"
    result = {
        "documents": n,
        "repeat": args.repeat,
        "load_average_1min": os.getloadavg()[0],
        "batch_jobs1_over_parse_to_data_wall": round(wall[one] / wall[base], 3),
        "batch_jobs1_over_parse_to_data_cpu": round(cpu[one] / cpu[base], 3),
        "jobs2_speedup_over_jobs1_wall": round(wall[one] / wall[two], 3),
        "jobs2_cpu_over_jobs1_cpu": round(cpu[two] / cpu[one], 3),
        "peak_rss_mb_largest_batch_process_jobs1": peak[one],
        "dataset_cost_s_wall": round(wall["batch --jobs 2 with the dataset"] - wall[two], 2),
        "dataset_cost_s_cpu": round(cpu["batch --jobs 2 with the dataset"] - cpu[two], 2),
    }
    if not args.no_dask:
        dask = "batch --jobs 2 --executor dask"
        result["dask_local_cluster_overhead_s_per_document_wall"] = round((wall[dask] - wall[two]) / n, 4)
        result["dask_local_cluster_overhead_s_per_document_cpu"] = round((cpu[dask] - cpu[two]) / n, 4)
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
