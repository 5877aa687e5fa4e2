"""PDF source: pdfplumber pages → the layout (text lines, ruled and unruled tables)."""
from __future__ import annotations

import io
from statistics import median

import pdfplumber
from pdfminer.pdfdocument import PDFPasswordIncorrect
from pdfminer.psparser import PSException

from reportparse.errors import NoTextLayerError, PasswordRequiredError, UnreadableInputError
from reportparse.layout.lines import Glyph, PositionedLine, group_lines
from reportparse.layout.model import Document, Page, Table, TextLine
from reportparse.layout.stream import split_tables
from reportparse.recognize.furniture import is_page_number
from reportparse.recognize.headings import is_heading
from reportparse.sources.pdf_rules import ruled_tables

_FULL = 1.5          # a line ending within this many font sizes of the right edge is full


def _glyphs(page) -> list[Glyph]:
    return [Glyph(c["text"], c["x0"], c["x1"], c["top"], c["bottom"], c.get("size") or (c["bottom"] - c["top"]))
            for c in page.chars]


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


def _read_page(page, number: int) -> Page:
    glyphs = _glyphs(page)
    tables, rest = ruled_tables(page, number, glyphs)
    lines = group_lines(rest)
    left, right = _column(lines)
    blocks: list[TextLine | Table] = list(tables)
    for item in split_tables(lines, number, right - left, _is_boundary, is_page_number):
        blocks.append(item if isinstance(item, Table) else _text_line(item, number, left, right))
    blocks.sort(key=lambda b: b.bbox.top if b.bbox else 0.0)
    return Page(number=number, blocks=blocks, width=float(page.width), height=float(page.height))


def load_pdf(data: bytes, *, password: str | None = None, max_pages: int | None = None) -> Document:
    try:
        pdf = pdfplumber.open(io.BytesIO(data), password=password or "")
    except PDFPasswordIncorrect:
        if password:
            raise PasswordRequiredError("the PDF is encrypted and the password given is wrong") from None
        raise PasswordRequiredError("the PDF is encrypted: a password is needed (use --password)") from None
    except (PSException, ValueError, KeyError, TypeError, AttributeError, RecursionError) as e:
        raise UnreadableInputError(f"the PDF is corrupt and cannot be read ({type(e).__name__})") from None
    with pdf:
        try:
            total = len(pdf.pages)
            pages = [_read_page(p, i + 1) for i, p in enumerate(pdf.pages[:max_pages] if max_pages else pdf.pages)]
        except (PSException, ValueError, KeyError, TypeError, AttributeError, RecursionError, AssertionError) as e:
            raise UnreadableInputError(f"the PDF is corrupt and cannot be read ({type(e).__name__})") from None
    if not any(p.blocks for p in pages):
        raise NoTextLayerError("the PDF has no text layer (scanned pages?): OCR is needed")
    return Document(pages=pages, source_format="pdf", pages_total=total)
