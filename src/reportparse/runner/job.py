"""The per-document function every executor runs in a supervised worker, and its outcome."""

from __future__ import annotations

import time
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from reportparse.errors import NoTextLayerError, ReportParseError
from reportparse.records import Record

if TYPE_CHECKING:
    from reportparse.runner.child import Worker

# What a worker is given: a path (batch) or the document's bytes (parse_many).
Document = str | bytes


@dataclass(frozen=True)
class ParseOptions:
    """The options of one parse, the same for every document of a run (they travel to workers;
    the time limit is the worker's, child.Limits)."""

    password: str | None = None
    max_pages: int | None = None
    ocr: str = "auto"


@dataclass(frozen=True)
class Outcome:
    """A document's result: the report as plain data, or the error; and the seconds it took."""

    result: Record | ReportParseError
    elapsed_s: float


def parse_one(document: Document, options: ParseOptions) -> Record:
    """Parse one document into the single-file command's plain data (raises ReportParseError)."""
    from reportparse.api import parse_to_data
    from reportparse.runner.inputs import open_regular

    def parse(source: Any) -> Record:
        return parse_to_data(source, password=options.password, max_pages=options.max_pages, ocr=options.ocr)

    if isinstance(document, str):  # opened as at discovery: a file gone or swapped is an error record
        with open_regular(document) as f:
            return parse(f)
    return parse(document)


def warm_up() -> None:
    """Import the whole parse once, before workers fork, so each starts with it loaded."""
    import reportparse.api
    import reportparse.pipeline
    import reportparse.sources.pdf  # noqa: F401


def supervised(worker: Worker, document: Document, options: ParseOptions) -> Outcome:
    """Run parse_one in the worker; every failure becomes the Outcome's error, none escapes."""
    from reportparse.runner.child import run_supervised
    from reportparse.runner.phases import first_pass, with_ocr_memory

    start = time.monotonic()
    result: Any
    try:
        result = worker.run(parse_one, document, replace(options, ocr=first_pass(options.ocr)))
    except NoTextLayerError as e:
        result = e
        if options.ocr == "auto":  # a scan: read again with OCR, in a child of its own with more memory
            try:
                result = run_supervised(parse_one, document, options, limits=with_ocr_memory(worker.limits))
            except ReportParseError as again:
                result = again
    except ReportParseError as e:
        result = e
    return Outcome(result, round(time.monotonic() - start, 3))
