"""Tables printed without ruling lines: which runs of a page's lines form one.

A line is a value line when it ends in value tokens (numbers, blank marks) set apart
by gaps.  A table region runs from the header lines above its first value line to the
label lines below its last, never across a section heading; stream_grid.py turns each
region into a grid.
"""

from __future__ import annotations

from collections.abc import Callable

import regex

from reportparse.layout.geometry import union
from reportparse.layout.lines import PositionedLine
from reportparse.layout.model import Cell, Table
from reportparse.layout.stream_grid import unruled_table
from reportparse.layout.stream_words import cells_of, is_value_row, tokens, value_run

_PROSE_WIDTH = 0.7  # a line without wide gaps, wider than this share of the text column, is prose
_PROSE_GAP = 0.8  # running text has at most two gaps wider than this many font sizes
_PROSE_INK = 0.6  # and its characters cover at least this share of its width
_HEADER_WORD = 10  # characters of a header cell, at most
_DIGIT = regex.compile(r"[0-9０-９]")
_CELL_GAP = 3.0  # a gap this many font sizes wide is between table cells, never inside a sentence
_BARE_NUMBER = regex.compile(r"^[0-9０-９,，.．\s]+$")


def _is_prose(line: PositionedLine, column_width: float) -> bool:
    """Running text: a sentence's end, or a line across the text column without the
    wide gaps that separate table cells."""
    text = line.text()
    if text.endswith(("。", "；", "：", "！", "？")):
        return True
    box = line.bbox
    if box.x1 - box.x0 < _PROSE_WIDTH * column_width:
        return False
    glyphs = [g for g in line.glyphs if g.text.strip()]
    size = line.size  # once: line.size is a median over the glyphs
    gaps = [b.x0 - a.x1 for a, b in zip(glyphs, glyphs[1:])]
    if any(g > _CELL_GAP * size for g in gaps):
        return False
    wide_gaps = sum(1 for g in gaps if g > _PROSE_GAP * size)
    inked = sum(g.x1 - g.x0 for g in glyphs) / (box.x1 - box.x0)
    return wide_gaps <= 2 and inked >= _PROSE_INK


def split_tables(
    lines: list[PositionedLine],
    page_number: int,
    column_width: float,
    is_boundary: Callable[[str], bool],
    is_furniture: Callable[[str], bool] = lambda text: False,
) -> list[PositionedLine | Table]:
    """Replace each run of lines that forms an unruled table by one `Table`.

    `is_boundary` tells the lines no table runs across (headings, page numbers);
    `is_furniture` the page numbers and footers below a page's last table.
    """
    cells = [cells_of(l) for l in lines]
    # A bare number inside the page is a piece of a table (a wrapped number), not a
    # page number: those stand first or last on the page.
    boundary = [
        is_boundary(l.text()) and not (0 < i < len(lines) - 1 and _BARE_NUMBER.match(l.text()))
        for i, l in enumerate(lines)
    ]
    # A sentence may end in a number or two; three or more in a row make a table row.
    value_rows = [
        i
        for i, c in enumerate(cells)
        if is_value_row(c) and not boundary[i] and (value_run(c) >= 3 or not _is_prose(lines[i], column_width))
    ]
    footer = len(lines)
    while footer > 0 and is_furniture(lines[footer - 1].text()):
        footer -= 1
    tail = _header_at_page_end(lines[:footer], cells, boundary, column_width, value_rows)
    if tail is not None:
        return (
            split_tables(lines[:tail], page_number, column_width, is_boundary)
            + [_header_table(lines[tail:footer], page_number)]
            + list(lines[footer:])
        )
    if not value_rows:
        return list(lines)
    regions: list[tuple[int, int]] = []
    for i in value_rows:
        if regions and not any(boundary[k] for k in range(regions[-1][1] + 1, i + 1)):
            regions[-1] = (regions[-1][0], i)
        else:
            regions.append((i, i))
    out: list[PositionedLine | Table] = []
    cursor = 0
    for first, last in regions:
        start = first
        while start - 1 >= cursor and not boundary[start - 1] and not _is_prose(lines[start - 1], column_width):
            start -= 1
        end = last
        while (
            end + 1 < len(lines)
            and not boundary[end + 1]
            and not _is_prose(lines[end + 1], column_width)
            and lines[end + 1].bbox.top - lines[end].bbox.bottom < 2 * lines[end].size
        ):
            end += 1
        out.extend(lines[cursor:start])
        out.append(unruled_table(lines[start : end + 1], page_number))
        cursor = end + 1
    out.extend(lines[cursor:])
    return out


def _header_at_page_end(lines, cells, boundary, column_width, value_rows) -> int | None:
    """Where a table's header rows start when the page ends before its first value row
    (the rows follow on the next page): the page's last lines, one of them of three
    or more words or of two cells far apart (行政复议 | 行政诉讼), none of them prose or
    a heading."""
    start = len(lines)
    while (
        start > 0
        and not boundary[start - 1]
        and not _is_prose(lines[start - 1], column_width)
        and (start - 1) not in value_rows
    ):
        start -= 1
    if start == len(lines) or (value_rows and start <= value_rows[-1]):
        return None
    if not any(len(tokens(line)) >= 3 or _short_words(cells[k]) for k, line in enumerate(lines[start:], start)):
        return None
    return start


def _short_words(cells) -> bool:
    """Two or more cells of a few words and no digits (行政复议 | 行政诉讼), not a
    signature or a contact line (which carry dates and numbers)."""
    return len(cells) >= 2 and all(len(c.text) <= _HEADER_WORD and not _DIGIT.search(c.text) for c in cells)


def _header_table(lines: list[PositionedLine], page_number: int) -> Table:
    # No values to show where the columns are: every word is a cell of its own.
    words = [tokens(line) for line in lines]
    grid = [
        Cell(text=seg.text, row=r, col=c, page=page_number, bbox=seg.bbox)
        for r, line_words in enumerate(words)
        for c, seg in enumerate(line_words)
    ]
    return Table(cells=grid, page=page_number, bbox=union([seg.bbox for w in words for seg in w]), ruled=False)
