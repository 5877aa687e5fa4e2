"""Which template table a table fragment belongs to, judged by the labels printed in it."""
from __future__ import annotations

from typing import TYPE_CHECKING

from reportparse.layout.model import Cell, Table
from reportparse.normalize import label_key
from reportparse.tables.values import looks_like_value

if TYPE_CHECKING:
    from reportparse.tables.base import TemplateTable


def _names(template: "TemplateTable", text: str) -> bool:
    if label_key(text) in template.header_keys:
        return True
    return any(m.match(text) for m in (template.row_matcher, template.column_matcher, template.group_matcher))


def _texts(table: Table, templates: list[TemplateTable]) -> list[str]:
    """The fragment's label texts; a header cell wrapped over two rows (结果 / 维持)
    counts as the label its two pieces make when they name something together."""
    cells = [c for c in table.cells if c.text.strip() and not looks_like_value(c.text)]
    below: dict[int, Cell] = {}
    for cell in cells:
        if cell.bbox is None:
            continue
        under = [c for c in cells if c.row == cell.last_row + 1 and c.bbox is not None
                 and min(c.bbox.x1, cell.bbox.x1) - max(c.bbox.x0, cell.bbox.x0) > 0]
        if len(under) == 1:
            below[id(cell)] = under[0]
    out: list[str] = []
    used: set[int] = set()
    for cell in cells:
        if id(cell) in used:
            continue
        pair = below.get(id(cell))
        if pair is not None and id(pair) not in used:
            joined = cell.text.strip() + pair.text.strip()
            if any(_names(t, joined) for t in templates) and not any(_names(t, cell.text) for t in templates):
                out.append(joined)
                used.add(id(pair))
                continue
        out.append(cell.text)
    return out


def classify(table: Table, templates: list["TemplateTable"], prefer: str | None = None) -> str | None:
    """The template whose labels this fragment prints most of.

    A label shared by several templates (总计, 其他) counts for each only in part;
    a tie goes to `prefer` (the template of the section the fragment stands in).
    """
    texts = _texts(table, templates)
    scores = {t.name: 0.0 for t in templates}
    for text in texts:
        owners = [t.name for t in templates if _names(t, text)]
        for name in owners:
            scores[name] += 1.0 / len(owners)
    best = max(scores.values(), default=0.0)
    if best == 0.0:
        return None
    leaders = [name for name, score in scores.items() if score == best]
    return prefer if prefer in leaders else leaders[0]
