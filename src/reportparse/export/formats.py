"""The report as JSON (Chinese unescaped) or as the spec's `cell_id<TAB>value` listing.

Both take the report as plain data (`Report.model_dump(mode="json")` gives the same).
"""

from __future__ import annotations

import json

from reportparse.records import Record


def to_json(report: Record, *, pretty: bool = False) -> str:
    return json.dumps(
        report, ensure_ascii=False, indent=2 if pretty else None, separators=None if pretty else (",", ":")
    )


def format_value(value: float | None) -> str:
    if value is None:
        return ""
    return repr(value) if isinstance(value, float) else str(value)


def cell_values(report: Record) -> dict[str, int | float | None]:
    """{cell_id: value} for every printed cell, sorted by cell id."""
    found = {cid: cell["value"] for table in report["tables"].values() for cid, cell in table["cells"].items()}
    return dict(sorted(found.items()))


def to_cells(report: Record) -> str:
    return "".join(f"{cid}\t{format_value(v)}\n" for cid, v in cell_values(report).items())


def schema_json() -> str:
    from reportparse.model import Report

    return json.dumps(Report.model_json_schema(), ensure_ascii=False, indent=2)
