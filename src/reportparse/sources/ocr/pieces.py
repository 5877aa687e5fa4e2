"""What to read on a page image: the box of each printed line, in page pixels.

Inside a ruled table a cell's lines are found from its own ink (a detector's line
runs across erased rules and passes over lone digits); elsewhere the detector's
lines are used, each shrunk to its ink, and marks it passed over are added.
"""

from __future__ import annotations

import cv2
import numpy as np

from reportparse.sources.ocr.engine import Engine
from reportparse.sources.ocr.raster import Box, Grid, without_specks

_DETECT_SIDE = 1280  # text lines are detected on the page scaled to this longest side (A4: ~110 dpi)
_GAP = 0.3  # inches of blank paper that part two regions the detector looks at
_MARGIN = 0.08  # inches of paper kept around a region's ink


def ink_box(ink: np.ndarray, box: Box) -> Box | None:
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
    return ink_box(
        ink, Box(float(x0 + min(m[0] for m in kept)), box.top, float(x0 + max(m[0] + m[2] for m in kept)), box.bottom)
    )


def _own_ink(ink: np.ndarray, box: Box) -> Box | None:
    """A detected line's box shrunk to its own ink.  The detector's box reaches past the
    line (set close, a wrapped label's two lines overlap in it): a band of ink at the
    box's top or bottom edge, apart from the rest and far lower than it, is the next
    line's, not this one's — kept, it would make the line as tall as two."""
    runs = _runs(ink, box)
    if len(runs) > 1:
        tallest = max(b - a for a, b in runs)
        if runs[0][0] <= int(box.top) and runs[0][1] - runs[0][0] < 0.4 * tallest:
            runs = runs[1:]
        if runs[-1][1] >= int(np.ceil(box.bottom)) and runs[-1][1] - runs[-1][0] < 0.4 * tallest and len(runs) > 1:
            runs = runs[:-1]
        box = Box(box.x0, float(runs[0][0]), box.x1, float(runs[-1][1]))
    return ink_box(ink, box)


def _word(ink: np.ndarray, box: Box) -> Box | None:
    """A detected piece shrunk to its ink; a short one (a number in a table printed
    without rules, a label) also loses the dust at its ends, as a ruled cell's lines do:
    a speck beside a number is read as its decimal point.  (A line of prose keeps its
    end: its last mark may be a full stop.)"""
    inked = ink_box(ink, box)
    if inked is None or inked.width >= 6 * inked.height:
        return inked
    return _without_end_dots(ink, inked, 0.3 * inked.height)


def _line_height(tables: list[Grid], ink: np.ndarray) -> float:
    """The height of a line of text in the page's tables: the typical tallest run of ink
    in a cell (a digit or a Chinese character is one unbroken run from top to bottom)."""
    tallest = [max(b - a for a, b in runs) for g in tables for c in g.cells if (runs := _runs(ink, c))]
    return float(np.median(tallest)) if tallest else 0.0


def _stacked(ink: np.ndarray, box: Box, dpi: float) -> list[Box]:
    """A line far taller than wide is characters set one under another (a vertical
    label): cut it into its characters, each read on its own — at the blank rows between
    them, a character's strokes (三) joined while they stay within a square."""
    if box.height < 1.8 * box.width or box.height < dpi * 0.25:
        return [box]
    chars: list[list[int]] = []
    for a, b in _runs(ink, box):
        if chars and b - chars[-1][0] <= 1.15 * box.width:
            chars[-1][1] = b
        else:
            chars.append([a, b])
    return [Box(box.x0, float(a), box.x1, float(b)) for a, b in chars]


