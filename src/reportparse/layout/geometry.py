"""Plane geometry of the layout, written once: the box around boxes, how far two
x-intervals overlap, intervals joined where they touch, positions clustered, and the
blank that separates two words."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from operator import attrgetter
from typing import Protocol

from reportparse.layout.model import BBox

_X0, _X1, _TOP, _BOTTOM = attrgetter("x0"), attrgetter("x1"), attrgetter("top"), attrgetter("bottom")


class Boxed(Protocol):
    """Anything with a box's four sides: a `BBox`, a glyph."""

    @property
    def x0(self) -> float: ...
    @property
    def top(self) -> float: ...
    @property
    def x1(self) -> float: ...
    @property
    def bottom(self) -> float: ...


def union(boxes: Sequence[Boxed]) -> BBox:
    """The smallest box holding every box (at least one)."""
    return BBox(min(map(_X0, boxes)), min(map(_TOP, boxes)), max(map(_X1, boxes)), max(map(_BOTTOM, boxes)))


def overlap(a0: float, a1: float, b0: float, b1: float) -> float:
    """How far the x-intervals [a0, a1] and [b0, b1] overlap; negative: the gap between them."""
    return min(a1, b1) - max(a0, b0)


def merge_intervals(intervals: Iterable[tuple[float, float]], tolerance: float = 0) -> list[tuple[float, float]]:
    """Intervals that overlap, touch or stand within `tolerance` of each other, joined
    into one; left to right."""
    merged: list[list[float]] = []
    for x0, x1 in sorted(intervals):
        if merged and x0 <= merged[-1][1] + tolerance:
            merged[-1][1] = max(merged[-1][1], x1)
        else:
            merged.append([x0, x1])
    return [(a, b) for a, b in merged]


def clusters(values: Iterable[float], tolerance: float) -> list[list[float]]:
    """Sorted values chained into groups: a value within `tolerance` of the one before
    it joins that one's group (pdfplumber's cluster_list)."""
    groups: list[list[float]] = []
    for v in sorted(values):
        if groups and v <= groups[-1][-1] + tolerance:
            groups[-1].append(v)
        else:
            groups.append([v])
    return groups


def space_gap(size: float) -> float:
    """The blank between two characters that reads as a space: pdfplumber's default
    x_tolerance (3 pt), scaled down for small type."""
    return min(3.0, 0.3 * size)
