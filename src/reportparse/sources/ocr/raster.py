"""Page images: straightening, ink, and the ruling lines of tables (OpenCV morphology).

Everything here works in the pixels of one grey page image (0 ink … 255 paper).
Tables are found as a scanner shows them: long straight runs of ink, horizontal
and vertical; the blank areas the rules enclose are the cells (a merged cell is one
larger area), just as the PDF source finds cells between drawn rules.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import cv2
import numpy as np

MAX_SKEW = 3.0  # degrees; pages are straightened within ±MAX_SKEW
_SKEW_WIDTH = 900  # skew is measured on the page scaled to this width
_SEAL_LIGHTEST_PRINT = 90  # a seal's tone lighter than this is told from black print
_SEAL_SPREAD = 25  # below the seal's tone, noise and blur of its strokes still reach this far


@dataclass(frozen=True, slots=True)
class Box:
    x0: float
    top: float
    x1: float
    bottom: float

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        return self.bottom - self.top

    def contains(self, x: float, y: float) -> bool:
        return self.x0 <= x <= self.x1 and self.top <= y <= self.bottom


@dataclass(slots=True)
class Grid:
    """A ruled table: its outline and the blank area of each cell, in page pixels."""

    box: Box
    cells: list[Box] = field(default_factory=list)


def _paper(grey: np.ndarray) -> float:
    """The page's paper tone (most of a page is paper): the median grey, counted from
    the histogram (sorting the page's millions of pixels costs 30 times as much)."""
    cumulative = np.cumsum(cv2.calcHist([grey], [0], None, [256], [0, 256]).ravel())
    middle = (grey.size - 1) // 2, grey.size // 2
    return float(np.searchsorted(cumulative, middle, side="right").mean())


def ink_mask(grey: np.ndarray) -> np.ndarray:
    """255 where there is ink: well darker than the paper (a small type's thin strokes,
    blurred and compressed, are only mid grey)."""
    _, mask = cv2.threshold(grey, _paper(grey) - 60, 255, cv2.THRESH_BINARY_INV)
    return mask


def _skew_score(small: np.ndarray, angle: float) -> float:
    h, w = small.shape
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    turned = cv2.warpAffine(small, matrix, (w, h), flags=cv2.INTER_NEAREST, borderValue=0)
    rows = turned.sum(axis=1, dtype=np.float64)
    return float(np.square(np.diff(rows)).sum())


def skew_angle(grey: np.ndarray) -> float:
    """The rotation (degrees) that makes the page's lines of text and rules level:
    the one whose row profile is sharpest, searched coarse to fine within ±MAX_SKEW."""
    scale = min(1.0, _SKEW_WIDTH / grey.shape[1])
    small = cv2.resize(ink_mask(grey), None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    if not small.any():
        return 0.0
    best = 0.0
    for step, reach in ((0.5, MAX_SKEW), (0.1, 0.5), (0.02, 0.1)):
        candidates = np.arange(best - reach, best + reach + step / 2, step)
        candidates = candidates[np.abs(candidates) <= MAX_SKEW + 1e-9]
        best = float(max(candidates, key=lambda a: _skew_score(small, float(a))))
    # A level page stays as it is: turning it by a hundredth of a degree only blurs it.
    if _skew_score(small, 0.0) >= 0.97 * _skew_score(small, best):
        return 0.0
    return round(best, 2)


def straighten(grey: np.ndarray) -> tuple[np.ndarray, float]:
    angle = skew_angle(grey)
    if abs(angle) < 0.02:
        return grey, 0.0
    h, w = grey.shape
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    return cv2.warpAffine(grey, matrix, (w, h), flags=cv2.INTER_LINEAR, borderValue=255), angle


def faint_ink_mask(grey: np.ndarray) -> np.ndarray:
    """255 wherever the page is clearly darker than its paper: a hairline rule scanned at
    150 dpi is a pixel wide and only half dark, lighter than the threshold for text."""
    _, mask = cv2.threshold(grey, _paper(grey) - 45, 255, cv2.THRESH_BINARY_INV)
    return mask


def rule_masks(grey: np.ndarray, dpi: float) -> tuple[np.ndarray, np.ndarray]:
    """Horizontal and vertical ruling lines: runs of ink far longer than any stroke of a character."""
    # Bridge the small breaks that speckle and compression leave in a printed rule.
    ink = faint_ink_mask(grey)
    bridged = cv2.morphologyEx(ink, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (3, 3)))
    across = max(15, int(dpi * 0.45))
    down = max(10, int(dpi * 0.22))
    horizontal = cv2.morphologyEx(bridged, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (across, 1)))
    vertical = cv2.morphologyEx(bridged, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, down)))
    return horizontal, vertical


