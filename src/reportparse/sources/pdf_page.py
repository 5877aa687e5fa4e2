"""One PDF page's characters and ruling lines → the page of the layout.

Shared by both PDF engines (pdfplumber in pdf.py, pdfium in pdfium.py): each turns a
page into `Glyph`s and `Rule`s in the same coordinates, and everything from there
on — ruled tables, lines, unruled tables, the text column — is this one code.
"""

from __future__ import annotations

from reportparse.layout.lines import Glyph, PositionedLine, group_lines
from reportparse.layout.model import Page, Table, TextLine
from reportparse.layout.stream import split_tables
from reportparse.recognize.furniture import is_page_number
from reportparse.recognize.headings import is_heading
from reportparse.sources.pdf_rules import Rule, ruled_tables

_FULL = 1.5  # a line ending within this many font sizes of the right edge is full


def _text_line(line: PositionedLine, page_number: int, left: float, right: float) -> TextLine:
    box, size = line.bbox, line.size
    return TextLine(
        text=line.text(),
        page=page_number,
        bbox=box,
        indent=(box.x0 - left) / size if size else None,
        full_width=right - box.x1 <= _FULL * size,
        font_size=size,
    )


def _is_boundary(text: str) -> bool:
    return is_heading(text) or is_page_number(text)


def _column(lines: list[PositionedLine]) -> tuple[float, float]:
    """Left and right edge of the page's text column, robust to a few stray lines."""
    if not lines:
        return 0.0, 0.0
    lefts = sorted(l.bbox.x0 for l in lines)
    rights = sorted(l.bbox.x1 for l in lines)
    return lefts[len(lefts) // 10], rights[-1 - len(rights) // 10]


def layout_page(number: int, glyphs: list[Glyph], rules: list[Rule], width: float, height: float) -> Page:
    tables, rest = ruled_tables(rules, number, glyphs)
    lines = group_lines(rest)
    left, right = _column(lines)
    blocks: list[TextLine | Table] = list(tables)
    for item in split_tables(lines, number, right - left, _is_boundary, is_page_number):
        blocks.append(item if isinstance(item, Table) else _text_line(item, number, left, right))
    blocks.sort(key=lambda b: b.bbox.top if b.bbox else 0.0)
    return Page(number=number, blocks=blocks, width=width, height=height)
