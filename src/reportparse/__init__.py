"""reportparse: Chinese government information-disclosure annual reports → validated JSON."""

import sys

if sys.argv[:1] == ["-m"]:  # `python -m reportparse` is starting: Ctrl-C now is one line, exit 130
    import signal

    def _interrupted_at_start(signum, frame):
        import os

        os.write(2, b"reportparse: interrupted\n")
        os._exit(130)

    signal.signal(signal.SIGINT, _interrupted_at_start)

from typing import TYPE_CHECKING

from reportparse.errors import (
    CorruptInputError,
    GarbledTextError,
    InternalError,
    NotAReportError,
    NoTextLayerError,
    OutOfMemoryError,
    ParseTimeoutError,
    PasswordRequiredError,
    ReportParseError,
    UnreadableInputError,
    UnsupportedFormatError,
    UsageError,
    WorkerCrashedError,
)

if TYPE_CHECKING:
    from reportparse.api import parse, parse_html, parse_text
    from reportparse.model import Report

__version__ = "0.1.0"

__all__ = [
    "CorruptInputError",
    "GarbledTextError",
    "InternalError",
    "NoTextLayerError",
    "NotAReportError",
    "OutOfMemoryError",
    "ParseTimeoutError",
    "PasswordRequiredError",
    "Report",
    "ReportParseError",
    "UnreadableInputError",
    "UnsupportedFormatError",
    "UsageError",
    "WorkerCrashedError",
    "__version__",
    "compare",
    "parse",
    "parse_html",
    "parse_many",
    "parse_text",
]


def compare(reports):
    """Compare reports of one body year by year (see reportparse.comparison.compare)."""
    from reportparse.comparison import compare as compare_reports

    return compare_reports(reports)


def __getattr__(name: str):
    # Imported on first use: the command line's supervisor needs neither the pipeline nor
    # the pydantic model (its child imports the pipeline), and Ctrl-C during start-up
    # finds little to interrupt.
    if name in ("parse", "parse_html", "parse_text"):
        from reportparse import api

        return getattr(api, name)
    if name == "Report":
        from reportparse.model import Report

        return Report
    if name == "parse_many":  # the worker pool is imported when asked for, like the model
        from reportparse.runner.library import parse_many

        return parse_many
    raise AttributeError(f"module 'reportparse' has no attribute {name!r}")
