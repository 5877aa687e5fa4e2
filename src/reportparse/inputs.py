"""Reports to read for compare and audit: report files (parsed), report JSON, or batch records.

A batch's output folder holds `reports.jsonl`: one record a line with `source`, `status`
("ok" or "error"), the report under `report` when ok, and `error` ({exit_code, kind,
message}) when not.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reportparse.errors import ReportParseError, UsageError
from reportparse.records import Record

BATCH_RECORDS = "reports.jsonl"


@dataclass
class Loaded:
    source: str
    report: Record | None = None
    error: Record | None = None  # {exit_code, kind, message} when the report could not be read


def _records(path: Path) -> Iterator[Loaded]:
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError:
                raise UsageError(f"{path}: line {number} is not a JSON record") from None
            if record.get("status") == "ok" and isinstance(record.get("report"), dict):
                yield Loaded(record.get("source") or f"{path}:{number}", report=record["report"])
            else:
                yield Loaded(
                    record.get("source") or f"{path}:{number}",
                    error=record.get("error")
                    or {"exit_code": None, "kind": "error", "message": "the record holds no report"},
                )


def _report_json(path: Path) -> Loaded:
    try:
        data: Any = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise UsageError(f"{path}: not a report JSON (reportparse's output)") from None
    if not (isinstance(data, dict) and {"meta", "tables", "checks"} <= set(data)):
        raise UsageError(f"{path}: not a report JSON (reportparse's output)")
    return Loaded(str(path), report=data)


def load(paths: list[str]) -> list[Loaded]:
    """Each path: a batch folder (its reports.jsonl), a .jsonl of batch records, a report .json, or a report."""
    from reportparse.api import parse_to_data

    out: list[Loaded] = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            if not (path / BATCH_RECORDS).is_file():
                raise UsageError(f"{path} is a folder without {BATCH_RECORDS}: not a batch's output")
            out.extend(_records(path / BATCH_RECORDS))
        elif not path.exists():
            raise UsageError(f"no such file: {name}")
        elif path.suffix == ".jsonl":
            out.extend(_records(path))
        elif path.suffix == ".json":
            out.append(_report_json(path))
        else:
            try:
                out.append(Loaded(name, report=parse_to_data(path)))
            except ReportParseError as e:
                out.append(Loaded(name, error={"exit_code": e.exit_code, "kind": e.kind, "message": e.message}))
    return out
