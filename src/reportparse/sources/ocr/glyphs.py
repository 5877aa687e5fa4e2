"""Pieces of a page image → glyphs: each piece recognised (a doubtful one a second time
from a cleaner crop), each character placed where its ink is, with the model's
confidence and, for a doubtful digit, its next most likely reading.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

import cv2
import numpy as np

from reportparse.layout.lines import Glyph
from reportparse.sources.ocr import raster
from reportparse.sources.ocr.engine import Engine, ReadChar
from reportparse.sources.ocr.raster import Box

_PAD = 0.15  # white margin around a crop, in line heights (a lone digit is read
# surest with a narrow one)
_RETRY_PAD = 0.08  # the margin of the second, cleaner crop
_DOUBT = 0.995  # a digit read with less confidence than this has an alternative reading
_UNDER_SEAL = 0.5  # what is read under a seal keeps at most half the model's confidence
_TRAILING_POINT = re.compile(r"-?[\d,.]*\d[.,]")
_RETRY = 0.9  # a piece read with less confidence than this is read again from a cleaner crop


@dataclass(slots=True)
class OcrGlyph(Glyph):
    confidence: float = 1.0
    alternative: str | None = None


def _crop(page: np.ndarray, box: Box, pad: int | None = None) -> np.ndarray:
    pad = max(2, int(_PAD * box.height)) if pad is None else pad
    part = page[int(box.top) : int(np.ceil(box.bottom)), int(box.x0) : int(np.ceil(box.x1))]
    return cv2.copyMakeBorder(part, pad, pad, pad, pad, cv2.BORDER_CONSTANT, value=255)


def _is_wide(text: str) -> bool:
    """A character set on a full em (Chinese, and the full-width punctuation with it)."""
    return bool(text) and (ord(text[0]) >= 0x2E80 or text[0] in "“”‘’…—")


def _sureness(chars: list[ReadChar]) -> float:
    visible = [c.confidence for c in chars if c.text.strip()]
    return min(visible) if visible else -1.0


def _worth_retrying(chars: list[ReadChar]) -> bool:
    """A piece read as nothing, or whose least sure character is a digit or a mark (dust
    beside a number misleads the model); doubt about a Chinese character in a line of
    prose is no doubt about a value, and reading it again costs more than the rest."""
    visible = [c for c in chars if c.text.strip()]
    if not visible:
        return True
    least = min(visible, key=lambda c: c.confidence)
    return least.confidence < _RETRY and not _is_wide(least.text)


def _spotless_crop(page: np.ndarray, ink: np.ndarray, box: Box) -> np.ndarray:
    """A second look at a doubtful piece: the dots around its marks whitened (the decimal
    point between digits and a leading minus stay) and a narrower margin."""
    x0, top = int(box.x0), int(box.top)
    x1, bottom = int(np.ceil(box.x1)), int(np.ceil(box.bottom))
    part = page[top:bottom, x0:x1].copy()
    _, labels, stats, _ = cv2.connectedComponentsWithStats(ink[top:bottom, x0:x1], connectivity=8)
    x, y, w, h = (stats[:, k] for k in range(4))
    size = 0.3 * (bottom - top)
    big = np.maximum(w, h) >= size
    big[0] = False  # the background
    if big.any():
        left, right = x[big].min(), (x + w)[big].max()
        between = (left < x) & (x + w < right) & (y + h / 2 > 0.6 * (bottom - top))
        minus = (x + w <= left) & (w >= 3) & (w >= h)
        dots = ~big & ~between & ~minus
        dots[0] = False
        part[dots[labels]] = 255
    pad = max(2, int(_RETRY_PAD * box.height))
    return cv2.copyMakeBorder(part, pad, pad, pad, pad, cv2.BORDER_CONSTANT, value=255)


def read_pieces(ocr: Engine, page: np.ndarray, ink: np.ndarray, pieces: list[Box]) -> list[list[ReadChar]]:
    """Each piece's characters; a piece read as nothing or without certainty is read a
    second time from a cleaner crop, and the surer of the two readings is kept."""
    readings = ocr.recognise([_crop(page, p) for p in pieces])
    doubtful = [i for i, chars in enumerate(readings) if _worth_retrying(chars)]
    if doubtful:
        again = ocr.recognise([_spotless_crop(page, ink, pieces[i]) for i in doubtful])
        for i, chars in zip(doubtful, again):
            first = [c for c in readings[i] if c.text.strip()]
            # Only a surer reading of as many characters: the cleaner crop must not drop a minus sign.
            if _sureness(chars) > _sureness(readings[i]) and (not first or len(chars) == len(first)):
                # The second crop's margin differs from the first's, which place_glyphs assumes.
                shift = max(2, int(_RETRY_PAD * pieces[i].height)) - max(2, int(_PAD * pieces[i].height))
                readings[i] = [
                    ReadChar(c.text, c.x0 - shift, c.x1 - shift, c.confidence, c.alternative, c.alternative_confidence)
                    for c in chars
                ]
    _without_trailing_point(ocr, page, pieces, readings)
    return readings


def _without_trailing_point(ocr: Engine, page: np.ndarray, pieces: list[Box], readings: list[list[ReadChar]]) -> None:
    """A number read with a point or comma at its end (2524.): no number ends so, and dust
    touching its last digit reads as one.  The piece is read again without that mark;
    when the digits come back the same, the mark is dropped (a digit is never changed)."""
    ends = []
    for i, chars in enumerate(readings):
        visible = [c for c in chars if c.text.strip()]
        if _TRAILING_POINT.fullmatch("".join(c.text for c in visible)):
            ends.append((i, visible))
    if not ends:
        return
    crops = []
    for i, visible in ends:
        pad = max(2, int(_PAD * pieces[i].height))
        cut = (visible[-2].x1 + visible[-1].x0) / 2 - pad  # in piece pixels
        box = pieces[i]
        crops.append(_crop(page, Box(box.x0, box.top, box.x0 + max(1.0, cut), box.bottom), pad))
    for (i, visible), again in zip(ends, ocr.recognise(crops)):
        if "".join(c.text for c in again if c.text.strip()) == "".join(c.text for c in visible[:-1]):
            readings[i] = again


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


def place_glyphs(
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
