"""Tables printed without ruling lines, recovered from how their text lines up.

A line is a value line when it ends in value tokens (numbers, blank marks) set apart
by gaps.  A table region runs from the header lines above its first value line to the
label lines below its last, never across a section heading.  Inside a region, lines
whose text stands over the value columns (headers, sub-table titles) stay rows of
their own; label text left of the values is cut into blocks (a cell's wrapped lines)
per label column, and each block joins the value line it stands beside.  The result
is the same kind of grid as a ruled table, each cell with its box.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

import regex

from reportparse.layout.lines import Glyph, PositionedLine, Segment
from reportparse.layout.model import BBox, Cell, Table
from reportparse.tables.values import looks_like_value

_WIDE = 0.9          # a gap wider than this many font sizes separates two cells
_FAR = 2.5           # a lone blank mark this many font sizes right of a label is a value
_PROSE_WIDTH = 0.7   # a line without wide gaps, wider than this share of the text column, is prose
_PROSE_GAP = 0.8     # running text has at most two gaps wider than this many font sizes
_PROSE_INK = 0.6     # and its characters cover at least this share of its width
_BLOCK_GAP = 0.5     # label lines further apart than this many font sizes are two cells
_SAME_X = 3.0        # label cells starting this close (pt) stand in one column
_WRAP_REACH = 1.5    # a wrapped number's pieces stand within this many font sizes of its row
_NUMBER_GAP = 0.15   # a number this far (font sizes) from the text before it is a word of its own
_DIGIT = regex.compile(r"[0-9０-９]")
_BARE_NUMBER = regex.compile(r"^[0-9０-９,，.．\s]+$")
_NUMERIC = regex.compile(r"[0-9０-９.,，．+\-－]")
# A label cell starts with its numbering: 一、 （一） (1) 1. 1、
_NUMBERED = regex.compile(r"^\s*(?:[一二三四五六七八九十]{1,3}[、.．]|[（(][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}[.、．](?!\d))")


def _tokens(line: PositionedLine) -> list[Segment]:
    """Words: cut at spaces, and where a number starts a little apart from the text
    before it (a long label running up to the value beside it)."""
    size = line.size

    def number_starts(prev: Glyph, g: Glyph) -> bool:
        return bool(_DIGIT.match(g.text)) and not _NUMERIC.match(prev.text) and g.x0 - prev.x1 > _NUMBER_GAP * size

    return line.pieces(min(3.0, 0.3 * size), cut=number_starts)


def _cells_of(line: PositionedLine, label_starts: list[float] | None = None) -> list[Segment]:
    """Wide-gap runs of the line; values are split at every space, and a run is cut
    where a token starts exactly at a known label column (（三）不予公开 | 益)."""
    tokens = _tokens(line)
    out: list[list[Segment]] = []
    wide = _WIDE * line.size
    for token in tokens:
        if out:
            prev = out[-1][-1]
            at_column = label_starts is not None and any(abs(token.bbox.x0 - x) <= _SAME_X for x in label_starts)
            is_value = looks_like_value(token.text) or looks_like_value(prev.text)
            if token.bbox.x0 - prev.bbox.x1 <= wide and not at_column and not is_value:
                out[-1].append(token)
                continue
        out.append([token])
    return [_merge(run) for run in out]


def _merge(run: list[Segment]) -> Segment:
    if len(run) == 1:
        return run[0]
    box = run[0].bbox
    for seg in run[1:]:
        box = box.union(seg.bbox)
    return Segment(" ".join(s.text for s in run), box)


def _value_run(cells: list[Segment]) -> int:
    n = 0
    for seg in reversed(cells):
        if not looks_like_value(seg.text):
            break
        n += 1
    return n


def _is_value_row(cells: list[Segment]) -> bool:
    run = _value_run(cells)
    numbers = sum(1 for seg in cells[len(cells) - run:] if any(ch.isdigit() for ch in seg.text))
    labelled = len(cells) > run
    # Blank marks alone (无 无 无 …) make a row too, when there are enough of them, or
    # when one stands far to the right of its label (行政事业性收费        无).
    far = labelled and run >= 1 and _gap(cells[-run - 1], cells[-run]) >= _FAR * _height(cells[-run])
    return (run >= 2 and numbers >= 2) or run >= 4 or (run >= 1 and labelled and (numbers >= 1 or far))


def _gap(left: Segment, right: Segment) -> float:
    return right.bbox.x0 - left.bbox.x1


def _height(seg: Segment) -> float:
    return seg.bbox.bottom - seg.bbox.top


def _is_prose(line: PositionedLine, column_width: float) -> bool:
    """Running text: a sentence's end, or a line across the text column without the
    wide gaps that separate table cells."""
    text = line.text()
    if text.endswith(("。", "；", "：", "！", "？")):
        return True
    box = line.bbox
    if box.x1 - box.x0 < _PROSE_WIDTH * column_width:
        return False
    glyphs = [g for g in line.glyphs if g.text.strip()]
    gap = _PROSE_GAP * line.size        # once: line.size is a median over the glyphs
    wide_gaps = sum(1 for a, b in zip(glyphs, glyphs[1:]) if b.x0 - a.x1 > gap)
    inked = sum(g.x1 - g.x0 for g in glyphs) / (box.x1 - box.x0)
    return wide_gaps <= 2 and inked >= _PROSE_INK


def split_tables(
    lines: list[PositionedLine],
    page_number: int,
    column_width: float,
    is_boundary: Callable[[str], bool],
    is_furniture: Callable[[str], bool] = lambda text: False,
) -> list[PositionedLine | Table]:
    """Replace each run of lines that forms an unruled table by one `Table`.

    `is_boundary` tells the lines no table runs across (headings, page numbers);
    `is_furniture` the page numbers and footers below a page's last table.
    """
    cells = [_cells_of(l) for l in lines]
    # A bare number inside the page is a piece of a table (a wrapped number), not a
    # page number: those stand first or last on the page.
    boundary = [is_boundary(l.text()) and not (0 < i < len(lines) - 1 and _BARE_NUMBER.match(l.text()))
                for i, l in enumerate(lines)]
    # A sentence may end in a number or two; three or more in a row make a table row.
    value_rows = [i for i, c in enumerate(cells) if _is_value_row(c) and not boundary[i]
                  and (_value_run(c) >= 3 or not _is_prose(lines[i], column_width))]
    footer = len(lines)
    while footer > 0 and is_furniture(lines[footer - 1].text()):
        footer -= 1
    tail = _header_at_page_end(lines[:footer], cells, boundary, column_width, value_rows)
    if tail is not None:
        return split_tables(lines[:tail], page_number, column_width, is_boundary) \
            + [_header_table(lines[tail:footer], page_number)] + list(lines[footer:])
    if not value_rows:
        return list(lines)
    regions: list[tuple[int, int]] = []
    for i in value_rows:
        if regions and not any(boundary[k] for k in range(regions[-1][1] + 1, i + 1)):
            regions[-1] = (regions[-1][0], i)
        else:
            regions.append((i, i))
    out: list[PositionedLine | Table] = []
    cursor = 0
    for first, last in regions:
        start = first
        while start - 1 >= cursor and not boundary[start - 1] and not _is_prose(lines[start - 1], column_width):
            start -= 1
        end = last
        while end + 1 < len(lines) and not boundary[end + 1] and not _is_prose(lines[end + 1], column_width) \
                and lines[end + 1].bbox.top - lines[end].bbox.bottom < 2 * lines[end].size:
            end += 1
        out.extend(lines[cursor:start])
        out.append(_table(lines[start:end + 1], page_number))
        cursor = end + 1
    out.extend(lines[cursor:])
    return out


def _header_at_page_end(lines, cells, boundary, column_width, value_rows) -> int | None:
    """Where a table's header rows start when the page ends before its first value row
    (the rows follow on the next page): the page's last lines, one of them of three
    or more words, none of them prose or a heading."""
    start = len(lines)
    while start > 0 and not boundary[start - 1] and not _is_prose(lines[start - 1], column_width) \
            and (start - 1) not in value_rows:
        start -= 1
    if start == len(lines) or (value_rows and start <= value_rows[-1]):
        return None
    if not any(len(_tokens(line)) >= 3 for line in lines[start:]):
        return None
    return start


def _header_table(lines: list[PositionedLine], page_number: int) -> Table:
    # No values to show where the columns are: every word is a cell of its own.
    grid = [Cell(text=seg.text, row=r, col=c, page=page_number, bbox=seg.bbox)
            for r, line in enumerate(lines) for c, seg in enumerate(_tokens(line))]
    box = grid[0].bbox
    for cell in grid[1:]:
        box = box.union(cell.bbox)
    return Table(cells=grid, page=page_number, bbox=box, ruled=False)


@dataclass(eq=False)
class _Block:
    """One label cell: a label column's consecutive lines."""
    pieces: list[Segment] = field(default_factory=list)

    @property
    def bbox(self) -> BBox:
        box = self.pieces[0].bbox
        for p in self.pieces[1:]:
            box = box.union(p.bbox)
        return box

    @property
    def text(self) -> str:
        from reportparse.normalize import join_wrapped
        return join_wrapped([p.text for p in self.pieces])


