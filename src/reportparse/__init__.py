"""reportparse: Chinese government information-disclosure annual reports → validated JSON."""
from typing import TYPE_CHECKING

from reportparse.api import parse, parse_html, parse_text
from reportparse.errors import (CorruptInputError, GarbledTextError, NotAReportError, NoTextLayerError,
                                ParseTimeoutError, PasswordRequiredError, ReportParseError, UnreadableInputError,
                                UnsupportedFormatError, UsageError)

if TYPE_CHECKING:
    from reportparse.model import Report

__version__ = "0.1.0"

__all__ = [
    "parse", "parse_html", "parse_text", "parse_many", "Report", "ReportParseError", "UsageError", "UnreadableInputError",
    "PasswordRequiredError", "NoTextLayerError", "GarbledTextError", "CorruptInputError", "UnsupportedFormatError",
    "NotAReportError", "ParseTimeoutError",
    "__version__",
]


def __getattr__(name: str):
    # The pydantic model is imported on first use: the command line never needs it.
    if name == "Report":
        from reportparse.model import Report
        return Report
    if name == "parse_many":      # the worker pool is imported when asked for, like the model
        from reportparse.runner.library import parse_many
        return parse_many
    raise AttributeError(f"module 'reportparse' has no attribute {name!r}")
