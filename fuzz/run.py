"""The fuzz harness: mutate generated report PDFs, texts, web pages and Word files and
check that every input parses or raises ReportParseError within the time limit.

    python -m fuzz.run --count 300              # a short run (what CI does, see tests/test_fuzz.py)
    python -m fuzz.run --minutes 60 --workers 2  # for an hour, on both cores
    python -m fuzz.run --replay fuzz/findings/crash-pdf-1234.bin

Inputs are a pure function of (--seed, iteration), so a finding is reproducible from
its number as well as from the file saved in --out.  A worker that does not answer
within twice the timeout (a hang in C code that SIGALRM cannot interrupt) is killed
and its input saved as a hang.  Exit status 1 when anything was found.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import queue
import random
import resource
import sys
import tempfile
import time
import traceback
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from fuzz import mutate, structural
from fuzz.cli_mode import check_cli
from fuzz.pdfbytes import split

DEFAULT_OUT = Path(__file__).resolve().parent / "findings"
_KINDS, _WEIGHTS = ["pdf", "text", "html", "docx"], [6, 2, 1, 1]
_ENCODINGS = ["utf-8", "utf-8", "gb18030", "utf-16", "utf-8-sig", "utf-16-be"]
STRUCTURAL_SHARE = 0.25  # inputs built to amplify (fuzz/structural.py) rather than mutated


@dataclass
class Seeds:
    pdf: list[bytes]
    text: list[str]
    html: list[str]
    docx: list[bytes]
    hostile: list[bytes]  # small hand-made PDFs (fuzz/hostile.py): donors of odd objects


def build_seeds() -> Seeds:
    from fuzz.samples import SEED_SPECS, report_docx, report_html, report_pdf, report_text

    with tempfile.TemporaryDirectory() as tmp:
        pdfs, docxs = [], []
        for i, spec in enumerate(SEED_SPECS):
            report_pdf(Path(tmp) / f"{i}.pdf", spec)
            pdfs.append((Path(tmp) / f"{i}.pdf").read_bytes())
        for i, spec in enumerate(SEED_SPECS[:2]):
            report_docx(Path(tmp) / f"{i}.docx", spec)
            docxs.append((Path(tmp) / f"{i}.docx").read_bytes())
    from fuzz.hostile import KINDS, hostile

    return Seeds(
        pdfs,
        [report_text(s)[0] for s in SEED_SPECS],
        [report_html(s)[0] for s in SEED_SPECS],
        docxs,
        [hostile(kind) for kind in KINDS],
    )


def make_input(seeds: Seeds, seed: int, iteration: int) -> tuple[str, bytes]:
    """The mutated input number `iteration` of run `seed`: (kind, bytes)."""
    rng = random.Random(f"fuzz:{seed}:{iteration}")
    kind = rng.choices(_KINDS, _WEIGHTS)[0]
    if rng.random() < STRUCTURAL_SHARE:
        return kind, _structural(seeds, kind, rng)
    if kind == "pdf":
        donors = [split(p) for p in rng.sample(seeds.pdf, 2) + [rng.choice(seeds.hostile)]]
        data = rng.choice(seeds.pdf)
        return kind, (mutate.mutate_bytes(data, rng) if rng.random() < 0.2 else mutate.mutate_pdf(data, rng, donors))
    if kind == "docx":
        return kind, mutate.mutate_docx(rng.choice(seeds.docx), rng)
    text = mutate.mutate_text(rng.choice(seeds.text if kind == "text" else seeds.html), rng)
    data = text.encode(rng.choice(_ENCODINGS), errors="replace")
    return kind, (mutate.mutate_bytes(data, rng) if rng.random() < 0.2 else data)


def _structural(seeds: Seeds, kind: str, rng: random.Random) -> bytes:
    if kind == "pdf":
        return structural.structural_pdf(rng, rng.choice(seeds.pdf))
    if kind == "docx":
        return structural.structural_docx(rng, rng.choice(seeds.docx))
    if kind == "html":
        return structural.structural_html(rng, rng.choice(seeds.html).encode("utf-8"))
    return structural.structural_text(rng, rng.choice(seeds.text)).encode(rng.choice(_ENCODINGS), errors="replace")


def check_input(data: bytes, timeout: float) -> tuple[str, str]:
    """(outcome, detail): "parsed" or the ReportParseError's class name; findings: "crash" (an
    exception other than ReportParseError, or an InternalError: a bug), "memory" (running out
    of memory under the cap is a broken promise, even when a reader turned it into its own
    error) and "timeout", with a traceback or the message."""
    import reportparse
    from reportparse.errors import InternalError, OutOfMemoryError, ParseTimeoutError, ReportParseError
    from reportparse.runner.serve import ran_out_of_memory

    try:
        # OCR off: the 500 MB promise is the text-layer parse's; a scan is read again with OCR
        # in a child of its own with more memory (runner/phases.py), not under this cap.
        reportparse.parse(data, timeout=timeout, ocr="never")
    except ParseTimeoutError as e:
        return "timeout", e.message
    except (OutOfMemoryError, MemoryError):
        return "memory", traceback.format_exc()
    except InternalError:
        return "crash", traceback.format_exc()
    except ReportParseError as e:
        if ran_out_of_memory(e):
            return "memory", traceback.format_exc()
        return type(e).__name__, e.message
    except Exception:  # the harness reports every escape as a finding
        return "crash", traceback.format_exc()
    return "parsed", ""


def _reset_peak_rss() -> None:
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")  # Linux: reset VmHWM, the peak resident set size
    except OSError:
        pass


def peak_rss_mb() -> float:
    """This process's peak resident memory since the last reset (VmHWM), in MB."""
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


