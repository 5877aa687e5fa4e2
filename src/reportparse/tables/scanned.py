"""Values read by OCR placed without guessing: a blank mark may be lost and a heading
may be unreadable on a scan, so a value goes only where its position says, and a
cell that an unplaced value might belong to is named."""

from __future__ import annotations

from dataclasses import replace

import regex

from reportparse import records
from reportparse.layout.model import BBox, Cell
from reportparse.recognize.labels import LabelMatcher
from reportparse.tables.header import Leaf, _monotone
from reportparse.tables.result import TableResult
from reportparse.tables.rows import RowView, Span, span_of

_DIGIT = regex.compile(r"\d")


def read_by_ocr(cells: list[Cell]) -> bool:
    return any(c.confidence is not None for c in cells)


def is_speck(row: RowView) -> bool:
    """A row read by OCR that holds only a mark (/ or - of dust), no digit and no label."""
    texts = [c.text for c in row.cells if c.text.strip()]
    return bool(texts) and all(c.confidence is not None for c in row.cells) and not any(_DIGIT.search(t) for t in texts)


def open_leaves(cell: Cell, placed: dict[int, Cell], leaves: list[Leaf], positioned: bool) -> list[int]:
    """The leaves an unplaced value might belong to: those left empty between the
    nearest placed values on either side of it."""
    x = span_of(cell, positioned).center
    filled = {i: span_of(c, positioned).center for i, c in placed.items() if c.text.strip()}
    left = max((i for i, at in filled.items() if at < x), default=-1)
    right = min((i for i, at in filled.items() if at > x), default=len(leaves))
    return [i for i in range(left + 1, right) if i not in filled]


def misread_values(cells: list[Cell], leaves: list[Leaf], positioned: bool) -> list[Cell]:
    """The cells read by OCR that stand under a value column's header."""
    return [
        c
        for c in cells
        if c.confidence is not None
        and c.text.strip()
        and leaves[0].positioned == positioned
        and any(leaf.span.covers(span_of(c, positioned).center) for leaf in leaves)
    ]


def open_cell_problems(table: str, cell: Cell, open_ids: list[str]) -> list[records.Record]:
    """An OCR value no column takes may belong in a cell left empty beside it (a blank
    mark lost, a heading unreadable): each such cell is doubtful, not surely blank."""
    return [
        records.problem(
            "ocr_uncertain_column",
            f"cell {cell_id}: OCR found no value under its heading, but '{cell.text}' beside it stands under "
            "no recognised column and may belong here — check the page",
            table=table,
            page=cell.page,
            cell=cell_id,
            label=cell.text,
        )
        for cell_id in open_ids
    ]


def unread_headings(
    table: str, leaves: list[Leaf], slots: list[Span], headers: list[RowView], order: list[str], result: TableResult
) -> list[Leaf]:
    """A value column whose heading is printed but unreadable (a seal over it) is the one
    column of the template's order missing between the named columns on either side of
    it; when exactly one is missing there, it is added, and a problem says so."""
    if not leaves or not slots or any(l.row is not None for l in leaves) or not leaves[0].positioned:
        return leaves
    named = {l.column for l in leaves}
    paired = _monotone([s.center for s in slots], [l.span.center for l in leaves])
    cells = [c for row in headers for c in row.cells if c.text.strip() and c.confidence is not None]
    added: list[Leaf] = []
    for k, slot in enumerate(slots):
        if k in paired:
            continue
        left = max((paired[j] for j in paired if j < k), default=None)
        right = min((paired[j] for j in paired if j > k), default=None)
        if left is None or right is None or right != left + 1:
            continue
        between = order[order.index(leaves[left].column) + 1 : order.index(leaves[right].column)]
        unpaired_between = [
            j
            for j in range(len(slots))
            if j not in paired and slots[j].x0 > leaves[left].span.x1 and slots[j].x1 < leaves[right].span.x0
        ]
        heading = [c for c in cells if span_of(c, True).overlap(slot) > 0]
        missing = [c for c in between if c not in named]
        if len(missing) != 1 or len(between) != 1 or unpaired_between != [k] or not heading:
            continue
        printed = " ".join(c.text for c in heading)
        added.append(
            Leaf(
                missing[0],
                Span(
                    min(slot.x0, *(span_of(c, True).x0 for c in heading)),
                    max(slot.x1, *(span_of(c, True).x1 for c in heading)),
                ),
                True,
                printed,
            )
        )
        result.problems.append(
            records.problem(
                "ocr_unread_heading",
                f"table {table}: the heading over the column between {leaves[left].column} and "
                f"{leaves[right].column} was read as '{printed}', no column's name; the template has only "
                f"{missing[0]} there, so its values are read as {missing[0]} — check the page",
                table=table,
                page=heading[0].page,
                label=missing[0],
            )
        )
    return sorted(leaves + added, key=lambda l: l.span.center)


def _halves(cell: Cell, columns: LabelMatcher) -> list[Cell]:
    """A heading read as two columns' names run together (社会公益组织法律服务机构, their
    gap too narrow on the scan) → the two headings, the box cut where the text is cut."""
    text = cell.text.replace(" ", "")
    box = cell.bbox
    if box is None or cell.confidence is None or columns.match(text) is not None:
        return [cell]
    for cut in range(2, len(text) - 1):
        left, right = columns.match(text[:cut]), columns.match(text[cut:])
        if left and right and left.score == right.score == 100.0 and left.id != right.id:
            at = box.x0 + (box.x1 - box.x0) * cut / len(text)
            return [
                replace(cell, text=text[:cut], bbox=BBox(box.x0, box.top, at, box.bottom)),
                replace(cell, text=text[cut:], bbox=BBox(at, box.top, box.x1, box.bottom)),
            ]
    return [cell]


def split_headings(headers: list[RowView], columns: LabelMatcher) -> list[RowView]:
    return [replace(row, cells=[half for c in row.cells for half in _halves(c, columns)]) for row in headers]
