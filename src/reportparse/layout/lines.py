"""Positioned characters → printed lines and the gaps inside them.

Used by sources that know where each character stands (PDF).  A line keeps its
characters so later stages can cut it at wide gaps (table columns) or read it whole.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from operator import attrgetter
from statistics import median

import regex

from reportparse.layout.geometry import space_gap, union
from reportparse.layout.model import BBox
from reportparse.normalize import join_wrapped
from reportparse.values import Readable

_NUMBER_END = regex.compile(r"(?:^|[^\p{Han}\p{L}])[0-9０-９,，.．]+$")
_NUMBER_START = regex.compile(r"^[0-9０-９,，.．]+$")
_X0, _TOP, _BOTTOM = attrgetter("x0"), attrgetter("top"), attrgetter("bottom")


@dataclass(slots=True)
class Glyph:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float


@dataclass(slots=True)
class Segment(Readable):
    """A run of a line's characters with no wide gap inside; its value is read once."""

    text: str
    bbox: BBox


@dataclass
class PositionedLine:
    """A printed line; its glyphs are complete once built, so box and size are cached."""

    glyphs: list[Glyph] = field(default_factory=list)

    @cached_property
    def bbox(self) -> BBox:
        return union(self.glyphs)

    @cached_property
    def size(self) -> float:
        return median(c.size for c in self.glyphs)

    def pieces(self, gap: float, cut: Callable[[Glyph, Glyph], bool] | None = None) -> list[Segment]:
        """Cut the line wherever the blank between two visible characters exceeds `gap`,
        or where `cut(previous, next)` says so."""
        visible = [g for g in self.glyphs if g.text.strip()]
        out: list[Segment] = []
        run: list[Glyph] = []
        for g in visible:
            if run and (g.x0 - run[-1].x1 > gap or (cut is not None and cut(run[-1], g))):
                out.append(_segment(run))
                run = []
            run.append(g)
        if run:
            out.append(_segment(run))
        return out

    def text(self) -> str:
        return self.joined

    @cached_property
    def joined(self) -> str:
        """The line's text (asked for several times per line by the table finders)."""
        return _text(self.glyphs)


def _text(glyphs: list[Glyph]) -> str:
    parts: list[str] = []
    prev: Glyph | None = None
    for g in glyphs:
        text = g.text
        if not text.strip():
            if parts and parts[-1] != " ":
                parts.append(" ")
            continue
        if prev is not None and parts and parts[-1] != " " and g.x0 - prev.x1 > space_gap(g.size):
            parts.append(" ")
        parts.append(text)
        prev = g
    return "".join(parts).strip()


def _segment(run: list[Glyph]) -> Segment:
    return Segment(_text(run), BBox(run[0].x0, min(map(_TOP, run)), run[-1].x1, max(map(_BOTTOM, run))))


def group_lines(glyphs: list[Glyph]) -> list[PositionedLine]:
    """Glyphs → lines, top to bottom, each left to right.

    A glyph joins the line whose band (its first glyph's height) holds the glyph's
    vertical middle, so a mix of font sizes on one baseline stays one line.
    """
    lines: list[PositionedLine] = []
    bands: list[list[float]] = []  # [top, bottom] per line
    for g in sorted(glyphs, key=lambda c: (round(c.top, 1), c.x0)):
        middle = (g.top + g.bottom) / 2
        home = None
        for index in range(len(lines) - 1, -1, -1):
            band = bands[index]
            if band[0] <= middle <= band[1]:
                home = index
                break
            if band[1] < g.top - 2 * g.size:
                break  # lines are sorted: nothing further up can match
        if home is None:
            lines.append(PositionedLine([g]))
            bands.append([g.top, g.bottom])
        else:
            # The band stays that of the line's first glyph: growing it would let tightly
            # set lines (wrapped labels in narrow cells) swallow each other.
            lines[home].glyphs.append(g)
    for line in lines:
        line.glyphs.sort(key=_X0)
    lines.sort(key=lambda l: l.bbox.top)
    return lines


def cell_text(glyphs: list[Glyph]) -> str:
    """The text of one table cell: its lines joined as one wrapped text.

    A number too wide for its cell wraps too (442 / 7): digits continued on the next
    line of the same cell are one number, so they join without a space.
    """
    out = ""
    for line in group_lines(glyphs):
        text = line.text()
        if out and _NUMBER_END.search(out) and _NUMBER_START.match(text):
            out += text
        else:
            out = join_wrapped([out, text])
    return out
