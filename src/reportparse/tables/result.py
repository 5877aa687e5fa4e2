"""What a template table's recogniser found: its cells, the rows printed, its problems."""

from __future__ import annotations

from dataclasses import dataclass, field

from reportparse import records


@dataclass
class TableResult:
    cells: dict[str, records.Record] = field(default_factory=dict)
    pages: list[int] = field(default_factory=list)
    problems: list[records.Record] = field(default_factory=list)
    rows: list[str] = field(default_factory=list)  # row ids whose labels were read, in printed order
    printed_rows: list[str] = field(default_factory=list)  # row ids with a cell, in the order first stored
    formats: set[str] = field(default_factory=set)  # format versions the labels belong to
    # Cells left null because their value could not be read for sure (a merged value,
    # digits run together): the identities that need them are incomplete.
    unknown: list[str] = field(default_factory=list)
    alternatives: dict[str, tuple[str, ...]] = field(default_factory=dict)  # OCR: other readings of a cell

    def put(self, row: str, cell_id: str, cell: records.Record) -> None:
        """Store cell `cell_id` of row `row` (the row counts as printed from then on)."""
        self.cells[cell_id] = cell
        if row not in self.printed_rows:
            self.printed_rows.append(row)
