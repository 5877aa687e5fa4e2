"""One page image → the layout's page: OCR words become glyphs, rules become grids.

The page is straightened, its rules are found and erased, text lines are detected on
a reduced copy and read at full resolution.  Each character becomes a glyph placed
where its ink is, carrying the model's confidence, so the rest is the PDF source's
own path: glyphs inside a ruled grid fill its cells, the others form lines and
unruled tables.  Positions are converted to PDF points.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

import cv2
import numpy as np

from reportparse.layout.lines import Glyph, cell_text, group_lines
from reportparse.layout.model import BBox, Cell, Page, Table, TextLine
from reportparse.layout.stream import split_tables
from reportparse.recognize.furniture import is_page_number
from reportparse.sources.ocr import raster
from reportparse.sources.ocr.engine import ReadChar, engine
from reportparse.sources.ocr.raster import Box, Grid
from reportparse.sources.pdf_page import _column, _is_boundary, _text_line
from reportparse.sources.pdf_rules import _index, _positions

_DETECT_SIDE = 1280  # text lines are detected on the page scaled to this longest side
_PAD = 0.15  # white margin around a crop, in line heights (a lone digit is read
# surest with a narrow one)
_RETRY_PAD = 0.08  # the margin of the second, cleaner crop
_DOUBT = 0.995  # a digit read with less confidence than this has an alternative reading
_OTHER_SEPARATOR = {".": ",", ",": ".", "．": "，", "，": "．"}
_UNDER_SEAL = 0.5  # what is read under a seal keeps at most half the model's confidence
_RETRY = 0.9  # a piece read with less confidence than this is read again from a cleaner crop


@dataclass(slots=True)
class OcrGlyph(Glyph):
    confidence: float = 1.0
    alternative: str | None = None


@dataclass(slots=True)
class _Piece:
    """A piece of one printed line to recognise, in page pixels."""

    box: Box


def _to_box(box: Box, points: float) -> BBox:
    return BBox(box.x0 * points, box.top * points, box.x1 * points, box.bottom * points)


def _ink_box(ink: np.ndarray, box: Box) -> Box | None:
    x0, top, x1, bottom = int(box.x0), int(box.top), int(np.ceil(box.x1)), int(np.ceil(box.bottom))
    part = ink[top:bottom, x0:x1]
    rows, cols = np.flatnonzero(part.any(axis=1)), np.flatnonzero(part.any(axis=0))
    if rows.size == 0:
        return None
    return Box(float(x0 + cols[0]), float(top + rows[0]), float(x0 + cols[-1] + 1), float(top + rows[-1] + 1))


def _runs(ink: np.ndarray, box: Box) -> list[tuple[int, int]]:
    """Runs of inked rows in a box, as [top, bottom) page rows."""
    top = int(box.top)
    part = ink[top : int(np.ceil(box.bottom)), int(box.x0) : int(np.ceil(box.x1))]
    rows = np.flatnonzero(part.any(axis=1))
    out: list[list[int]] = []
    for y in rows:
        if out and y == out[-1][1]:
            out[-1][1] = int(y) + 1
        else:
            out.append([int(y), int(y) + 1])
    return [(top + a, top + b) for a, b in out]


def _line_boxes(ink: np.ndarray, box: Box, line_height: float) -> list[Box]:
    """The printed lines inside a cell's ink: runs of inked rows joined while together they
    stay within a line's height (三 and 二 leave blank rows between their strokes)."""
    groups: list[list[int]] = []
    for a, b in _runs(ink, box):
        if groups and b - groups[-1][0] <= 1.3 * max(line_height, groups[-1][2]):
            groups[-1][1] = b
            groups[-1][2] = max(groups[-1][2], b - a)
        else:
            groups.append([a, b, b - a])
    out = []
    for a, b, _ in groups:
        out.extend(_segments(ink, Box(box.x0, float(a), box.x1, float(b)), line_height))
    return out


def _segments(ink: np.ndarray, band: Box, line_height: float) -> list[Box]:
    """A line's pieces apart by more than a character's width, without the lone dots
    (dust) among them: a speck beside a number must not stretch its crop."""
    x0 = int(band.x0)
    part = ink[int(band.top) : int(np.ceil(band.bottom)), x0 : int(np.ceil(band.x1))]
    cols = np.flatnonzero(part.any(axis=0))
    pieces: list[list[int]] = []
    for x in cols:
        if pieces and x - pieces[-1][1] <= line_height:
            pieces[-1][1] = int(x) + 1
        else:
            pieces.append([int(x), int(x) + 1])
    out = []
    for a, b in pieces:
        found = _without_end_dots(ink, Box(float(x0 + a), band.top, float(x0 + b), band.bottom), 0.3 * line_height)
        if found is not None:
            out.append(found)
    return out


