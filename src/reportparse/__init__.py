"""reportparse: Chinese government information-disclosure annual reports → validated JSON."""
from reportparse.api import parse, parse_text
from reportparse.errors import (NotAReportError, ParseTimeoutError, PasswordRequiredError, ReportParseError,
                                UnreadableInputError, UsageError)
from reportparse.model import Report

__version__ = "0.1.0"

__all__ = [
    "parse", "parse_text", "Report", "ReportParseError", "UsageError", "UnreadableInputError",
    "PasswordRequiredError", "NotAReportError", "ParseTimeoutError", "__version__",
]
