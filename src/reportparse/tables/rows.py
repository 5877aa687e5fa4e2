"""Table fragments → a uniform list of rows: label cells, value cells, inherited labels.

Works the same for ruled grids, unruled tables and text tables.  Positions are
x-intervals: the cell's box for PDF, its grid columns for sources without boxes.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from reportparse.layout.geometry import overlap
from reportparse.layout.model import Across, Cell, Table, trailing_values


@dataclass(slots=True)
class Span(Across):
    """Where a cell stands across the table, in points (PDF) or grid columns."""

    x0: float
    x1: float
    center = Across.x_center

    def overlap(self, other: Span) -> float:
        return max(0.0, overlap(self.x0, self.x1, other.x0, other.x1))

    def covers(self, x: float) -> bool:
        return self.x0 <= x <= self.x1


@dataclass(slots=True)
class RowView:
    cells: list[Cell]
    fragment: int  # index of the table fragment it came from
    positioned: bool  # True when spans are in points
    ruled: bool = True  # False: recovered from text alignment
    # Label cells of earlier rows that are merged down over this row (rowspan).
    inherited: list[Cell] = field(default_factory=list)
    # Value cells of earlier rows merged down over this row: one value printed for several rows.
    spanned: list[Cell] = field(default_factory=list)
    runs: bool = False  # its values may have run together (see layout Table.runs)

    def span(self, cell: Cell) -> Span:
        return span_of(cell, self.positioned)

    @property
    def page(self) -> int:
        return self.cells[0].page if self.cells else 0

    def value_cells(self) -> list[Cell]:
        """The trailing run of cells that hold values or blank marks."""
        if self.runs:
            return self.cells[-1:] if self.cells and self.cells[-1].run.is_run else []
        return trailing_values(self.cells)

    def label_cells(self) -> list[Cell]:
        values = {id(c) for c in self.value_cells()}
        return [c for c in self.cells if id(c) not in values and c.text.strip()]

    def has_values(self) -> bool:
        return any(c.text.strip() for c in self.value_cells())

    def text(self) -> str:
        return " ".join(c.text for c in self.cells if c.text.strip())


def span_of(cell: Cell, positioned: bool) -> Span:
    if positioned and cell.bbox is not None:
        return Span(cell.bbox.x0, cell.bbox.x1)
    return Span(float(cell.col), float(cell.col + cell.colspan))


def rows_of(fragments: list[Table]) -> list[RowView]:
    out: list[RowView] = []
    for index, table in enumerate(fragments):
        positioned = all(c.bbox is not None for c in table.cells)
        open_spans: list[Cell] = []
        for grid_row in table.rows():
            if not grid_row:
                continue
            row_number = grid_row[0].row
            open_spans = [c for c in open_spans if c.last_row >= row_number]
            values = [c for c in open_spans if c.is_value or not c.text.strip()]
            value_ids = {id(c) for c in values}
            out.append(
                RowView(
                    cells=grid_row,
                    fragment=index,
                    positioned=positioned,
                    ruled=table.ruled,
                    inherited=[c for c in open_spans if c.text.strip() and id(c) not in value_ids],
                    spanned=values,
                    runs=table.runs,
                )
            )
            open_spans.extend(c for c in grid_row if c.rowspan > 1)
    return out
