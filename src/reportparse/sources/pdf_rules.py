"""Ruled tables on a PDF page: ruling lines → pdfplumber's table cells → a grid.

Only strokes count as rules.  Word processors such as WPS paint a white filled
rectangle behind every line of text; those fills are backgrounds, not borders.
"""
from __future__ import annotations

from bisect import bisect_left

from pdfplumber.page import Page as PlumberPage

from reportparse.layout.lines import Glyph, cell_text
from reportparse.layout.model import BBox, Cell, Table

_THIN = 2.0          # a filled rectangle thinner than this is drawn as a line
_SNAP = 2.5          # grid positions closer than this are one position


def _is_light(color) -> bool:
    if color is None:
        return False
    if isinstance(color, (int, float)):
        color = (color,)
    try:
        values = [float(v) for v in color]
    except (TypeError, ValueError):
        return False
    if len(values) == 4:      # CMYK: light when little ink
        return sum(values) < 0.25
    return bool(values) and min(values) > 0.85


def ruling_edges(page: PlumberPage) -> list[dict]:
    """The page's ruling lines as pdfplumber line-like dicts."""
    edges: list[dict] = [l for l in page.lines if not _is_light(l.get("stroking_color"))]
    for r in page.rects:
        if r.get("stroke") and not _is_light(r.get("stroking_color")):
            edges.append(r)
        elif r.get("fill") and min(r["width"], r["height"]) < _THIN and not _is_light(r.get("non_stroking_color")):
            edges.append(r)
    return edges


def _positions(values: list[float]) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > _SNAP:
            out.append(v)
    return out


def _index(positions: list[float], value: float) -> int:
    i = bisect_left(positions, value - _SNAP)
    return min(i, len(positions) - 1)


def ruled_tables(page: PlumberPage, page_number: int, glyphs: list[Glyph]) -> tuple[list[Table], list[Glyph]]:
    """Find ruled tables; return them and the glyphs that lie outside every table."""
    edges = ruling_edges(page)
    if len(edges) < 4:
        return [], glyphs
    settings = {
        "vertical_strategy": "explicit",
        "horizontal_strategy": "explicit",
        "explicit_vertical_lines": edges,
        "explicit_horizontal_lines": edges,
        "snap_tolerance": 3,
        "intersection_tolerance": 3,
    }
    tables: list[Table] = []
    remaining = glyphs
    for found in page.find_tables(settings):
        boxes = [BBox(*c) for c in found.cells]
        xs = _positions([b.x0 for b in boxes] + [b.x1 for b in boxes])
        ys = _positions([b.top for b in boxes] + [b.bottom for b in boxes])
        if len(xs) < 3:            # one column: a framed paragraph, not a table
            continue
        x0, top, x1, bottom = found.bbox
        inside, outside = [], []
        for g in remaining:
            cx, cy = (g.x0 + g.x1) / 2, (g.top + g.bottom) / 2
            (inside if x0 <= cx <= x1 and top <= cy <= bottom else outside).append(g)
        remaining = outside
        per_cell: list[list[Glyph]] = [[] for _ in boxes]
        # Cells sorted by top so each glyph's candidates are found quickly.
        order = sorted(range(len(boxes)), key=lambda i: boxes[i].top)
        for g in inside:
            cx, cy = (g.x0 + g.x1) / 2, (g.top + g.bottom) / 2
            for i in order:
                b = boxes[i]
                if b.top > cy:
                    break
                if b.x0 <= cx <= b.x1 and b.top <= cy <= b.bottom:
                    per_cell[i].append(g)
                    break
        cells = []
        for box, members in zip(boxes, per_cell):
            col, last_col = _index(xs, box.x0), _index(xs, box.x1)
            row, last_row = _index(ys, box.top), _index(ys, box.bottom)
            cells.append(Cell(
                text=cell_text(members),
                row=row, col=col,
                rowspan=max(1, last_row - row), colspan=max(1, last_col - col),
                page=page_number, bbox=box,
            ))
        tables.append(Table(cells=cells, page=page_number, bbox=BBox(x0, top, x1, bottom), ruled=True))
    return tables, remaining
