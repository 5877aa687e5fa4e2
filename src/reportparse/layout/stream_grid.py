"""One region of an unruled table (stream.py found it) → a grid like a ruled table's.

Lines whose text stands over the value columns (headers, sub-table titles) stay rows
of their own; label text left of the values is cut into blocks (a cell's wrapped
lines), and each block joins the value line it stands beside.  Each cell keeps its box.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import regex

from reportparse.layout.columns import value_columns
from reportparse.layout.geometry import clusters, overlap, union
from reportparse.layout.lines import PositionedLine, Segment
from reportparse.layout.model import BBox, Cell, Table
from reportparse.layout.stream_words import SAME_X, WIDE, cells_of, is_value_row, merge, overlaps, tokens, value_run
from reportparse.normalize import ITEM_NUMBER

_BLOCK_GAP = 0.5  # label lines further apart than this many font sizes are two cells
_WRAP_REACH = 1.5  # a wrapped number's pieces stand within this many font sizes of its row
# A label cell starts with its numbering: 一、 （一） (1) 1. 1、
_NUMBERED = regex.compile(r"^\s*" + ITEM_NUMBER)


@dataclass(eq=False)
class _Block:
    """One label cell: a label column's consecutive lines."""

    pieces: list[Segment] = field(default_factory=list)

    @property
    def bbox(self) -> BBox:
        return union([p.bbox for p in self.pieces])

    @property
    def text(self) -> str:
        from reportparse.normalize import join_wrapped

        return join_wrapped([p.text for p in self.pieces])


def _label_columns(xs: list[float]) -> list[float]:
    """Left edges where at least two label cells start."""
    return [group[0] for group in clusters(xs, SAME_X) if len(group) >= 2]


def unruled_table(lines: list[PositionedLine], page_number: int) -> Table:
    rough = [cells_of(l) for l in lines]
    # Inside a table a lone number is a value too (a piece of a wrapped number).
    anchors = [i for i, c in enumerate(rough) if is_value_row(c) or (c and value_run(c) == len(c))]
    value_x0 = min(seg.bbox.x0 for i in anchors for seg in rough[i][len(rough[i]) - value_run(rough[i]) :])
    first_values = [
        seg
        for i in anchors
        for seg in rough[i][len(rough[i]) - value_run(rough[i]) :]
        if seg.bbox.x0 < value_x0 + SAME_X
    ]
    first_x1 = max(seg.bbox.x1 for seg in first_values)

    def in_labels(seg: Segment) -> bool:
        """Left of every value.  Header words are centred over their column, wider than
        its numbers: a word over the first value column is a header, not a label."""
        if seg.bbox.x1 <= value_x0 + 1:
            return True
        over_first = max(0.0, overlap(seg.bbox.x0, seg.bbox.x1, value_x0, first_x1))
        return seg.bbox.x_center < value_x0 - SAME_X and over_first < 0.5 * (first_x1 - value_x0)

    # Label columns from word starts: a wide-gap run may still join two columns' labels.
    starts = _label_columns([t.bbox.x0 for l in lines for t in tokens(l) if in_labels(t)])
    cells = [cells_of(l, starts) for l in lines]
    # Lines with text over the value columns but no values: headers and sub-table titles.
    structure = {i for i, c in enumerate(cells) if i not in anchors and any(not in_labels(s) for s in c)}
    columns = _value_columns([seg for i in anchors for seg in cells[i] if not in_labels(seg)])
    for i in structure:
        cells[i] = _header_cells(lines[i], columns, in_labels)
    anchors, joined = _join_wrapped_numbers(lines, cells, anchors, in_labels)
    blocks = _blocks(cells, structure, in_labels)
    owner = _assign(blocks, lines, anchors)
    rows: list[tuple[float, list[Segment]]] = []
    for i, line_cells in enumerate(cells):
        if i in structure:
            rows.append((lines[i].bbox.top, line_cells))
        elif i in anchors:
            labels = sorted((b for b, a in owner.items() if a == i), key=lambda b: b.bbox.x0)
            values = joined.get(i) or [s for s in line_cells if not in_labels(s)]
            rows.append((lines[i].bbox.top, [Segment(b.text, b.bbox) for b in labels] + values))
    for block, anchor in owner.items():
        if anchor is None:
            rows.append((block.bbox.top, [Segment(block.text, block.bbox)]))
    rows.sort(key=lambda r: r[0])
    grid = [
        Cell(text=seg.text, row=row, col=col, page=page_number, bbox=seg.bbox)
        for row, (_, segs) in enumerate(rows)
        for col, seg in enumerate(segs)
    ]
    box = union([seg.bbox for _, segs in rows for seg in segs]) if grid else None
    return Table(cells=grid, page=page_number, bbox=box, ruled=False)


