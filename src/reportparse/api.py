"""The library entry points: parse a path, bytes or file object, or already-decoded text."""
from __future__ import annotations

import os
from typing import BinaryIO, Union

from typing import TYPE_CHECKING

from reportparse.errors import UnreadableInputError, UsageError
from reportparse.limits import deadline
from reportparse.pipeline import build_report
from reportparse.records import Record
from reportparse.sources import load

if TYPE_CHECKING:
    from reportparse.model import Report

Source = Union[str, os.PathLike, bytes, bytearray, memoryview, BinaryIO]


def _read(source: Source) -> bytes:
    if isinstance(source, (bytes, bytearray, memoryview)):
        return bytes(source)
    if isinstance(source, str) and ("\n" in source or source.lstrip().startswith("<")) \
            and not os.path.exists(source):
        raise UsageError("parse() was given document content as a str, not a path: use parse_html() or "
                         "parse_text() for decoded text, or pass the raw bytes")
    if isinstance(source, (str, os.PathLike)):
        try:
            with open(source, "rb") as f:
                return f.read()
        except FileNotFoundError:
            raise UsageError(f"no such file: {os.fspath(source)}") from None
        except IsADirectoryError:
            raise UsageError(f"is a directory, not a file: {os.fspath(source)}") from None
        except OSError as e:
            raise UnreadableInputError(f"cannot read {os.fspath(source)}: {e.strerror}") from None
    if hasattr(source, "read"):
        data = source.read()
        if isinstance(data, str):
            raise UsageError("the file object is open in text mode; open it with 'rb' or use parse_text()")
        return data
    raise UsageError(f"cannot parse a {type(source).__name__}: give a path, bytes or a binary file object")


def _validated(data: Record) -> "Report":
    from reportparse.model import Report
    return Report.model_validate(data)


def parse_to_data(source: Source, *, format: str | None = None, password: str | None = None,
                  max_pages: int | None = None, timeout: float | None = None, ocr: str = "auto") -> Record:
    """Like `parse`, but the report as plain JSON-ready data (no pydantic: the CLI's fast path)."""
    with deadline(timeout):
        if isinstance(source, (str, os.PathLike)) and os.path.isdir(source):
            from reportparse.sources.ocr import load_folder
            return build_report(load_folder(source, ocr=ocr, max_pages=max_pages))
        return build_report(load(_read(source), format=format, password=password, max_pages=max_pages, ocr=ocr))


def parse(source: Source, *, format: str | None = None, password: str | None = None,
          max_pages: int | None = None, timeout: float | None = None, ocr: str = "auto") -> "Report":
    """Parse an annual report; the format is detected from the content unless given.

    `timeout` (seconds) bounds the whole parse: ParseTimeoutError when it runs out.
    `ocr`: "auto" reads page images (scanned PDF pages, PNG/JPEG/TIFF files, a folder of
    page images) with OCR, "always" reads every PDF page so, "never" refuses them.
    """
    return _validated(parse_to_data(source, format=format, password=password, max_pages=max_pages,
                                    timeout=timeout, ocr=ocr))


def parse_text(text: str) -> "Report":
    """Parse a report already decoded to a string (a text extraction)."""
    from reportparse.sources.text import load_text
    return _validated(build_report(load_text(text)))


def parse_html(html: str) -> "Report":
    """Parse a web page already decoded to a string (e.g. a scraper's `response.text`).

    Give the raw bytes to `parse()` instead when the page's encoding is unknown: it
    reads the BOM and <meta charset> and falls back to GB18030 for GBK pages.
    """
    from reportparse.sources.html import load_html
    return _validated(build_report(load_html(html)))
