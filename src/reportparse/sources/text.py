"""Plain-text source: a text extraction of a report → the layout.

Paragraphs are lines (blank lines mark their ends); a page break is a form feed.
Table rows are lines cut by tabs, or lines ending in a run of numbers; a table is
a run of such rows with the short header lines around them.
"""

from __future__ import annotations

import regex

from reportparse import limits, records
from reportparse.layout.model import Cell, Document, Page, Table, TextLine
from reportparse.recognize.headings import is_heading
from reportparse.sources import text_oneline
from reportparse.values import looks_like_value

_WIDE_SPACE = regex.compile(r"\t| {2,}|\u3000{1,}")
_INDENT = regex.compile(r"^[ \u3000]*")


def _cells(line: str) -> list[str]:
    """A row's cell texts: cut at tabs (kept positional) or wide spaces; numbers split apart."""
    if "\t" in line:
        parts = line.rstrip("\n").split("\t")
    else:
        parts = [p for p in _WIDE_SPACE.split(line.strip()) if p]
    out: list[str] = []
    for part in parts:
        tokens = part.split()
        if len(tokens) > 1 and all(looks_like_value(t) for t in tokens):
            out.extend(tokens)
        else:
            out.append(part.strip())
    while out and not out[-1]:
        out.pop()
    return out


def _is_row(cells: list[str], raw: str) -> bool:
    if "\t" in raw:
        return True
    values = 0
    for text in reversed(cells):
        if not looks_like_value(text):
            break
        values += 1
    return values >= 2 or (values == 1 and len(cells) >= 2)


def _header_like(block: TextLine | Table) -> bool:
    return (
        isinstance(block, TextLine)
        and not block.paragraph_end
        and len(block.text) <= 40
        and not is_heading(block.text)
        and not block.text.endswith(("。", "；", "："))
    )


def _spans(texts: list[str], line: str) -> list[tuple[int, int] | None]:
    """Where each cell text stands in its line, searched left to right."""
    out: list[tuple[int, int] | None] = []
    pos = 0
    for text in texts:
        at = line.find(text, pos) if text else -1
        out.append((at, at + len(text)) if at >= 0 else None)
        pos = at + len(text) if at >= 0 else pos
    return out


def _table(rows: list[list[str]], page: int, lines: list[tuple[int, str] | None]) -> Table:
    """`lines`: each row's (line number, line) in the whole text, None for a header line moved in."""
    cells = []
    for r, (row, where) in enumerate(zip(rows, lines)):
        spans = _spans(row, where[1]) if where else [None] * len(row)
        for c, (text, span) in enumerate(zip(row, spans)):
            origin = records.location(line=where[0], start=span[0], end=span[1]) if where and span else None
            cells.append(Cell(text=text, row=r, col=c, page=page, origin=origin))
    return Table(cells=cells, page=page, ruled=False)


def _page(text: str, number: int, first_line: int = 1) -> Page:
    blocks: list[TextLine | Table] = []
    pending_rows: list[list[str]] = []
    pending_lines: list[tuple[int, str] | None] = []
    for line_number, raw in enumerate(text.split("\n"), first_line):
        limits.check()
        line = raw.rstrip("\r")
        cells = _cells(line)
        if line.strip() and not is_heading(line) and _is_row(cells, line):
            # Short header lines just above the first row belong to the table.
            while not pending_rows and blocks and _header_like(blocks[-1]):
                header = blocks.pop()
                assert isinstance(header, TextLine)  # _header_like holds only for text lines
                pending_rows.insert(0, _cells(header.text))
                pending_lines.insert(0, None)
            pending_rows.append(cells)
            pending_lines.append((line_number, line))
            continue
        if pending_rows:
            blocks.append(_table(pending_rows, number, pending_lines))
            pending_rows, pending_lines = [], []
        if not line.strip():
            if blocks and isinstance(blocks[-1], TextLine):
                blocks[-1].paragraph_end = True
            continue
        indent = len(_INDENT.match(line).group(0).replace("\u3000", "  ")) / 2
        blocks.append(TextLine(text=line.strip(), page=number, indent=indent or None))
    if pending_rows:
        blocks.append(_table(pending_rows, number, pending_lines))
    if blocks and isinstance(blocks[-1], TextLine):
        blocks[-1].paragraph_end = True
    return Page(number=number, blocks=blocks)


def load_text(text: str) -> Document:
    pages, first_line = [], 1
    for i, chunk in enumerate(text.replace("\r\n", "\n").split("\f")):
        pages.append(_page(chunk, i + 1, first_line))
        first_line += chunk.count("\n")
    document = Document(pages=pages, source_format="text", pages_total=len(pages))
    if (
        text_oneline.applies(text)
        and sum(1 for b in document.blocks() if isinstance(b, TextLine) and is_heading(b.text)) < 3
    ):
        # Its line breaks were lost (a crawler's page text): headings stand inline.
        return text_oneline.load_oneline(text) or document
    return document
