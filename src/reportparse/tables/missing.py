"""Rows and columns a template table should print but does not: each named in a problem."""

from __future__ import annotations

from collections.abc import Callable

from reportparse.tables.result import TableResult


def report_missing_columns(result: TableResult, expected: Callable[[str], list[str]]) -> None:
    """A column whose header is not printed (a wide table cut at the page edge) is
    named with its cells, never dropped in silence.  `expected(row_id)`: the columns
    every printed row of that kind has."""
    name = result.table
    missing: dict[str, list[str]] = {}
    for row_id in result.rows:
        for column in expected(row_id):
            cell_id = f"{name}.{row_id}.{column}"
            if cell_id not in result.cells:
                missing.setdefault(column, []).append(cell_id)
    for column, cells in missing.items():
        result.problem(
            "missing_column",
            f"table {name}: column {column} is not printed (cut off?): cells {', '.join(cells)} are missing",
            cell=cells[0],
            label=column,
        )


def report_missing_rows(result: TableResult, expected: list[str]) -> None:
    """Rows of `expected` (in template order) not printed: after the last printed one the
    table was cut off; before it, each is missing."""
    if not expected:
        return
    seen = set(result.rows)
    printed = [r for r in expected if r in seen]
    if not printed:
        return
    last = max(expected.index(r) for r in printed)
    after = [r for r in expected[last + 1 :] if r not in seen]
    missing_inside = [r for r in expected[:last] if r not in seen]
    if after:
        result.problem(
            "table_cut_off",
            f"table {result.table} stops after row {expected[last]}: rows {', '.join(after)} are missing",
            label=expected[last],
        )
    for r in missing_inside:
        result.problem("missing_row", f"table {result.table}: row {r} is missing", label=r)
