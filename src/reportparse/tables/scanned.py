"""Values read by OCR placed without guessing: a blank mark may be lost and a heading
may be unreadable on a scan, so a value goes only where its position says, and a
cell that an unplaced value might belong to is named."""

from __future__ import annotations

from dataclasses import replace

import regex

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


def name_open_cells(result: TableResult, cell: Cell, open_ids: list[str]) -> None:
    """An OCR value no column takes may belong in a cell left empty beside it (a blank
    mark lost, a heading unreadable): each such cell is doubtful, not surely blank."""
    for cell_id in open_ids:
        result.problem(
            "ocr_uncertain_column",
            f"cell {cell_id}: OCR found no value under its heading, but '{cell.text}' beside it stands under "
            "no recognised column and may belong here — check the page",
            page=cell.page,
            cell=cell_id,
            label=cell.text,
        )


def unread_headings(
    leaves: list[Leaf],
    slots: list[Span],
    headers: list[RowView],
    columns: LabelMatcher,
    order: list[str],
    result: TableResult,
) -> list[Leaf]:
    """A value column whose heading is printed but unreadable (a seal over it, a misread
    character) is the one column the template's order has between the named columns on
    either side of it: it is added, and a problem says so.  Where the column stands:
    a value column (unruled) no heading pairs with, or the unreadable heading's cell."""
    if not leaves or not leaves[0].positioned:
        return leaves
    cells = [c for row in headers for c in row.cells if c.text.strip() and c.confidence is not None]
    unread = [c for c in cells if columns.match(c.text) is None]
    if slots:
        paired = _monotone([s.center for s in slots], [l.span.center for l in leaves])
        places = [s for k, s in enumerate(slots) if k not in paired]
    else:
        places = [span_of(c, True) for c in unread]
    added: list[Leaf] = []
    for place in places:
        left = max((i for i, l in enumerate(leaves) if l.span.x1 <= place.center), default=None)
        right = min((i for i, l in enumerate(leaves) if l.span.x0 >= place.center), default=None)
        if left is None or right is None or right != left + 1:
            continue
        between = order[order.index(leaves[left].column) + 1 : order.index(leaves[right].column)]
        gap = Span(leaves[left].span.x1, leaves[right].span.x0)
        others = [p for p in places if p is not place and gap.covers(p.center)]
        heading = [c for c in unread if span_of(c, True).overlap(place) > 0 and gap.covers(span_of(c, True).center)]
        if len(between) != 1 or others or len(heading) != 1:
            continue
        (cell,) = heading
        span = Span(min(place.x0, span_of(cell, True).x0), max(place.x1, span_of(cell, True).x1))
        parents = [p for p in leaves[left].parents if span_of(p, True).covers(span.center)]
        added.append(Leaf(between[0], span, True, cell.text, parents))
        result.problem(
            "ocr_unread_heading",
            f"table {result.table}: the heading over the column between {leaves[left].column} and "
            f"{leaves[right].column} was read as '{cell.text}', no column's name; the template has only "
            f"{between[0]} there, so its values are read as {between[0]} — check the page",
            page=cell.page,
            label=between[0],
        )
    return sorted(leaves + added, key=lambda l: l.span.center)


def _names(text: str, columns: LabelMatcher) -> list[int] | None:
    """Where `text` is cut into two or more column names run together (their ends)."""
    for cut in range(2, len(text) - 1):
        first = columns.match(text[:cut])
        if first is None or first.score != 100.0:
            continue
        whole = columns.match(text[cut:])
        if whole is not None and whole.score == 100.0 and whole.id != first.id:
            return [cut, len(text)]
        rest = _names(text[cut:], columns)
        if rest is not None:
            return [cut] + [cut + end for end in rest]
    return None


def _parts(cell: Cell, columns: LabelMatcher) -> list[Cell]:
    """A heading read as several columns' names run together (社会公益组织法律服务机构,
    结果维持结果纠正其他结果尚未审结: their gaps too narrow on the scan) → the headings,
    the box cut where the text is cut."""
    text = cell.text.replace(" ", "")
    box = cell.bbox
    found = columns.match(text)
    if box is None or cell.confidence is None or (found is not None and found.score == 100.0):
        return [cell]
    ends = _names(text, columns)
    if ends is None:
        return [cell]
    at = [box.x0 + (box.x1 - box.x0) * end / len(text) for end in [0, *ends]]
    starts = [0, *ends[:-1]]
    return [
        replace(cell, text=text[a:b], bbox=BBox(x0, box.top, x1, box.bottom))
        for a, b, x0, x1 in zip(starts, ends, at, at[1:])
    ]


def split_headings(headers: list[RowView], columns: LabelMatcher) -> list[RowView]:
    return [replace(row, cells=[part for c in row.cells for part in _parts(c, columns)]) for row in headers]