def _is_minus(mark: list[int], after: list[int], size: float) -> bool:
    """A small mark just before a character, no taller than wide and at its middle height:
    a minus sign (blurred to a blob at 150 dpi), not dust lying on the baseline."""
    x, y, w, h = mark[:4]
    middle = y + h / 2
    return (
        w >= 3
        and w >= h
        and after[0] - (x + w) <= size * 2
        and after[1] + after[3] * 0.3 <= middle <= after[1] + after[3] * 0.7
    )


def _without_end_dots(ink: np.ndarray, box: Box, size: float) -> Box | None:
    """The box without the dots (marks shorter than `size`) at its left and right ends: a
    number's decimal point stands between digits, dust beside a number is no part of it.
    None when nothing but dots is left (a minus sign is long enough to stay)."""
    x0, top = int(box.x0), int(box.top)
    part = ink[top : int(np.ceil(box.bottom)), x0 : int(np.ceil(box.x1))]
    _, _, stats, _ = cv2.connectedComponentsWithStats(part, connectivity=8)
    marks = sorted(stats[1:].tolist(), key=lambda m: m[0])
    big = [i for i, m in enumerate(marks) if max(m[2], m[3]) >= size]
    if not big:
        return None
    first = big[0]
    if first > 0 and _is_minus(marks[first - 1], marks[first], size):
        first -= 1
    kept = marks[first : big[-1] + 1]
    return _ink_box(
        ink, Box(float(x0 + min(m[0] for m in kept)), box.top, float(x0 + max(m[0] + m[2] for m in kept)), box.bottom)
    )


def _line_height(tables: list[Grid], ink: np.ndarray) -> float:
    """The height of a line of text in the page's tables: the typical tallest run of ink
    in a cell (a digit or a Chinese character is one unbroken run from top to bottom)."""
    tallest = [max(b - a for a, b in runs) for g in tables for c in g.cells if (runs := _runs(ink, c))]
    return float(np.median(tallest)) if tallest else 0.0


def _stacked(box: Box, dpi: float) -> list[Box]:
    """A line far taller than wide is characters set one under another (a vertical
    label): cut it into square characters, each read on its own."""
    if box.height < 1.8 * box.width or box.height < dpi * 0.25:
        return [box]
    count = max(2, round(box.height / (box.width * 1.15)))
    step = box.height / count
    return [Box(box.x0, box.top + k * step, box.x1, box.top + (k + 1) * step) for k in range(count)]


def _pieces(detected: list[Box], tables: list[Grid], ink: np.ndarray, faint: np.ndarray, dpi: float) -> list[Box]:
    """What to read: inside a ruled table, each cell's printed lines, found from its ink
    (a detector's line runs across erased rules and misses lone digits) — or, in a cell
    without ink, from its fainter marks (a thin 1 blurred at 150 dpi); elsewhere the
    detected lines, each shrunk to its ink."""
    out: list[Box] = []
    for box in detected:
        cx, cy = (box.x0 + box.x1) / 2, (box.top + box.bottom) / 2
        if any(g.box.contains(cx, cy) for g in tables):
            continue
        inked = _ink_box(ink, box)
        if inked is not None and inked.height >= dpi * 0.03:
            out.append(inked)
    out.extend(_missed(ink, out, tables))
    line_height = _line_height(tables, ink)
    for grid in tables:
        for cell in grid.cells:
            marks = ink if _ink_box(ink, cell) is not None else faint
            for line in _line_boxes(marks, cell, line_height):
                if line.height >= dpi * 0.03:
                    out.extend(b for b in (_ink_box(marks, part) for part in _stacked(line, dpi)) if b)
    return out


def _missed(ink: np.ndarray, found: list[Box], tables: list[Grid]) -> list[Box]:
    """Marks outside tables that no detected line covers, as tall as text: the detector
    passes over a lone thin digit (a 1) in a table printed without rules."""
    if not found:
        return []
    height = float(np.median([b.height for b in found]))
    covered = np.zeros(ink.shape, np.uint8)
    for b in found:
        covered[int(b.top) : int(np.ceil(b.bottom)) + 1, int(b.x0) : int(np.ceil(b.x1)) + 1] = 255
    for g in tables:
        covered[int(g.box.top) : int(g.box.bottom) + 1, int(g.box.x0) : int(g.box.x1) + 1] = 255
    left = cv2.bitwise_and(ink, cv2.bitwise_not(covered))
    words = cv2.dilate(left, cv2.getStructuringElement(cv2.MORPH_RECT, (max(3, int(height / 2)), 1)))
    count, _, stats, _ = cv2.connectedComponentsWithStats(words, connectivity=8)
    out = []
    for k in range(1, count):
        x, y, w, h = (int(v) for v in stats[k, :4])
        if 0.5 * height <= h <= 1.5 * height:
            inked = _ink_box(left, Box(float(x), float(y), float(x + w), float(y + h)))
            if inked is not None:
                out.append(inked)
    return out


