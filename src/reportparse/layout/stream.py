"""Tables printed without ruling lines, recovered from how their text lines up.

A line is a table row when it ends in value tokens (numbers, blanks marks) set apart
by wide gaps.  A table region runs from the header lines above its first such row to
the label lines below its last, never across a section heading.  Each line becomes
one grid row; its cells are the runs of text between wide gaps, each with its box,
so recognisers can place values under header cells by position.
"""
from __future__ import annotations

from typing import Callable

from reportparse.layout.lines import PositionedLine, Segment
from reportparse.layout.model import BBox, Cell, Table
from reportparse.tables.values import looks_like_value

_WIDE = 0.9          # a gap wider than this many font sizes separates two cells
_PROSE_WIDTH = 0.7   # a single run wider than this share of the text column is prose


def _cells_of(line: PositionedLine) -> list[Segment]:
    """Wide-gap runs; values inside a run are split at every space."""
    size = line.size
    out: list[Segment] = []
    for seg in line.pieces(_WIDE * size):
        tokens = PositionedLine([g for g in line.glyphs if seg.bbox.x0 <= g.x0 and g.x1 <= seg.bbox.x1]).pieces(min(3.0, 0.3 * size))
        if len(tokens) > 1 and all(looks_like_value(t.text) for t in tokens):
            out.extend(tokens)
        else:
            out.append(seg)
    return out


def _value_run(cells: list[Segment]) -> int:
    n = 0
    for seg in reversed(cells):
        if not looks_like_value(seg.text):
            break
        n += 1
    return n


def _is_value_row(cells: list[Segment]) -> bool:
    run = _value_run(cells)
    numbers = sum(1 for seg in cells[len(cells) - run:] if any(ch.isdigit() for ch in seg.text))
    return (run >= 2 and numbers >= 2) or (run >= 1 and numbers >= 1 and len(cells) > run)


def _is_prose(line: PositionedLine, cells: list[Segment], column_width: float) -> bool:
    if len(cells) != 1:
        return False
    text = cells[0].text
    return cells[0].bbox.x1 - cells[0].bbox.x0 >= _PROSE_WIDTH * column_width or text.endswith(("。", "；", "："))


def split_tables(
    lines: list[PositionedLine],
    page_number: int,
    column_width: float,
    is_boundary: Callable[[str], bool],
) -> list[PositionedLine | Table]:
    """Replace each run of lines that forms an unruled table by one `Table`."""
    cells = [_cells_of(l) for l in lines]
    value_rows = [i for i, c in enumerate(cells) if _is_value_row(c) and not is_boundary(lines[i].text())]
    if not value_rows:
        return list(lines)
    regions: list[tuple[int, int]] = []
    for i in value_rows:
        if regions and all(not is_boundary(lines[k].text()) for k in range(regions[-1][1] + 1, i + 1)):
            regions[-1] = (regions[-1][0], i)
        else:
            regions.append((i, i))
    out: list[PositionedLine | Table] = []
    cursor = 0
    for first, last in regions:
        start = first
        while start - 1 >= cursor and not is_boundary(lines[start - 1].text()) \
                and not _is_prose(lines[start - 1], cells[start - 1], column_width):
            start -= 1
        end = last
        while end + 1 < len(lines) and not is_boundary(lines[end + 1].text()) \
                and not _is_prose(lines[end + 1], cells[end + 1], column_width) \
                and _value_run(cells[end + 1]) == 0 and lines[end + 1].bbox.top - lines[end].bbox.bottom < 2 * lines[end].size:
            end += 1
        out.extend(lines[cursor:start])
        out.append(_table(lines[start:end + 1], cells[start:end + 1], page_number))
        cursor = end + 1
    out.extend(lines[cursor:])
    return out


def _table(lines: list[PositionedLine], cells: list[list[Segment]], page_number: int) -> Table:
    grid: list[Cell] = []
    box: BBox | None = None
    for row, segs in enumerate(cells):
        for col, seg in enumerate(segs):
            grid.append(Cell(text=seg.text, row=row, col=col, page=page_number, bbox=seg.bbox))
            box = seg.bbox if box is None else box.union(seg.bbox)
    return Table(cells=grid, page=page_number, bbox=box, ruled=False)
