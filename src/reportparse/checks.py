"""The four accounting identities of the spec (勾稽关系), checked on the printed numbers.

A failed check is a finding about the report, never a reason to change a number.
Status rules (spec): all cells null → skipped; one side's total (or all its parts)
null while the other side is not → incomplete; otherwise a null part counts as 0.
A cell that is not printed at all makes the check incomplete (or skipped when
none of its cells is printed).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from reportparse.identities import definitions
from reportparse.records import CheckRecord, CheckStatus
from reportparse.tables.result import TableResult


def _sum(values: list[int | float | None]) -> int | float:
    total = sum(v for v in values if v is not None)
    return round(total, 6) if isinstance(total, float) else total


def _check(
    check_id: str,
    identity: int,
    table: str,
    description: str,
    left_ids: list[str],
    right_ids: list[str],
    cells: Mapping[str, Mapping[str, Any]],
    unknown: set[str] | frozenset[str] = frozenset(),
) -> CheckRecord:
    ids = left_ids + right_ids
    printed = {i: cells[i]["value"] for i in ids if i in cells}
    left_values = [printed.get(i) for i in left_ids]
    right_values = [printed.get(i) for i in right_ids]
    status: CheckStatus = "passed"
    reason: str | None = None
    if not printed:
        status, reason = "skipped", "none of its cells is printed"
    elif unsure := [i for i in ids if i in unknown]:
        status, reason = "incomplete", f"value not read for sure: {', '.join(unsure)}"
    elif all(v is None for v in printed.values()):
        status, reason = "skipped", "all its cells are blank"
    elif len(printed) < len(ids):
        missing = [i for i in ids if i not in printed]
        status, reason = "incomplete", f"not printed: {', '.join(missing)}"
    elif all(v is None for v in left_values) or all(v is None for v in right_values):
        status, reason = "incomplete", "one side is blank while the other is not"
    left = right = None
    if status == "passed":
        left, right = _sum(left_values), _sum(right_values)
        if abs(left - right) > 1e-6:
            status = "failed"
            reason = f"{left} ≠ {right}"
    return {
        "id": check_id,
        "identity": identity,
        "table": table,
        "description": description,
        "status": status,
        "cells": ids,
        "left": {"cells": left_ids, "value": left},
        "right": {"cells": right_ids, "value": right},
        "reason": reason,
    }


def run_checks(tables: Mapping[str, TableResult]) -> list[CheckRecord]:
    """Every identity over the cells the recognisers found ({table name: its result};
    a table not found is absent).  One that needs a cell a recogniser left null because
    its value could not be read for sure (`unknown`) is incomplete."""
    empty = TableResult()
    cells = {name: tables.get(name, empty).cells for name in ("requests", "appeals")}
    unknown = {cell_id for result in tables.values() for cell_id in result.unknown}
    found = definitions(tables.get("requests", empty).printed_rows)
    return [
        _check(check_id, identity, table, description, left, right, cells[table], unknown)
        for check_id, identity, table, description, left, right in found
    ]
