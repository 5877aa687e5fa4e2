"""Header rows → value columns ("leaves"), each with its column id and its parents.

Header cells that stand one above the other over the same columns form a stack
(a header wrapped over lines, 商业 / 企业); a stack is named by the longest run of its
cells that matches the column vocabulary.  Cells that span several leaves are their
parents (自然人 | 法人或其他组织, or 行政复议 | 未经复议直接起诉 | 复议后起诉).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from reportparse.layout.model import Cell
from reportparse.normalize import join_wrapped
from reportparse.recognize.labels import LabelMatch, LabelMatcher
from reportparse.tables.rows import RowView, Span, span_of

_SAME_STACK = 0.6  # overlap, as a share of the narrower cell, that puts two cells in one stack


@dataclass(slots=True)
class Leaf:
    column: str  # column id
    span: Span
    positioned: bool
    label: str  # as printed
    parents: list[Cell] = field(default_factory=list)  # header cells above it, top to bottom
    row: str | None = None  # appeals: the row id its parents name


def _stacks(cells: list[tuple[Cell, Span]]) -> list[list[tuple[Cell, Span]]]:
    stacks: list[list[tuple[Cell, Span]]] = []
    for cell, span in cells:  # cells come top to bottom
        for stack in stacks:
            last = stack[-1][1]
            narrow = min(last.x1 - last.x0, span.x1 - span.x0) or 1.0
            if (
                last.overlap(span) >= _SAME_STACK * narrow
                and abs((last.x1 - last.x0) - (span.x1 - span.x0)) <= narrow * 1.5
            ):
                stack.append((cell, span))
                break
        else:
            stacks.append([(cell, span)])
    return stacks


def _name(stack: list[tuple[Cell, Span]], columns: LabelMatcher) -> tuple[LabelMatch, int] | None:
    """Best column match over the runs of consecutive cells in the stack (longest first)."""
    texts = [c.text for c, _ in stack]
    best: tuple[LabelMatch, int] | None = None
    n = len(texts)
    for length in range(n, 0, -1):
        for start in range(n - length + 1):
            found = columns.match(join_wrapped(texts[start : start + length]))
            if found and (best is None or found.score > best[0].score):
                best = (found, start)
        if best and best[0].score == 100.0:
            break
    return best


def build_leaves(header_rows: list[RowView], columns: LabelMatcher) -> list[Leaf]:
    if not header_rows:
        return []
    positioned = header_rows[0].positioned
    cells = [(c, span_of(c, positioned)) for row in header_rows for c in row.cells if c.text.strip()]
    leaves: list[Leaf] = []
    used: set[int] = set()
    for stack in _stacks(cells):
        named = _name(stack, columns)
        if named is None:
            continue
        found, start = named
        owner = stack[start:]
        span = owner[0][1]
        for _, s in owner[1:]:
            span = Span(min(span.x0, s.x0), max(span.x1, s.x1))
        leaves.append(Leaf(found.id, span, positioned, join_wrapped([c.text for c, _ in owner])))
        used.update(id(c) for c, _ in owner)
    leaves.sort(key=lambda l: l.span.center)
    for leaf in leaves:
        leaf.parents = [c for c, s in cells if id(c) not in used and s.overlap(leaf.span) > 0.5]
    return leaves


def _monotone(xs: list[float], cs: list[float]) -> dict[int, int]:
    """Pair positions xs with centres cs keeping both in left-to-right order, nearest
    first: {index in xs: index in cs}.  Leaving a centre unpaired is free (a column
    left blank); leaving a position unpaired costs a few column widths."""
    n, m = len(xs), len(cs)
    skip_x = max((b - a for a, b in zip(cs, cs[1:])), default=50.0) * 4
    inf = float("inf")
    cost = [[inf] * (m + 1) for _ in range(n + 1)]  # cost[i][j]: xs[:i] placed among cs[:j]
    move: list[list[str | None]] = [[None] * (m + 1) for _ in range(n + 1)]
    for j in range(m + 1):
        cost[0][j] = 0.0
    for i in range(1, n + 1):
        cost[i][0] = cost[i - 1][0] + skip_x
        move[i][0] = "skip_x"
        for j in range(1, m + 1):
            options = [
                (cost[i][j - 1], "skip_c"),
                (cost[i - 1][j] + skip_x, "skip_x"),
                (cost[i - 1][j - 1] + abs(xs[i - 1] - cs[j - 1]), "pair"),
            ]
            cost[i][j], move[i][j] = min(options, key=lambda o: o[0])
    pairs: dict[int, int] = {}
    i, j = n, m
    while i > 0:
        step = move[i][j]
        if step == "pair":
            pairs[i - 1] = j - 1
            i, j = i - 1, j - 1
        elif step == "skip_c":
            j -= 1
        else:
            i -= 1
    return pairs


def _place(cells: list[Cell], targets: dict[int, int]) -> tuple[dict[int, Cell], list[Cell]]:
    placed: dict[int, Cell] = {}
    stray: list[Cell] = []
    for i, cell in enumerate(cells):
        leaf = targets.get(i)
        if leaf is None or leaf in placed:
            stray.append(cell)
        else:
            placed[leaf] = cell
    return placed, stray


def assign(
    values: list[Cell], leaves: list[Leaf], positioned: bool, slots: list[Span] | None = None, guess: bool = True
) -> tuple[dict[int, Cell], list[Cell]]:
    """Place value cells under leaves; returns {leaf index: cell} and the cells that found none.

    Cells of a grid go under the leaf that covers them.  Unruled values go by the
    table's value columns (`slots`), each paired once with a header; failing that,
    the row's own values are aligned with the headers by position.  Text shifted
    into the wrong columns is placed in order when the number of printed values
    equals the number of leaves.  Without `guess` (values read by OCR, where a blank
    mark may be lost or a heading unreadable) a value goes only under the header it
    stands under: one under no header stays unplaced rather than moved into a neighbour.
    """
    if not leaves:
        return {}, list(values)
    by_position = positioned and leaves[0].positioned
    printed = [c for c in values if c.text.strip()]
    centres = [leaf.span.center for leaf in leaves]
    if slots and by_position:
        slot_to_leaf = _monotone([s.center for s in slots], centres)
        slot_of = [next((k for k, s in enumerate(slots) if s.covers(span_of(c, True).center)), None) for c in printed]
        placed, stray = _place(
            printed,
            {i: leaf for i, k in enumerate(slot_of) if k is not None and (leaf := slot_to_leaf.get(k)) is not None},
        )
        if not stray:
            return placed, stray
    placed, stray = {}, []
    for cell in values:
        center = span_of(cell, by_position).center
        candidates = [i for i, leaf in enumerate(leaves) if leaf.span.covers(center) and i not in placed]
        if candidates:
            placed[candidates[0]] = cell
        else:
            stray.append(cell)
    if not guess:
        return placed, stray
    if stray and by_position:
        placed, stray = _place(printed, _monotone([span_of(c, True).center for c in printed], centres))
    if stray and len(printed) == len(leaves):
        return dict(enumerate(printed)), []
    return placed, stray
