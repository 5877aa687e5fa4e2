"""Ruled tables on a PDF page: ruling lines → table cells (pdf_grid.py) → a grid.

Only strokes count as rules.  Word processors such as WPS paint a white filled
rectangle behind every line of text; those fills are backgrounds, not borders.
Both PDF engines describe a page's lines and rectangles as `Rule`s, so the tables
found do not depend on the engine.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from typing import Any

from reportparse.layout.geometry import union
from reportparse.layout.lines import Glyph, cell_text
from reportparse.layout.model import BBox, Cell, Table
from reportparse.sources.pdf_grid import Edge, Extent, find_tables

_THIN = 2.0  # a filled rectangle thinner than this is drawn as a line
_SNAP = 2.5  # grid positions closer than this are one position


@dataclass(slots=True)
class Rule(Extent):
    """A straight line or an axis-aligned rectangle painted on the page."""

    kind: str = "line"  # "line" or "rect"
    stroke: bool = False
    fill: bool = False
    stroking_color: Any = None
    non_stroking_color: Any = None

    def edges(self) -> list[Edge]:
        """pdfplumber's obj_to_edges: a line is one edge (horizontal only when exactly
        level: a slanted line counts as vertical at its left end), a rectangle four."""
        if self.kind == "line":
            orientation = "h" if self.top == self.bottom else "v"
            return [Edge(self.x0, self.top, self.x1, self.bottom, self.width, self.height, orientation)]
        low = self.top + self.height
        return [
            Edge(self.x0, self.top, self.x1, self.top, self.width, 0.0, "h"),
            Edge(self.x0, low, self.x1, self.bottom, self.width, 0.0, "h"),
            Edge(self.x0, self.top, self.x0, self.bottom, 0.0, self.height, "v"),
            Edge(self.x1, self.top, self.x1, self.bottom, 0.0, self.height, "v"),
        ]


def _is_light(color) -> bool:
    if color is None:
        return False
    if isinstance(color, (int, float)):
        color = (color,)
    try:
        values = [float(v) for v in color]
    except (TypeError, ValueError):
        return False
    if len(values) == 4:  # CMYK: light when little ink
        return sum(values) < 0.25
    return bool(values) and min(values) > 0.85


def ruling_rules(rules: list[Rule]) -> list[Rule]:
    """The rules that are drawn borders: dark strokes and thin dark fills."""
    out = []
    for r in rules:
        if ((r.kind == "line" or r.stroke) and not _is_light(r.stroking_color)) or (
            r.kind == "rect" and r.fill and min(r.width, r.height) < _THIN and not _is_light(r.non_stroking_color)
        ):
            out.append(r)
    return out


def _positions(values: list[float]) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > _SNAP:
            out.append(v)
    return out


def _index(positions: list[float], value: float) -> int:
    i = bisect_left(positions, value - _SNAP)
    return min(i, len(positions) - 1)


class _CellIndex:
    """Which cell holds a point: the first cell, by top, whose box holds it.

    Cells are bucketed by the horizontal bands between their tops and bottoms, so a
    point is tested against the cells of its band only, not against every cell."""

    def __init__(self, boxes: list[BBox]):
        self.order = sorted(range(len(boxes)), key=lambda i: boxes[i].top)
        self.boxes = boxes
        self.bounds = sorted({b.top for b in boxes} | {b.bottom for b in boxes})
        self.bands: list[list[int]] = [[] for _ in self.bounds]
        for rank, i in enumerate(self.order):
            b = boxes[i]
            for band in range(bisect_left(self.bounds, b.top), bisect_left(self.bounds, b.bottom) + 1):
                self.bands[band].append(rank)

    def find(self, cx: float, cy: float) -> int | None:
        # A point on a band's bound lies in the bands on both sides of it.
        first = max(0, bisect_left(self.bounds, cy) - 1)
        last = min(len(self.bounds) - 1, bisect_right(self.bounds, cy))
        best = None
        for band in range(first, last + 1):
            for rank in self.bands[band]:
                if best is not None and rank >= best:
                    break
                b = self.boxes[self.order[rank]]
                if b.x0 <= cx <= b.x1 and b.top <= cy <= b.bottom:
                    best = rank
                    break
        return None if best is None else self.order[best]


def grid_cell(text: str, box: BBox, xs: list[float], ys: list[float], page_number: int) -> Cell:
    """A ruled cell on its table's grid (`xs`, `ys`: the grid's positions): the row and
    column it starts in and how many it spans."""
    col, last_col = _index(xs, box.x0), _index(xs, box.x1)
    row, last_row = _index(ys, box.top), _index(ys, box.bottom)
    return Cell(
        text=text,
        row=row,
        col=col,
        rowspan=max(1, last_row - row),
        colspan=max(1, last_col - col),
        page=page_number,
        bbox=box,
    )


def _table(boxes: list[BBox], area: BBox, page_number: int, glyphs: list[Glyph]) -> Table:
    xs = _positions([b.x0 for b in boxes] + [b.x1 for b in boxes])
    ys = _positions([b.top for b in boxes] + [b.bottom for b in boxes])
    per_cell: list[list[Glyph]] = [[] for _ in boxes]
    index = _CellIndex(boxes)
    for g in glyphs:
        home = index.find((g.x0 + g.x1) / 2, (g.top + g.bottom) / 2)
        if home is not None:
            per_cell[home].append(g)
    cells = [grid_cell(cell_text(members), box, xs, ys, page_number) for box, members in zip(boxes, per_cell)]
    return Table(cells=cells, page=page_number, bbox=area, ruled=True)


def ruled_tables(rules: list[Rule], page_number: int, glyphs: list[Glyph]) -> tuple[list[Table], list[Glyph]]:
    """Find ruled tables; return them and the glyphs that lie outside every table."""
    borders = ruling_rules(rules)
    if len(borders) < 4:
        return [], glyphs
    tables: list[Table] = []
    remaining = glyphs
    for found in find_tables([e for r in borders for e in r.edges()]):
        if len(_positions([c[0] for c in found] + [c[2] for c in found])) < 3:
            continue  # one column: a framed paragraph, not a table
        boxes = [BBox(*c) for c in found]
        area = union(boxes)
        inside: list[Glyph] = []
        outside: list[Glyph] = []
        for g in remaining:
            cx, cy = (g.x0 + g.x1) / 2, (g.top + g.bottom) / 2
            (inside if area.x0 <= cx <= area.x1 and area.top <= cy <= area.bottom else outside).append(g)
        remaining = outside
        tables.append(_table(boxes, area, page_number, inside))
    return tables, remaining
