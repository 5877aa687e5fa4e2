"""Builders of the report's plain-data records, shaped exactly as `model.Report` declares.

The pipeline works on plain dicts so that the command line never imports pydantic
(its import and model building cost ~0.12 s, a third of a whole PDF parse);
`api.parse` validates them into the pydantic `Report`, and the tests check that
every record round-trips through the model unchanged.
"""

from __future__ import annotations

from typing import Any

Record = dict[str, Any]


def problem(
    kind: str,
    message: str,
    *,
    table: str | None = None,
    section: int | None = None,
    page: int | None = None,
    cell: str | None = None,
    label: str | None = None,
) -> Record:
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
    value: int | float | None,
    raw: str,
    page: int | None,
    bbox: list[float] | None = None,
    location: Record | None = None,
    confidence: float | None = None,
) -> Record:
    record = {"value": value, "raw": raw, "page": page, "bbox": bbox, "location": location}
    if confidence is not None:  # read by OCR; other sources' cells stay as they were
        record["confidence"] = confidence
    return record


def location(
    *,
    table: int | None = None,
    row: int | None = None,
    col: int | None = None,
    path: str | None = None,
    line: int | None = None,
    start: int | None = None,
    end: int | None = None,
) -> Record:
    """Where a cell stands in a source without pages: its table, grid row and column (HTML,
    Word; 0-based), the element path (HTML), or its line (1-based) and character span (text)."""
    return {"table": table, "row": row, "col": col, "path": path, "line": line, "start": start, "end": end}
