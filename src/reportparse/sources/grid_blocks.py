"""A source's table grid → layout Tables, cut where a full-width row is a section
heading (a heading printed as a table row): shared by the HTML and Word sources."""

from __future__ import annotations

from reportparse.layout.model import Block, Cell, Table, TextLine
from reportparse.recognize.headings import is_heading

HEADING_MAX = 60  # a longer text is never a heading


def is_heading_text(text: str) -> bool:
    # Long texts are never headings; checking them first keeps them out of is_heading's cache.
    return len(text) <= HEADING_MAX and is_heading(text)


def _full_width_rows(grid: list[Cell]) -> dict[int, Cell]:
    """Rows holding one cell that spans the whole table width: {row: cell}."""
    width = max(c.last_col for c in grid) + 1
    by_row: dict[int, list[Cell]] = {}
    for c in grid:
        by_row.setdefault(c.row, []).append(c)
    return {
        r: cs[0]
        for r, cs in by_row.items()
        if len(cs) == 1 and cs[0].rowspan == 1 and cs[0].col == 0 and cs[0].colspan == width
    }


def table_blocks(grid: list[Cell], page: int = 1) -> list[Block]:
    """A grid as Tables, cut at full-width rows that are section headings (a heading
    printed as a table row becomes a TextLine between the two parts)."""
    out: list[Block] = []
    full = _full_width_rows(grid) if grid else {}
    part: list[Cell] = []
    first_row = 0

    def close() -> None:
        if any(c.text for c in part):  # an all-blank part is a spacer or an empty frame
            for c in part:
                c.row -= first_row
            out.append(Table(cells=list(part), page=page, ruled=True))

    for row in sorted({c.row for c in grid}):
        heading = full.get(row)
        if heading is not None and is_heading(heading.text):
            close()
            out.append(TextLine(text=heading.text, page=page, paragraph_end=True))
            part, first_row = [], row + 1
            continue
        part.extend(c for c in grid if c.row == row)
    close()
    return out
