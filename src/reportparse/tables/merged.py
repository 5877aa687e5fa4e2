"""A value printed once for several rows (spec: "Values printed once for several rows")."""

from __future__ import annotations

from reportparse.layout.model import Cell
from reportparse.tables.result import TableResult


def settle_merged(result: TableResult, merged: list[tuple[Cell, list[str]]]) -> None:
    """For each merged value cell and the cell ids it was stored under: 0 or a blank
    holds for each row; any other number cannot be split, so those cells are null and
    a problem names them."""
    for cell, cell_ids in merged:
        value = result.cells[cell_ids[0]]["value"]
        if len(cell_ids) < 2 or value in (None, 0):
            continue
        for cell_id in cell_ids:
            result.cells[cell_id]["value"] = None
        result.unknown.extend(cell_ids)
        result.problem(
            "merged_value",
            f"table {result.table}: '{cell.text}' is printed once for cells {', '.join(cell_ids)}; "
            "a number other than 0 cannot be split between them, so they are left null",
            page=cell.page,
            cell=cell_ids[0],
            label=cell.text,
        )