def pieces(
    detected: list[Box], tables: list[Grid], ink: np.ndarray, faint: np.ndarray, dpi: float, rules: np.ndarray
) -> list[Box]:
    """What to read: inside a ruled table, each cell's printed lines, found from its ink
    (a detector's line runs across erased rules and misses lone digits) — or, in a cell
    without ink, from its fainter marks (a thin 1 blurred at 150 dpi; `faint` is the page's
    faint ink with speckle, cleaned here only in those cells); elsewhere the detected
    lines, each shrunk to its ink; a line far taller than wide is cut into its characters."""
    out: list[Box] = []
    for box in detected:
        cx, cy = (box.x0 + box.x1) / 2, (box.top + box.bottom) / 2
        if any(g.box.contains(cx, cy) for g in tables):
            continue
        inked = _own_ink(ink, box)
        if inked is not None and inked.height >= dpi * 0.03:
            out.extend(b for b in (_word(ink, part) for part in _stacked(ink, inked, dpi)) if b)
    out.extend(_missed(ink, out, tables, rules))
    line_height = _line_height(tables, ink)
    faint_marks = np.zeros_like(faint)
    for grid in tables:
        for cell in grid.cells:
            marks = ink
            if ink_box(ink, cell) is None:
                x0, top, x1, bottom = int(cell.x0), int(cell.top), int(np.ceil(cell.x1)), int(np.ceil(cell.bottom))
                faint_marks[top:bottom, x0:x1] = without_specks(faint[top:bottom, x0:x1], dpi)
                marks = faint_marks
            for line in _line_boxes(marks, cell, line_height):
                if line.height >= dpi * 0.03:
                    out.extend(b for b in (ink_box(marks, part) for part in _stacked(marks, line, dpi)) if b)
    return out


def _missed(ink: np.ndarray, found: list[Box], tables: list[Grid], rules: np.ndarray) -> list[Box]:
    """Marks outside tables that no detected line covers, as tall as text or as long as a
    dash: the detector passes over a lone thin digit (a 1) and a blank cell's - in a table
    printed without rules."""
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
        if h > 1.5 * height:
            continue
        inked = ink_box(left, Box(float(x), float(y), float(x + w), float(y + h)))
        if inked is not None and (h >= 0.5 * height or (_is_dash(inked, height) and not _by_a_rule(inked, rules))):
            out.append(inked)
    return out


def _by_a_rule(box: Box, rules: np.ndarray) -> bool:
    """A flat mark touching a rule: what erasing the rule left of it, not a dash."""
    reach = max(3, int(2 * box.height))
    top, x0 = max(0, int(box.top) - reach), max(0, int(box.x0) - reach)
    return bool(rules[top : int(np.ceil(box.bottom)) + reach, x0 : int(np.ceil(box.x1)) + reach].any())


def _is_dash(box: Box, height: float) -> bool:
    """A flat mark as long as a hyphen or a dash (a blank cell's -, —): dust is shorter."""
    return box.width >= 0.35 * height and box.width >= 2.5 * box.height


def _regions(ink: np.ndarray, tables: list[Grid], dpi: float) -> list[Box]:
    """The parts of the page outside its ruled tables that carry ink: bands of inked rows
    (apart by a blank wider than `_GAP`), each as wide as its ink, with a margin."""
    height, width = ink.shape
    inked = np.asarray(ink.any(axis=1))
    for grid in tables:
        inked[int(grid.box.top) : int(np.ceil(grid.box.bottom))] = False
    rows = np.flatnonzero(inked)
    if rows.size == 0:
        return []
    breaks = np.flatnonzero(np.diff(rows) > _GAP * dpi)
    margin = _MARGIN * dpi
    out = []
    for first, last in zip(np.r_[rows[0], rows[breaks + 1]], np.r_[rows[breaks], rows[-1]]):
        cols = np.flatnonzero(ink[first : last + 1].any(axis=0))
        if last + 1 - first < dpi * 0.03:
            continue  # a stray mark, lower than any text
        out.append(
            Box(
                max(0.0, cols[0] - margin),
                max(0.0, first - margin),
                min(float(width), cols[-1] + 1 + margin),
                min(float(height), last + 1 + margin),
            )
        )
    return out


def detected_lines(ocr: Engine, clean: np.ndarray, ink: np.ndarray, tables: list[Grid], dpi: float) -> list[Box]:
    """The detector's text lines outside the ruled tables, in page pixels.  Detection is
    the costliest step of reading a page and grows with the area it looks at, so it looks
    only at the inked regions outside tables (a table's cells say where their lines are),
    on a copy reduced to about 110 dpi."""
    scale = min(1.0, _DETECT_SIDE / max(clean.shape))
    out: list[Box] = []
    for region in _regions(ink, tables, dpi):
        part = clean[int(region.top) : int(np.ceil(region.bottom)), int(region.x0) : int(np.ceil(region.x1))]
        small = cv2.resize(part, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA) if scale < 1 else part
        out.extend(
            Box(
                int(region.x0) + b.x0 / scale,
                int(region.top) + b.top / scale,
                int(region.x0) + b.x1 / scale,
                int(region.top) + b.bottom / scale,
            )
            for b in ocr.detect(small)
        )
    return out
