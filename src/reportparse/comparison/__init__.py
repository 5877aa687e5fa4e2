"""Year-on-year comparison of reports (`reportparse compare`, `reportparse.compare`)."""

from reportparse.comparison.core import compare, compare_records

__all__ = ["compare", "compare_records"]