def _label_columns(xs: list[float]) -> list[float]:
    """Left edges where at least two label cells start."""
    starts: list[list[float]] = []
    for x in sorted(xs):
        if starts and x - starts[-1][-1] <= _SAME_X:
            starts[-1].append(x)
        else:
            starts.append([x])
    return [group[0] for group in starts if len(group) >= 2]


def _table(lines: list[PositionedLine], page_number: int) -> Table:
    rough = [_cells_of(l) for l in lines]
    # Inside a table a lone number is a value too (a piece of a wrapped number).
    anchors = [i for i, c in enumerate(rough) if _is_value_row(c) or (c and _value_run(c) == len(c))]
    value_x0 = min(seg.bbox.x0 for i in anchors for seg in rough[i][len(rough[i]) - _value_run(rough[i]):])
    first_values = [seg for i in anchors for seg in rough[i][len(rough[i]) - _value_run(rough[i]):]
                    if seg.bbox.x0 < value_x0 + _SAME_X]
    first_x1 = max(seg.bbox.x1 for seg in first_values)

    def in_labels(seg: Segment) -> bool:
        """Left of every value.  Header words are centred over their column, wider than
        its numbers: a word over the first value column is a header, not a label."""
        if seg.bbox.x1 <= value_x0 + 1:
            return True
        over_first = max(0.0, min(seg.bbox.x1, first_x1) - max(seg.bbox.x0, value_x0))
        return seg.bbox.x_center < value_x0 - _SAME_X and over_first < 0.5 * (first_x1 - value_x0)

    # Label columns from word starts: a wide-gap run may still join two columns' labels.
    starts = _label_columns([t.bbox.x0 for l in lines for t in _tokens(l) if in_labels(t)])
    cells = [_cells_of(l, starts) for l in lines]
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
    grid: list[Cell] = []
    box: BBox | None = None
    for row, (_, segs) in enumerate(rows):
        for col, seg in enumerate(segs):
            grid.append(Cell(text=seg.text, row=row, col=col, page=page_number, bbox=seg.bbox))
            box = seg.bbox if box is None else box.union(seg.bbox)
    return Table(cells=grid, page=page_number, bbox=box, ruled=False)


