"""One page image → the layout's page: OCR words become glyphs, rules become grids.

The page is straightened, its rules are found and erased, text lines are detected on
a reduced copy and read at full resolution.  Each character becomes a glyph placed
where its ink is, carrying the model's confidence, so the rest is the PDF source's
own path: glyphs inside a ruled grid fill its cells, the others form lines and
unruled tables.  Positions are converted to PDF points.
"""

from __future__ import annotations

import cv2
import numpy as np

from reportparse.layout.grid import grid_cells
from reportparse.layout.lines import Glyph, group_lines
from reportparse.layout.model import BBox, Cell, Page, Table, TextLine
from reportparse.layout.stream import split_tables
from reportparse.recognize.furniture import is_page_number
from reportparse.sources.ocr import raster
from reportparse.sources.ocr.engine import engine
from reportparse.sources.ocr.glyphs import OcrGlyph, place_glyphs, read_pieces
from reportparse.sources.ocr.pieces import detected_lines, pieces
from reportparse.sources.ocr.raster import Box, Grid
from reportparse.sources.pdf_page import _column, _is_boundary, _text_line

_OTHER_SEPARATOR = {".": ",", ",": ".", "．": "，", "，": "．"}


def _to_box(box: Box, points: float) -> BBox:
    return BBox(box.x0 * points, box.top * points, box.x1 * points, box.bottom * points)


def _alternatives(members: list[Glyph], text: str) -> tuple[str, ...]:
    """Readings of `text` that change one doubtful digit to the model's next choice."""
    ordered = [g for line in group_lines(members) for g in line.glyphs if g.text.strip()]
    digit_positions = [i for i, ch in enumerate(text) if ch.isdigit()]
    digit_glyphs = [g for g in ordered if g.text.isdigit()]
    if len(digit_positions) != len(digit_glyphs):
        return ()
    ranked = sorted(
        (
            (g.confidence, i, g.alternative)
            for i, g in zip(digit_positions, digit_glyphs)
            if isinstance(g, OcrGlyph) and g.alternative is not None
        )
    )
    # A thousands comma and a decimal point look alike on a scan: each is the other's alternative.
    swapped = [
        (i, _OTHER_SEPARATOR[ch])
        for i, ch in enumerate(text)
        if ch in _OTHER_SEPARATOR and 0 < i < len(text) - 1 and text[i - 1].isdigit() and text[i + 1].isdigit()
    ]
    return tuple(text[:i] + alt + text[i + 1 :] for _, i, alt in ranked) + tuple(
        text[:i] + alt + text[i + 1 :] for i, alt in swapped
    )


def _annotate(cell: Cell, members: list[Glyph]) -> Cell:
    sure = [g.confidence for g in members if isinstance(g, OcrGlyph) and g.text.strip()]
    if sure:
        cell.confidence = round(min(sure), 3)
        cell.alternatives = _alternatives(members, cell.text)
    return cell


def _inside(glyph: Glyph, box: BBox) -> bool:
    cx, cy = (glyph.x0 + glyph.x1) / 2, (glyph.top + glyph.bottom) / 2
    return box.x0 <= cx <= box.x1 and box.top <= cy <= box.bottom


def _ruled_table(grid: Grid, glyphs: list[OcrGlyph], number: int, points: float) -> Table:
    # A cell's box reaches to the middle of its rules, as pdfplumber's cells do.
    half = 2.0
    boxes = [_to_box(Box(c.x0 - half, c.top - half, c.x1 + half, c.bottom + half), points) for c in grid.cells]
    members: list[list[Glyph]] = [[g for g in glyphs if _inside(g, box)] for box in boxes]
    cells = [_annotate(cell, held) for cell, held in zip(grid_cells(boxes, members, number), members)]
    return Table(cells=cells, page=number, bbox=_to_box(grid.box, points), ruled=True)


def read_page(grey: np.ndarray, dpi: float, number: int) -> Page:
    """A grey page image scanned at `dpi` → the layout's page `number`."""
    points = 72.0 / dpi
    grey, _ = raster.straighten(grey)
    # Rules are found on the page as printed (a seal's stroke across a rule must not cut
    # it); the text is read with the seal's own strokes gone.
    seals = raster.seals(grey, dpi)
    horizontal, vertical = (raster.without_seal_strokes(m, seals) for m in raster.rule_masks(grey, dpi))
    tables = raster.grids(horizontal, vertical, dpi)
    grey, print_only = raster.without_seals(grey, seals)
    ink = raster.ink_mask(print_only)
    rules = cv2.dilate(cv2.bitwise_or(horizontal, vertical), cv2.getStructuringElement(cv2.MORPH_RECT, (3, 3)))
    clean = np.where(rules > 0, 255, grey).astype(np.uint8)
    text_ink = raster.without_specks(cv2.bitwise_and(ink, cv2.bitwise_not(rules)), dpi)
    ocr = engine()
    detected = detected_lines(ocr, clean, text_ink, tables, dpi)
    faint = cv2.bitwise_and(raster.faint_ink_mask(print_only), cv2.bitwise_not(rules))
    to_read = pieces(detected, tables, text_ink, faint, dpi, rules)
    glyphs = place_glyphs(to_read, read_pieces(ocr, clean, text_ink, to_read), text_ink, points, seals)
    in_tables: set[int] = set()
    blocks: list[TextLine | Table] = []
    for grid in tables:
        outline = _to_box(grid.box, points)
        members = [g for g in glyphs if _inside(g, outline)]
        in_tables.update(map(id, members))
        blocks.append(_ruled_table(grid, members, number, points))
    rest = [g for g in glyphs if id(g) not in in_tables]
    lines = group_lines(list(rest))
    left, right = _column(lines)
    for item in split_tables(lines, number, right - left, _is_boundary, is_page_number):
        if isinstance(item, Table):
            for cell in item.cells:
                if cell.bbox is not None:
                    _annotate(cell, [g for g in rest if _inside(g, cell.bbox)])
            blocks.append(item)
        else:
            blocks.append(_text_line(item, number, left, right))
    blocks.sort(key=lambda b: b.bbox.top if b.bbox else 0.0)
    height, width = grey.shape
    return Page(number=number, blocks=blocks, width=width * points, height=height * points)
