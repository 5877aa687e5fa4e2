"""The report as JSON (Chinese unescaped) or as a `cell_id<TAB>value` listing."""
from __future__ import annotations

import json

from reportparse.model import Report


def to_json(report: Report, *, pretty: bool = False) -> str:
    data = report.model_dump(mode="json")
    return json.dumps(data, ensure_ascii=False, indent=2 if pretty else None,
                      separators=None if pretty else (",", ":"))


def format_value(value) -> str:
    if value is None:
        return ""
    return repr(value) if isinstance(value, float) else str(value)


def to_cells(report: Report) -> str:
    return "".join(f"{cid}\t{format_value(v)}\n" for cid, v in report.cells().items())


def schema_json() -> str:
    return json.dumps(Report.model_json_schema(), ensure_ascii=False, indent=2)