def _crop(page: np.ndarray, box: Box) -> np.ndarray:
    pad = max(2, int(_PAD * box.height))
    part = page[int(box.top) : int(np.ceil(box.bottom)), int(box.x0) : int(np.ceil(box.x1))]
    return cv2.copyMakeBorder(part, pad, pad, pad, pad, cv2.BORDER_CONSTANT, value=255)


def _is_wide(text: str) -> bool:
    """A character set on a full em (Chinese, and the full-width punctuation with it)."""
    return bool(text) and (ord(text[0]) >= 0x2E80 or text[0] in "“”‘’…—")


def _sureness(chars: list[ReadChar]) -> float:
    visible = [c.confidence for c in chars if c.text.strip()]
    return min(visible) if visible else -1.0


def _spotless_crop(page: np.ndarray, ink: np.ndarray, box: Box) -> np.ndarray:
    """A second look at a doubtful piece: the dots around its marks whitened (the decimal
    point between digits and a leading minus stay) and a narrower margin."""
    x0, top = int(box.x0), int(box.top)
    x1, bottom = int(np.ceil(box.x1)), int(np.ceil(box.bottom))
    part = page[top:bottom, x0:x1].copy()
    count, labels, stats, _ = cv2.connectedComponentsWithStats(ink[top:bottom, x0:x1], connectivity=8)
    size = 0.3 * (bottom - top)
    big = [k for k in range(1, count) if max(stats[k, 2], stats[k, 3]) >= size]
    if big:
        left = min(stats[k, 0] for k in big)
        right = max(stats[k, 0] + stats[k, 2] for k in big)
        for k in range(1, count):
            x, y, w, h = stats[k, :4]
            between = left < x and x + w < right and y + h / 2 > 0.6 * (bottom - top)
            minus = x + w <= left and w >= 3 and w >= h
            if max(w, h) < size and not between and not minus:
                part[labels == k] = 255
    pad = max(2, int(_RETRY_PAD * box.height))
    return cv2.copyMakeBorder(part, pad, pad, pad, pad, cv2.BORDER_CONSTANT, value=255)


def _read(ocr, page: np.ndarray, ink: np.ndarray, pieces: list[Box]) -> list[list[ReadChar]]:
    """Each piece's characters; a piece read as nothing or without certainty is read a
    second time from a cleaner crop, and the surer of the two readings is kept."""
    readings = ocr.recognise([_crop(page, p) for p in pieces])
    doubtful = [i for i, chars in enumerate(readings) if _sureness(chars) < _RETRY]
    if doubtful:
        again = ocr.recognise([_spotless_crop(page, ink, pieces[i]) for i in doubtful])
        for i, chars in zip(doubtful, again):
            first = [c for c in readings[i] if c.text.strip()]
            # Only a surer reading of as many characters: the cleaner crop must not drop a minus sign.
            if _sureness(chars) > _sureness(readings[i]) and (not first or len(chars) == len(first)):
                # The second crop's margin differs from the first's, which _glyphs assumes.
                shift = max(2, int(_RETRY_PAD * pieces[i].height)) - max(2, int(_PAD * pieces[i].height))
                readings[i] = [
                    ReadChar(c.text, c.x0 - shift, c.x1 - shift, c.confidence, c.alternative, c.alternative_confidence)
                    for c in chars
                ]
    return readings