FINDINGS = ("crash", "memory", "timeout", "hang", "died", "cli")


def _save(out: Path, outcome: str, kind: str, iteration: int, data: bytes, detail: str) -> None:
    out.mkdir(parents=True, exist_ok=True)
    stem = out / f"{outcome}-{kind}-{iteration}"
    stem.with_suffix(".bin").write_bytes(data)
    stem.with_suffix(".txt").write_text(detail, encoding="utf-8")


def _worker(
    seeds: Seeds,
    seed: int,
    timeout: float,
    memory_mb: int,
    out: str,
    counter,
    limit: int,
    deadline: float,
    state,
    slot: int,
    results,
    max_tasks: int,
    cli: bool,
) -> None:
    """Parse inputs until there are no more, or max_tasks (then the parent starts a fresh worker:
    the recognisers' caches must not grow for hours)."""
    if not cli:  # the CLI mode caps each reportparse process, as a scraper's harness would
        resource.setrlimit(resource.RLIMIT_AS, (memory_mb * 2**20, memory_mb * 2**20))
    import logging

    logging.getLogger().addHandler(logging.NullHandler())  # pdfminer's warnings are not findings
    for _ in range(max_tasks):
        with counter.get_lock():
            iteration = counter.value
            if iteration >= limit or time.time() > deadline:
                return
            counter.value += 1
        kind, data = make_input(seeds, seed, iteration)
        state[2 * slot], state[2 * slot + 1] = iteration, time.time()
        started = time.monotonic()
        if cli:
            outcome, detail, peak = check_cli(data, timeout, memory_mb, random.Random(f"cli:{seed}:{iteration}"))
        else:
            _reset_peak_rss()
            outcome, detail = check_input(data, timeout)
            peak = peak_rss_mb()
        if outcome in FINDINGS:
            _save(Path(out), outcome, kind, iteration, data, detail)
        results.put(
            (
                iteration,
                kind,
                outcome,
                detail.strip().splitlines()[-1] if detail else "",
                time.monotonic() - started,
                peak,
            )
        )
        state[2 * slot + 1] = 0.0


@dataclass
class Summary:
    inputs: int = 0
    seconds: float = 0.0
    outcomes: Counter = field(default_factory=Counter)
    findings: list[tuple[int, str, str, str]] = field(default_factory=list)  # (iteration, kind, outcome, last line)
    slowest: float = 0.0
    slowest_input: tuple[int, str, str] = (-1, "", "")  # (iteration, kind, outcome)
    peak_rss: float = 0.0  # MB, the largest of any one input
    peak_input: tuple[int, str, str] = (-1, "", "")

    def report(self) -> str:
        lines = [
            f"{self.inputs} inputs in {self.seconds:.0f} s ({self.inputs / max(self.seconds, 1e-9):.1f}/s), "
            f"slowest {self.slowest:.1f} s (#{self.slowest_input[0]} {self.slowest_input[1]}, "
            f"{self.slowest_input[2]}), peak RSS {self.peak_rss:.0f} MB (#{self.peak_input[0]} "
            f"{self.peak_input[1]}, {self.peak_input[2]})"
        ]
        lines += [f"  {outcome}: {n}" for outcome, n in self.outcomes.most_common()]
        lines += [f"  FINDING #{i} {kind} {outcome}: {last}" for i, kind, outcome, last in self.findings]
        return "\n".join(lines)


