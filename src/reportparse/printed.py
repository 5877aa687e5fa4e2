"""Which rows and columns of a template table a report prints, in printed order, with labels.

Shared by the DataFrame (`Report.table`), CSV and Excel outputs: it sits below the
model and the exporters, beside the template it reads.  A report is laid out in the
format version its printed cells fit best; rows or columns it prints from the other
version (a 2023 report with the 2019 row （六）其他处理) are kept, in template order.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from reportparse.template import FORMATS, Column, Row, layout_format, order, template


@dataclass(frozen=True)
class PrintedTable:
    name: str
    format: str
    rows: list[Row]
    columns: list[Column]
    cells: Mapping[str, Any]  # the report's cells (or values) of this table, keyed by cell id

    def cell(self, row: str, column: str) -> Any:
        return self.cells.get(f"{self.name}.{row}.{column}")

    def has_cell(self, row: Row, column: Column) -> bool:
        return column.id in row.columns or f"{self.name}.{row.id}.{column.id}" in self.cells


def printed_table(report: Mapping[str, Any], name: str, format: str | None = None) -> PrintedTable:
    table = report["tables"].get(name) or {"cells": {}}
    return layout_of(name, table["cells"], report["meta"].get("format_version"), format)


def layout_of(
    name: str, cells: Mapping[str, Any], format_version: str | None, format: str | None = None
) -> PrintedTable:
    """`cells`: the report's cells of table `name` (or their values) by cell id; laid out
    in `format`, else in the format they fit best (`format_version` breaks a tie)."""
    fmt = format or layout_format(name, cells, format_version)
    if fmt not in FORMATS:
        raise ValueError(f"no format {fmt!r}: the formats are {', '.join(FORMATS)}")
    main = template(name, fmt)
    other = template(name, next(f for f in FORMATS if f != fmt))
    printed_rows = {cid.split(".")[1] for cid in cells}
    printed_columns = {cid.split(".")[2] for cid in cells}
    row_order, column_order = order(name)
    rows = [_pick(main.rows, other.rows, r, printed_rows) for r in row_order]
    columns = [_pick(main.columns, other.columns, c, printed_columns) for c in column_order]
    return PrintedTable(name, fmt, [r for r in rows if r], [c for c in columns if c], cells)


def _pick(mine, others, entry_id: str, printed: set[str]):
    """The entry as this format prints it; else the other format's when the report prints it."""
    for entry in mine:
        if entry.id == entry_id:
            return entry
    if entry_id in printed:
        return next((e for e in others if e.id == entry_id), None)
    return None
