"""Rows whose values ran together (text without line structure) → cells, by the
digit-split solver with the table's identities as constraints."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass

from reportparse import records
from reportparse.identities import definitions
from reportparse.tables.digit_split import Equation, Run, split_runs
from reportparse.tables.result import TableResult

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
    rows: Mapping[str, str]  # the row id of each cell of the run


def identities(table: str, printed_rows: Collection[str]) -> list[Equation]:
    """The identities of `table` (with requests rows `printed_rows` printed)."""
    return [(tuple(left), tuple(right)) for _, _, name, _, left, right in definitions(printed_rows) if name == table]


def read_runs(table: str, pending: list[PendingRun], result: TableResult) -> list[records.ProblemRecord]:
    """Store each run's cells in `result` (those left unread also in its `unknown`);
    return the problems."""
    if not pending:
        return []
    printed_rows = set(result.printed_rows) | {r for p in pending for r in p.rows.values()}
    known = {cid: rec["value"] for cid, rec in result.cells.items()}
    outcome = split_runs([p.run for p in pending], known, identities(table, printed_rows))
    problems = []
    for item in pending:
        run = item.run
        why = outcome.unresolved.get(run)
        for cell_id in run.cells:
            if cell_id in result.cells:
                continue
            value = None if why else outcome.values[cell_id]
            result.put(item.rows[cell_id], cell_id, records.cell(value, "" if value is None else str(value), item.page))
        if why:
            result.unknown.extend(run.cells)
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
