"""What a template table's recogniser found: its cells, the rows printed, its problems."""

from __future__ import annotations

from dataclasses import dataclass, field

from reportparse import records
from reportparse.values import ParsedValue


@dataclass
class TableResult:
    table: str = ""  # the template table's name
    cells: dict[str, records.CellRecord] = field(default_factory=dict)
    pages: list[int] = field(default_factory=list)
    problems: list[records.ProblemRecord] = field(default_factory=list)
    rows: list[str] = field(default_factory=list)  # row ids whose labels were read, in printed order
    printed_rows: list[str] = field(default_factory=list)  # row ids with a cell, in the order first stored
    formats: set[str] = field(default_factory=set)  # format versions the labels belong to
    # Cells left null because their value could not be read for sure (a merged value,
    # digits run together): the identities that need them are incomplete.
    unknown: list[str] = field(default_factory=list)
    # OCR: other readings of a cell, each with its value
    alternatives: dict[str, tuple[tuple[str, ParsedValue], ...]] = field(default_factory=dict)

    def put(self, row: str, cell_id: str, cell: records.CellRecord) -> None:
        """Store cell `cell_id` of row `row` (the row counts as printed from then on)."""
        self.cells[cell_id] = cell
        if row not in self.printed_rows:
            self.printed_rows.append(row)

    def problem(
        self,
        kind: records.ProblemKind,
        message: str,
        *,
        page: int | None = None,
        cell: str | None = None,
        label: str | None = None,
    ) -> None:
        """Report a problem of this table."""
        self.problems.append(records.problem(kind, message, table=self.table, page=page, cell=cell, label=label))
