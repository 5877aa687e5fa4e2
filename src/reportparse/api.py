"""The library entry points: parse a path, bytes or file object, or already-decoded text.

Only ReportParseError subclasses leave them: an unexpected exception becomes an
InternalError (a bug, one line), a MemoryError an OutOfMemoryError.  `isolate=True` runs
the parse in a supervised child process (runner/child.py) with a hard memory cap.
"""

from __future__ import annotations

import functools
import math
import os
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, TypeVar, Unpack, cast

from reportparse import limits
from reportparse.errors import (
    InternalError,
    OutOfMemoryError,
    ReportParseError,
    UnreadableInputError,
    UsageError,
)
from reportparse.limits import deadline
from reportparse.pipeline import build_report
from reportparse.reading import Source, read_input
from reportparse.records import Record
from reportparse.sources import LoadOptions, load

if TYPE_CHECKING:
    from reportparse.model import Report

__all__ = ["Source", "parse", "parse_html", "parse_text", "parse_to_data"]
F = TypeVar("F", bound=Callable[..., Any])


def _only_report_errors(func: F) -> F:
    """The API contract: whatever goes wrong inside, the caller sees a ReportParseError."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except ReportParseError:
            raise
        except MemoryError:
            raise OutOfMemoryError("the input needs more memory than is available to read") from None
        except RecursionError:
            raise InternalError("RecursionError: the input nests deeper than the reader can follow") from None
        except Exception as e:
            text = " ".join(str(e).split())[:300]
            raise InternalError(f"{type(e).__name__}: {text}" if text else type(e).__name__) from e

    return wrapper  # type: ignore[return-value]


def _validated(data: Mapping[str, Any]) -> Report:
    from reportparse.model import Report

    return Report.model_validate(data)


def _clean_text(text: object, entry: str) -> str:
    if not isinstance(text, str):
        raise UsageError(f"{entry}() takes a decoded str, not a {type(text).__name__}: give bytes to parse()")
    if len(text) > limits.MAX_TEXT_BYTES:
        raise UnreadableInputError(
            f"the text is {len(text) // 2**20} M characters, too large for an annual report "
            f"(the limit is {limits.MAX_TEXT_BYTES // 2**20} M)"
        )
    # A lone surrogate (from a lossy decode upstream) cannot be written as UTF-8 JSON.
    return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")


def _check_timeout(timeout: float | None) -> float | None:
    if timeout is None or timeout == 0:
        return None
    if not isinstance(timeout, (int, float)) or math.isnan(timeout) or timeout < 0:
        raise UsageError(f"the timeout must be a positive number of seconds, not {timeout!r}")
    return None if timeout == float("inf") else float(timeout)


@_only_report_errors
def parse_to_data(
    source: Source,
    *,
    timeout: float | None = None,
    max_bytes: int | None = None,
    **options: Unpack[LoadOptions],
) -> Record:
    """Like `parse`, but the report as plain JSON-ready data (no pydantic: the CLI's fast path)."""
    with deadline(_check_timeout(timeout)):
        if isinstance(source, (str, os.PathLike)) and os.path.isdir(source):
            from reportparse.sources.ocr import load_folder

            folder = load_folder(source, ocr=options.get("ocr", "auto"), max_pages=options.get("max_pages"))
            return cast(Record, build_report(folder))
        # The typed record leaves the pipeline as plain JSON-ready data (as a child's does).
        return cast(Record, build_report(load(read_input(source, max_bytes), **options)))


class ParseOptions(LoadOptions, total=False):
    """The keywords parse() passes on to parse_to_data()."""

    timeout: float | None
    max_bytes: int | None


@_only_report_errors
def parse(
    source: Source,
    *,
    isolate: bool = False,
    memory_mb: int | None = limits.DEFAULT_MEMORY_MB,
    **options: Unpack[ParseOptions],
) -> Report:
    """Parse an annual report; the format is detected from the content unless given.

    `format`, `password`, `max_pages`, `engine` and `ocr` are `load`'s (reportparse.sources).

    `timeout` (seconds) bounds the whole parse: ParseTimeoutError when it runs out.
    `engine` reads PDFs with "pdfium" (the default) or "pdfplumber" (the reference);
    both give the same report.  `ocr`: "auto" reads page images (scanned PDF pages,
    PNG/JPEG/TIFF files, a folder of page images) with OCR, "always" reads every PDF page
    so, "never" refuses them.  `max_bytes` bounds the input read (default 200 MB).  `isolate=True` parses in a
    supervised child process whose address space is capped at `memory_mb` (None: no cap)
    and which is killed at the timeout: out of memory, a hang or a crash in a C library
    then become OutOfMemoryError, ParseTimeoutError or WorkerCrashedError.
    """
    if not isolate:
        return _validated(parse_to_data(source, **options))
    from reportparse.runner import Limits, run_supervised

    if hasattr(source, "read"):  # a file object's buffer would not come back from the child
        source = read_input(source, options.get("max_bytes"))
    from reportparse.runner.phases import run_phased

    def attempt(mode: str, limits: Limits) -> Record:
        return run_supervised(parse_to_data, source, limits=limits, **{**options, "ocr": mode})

    caps = Limits(memory_mb=memory_mb, timeout=_check_timeout(options.get("timeout")))
    return _validated(run_phased(attempt, options.get("ocr", "auto"), caps))


@_only_report_errors
def parse_text(text: str, *, timeout: float | None = None) -> Report:
    """Parse a report already decoded to a string (a text extraction)."""
    from reportparse.sources.text import load_text
    from reportparse.sources.text_input import prepared_text

    clean = prepared_text(_clean_text(text, "parse_text"))
    with deadline(_check_timeout(timeout)):
        return _validated(build_report(load_text(clean)))


@_only_report_errors
def parse_html(html: str, *, timeout: float | None = None) -> Report:
    """Parse a web page already decoded to a string (e.g. a scraper's `response.text`).

    Give the raw bytes to `parse()` instead when the page's encoding is unknown: it
    reads the BOM and <meta charset> and falls back to GB18030 for GBK pages.
    """
    from reportparse.sources.html import load_html

    clean = _clean_text(html, "parse_html")
    with deadline(_check_timeout(timeout)):
        return _validated(build_report(load_html(clean)))
