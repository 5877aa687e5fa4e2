"""A ruled table's cells from their boxes: each cell's row, column and spans, counted
on the distinct positions of the grid's rules (PDF rules and scanned rules alike)."""

from __future__ import annotations

from bisect import bisect_left

from reportparse.layout.lines import Glyph, cell_text
from reportparse.layout.model import BBox, Cell

_SNAP = 2.5  # grid positions closer than this are one position


def grid_positions(values: list[float]) -> list[float]:
    """The distinct positions among `values` (closer than `_SNAP`: one position)."""
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > _SNAP:
            out.append(v)
    return out


def _index(positions: list[float], value: float) -> int:
    i = bisect_left(positions, value - _SNAP)
    return min(i, len(positions) - 1)


def grid_cells(boxes: list[BBox], members: list[list[Glyph]], page_number: int) -> list[Cell]:
    """The cells of a grid whose cell boxes are `boxes`, each holding the glyphs `members[i]`."""
    xs = grid_positions([b.x0 for b in boxes] + [b.x1 for b in boxes])
    ys = grid_positions([b.top for b in boxes] + [b.bottom for b in boxes])
    cells = []
    for box, glyphs in zip(boxes, members):
        col, last_col = _index(xs, box.x0), _index(xs, box.x1)
        row, last_row = _index(ys, box.top), _index(ys, box.bottom)
        cells.append(
            Cell(
                text=cell_text(glyphs),
                row=row,
                col=col,
                rowspan=max(1, last_row - row),
                colspan=max(1, last_col - col),
                page=page_number,
                bbox=box,
            )
        )
    return cells
