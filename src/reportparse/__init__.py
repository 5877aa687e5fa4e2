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
    "parse", "parse_html", "parse_text", "compare", "Report", "ReportParseError", "UsageError", "UnreadableInputError",
    "PasswordRequiredError", "NoTextLayerError", "GarbledTextError", "CorruptInputError", "UnsupportedFormatError",
    "NotAReportError", "ParseTimeoutError",
    "__version__",
]


def compare(reports):
    """Compare reports of one body year by year (see reportparse.comparison.compare)."""
    from reportparse.comparison import compare as compare_reports
    return compare_reports(reports)


def __getattr__(name: str):
    # The pydantic model is imported on first use: the command line never needs it.
    if name == "Report":
        from reportparse.model import Report
        return Report
    raise AttributeError(f"module 'reportparse' has no attribute {name!r}")
