"""One printed line of an unruled table cut into words and cells, and whether it is a
row of values: the vocabulary the region finder (stream.py) and the grid builder
(stream_grid.py) share."""

from __future__ import annotations

from reportparse.layout.geometry import overlap, space_gap, union
from reportparse.layout.lines import Glyph, PositionedLine, Segment

WIDE = 0.9  # a gap wider than this many font sizes separates two cells
SAME_X = 3.0  # label cells starting this close (pt) stand in one column
_FAR = 2.5  # a lone blank mark this many font sizes right of a label is a value
_NUMBER_GAP = 0.15  # a number this far (font sizes) from the text before it is a word of its own
# First characters of a glyph's text, tested once per pair of neighbours (a set: a regex
# match per glyph was a tenth of a corpus parse).
_DIGIT = frozenset("0123456789０１２３４５６７８９")
_NUMERIC = _DIGIT | frozenset(".,，．+-－")


def tokens(line: PositionedLine) -> list[Segment]:
    """Words: cut at spaces, and where a number starts a little apart from the text
    before it (a long label running up to the value beside it)."""
    size = line.size

    def number_starts(prev: Glyph, g: Glyph) -> bool:
        return g.text[:1] in _DIGIT and prev.text[:1] not in _NUMERIC and g.x0 - prev.x1 > _NUMBER_GAP * size

    return line.pieces(space_gap(size), cut=number_starts)


def cells_of(line: PositionedLine, label_starts: list[float] | None = None) -> list[Segment]:
    """Wide-gap runs of the line; values are split at every space, and a run is cut
    where a token starts exactly at a known label column (（三）不予公开 | 益)."""
    words = tokens(line)
    out: list[list[Segment]] = []
    wide = WIDE * line.size
    for token in words:
        if out:
            prev = out[-1][-1]
            at_column = label_starts is not None and any(abs(token.bbox.x0 - x) <= SAME_X for x in label_starts)
            is_value = token.is_value or prev.is_value
            if token.bbox.x0 - prev.bbox.x1 <= wide and not at_column and not is_value:
                out[-1].append(token)
                continue
        out.append([token])
    return [merge(run) for run in out]


def merge(run: list[Segment]) -> Segment:
    if len(run) == 1:
        return run[0]
    return Segment(" ".join(s.text for s in run), union([s.bbox for s in run]))


def value_run(cells: list[Segment]) -> int:
    n = 0
    for seg in reversed(cells):
        if not seg.is_value:
            break
        n += 1
    return n


def is_value_row(cells: list[Segment]) -> bool:
    run = value_run(cells)
    numbers = sum(1 for seg in cells[len(cells) - run :] if seg.reading.value is not None)
    labelled = len(cells) > run
    # Blank marks alone (无 无 无 …) make a row too, when there are enough of them, or
    # when one stands far to the right of its label (行政事业性收费        无).
    far = labelled and run >= 1 and _gap(cells[-run - 1], cells[-run]) >= _FAR * _height(cells[-run])
    return (run >= 2 and numbers >= 2) or run >= 4 or (run >= 1 and labelled and (numbers >= 1 or far))


def _gap(left: Segment, right: Segment) -> float:
    return right.bbox.x0 - left.bbox.x1


def _height(seg: Segment) -> float:
    return seg.bbox.bottom - seg.bbox.top


def overlaps(a: Segment, b: Segment) -> bool:
    return overlap(a.bbox.x0, a.bbox.x1, b.bbox.x0, b.bbox.x1) > 0
