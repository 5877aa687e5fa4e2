"""A batch run: inputs → plan (resume) → executor → one record per input → summary → dataset."""

from __future__ import annotations

import os
import time
from collections.abc import Iterable, Iterator, Mapping
from contextlib import ExitStack, closing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol, TextIO

from reportparse.errors import UsageError
from reportparse.records import Record
from reportparse.runner import records, summary
from reportparse.runner.child import Limits
from reportparse.runner.inputs import Input, discover
from reportparse.runner.job import Document, Outcome, ParseOptions
from reportparse.runner.progress import Progress
from reportparse.runner.resume import Plan, plan


class Executor(Protocol):
    def run(self, documents: Iterable[tuple[str, Document]]) -> Iterator[tuple[str, Outcome]]: ...
    def close(self) -> None: ...


@dataclass
class BatchOptions:
    outdir: Path
    jobs: int = 1
    limits: Limits = field(default_factory=Limits)
    parse: ParseOptions = field(default_factory=ParseOptions)
    resume: bool = False
    retry_errors: bool = False
    quiet: bool = False
    dataset: bool = True
    executor: str = "local"
    scheduler: str | None = None
    exclude: tuple[str, ...] = ()


def _executor(options: BatchOptions) -> Executor:
    if options.executor == "dask":
        from reportparse.runner.dask_executor import DaskExecutor

        return DaskExecutor(options.jobs, options.limits, options.parse, options.scheduler)
    from reportparse.runner.local import LocalExecutor

    return LocalExecutor(options.jobs, options.limits, options.parse)


def _outdir(options: BatchOptions) -> Path:
    """reports.jsonl's path; OUTDIR is made, and an earlier run's records are not run over."""
    path = options.outdir / records.REPORTS_FILE
    if path.exists() and not options.resume:
        raise UsageError(
            f"{path} already holds records: add --resume to go on with them, or choose another output folder"
        )
    try:
        options.outdir.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise UsageError(f"cannot create the output folder {options.outdir}: {e.strerror}") from None
    if not os.access(options.outdir, os.W_OK):
        raise UsageError(f"cannot write to the output folder {options.outdir}")
    return path


def run_batch(args: list[str], options: BatchOptions, stdin: TextIO | None = None) -> Record:
    """Run the batch; the summary (summary.json's content) when it ran to the end."""
    started = time.monotonic()
    if options.dataset:
        from reportparse.export.dataset import require_pyarrow

        require_pyarrow()
    inputs = discover(args, stdin, options.exclude)  # a usage error here leaves no OUTDIR behind
    path = _outdir(options)
    found = records.scan(path)
    todo = plan(inputs, found.lines, found.damaged, options.retry_errors)
    run = summary.RunCounts(
        inputs=len(inputs),
        already_recorded=len(todo.done),
        unreadable=len(todo.failed),
        copied=len(todo.copy) + sum(len(group) - 1 for group in todo.parse.values()),
    )
    with ExitStack() as stack:
        # The executor first: a cluster that cannot be reached stops the run before any record.
        executor = stack.enter_context(closing(_executor(options))) if todo.parse else None
        progress = stack.enter_context(closing(Progress(len(inputs), len(todo.done), quiet=options.quiet)))
        copies, log = _open_log(path, todo)
        stack.enter_context(closing(log))
        for inp, rec in copies:
            _write(log, progress, {**rec, "source": inp.source})
        for inp in todo.failed:
            assert inp.error is not None
            _write(log, progress, records.record(inp, inp.error, 0.0))
        if executor is not None:
            run.parsed = _parse_all(todo, executor, log, progress)
    run.wall_s = time.monotonic() - started
    data = summary.as_data(summary.summarize(records.read_records(path)), run)
    summary.write(options.outdir, data)
    if options.dataset:
        from reportparse.export.dataset import write_tables

        write_tables(records.sorted_records(path), options.outdir)
    return data


def _open_log(path: Path, todo: Plan) -> tuple[list[tuple[Input, Record]], records.RecordLog]:
    """The records to copy (read before the file is rewritten), and the log to append to."""
    if not path.exists():
        return [], records.RecordLog(path)
    with open(path, "rb") as earlier:
        copies = [(inp, records.read_record(earlier, line)) for inp, line in todo.copy]
    return copies, records.RecordLog(path, keep=todo.keep, rewrite=todo.rewrite)


def _write(log: records.RecordLog, progress: Progress, rec: Mapping[str, Any]) -> None:
    log.append(rec)
    progress.update(rec["status"] == "error")


def _parse_all(todo: Plan, executor: Executor, log: records.RecordLog, progress: Progress) -> int:
    """Parse each distinct content once; record it under each of its names as it finishes."""
    parsed = 0
    documents = ((sha, group[0].source) for sha, group in todo.parse.items())
    for sha, outcome in executor.run(documents):
        parsed += 1
        for inp in todo.parse[sha]:
            _write(log, progress, records.record(inp, outcome.result, outcome.elapsed_s))
    return parsed