def _extents(chars: list[ReadChar], inked: np.ndarray, offset: float, height: float) -> list[tuple[float, float]]:
    """Each character's left and right edge in the piece.  Where the blank between two
    characters is as wide as a word space (a full em next to a Chinese character, whose
    own ink leaves blanks: 、), it stays a gap, so two numbers stay two; a narrower blank
    is split in the middle, as a PDF's glyph boxes touch."""
    centres = [(c.x0 + c.x1) / 2 - offset for c in chars]
    cols = np.flatnonzero(inked)
    if cols.size == 0:
        return [(c.x0 - offset, c.x1 - offset) for c in chars]
    cuts: list[tuple[float, float]] = []
    for (a, b), (left, right) in zip(pairwise(centres), pairwise(chars)):
        lo, hi = max(0, int(a)), min(len(inked), int(b) + 1)
        blank = np.flatnonzero(~inked[lo:hi]) + lo
        mid = (a + b) / 2
        if blank.size == 0:
            cuts.append((mid, mid))
            continue
        j = int(blank[np.argmin(np.abs(blank - mid))])
        start, end = j, j
        while start - 1 >= lo and not inked[start - 1]:
            start -= 1
        while end + 1 < hi and not inked[end + 1]:
            end += 1
        space = height * (1.0 if _is_wide(left.text) or _is_wide(right.text) else 0.8)
        cuts.append((float(start), float(end + 1)) if end + 1 - start >= space else (mid, mid))
    lefts = [float(cols[0])] + [c[1] for c in cuts]
    rights = [c[0] for c in cuts] + [float(cols[-1] + 1)]
    return [(l, max(l + 1, r)) for l, r in zip(lefts, rights)]


def _glyphs(
    pieces: list[Box], chars_of: list[list[ReadChar]], ink: np.ndarray, points: float, stamped: list[raster.Seal]
) -> list[OcrGlyph]:
    out: list[OcrGlyph] = []
    for box, chars in zip(pieces, chars_of):
        chars = [c for c in chars if c.text.strip()]
        if not chars:
            continue
        pad = max(2, int(_PAD * box.height))
        part = ink[int(box.top) : int(np.ceil(box.bottom)), int(box.x0) : int(np.ceil(box.x1))]
        for ch, (left, right) in zip(chars, _extents(chars, np.asarray(part.any(axis=0)), pad, box.height)):
            confidence = ch.confidence
            if any(s.covers(box.x0 + (left + right) / 2, (box.top + box.bottom) / 2) for s in stamped):
                confidence *= _UNDER_SEAL  # the seal's ink mixes with the print: never sure
            doubtful = ch.alternative is not None and confidence < _DOUBT
            out.append(
                OcrGlyph(
                    ch.text,
                    (box.x0 + left) * points,
                    (box.x0 + right) * points,
                    box.top * points,
                    box.bottom * points,
                    box.height * points,
                    confidence=confidence,
                    alternative=ch.alternative if doubtful else None,
                )
            )
    return out


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
    xs = _positions([b.x0 for b in boxes] + [b.x1 for b in boxes])
    ys = _positions([b.top for b in boxes] + [b.bottom for b in boxes])
    cells = []
    for box in boxes:
        members: list[Glyph] = [g for g in glyphs if _inside(g, box)]
        col, last_col = _index(xs, box.x0), _index(xs, box.x1)
        row, last_row = _index(ys, box.top), _index(ys, box.bottom)
        cells.append(
            _annotate(
                Cell(
                    text=cell_text(members),
                    row=row,
                    col=col,
                    rowspan=max(1, last_row - row),
                    colspan=max(1, last_col - col),
                    page=number,
                    bbox=box,
                ),
                members,
            )
        )
    return Table(cells=cells, page=number, bbox=_to_box(grid.box, points), ruled=True)


def read_page(grey: np.ndarray, dpi: float, number: int) -> Page:
    """A grey page image scanned at `dpi` → the layout's page `number`."""
    points = 72.0 / dpi
    grey, _ = raster.straighten(grey)
    ink = raster.ink_mask(grey)
    horizontal, vertical = raster.rule_masks(grey, dpi)
    tables = raster.grids(horizontal, vertical, dpi)
    rules = cv2.dilate(cv2.bitwise_or(horizontal, vertical), cv2.getStructuringElement(cv2.MORPH_RECT, (3, 3)))
    clean = np.where(rules > 0, 255, grey).astype(np.uint8)
    text_ink = raster.without_specks(cv2.bitwise_and(ink, cv2.bitwise_not(rules)), dpi)
    ocr = engine()
    scale = min(1.0, _DETECT_SIDE / max(grey.shape))
    small = cv2.resize(clean, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA) if scale < 1 else clean
    detected = [Box(b.x0 / scale, b.top / scale, b.x1 / scale, b.bottom / scale) for b in ocr.detect(small)]
    faint = raster.without_specks(cv2.bitwise_and(raster.faint_ink_mask(grey), cv2.bitwise_not(rules)), dpi)
    pieces = _pieces(detected, tables, text_ink, faint, dpi)
    glyphs = _glyphs(pieces, _read(ocr, clean, text_ink, pieces), text_ink, points, raster.seals(grey, dpi))
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