def grids(horizontal: np.ndarray, vertical: np.ndarray, dpi: float) -> list[Grid]:
    """The ruled tables: connected nets of horizontal and vertical rules, and their cells."""
    lines = cv2.dilate(cv2.bitwise_or(horizontal, vertical), cv2.getStructuringElement(cv2.MORPH_RECT, (5, 5)))
    count, labels, stats, _ = cv2.connectedComponentsWithStats(lines, connectivity=8)
    smallest_cell = dpi * 0.08
    out: list[Grid] = []
    for k in range(1, count):
        x, y, w, h, _ = stats[k]
        if w < dpi * 1.0 or h < dpi * 0.3:
            continue
        net = labels[y : y + h, x : x + w] == k
        if not (vertical[y : y + h, x : x + w][net].any() and horizontal[y : y + h, x : x + w][net].any()):
            continue
        blank: np.ndarray = np.where(net, 0, 255).astype(np.uint8)
        # A table cut by the page break lacks its closing rule: its outline closes it.
        blank[0, :] = blank[-1, :] = 0
        blank[:, 0] = blank[:, -1] = 0
        # A sliver of paper between a slightly tilted rule and the outline is no cell; opened
        # away, it no longer joins the cells it touches into one.
        sliver = max(3, int(dpi * 0.03))
        blank = cv2.morphologyEx(blank, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (sliver, sliver)))
        n, _, cell_stats, _ = cv2.connectedComponentsWithStats(blank, connectivity=4)
        cells = []
        for j in range(1, n):
            cx, cy, cw, ch, area = cell_stats[j]
            if cw < smallest_cell or ch < smallest_cell or area < 0.6 * cw * ch:
                continue  # too small, or not a rectangle between rules
            cells.append(Box(float(x + cx), float(y + cy), float(x + cx + cw), float(y + cy + ch)))
        if len(cells) >= 2:
            out.append(Grid(Box(float(x), float(y), float(x + w), float(y + h)), cells))
    return out


def without_specks(ink: np.ndarray, dpi: float) -> np.ndarray:
    """The ink mask without isolated dots smaller than a printed full stop (scanner speckle)."""
    _, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    widths, heights = stats[:, cv2.CC_STAT_WIDTH], stats[:, cv2.CC_STAT_HEIGHT]
    # A minus sign is as small as a speck, but long and flat: it stays.
    keep = (stats[:, cv2.CC_STAT_AREA] >= max(3, (dpi / 100.0) ** 2 * 2)) | ((widths >= 2) & (widths >= 2 * heights))
    keep[0] = False
    return np.where(keep[labels], 255, 0).astype(np.uint8)


@dataclass(frozen=True, slots=True)
class Seal:
    """A round seal stamped on the page (its ring), in page pixels."""

    x: float
    y: float
    radius: float

    def covers(self, x: float, y: float) -> bool:
        return (x - self.x) ** 2 + (y - self.y) ** 2 <= (self.radius * 1.05) ** 2


