"""The report's plain-data records, typed, and their builders — shaped exactly as `model.Report` declares.

The pipeline works on plain dicts so that the command line never imports pydantic
(its import and model building cost ~0.12 s, a third of a whole PDF parse);
`api.parse` validates them into the pydantic `Report`, and the tests check that
every record round-trips through the model unchanged.  The record types are
`TypedDict`s: plain dicts at run time, checked by mypy.
"""

from __future__ import annotations

from typing import Any, Literal, NotRequired, TypedDict, cast

Record = dict[str, Any]
Number = int | float

# Every kind of problem the parser reports (README "Problems"; model.Problem.kind).
ProblemKind = Literal[
    "missing_section",
    "missing_table",
    "table_cut_off",
    "missing_row",
    "missing_cells",
    "missing_column",
    "no_header",
    "unmatched_row",
    "duplicate_row",
    "unassigned_value",
    "not_a_number",
    "merged_value",
    "digits_run_together",
    "sideways_text",
    "ocr_low_confidence",
    "ocr_doubtful_digit",
    "ocr_separator",
    "ocr_uncertain_column",
    "ocr_unread_heading",
]


class LocationRecord(TypedDict):
    table: int | None
    row: int | None
    col: int | None
    path: str | None
    line: int | None
    start: int | None
    end: int | None


class CellRecord(TypedDict):
    value: Number | None
    raw: str
    page: int | None
    bbox: list[float] | None
    location: LocationRecord | None
    confidence: NotRequired[float]  # read by OCR only


class ProblemRecord(TypedDict):
    kind: ProblemKind
    message: str
    table: str | None
    section: int | None
    page: int | None
    cell: str | None
    label: str | None


class TableRecord(TypedDict):
    found: bool
    pages: list[int]
    cells: dict[str, CellRecord]


class SectionRecord(TypedDict):
    number: int
    key: str
    heading: str
    text: str
    page_start: int | None
    page_end: int | None


class MetaRecord(TypedDict):
    title: str | None
    agency: str | None
    year: int | None
    publication_date: str | None
    format_version: str | None
    source_format: str
    pages: int | None


class SideRecord(TypedDict):
    cells: list[str]
    value: Number | None


CheckStatus = Literal["passed", "failed", "incomplete", "skipped"]


class CheckRecord(TypedDict):
    id: str
    identity: int
    table: str
    description: str
    status: CheckStatus
    cells: list[str]
    left: SideRecord
    right: SideRecord
    reason: str | None


class ReportRecord(TypedDict):
    meta: MetaRecord
    sections: list[SectionRecord]
    tables: dict[str, TableRecord]
    checks: list[CheckRecord]
    problems: list[ProblemRecord]


def problem(
    kind: ProblemKind,
    message: str,
    *,
    table: str | None = None,
    section: int | None = None,
    page: int | None = None,
    cell: str | None = None,
    label: str | None = None,
) -> ProblemRecord:
    return {
        "kind": kind,
        "message": message,
        "table": table,
        "section": section,
        "page": page,
        "cell": cell,
        "label": label,
    }


def cell(
    value: Number | None,
    raw: str,
    page: int | None,
    bbox: list[float] | None = None,
    location: LocationRecord | None = None,
    confidence: float | None = None,
) -> CellRecord:
    record: CellRecord = {"value": value, "raw": raw, "page": page, "bbox": bbox, "location": location}
    if confidence is not None:  # read by OCR; other sources' cells stay as they were
        record["confidence"] = confidence
    return record


def location(**where: int | str | None) -> LocationRecord:
    """Where a cell stands in a source without pages: its table, grid row and column (HTML,
    Word; 0-based), the element path (HTML), or its line (1-based) and character span (text).
    Every field of LocationRecord is present, in its order; those not given are None."""
    fields = LocationRecord.__annotations__
    if not where.keys() <= fields.keys():
        raise TypeError(f"location() got unknown fields: {sorted(where.keys() - fields.keys())}")
    return cast(LocationRecord, dict.fromkeys(fields) | where)