def _overlaps(a: Segment, b: Segment) -> bool:
    return min(a.bbox.x1, b.bbox.x1) > max(a.bbox.x0, b.bbox.x0)


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
        partners = [a for a in anchors if a != b and abs(lines[a].bbox.top - lines[b].bbox.top) <= reach
                    and not any(_overlaps(s, v) for s in values[b] for v in values[a])]
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
            stack = next((st for st in stacks if _overlaps(st[0], seg)), None)
            if stack is None:
                stacks.append([seg])
            else:
                stack.append(seg)
        joined[main] = [_stacked(stack) for stack in stacks]
        used.update(i for i in group if i != main)
    return [i for i in anchors if i not in used], joined


def _stacked(stack: list[Segment]) -> Segment:
    stack = sorted(stack, key=lambda s: s.bbox.top)
    box = stack[0].bbox
    for seg in stack[1:]:
        box = box.union(seg.bbox)
    return Segment("".join(s.text for s in stack), box)


def _value_columns(values: list[Segment]) -> list[tuple[float, float]]:
    """The x-intervals of the value columns: value boxes that overlap are one column."""
    spans: list[list[float]] = []
    for seg in sorted(values, key=lambda s: s.bbox.x0):
        if spans and seg.bbox.x0 <= spans[-1][1]:
            spans[-1][1] = max(spans[-1][1], seg.bbox.x1)
        else:
            spans.append([seg.bbox.x0, seg.bbox.x1])
    return [(a, b) for a, b in spans]


def _column_of(seg: Segment, columns: list[tuple[float, float]]) -> float:
    """The value column a header word stands over; a word over no printed value (a
    column left blank in every row) is a column of its own."""
    for a, b in columns:
        if min(seg.bbox.x1, b) - max(seg.bbox.x0, a) > 0:
            return (a + b) / 2
    return seg.bbox.x_center


def _header_cells(line: PositionedLine, columns, in_labels) -> list[Segment]:
    """A header line over the value columns: one cell per column its words stand in
    (narrow columns leave narrow gaps, so gaps alone cannot separate the cells); words
    left of the values form cells cut at wide gaps."""
    runs: list[tuple[object, list[Segment]]] = []
    wide = _WIDE * line.size
    for token in _tokens(line):
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
    return [_merge(run) for _, run in runs]


def _blocks(cells, structure, in_labels) -> list[_Block]:
    """Label pieces → blocks: a piece continues the block just above it when it
    overlaps it sideways (centred text moves a little) and starts no new number."""
    pieces = sorted((seg for i, line_cells in enumerate(cells) if i not in structure
                     for seg in line_cells if in_labels(seg)), key=lambda s: s.bbox.top)
    blocks: list[_Block] = []
    for seg in pieces:
        size = seg.bbox.bottom - seg.bbox.top
        home = None
        if not _NUMBERED.match(seg.text):
            for block in reversed(blocks):
                last = block.pieces[-1].bbox
                if 0 <= seg.bbox.top - last.bottom <= _BLOCK_GAP * size \
                        and min(seg.bbox.x1, last.x1) > max(seg.bbox.x0, last.x0):
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
        inside = [a for a in anchors
                  if box.top - tolerance <= (lines[a].bbox.top + lines[a].bbox.bottom) / 2 <= box.bottom + tolerance]
        owner[block] = min(inside, key=lambda a: abs((lines[a].bbox.top + lines[a].bbox.bottom) / 2 - middle)) \
            if inside else None
    return owner