def seals(grey: np.ndarray, dpi: float) -> list[Seal]:
    """Round seals (公章, 3.5–5 cm across): rings of ink found on a reduced copy, kept
    when ink lies under most of the ring.  What is printed under a seal is doubtful."""
    scale = 50.0 / dpi
    small = cv2.resize(grey, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    found = cv2.HoughCircles(
        cv2.GaussianBlur(small, (3, 3), 0),
        cv2.HOUGH_GRADIENT,
        dp=1,
        minDist=40,
        param1=80,
        param2=22,
        minRadius=int(50 * 0.6),
        maxRadius=int(50 * 1.1),
    )
    if found is None:
        return []
    ink = faint_ink_mask(small)
    out = []
    for x, y, r in found[0]:
        angles = np.linspace(0, 2 * np.pi, 90, endpoint=False)
        xs = np.clip((x + r * np.cos(angles)).astype(int), 0, small.shape[1] - 1)
        ys = np.clip((y + r * np.sin(angles)).astype(int), 0, small.shape[0] - 1)
        ring = cv2.dilate(ink, np.ones((3, 3), np.uint8))[ys, xs]
        if (ring > 0).mean() >= 0.8:
            out.append(Seal(float(x / scale), float(y / scale), float(r / scale)))
    return out


def _disc(shape: tuple[int, ...], seal: Seal) -> tuple[slice, slice, np.ndarray]:
    """The rows and columns of the square around a seal, and its disc within them."""
    reach = seal.radius * 1.15  # the found radius may fall short of the ring's outer edge
    top, left = max(0, int(seal.y - reach)), max(0, int(seal.x - reach))
    bottom, right = min(shape[0], int(seal.y + reach) + 1), min(shape[1], int(seal.x + reach) + 1)
    ys, xs = np.ogrid[top:bottom, left:right]
    return slice(top, bottom), slice(left, right), (xs - seal.x) ** 2 + (ys - seal.y) ** 2 <= reach**2


def without_seals(grey: np.ndarray, found: list[Seal]) -> tuple[np.ndarray, np.ndarray]:
    """The page with each seal's own ink turned to paper where the print under it is darker.

    A seal is stamped in colour: a grey scan shows it in a mid tone (its ring's), the print
    under it in black.  Inside the seal's disc, the seal's strokes (thick areas of the ring's
    tone) become paper, down to a little below that tone; the darker print stays.  A seal
    as dark as print is left.  Either way what is read under it stays doubtful
    (`Seal.covers`).

    Returned twice: the page to read the print from, and the page to find the print's
    ink on, where everything in the disc as light as the seal is paper (what the
    whitening leaves of the seal's edges is no text to read; the print stays darker)."""
    if not found:
        return grey, grey
    out = grey.copy()
    strict = grey.copy()
    paper = _paper(grey)
    for seal in found:
        rows, cols, disc = _disc(grey.shape, seal)
        part = out[rows, cols]
        # The ring's tone: at each angle, the darkest pixel across where the ring may be
        # (its found radius is only as exact as the reduced copy it was found on).
        angles = np.linspace(0, 2 * np.pi, 360, endpoint=False)
        radii = seal.radius * np.linspace(0.92, 1.08, 9)[:, None]
        ring_x = np.clip((seal.x + radii * np.cos(angles)).astype(int) - cols.start, 0, part.shape[1] - 1)
        ring_y = np.clip((seal.y + radii * np.sin(angles)).astype(int) - rows.start, 0, part.shape[0] - 1)
        ring = part[ring_y, ring_x].min(axis=0)
        inked = ring[ring < paper - 45]
        if inked.size < 0.5 * ring.size:
            continue
        tone = float(np.median(inked))
        if tone < _SEAL_LIGHTEST_PRINT:
            continue  # as dark as print: the two cannot be told apart by tone
        # The seal's strokes: thick areas of its tone (print's blurred edges and hairlines
        # are as light, but thin), grown over their own blurred edges.
        light = part >= tone - _SEAL_SPREAD
        strokes = cv2.morphologyEx(
            (light & (part < paper - 45)).astype(np.uint8), cv2.MORPH_OPEN, np.ones((3, 3), np.uint8)
        )
        strokes = cv2.dilate(strokes, np.ones((5, 5), np.uint8)).astype(bool)
        part[disc & strokes & light] = 255
        strict[rows, cols][disc & light] = 255
    return out, strict


def without_seal_strokes(rules: np.ndarray, found: list[Seal]) -> np.ndarray:
    """A rule mask without the straight runs that lie wholly inside a seal (the sides of
    its ring are straight enough to pass for short rules); a table's rules cross it."""
    if not found:
        return rules
    count, labels, stats, _ = cv2.connectedComponentsWithStats(rules, connectivity=8)
    out = rules.copy()
    for k in range(1, count):
        x, y, w, h = (int(v) for v in stats[k, :4])
        corners = ((x, y), (x + w, y), (x, y + h), (x + w, y + h))
        if any(all(s.covers(cx, cy) for cx, cy in corners) for s in found):
            out[labels == k] = 0
    return out
