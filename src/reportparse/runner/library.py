"""`reportparse.parse_many`: many documents in supervised worker processes, from Python."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from reportparse.api import Source
from reportparse.errors import ReportParseError, UsageError
from reportparse.limits import DEFAULT_MEMORY_MB, DEFAULT_TIMEOUT
from reportparse.runner.child import Limits
from reportparse.runner.job import Document, ParseOptions
from reportparse.runner.local import LocalExecutor

if TYPE_CHECKING:
    from reportparse.model import Report


def _document(source: Source) -> Document:
    """What a worker is sent: a path as a str, or the bytes of in-memory content."""
    if isinstance(source, (str, os.PathLike)):
        return os.fsdecode(source)
    if isinstance(source, (bytes, bytearray, memoryview)):
        return bytes(source)
    if hasattr(source, "read"):
        data = source.read()
        if isinstance(data, bytes):
            return data
    raise UsageError(f"cannot parse a {type(source).__name__}: give a path, bytes or a binary file object")


def parse_many(
    sources: Iterable[Source],
    *,
    jobs: int | None = None,
    timeout: float | None = DEFAULT_TIMEOUT,
    memory_mb: int | None = DEFAULT_MEMORY_MB,
    password: str | None = None,
    max_pages: int | None = None,
) -> Iterator[tuple[Source, Report | ReportParseError]]:
    """Parse many documents, `jobs` at once (default: the number of cores), each in a worker
    process under `timeout` seconds and `memory_mb`; yields `(source, Report or the error)`
    in input order.  A document that hangs, runs out of memory or crashes its worker costs
    its own result (ParseTimeoutError, ...), never the others'.  `sources` may be a lazy
    iterable: documents are read a few at a time ahead of the one being yielded.
    """
    from reportparse.model import Report

    jobs = jobs or os.cpu_count() or 1
    options = ParseOptions(password=password, max_pages=max_pages)
    held: dict[int, Source] = {}

    def numbered() -> Iterator[tuple[int, Document]]:
        for n, source in enumerate(sources):
            held[n] = source
            yield n, _document(source)

    finished: dict[int, Report | ReportParseError] = {}
    following = 0
    with LocalExecutor(jobs, Limits(memory_mb=memory_mb, timeout=timeout or None), options) as executor:
        for n, outcome in executor.run(numbered()):
            result = outcome.result
            finished[n] = result if isinstance(result, ReportParseError) else Report.model_validate(result)
            while following in finished:
                yield held.pop(following), finished.pop(following)
                following += 1