def _join_wrapped_numbers(lines, cells, anchors, in_labels) -> tuple[list[int], dict[int, list[Segment]]]:
    """Numbers too wide for a narrow column wrap inside their cell: the pieces print on
    lines of their own just above and below the row's line.  Each value line is tied
    to the nearest value line this close whose values stand in other columns (two
    rows of a table share their columns); lines so tied are one row, kept by the
    middle one, and a column's pieces read top to bottom make one number."""
    values = {i: [s for s in cells[i] if not in_labels(s)] for i in anchors}
    parent = {i: i for i in anchors}

    def root(i: int) -> int:
        while parent[i] != i:
            i = parent[i]
        return i

    for b in anchors:
        reach = _WRAP_REACH * lines[b].size
        partners = [
            a
            for a in anchors
            if a != b
            and abs(lines[a].bbox.top - lines[b].bbox.top) <= reach
            and not any(overlaps(s, v) for s in values[b] for v in values[a])
        ]
        if partners:
            nearest = min(partners, key=lambda a: abs(lines[a].bbox.top - lines[b].bbox.top))
            parent[root(b)] = root(nearest)
    groups: dict[int, list[int]] = {}
    for i in anchors:
        groups.setdefault(root(i), []).append(i)
    joined: dict[int, list[Segment]] = {}
    used: set[int] = set()
    for group in groups.values():
        if len(group) == 1:
            continue
        group.sort(key=lambda i: lines[i].bbox.top)
        main = group[len(group) // 2]
        stacks: list[list[Segment]] = []
        for seg in sorted((s for i in group for s in values[i]), key=lambda s: s.bbox.x0):
            stack = next((st for st in stacks if overlaps(st[0], seg)), None)
            if stack is None:
                stacks.append([seg])
            else:
                stack.append(seg)
        joined[main] = [_stacked(stack) for stack in stacks]
        used.update(i for i in group if i != main)
    return [i for i in anchors if i not in used], joined


def _stacked(stack: list[Segment]) -> Segment:
    stack = sorted(stack, key=lambda s: s.bbox.top)
    return Segment("".join(s.text for s in stack), union([s.bbox for s in stack]))


def _value_columns(values: list[Segment]) -> list[tuple[float, float]]:
    """The x-intervals of the value columns (see `columns.value_columns`)."""
    return value_columns([(seg.bbox.x0, seg.bbox.x1) for seg in values])


def _column_of(seg: Segment, columns: list[tuple[float, float]]) -> float:
    """The value column a header word stands over; a word over no printed value (a
    column left blank in every row) is a column of its own."""
    for a, b in columns:
        if overlap(seg.bbox.x0, seg.bbox.x1, a, b) > 0:
            return (a + b) / 2
    return seg.bbox.x_center


def _header_cells(line: PositionedLine, columns, in_labels) -> list[Segment]:
    """A header line over the value columns: one cell per column its words stand in
    (narrow columns leave narrow gaps, so gaps alone cannot separate the cells); words
    left of the values form cells cut at wide gaps."""
    runs: list[tuple[object, list[Segment]]] = []
    wide = WIDE * line.size
    for token in tokens(line):
        if in_labels(token):
            if runs and isinstance(runs[-1][0], tuple) and token.bbox.x0 - runs[-1][1][-1].bbox.x1 <= wide:
                runs[-1][1].append(token)
            else:
                runs.append((("label", len(runs)), [token]))
            continue
        column = _column_of(token, columns)
        if runs and runs[-1][0] == column:
            runs[-1][1].append(token)
        else:
            runs.append((column, [token]))
    return [merge(run) for _, run in runs]


def _blocks(cells, structure, in_labels) -> list[_Block]:
    """Label pieces → blocks: a piece continues the block just above it when it
    overlaps it sideways (centred text moves a little) and starts no new number."""
    pieces = sorted(
        (seg for i, line_cells in enumerate(cells) if i not in structure for seg in line_cells if in_labels(seg)),
        key=lambda s: s.bbox.top,
    )
    blocks: list[_Block] = []
    for seg in pieces:
        size = seg.bbox.bottom - seg.bbox.top
        home = None
        if not _NUMBERED.match(seg.text):
            for block in reversed(blocks):
                last = block.pieces[-1].bbox
                near = 0 <= seg.bbox.top - last.bottom <= _BLOCK_GAP * size
                if near and overlap(seg.bbox.x0, seg.bbox.x1, last.x0, last.x1) > 0:
                    home = block
                    break
        if home is None:
            home = _Block()
            blocks.append(home)
        home.pieces.append(seg)
    return blocks


def _assign(blocks: list[_Block], lines: list[PositionedLine], anchors: list[int]) -> dict[_Block, int | None]:
    """Each label block joins the value line that stands within its height (the nearest
    to its middle); a block beside no value line stays a row of its own."""
    owner: dict[_Block, int | None] = {}
    for block in blocks:
        box = block.bbox
        middle = (box.top + box.bottom) / 2
        tolerance = 0.6 * (box.bottom - box.top) / max(1, len(block.pieces))
        inside = [
            a
            for a in anchors
            if box.top - tolerance <= (lines[a].bbox.top + lines[a].bbox.bottom) / 2 <= box.bottom + tolerance
        ]
        owner[block] = (
            min(inside, key=lambda a: abs((lines[a].bbox.top + lines[a].bbox.bottom) / 2 - middle)) if inside else None
        )
    return owner
