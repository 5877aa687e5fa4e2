"""The errors reportparse raises; each carries the CLI exit code that reports it."""

from __future__ import annotations


class ReportParseError(Exception):
    """Base of every error reportparse raises on bad input.

    `exit_code` is the command line's; `kind` names the error in batch records and
    summaries (one word a scraper can group by).
    """

    exit_code = 1
    kind = "error"

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class UsageError(ReportParseError):
    """The call itself is wrong (bad option, missing file argument)."""

    exit_code = 2
    kind = "usage"


class UnreadableInputError(ReportParseError):
    """Not a PDF, text, HTML or Word file; corrupt, encrypted, or without a text layer."""

    exit_code = 3
    kind = "unreadable"


class PasswordRequiredError(UnreadableInputError):
    """An encrypted PDF whose password was not given or is wrong."""

    kind = "encrypted"


class CorruptInputError(UnreadableInputError):
    """A damaged file: truncated, or with structures its reader cannot make sense of."""

    kind = "corrupt"


class NoTextLayerError(UnreadableInputError):
    """A scanned PDF: pages are images, OCR is needed."""

    kind = "no_text_layer"


class GarbledTextError(NoTextLayerError):
    """A PDF whose text layer does not decode to characters (fonts without a usable
    ToUnicode map): what it holds is glyph numbers, not text, so OCR is needed."""

    kind = "garbled_text"


class UnsupportedFormatError(UnreadableInputError):
    """A format that is recognised but cannot be read here (e.g. .doc without LibreOffice)."""

    kind = "unsupported_format"


class OutOfMemoryError(UnreadableInputError):
    """Reading the input needed more memory than the limit (the supervised child's
    address-space cap, or a MemoryError inside a reader)."""

    kind = "out_of_memory"


class WorkerCrashedError(UnreadableInputError):
    """The process reading the input died (a signal, e.g. SIGSEGV inside a C library)."""

    kind = "crashed"


class NotAReportError(ReportParseError):
    """Readable, but not an annual report: no section heading was recognised."""

    exit_code = 4
    kind = "not_a_report"


class ParseTimeoutError(ReportParseError):
    """The whole parse took longer than the time limit."""

    exit_code = 5
    kind = "timeout"


class InternalError(ReportParseError):
    """A bug in reportparse itself (an unexpected exception), reported in one line.

    `detail` holds the traceback text when the error crossed a process boundary."""

    exit_code = 1
    kind = "internal"

    def __init__(self, message: str, detail: str = ""):
        super().__init__(message)
        self.detail = detail


# The command line's exit code for a bug in reportparse itself (an unexpected exception).
INTERNAL_ERROR_EXIT = 1
