"""The errors reportparse raises; each carries the CLI exit code that reports it."""

from __future__ import annotations

from typing import Any


class ReportParseError(Exception):
    """Base of every error reportparse raises on bad input.

    `exit_code` is the command line's; `kind` names the error in batch records and
    summaries (one word a scraper can group by).  A subclass names them in its class
    line, `class CorruptInputError(UnreadableInputError, kind="corrupt")`, and inherits
    what it does not name.
    """

    exit_code = 1
    kind = "error"

    def __init_subclass__(cls, *, kind: str | None = None, exit_code: int | None = None, **options: Any) -> None:
        super().__init_subclass__(**options)
        if kind is not None:
            cls.kind = kind
        if exit_code is not None:
            cls.exit_code = exit_code

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class UsageError(ReportParseError, kind="usage", exit_code=2):
    """The call itself is wrong (bad option, missing file argument)."""


class UnreadableInputError(ReportParseError, kind="unreadable", exit_code=3):
    """Not a PDF, text, HTML or Word file; corrupt, encrypted, or without a text layer."""


class PasswordRequiredError(UnreadableInputError, kind="encrypted"):
    """An encrypted PDF whose password was not given or is wrong."""


class CorruptInputError(UnreadableInputError, kind="corrupt"):
    """A damaged file: truncated, or with structures its reader cannot make sense of."""


class NoTextLayerError(UnreadableInputError, kind="no_text_layer"):
    """A scanned PDF: pages are images, OCR is needed."""


class GarbledTextError(NoTextLayerError, kind="garbled_text"):
    """A PDF whose text layer does not decode to characters (fonts without a usable
    ToUnicode map): what it holds is glyph numbers, not text, so OCR is needed."""


class UnsupportedFormatError(UnreadableInputError, kind="unsupported_format"):
    """A format that is recognised but cannot be read here (e.g. .doc without LibreOffice)."""


class OutOfMemoryError(UnreadableInputError, kind="out_of_memory"):
    """Reading the input needed more memory than the limit (the supervised child's
    address-space cap, or a MemoryError inside a reader)."""


class WorkerCrashedError(UnreadableInputError, kind="crashed"):
    """The process reading the input died (a signal, e.g. SIGSEGV inside a C library)."""


class NotAReportError(ReportParseError, kind="not_a_report", exit_code=4):
    """Readable, but not an annual report: no section heading was recognised."""


class ParseTimeoutError(ReportParseError, kind="timeout", exit_code=5):
    """The whole parse took longer than the time limit."""


class InternalError(ReportParseError, kind="internal", exit_code=1):
    """A bug in reportparse itself (an unexpected exception), reported in one line.

    `detail` holds the traceback text when the error crossed a process boundary."""

    def __init__(self, message: str, detail: str = ""):
        super().__init__(message)
        self.detail = detail


# The command line's exit code for a bug in reportparse itself (an unexpected exception).
INTERNAL_ERROR_EXIT = 1