def run(
    count: int | None = None,
    minutes: float | None = None,
    workers: int = 2,
    seed: int = 0,
    timeout: float = 20.0,
    memory_mb: int = 500,
    out: Path = DEFAULT_OUT,
    progress: bool = False,
    max_tasks: int = 400,
    cli: bool = False,
) -> Summary:
    seeds = build_seeds()
    ctx = mp.get_context("fork")
    counter = ctx.Value("q", 0)
    state = ctx.Array("d", 2 * workers)
    results = ctx.Queue()
    limit = count if count is not None else 2**62
    deadline = time.time() + (minutes * 60 if minutes is not None else 10**9)
    hard_limit = 2 * timeout + 10
    summary, started, last_progress = Summary(), time.monotonic(), time.monotonic()

    def spawn(slot: int):
        p = ctx.Process(
            target=_worker,
            args=(
                seeds,
                seed,
                timeout,
                memory_mb,
                str(out),
                counter,
                limit,
                deadline,
                state,
                slot,
                results,
                max_tasks,
                cli,
            ),
            daemon=True,
        )
        p.start()
        return p

    procs = [spawn(slot) for slot in range(workers)]

    def record(iteration: int, kind: str, outcome: str, last: str, seconds: float = 0.0, peak: float = 0.0) -> None:
        summary.inputs += 1
        summary.outcomes[outcome] += 1
        if peak > summary.peak_rss:
            summary.peak_rss, summary.peak_input = peak, (iteration, kind, outcome)
        if seconds > summary.slowest:
            summary.slowest, summary.slowest_input = seconds, (iteration, kind, outcome)
        if outcome in FINDINGS:
            summary.findings.append((iteration, kind, outcome, last))

    def lost(slot: int, outcome: str, detail: str) -> None:
        """The worker in `slot` never answered for its current input: save that input."""
        iteration = int(state[2 * slot])
        kind, data = make_input(seeds, seed, iteration)
        _save(out, outcome, kind, iteration, data, detail)
        record(iteration, kind, outcome, detail)
        state[2 * slot + 1] = 0.0

    idle = 0
    while True:
        try:
            record(*results.get(timeout=1.0))
        except queue.Empty:
            pass
        more = counter.value < limit and time.time() < deadline
        for slot, p in enumerate(procs):
            if p.is_alive():
                if state[2 * slot + 1] and time.time() - state[2 * slot + 1] > hard_limit:
                    p.kill()
                    p.join()
                    lost(slot, "hang", f"no answer within {hard_limit:g} s")
                    procs[slot] = spawn(slot)
                continue
            if p.exitcode and state[2 * slot + 1]:  # a segfault, or killed by the kernel
                lost(slot, "died", f"worker exit code {p.exitcode}")
            if more:
                procs[slot] = spawn(slot)
        if not more and not any(p.is_alive() for p in procs) and results.empty():
            # Every claimed input answered, or the queue stayed empty a while: a result a worker
            # put just before it exited may still be in the pipe when it is seen dead.
            idle += 1
            if summary.inputs >= counter.value or idle > 5:
                break
        else:
            idle = 0
        if progress and time.monotonic() - last_progress > 60:
            last_progress = time.monotonic()
            summary.seconds = time.monotonic() - started
            print(summary.report(), file=sys.stderr, flush=True)
    for p in procs:
        p.join(5)
    summary.seconds = time.monotonic() - started
    return summary


def replay(paths: list[str], timeout: float) -> int:
    import logging

    logging.getLogger().addHandler(logging.NullHandler())
    status = 0
    for path in paths:
        outcome, detail = check_input(Path(path).read_bytes(), timeout)
        print(f"{path}: {outcome}")
        if detail:
            print(detail)
        status |= outcome in FINDINGS
    return status


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        prog="python -m fuzz.run", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--count", type=int, help="stop after this many inputs")
    ap.add_argument("--minutes", type=float, help="stop after this long (default: 300 inputs)")
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--seed", type=int, default=0, help="run number: another seed, other mutations")
    ap.add_argument("--timeout", type=float, default=20.0, help="the parse time limit per input (s)")
    ap.add_argument("--memory-mb", type=int, default=500, help="address-space limit of each worker (the promise: 500)")
    ap.add_argument(
        "--cli",
        action="store_true",
        help="run each input through the command line (odd stdio states, Ctrl-C) instead of parse()",
    )
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT, help="where findings are saved")
    ap.add_argument("--replay", nargs="+", metavar="FILE", help="run saved inputs and show their outcome")
    args = ap.parse_args(argv)
    if args.replay:
        return replay(args.replay, args.timeout)
    count = args.count if args.count is not None or args.minutes is not None else 300
    summary = run(
        count=count,
        minutes=args.minutes,
        workers=args.workers,
        seed=args.seed,
        timeout=args.timeout,
        memory_mb=args.memory_mb,
        out=args.out,
        progress=True,
        cli=args.cli,
    )
    print(summary.report())
    return 1 if summary.findings else 0


if __name__ == "__main__":
    raise SystemExit(main())
