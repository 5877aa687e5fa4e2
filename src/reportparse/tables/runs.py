"""Rows whose values ran together (text without line structure) → cells, by the
digit-split solver with the table's identities as constraints."""

from __future__ import annotations

from dataclasses import dataclass

from reportparse import records
from reportparse.tables.digit_split import Equation, Run, split_runs

_WHY = {
    "ambiguous": "{n} splits fit the identities, so they are left null",
    "impossible": "no split makes the identities hold, so they are left null",
    "too_hard": "the split was not found within the search bound, so they are left null",
    "too_few_digits": "there are fewer numbers than cells, so they are left null",
    "unreadable": "it is not a row of numbers, so they are left null",
}


@dataclass(frozen=True)
class PendingRun:
    run: Run
    page: int


def identities(table: str, cell_ids: set[str], result_rows: list[str], row_order: list[str]) -> list[Equation]:
    from reportparse.identities import definitions

    return [
        (tuple(left), tuple(right))
        for _, _, name, _, left, right in definitions({table: cell_ids}, result_rows, row_order)
        if name == table
    ]


def read_runs(
    table: str,
    pending: list[PendingRun],
    result_cells: dict[str, records.CellRecord],
    unknown: list[str],
    result_rows: list[str],
    row_order: list[str],
) -> list[records.ProblemRecord]:
    """Store each run's cells in `result_cells` (those left unread also in `unknown`);
    return the problems."""
    if not pending:
        return []
    all_ids = set(result_cells) | {c for p in pending for c in p.run.cells}
    known = {cid: rec["value"] for cid, rec in result_cells.items()}
    outcome = split_runs([p.run for p in pending], known, identities(table, all_ids, result_rows, row_order))
    problems = []
    for item in pending:
        run = item.run
        why = outcome.unresolved.get(run)
        for cell_id in run.cells:
            if cell_id in result_cells:
                continue
            value = None if why else outcome.values[cell_id]
            result_cells[cell_id] = records.cell(value, "" if value is None else str(value), item.page)
        if why:
            unknown.extend(run.cells)
            reason = _WHY[why].format(n=outcome.splits.get(run, "several"))
            problems.append(
                records.problem(
                    "digits_run_together",
                    f"table {table}: cells {', '.join(run.cells)} were printed run together as '{run.text}'; {reason}",
                    table=table,
                    page=item.page,
                    cell=run.cells[0],
                    label=run.text,
                )
            )
    return problems
