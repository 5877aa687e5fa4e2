"""Which template table a table fragment belongs to, judged by the labels printed in it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from reportparse.layout.geometry import overlap
from reportparse.layout.model import Cell, Table
from reportparse.normalize import label_key

if TYPE_CHECKING:
    from reportparse.tables.base import TemplateTable


def _names(template: TemplateTable, text: str) -> bool:
    if label_key(text) in template.header_keys:
        return True
    return any(m.match(text) for m in (template.row_matcher, template.column_matcher, template.group_matcher))


def _owners(templates: list[TemplateTable], text: str) -> list[str]:
    return [t.name for t in templates if _names(t, text)]


def _label_owners(table: Table, templates: list[TemplateTable]) -> list[list[str]]:
    """For each label text of the fragment, the templates it names.  A header cell
    wrapped over two rows (结果 / 维持), whose pieces name nothing alone, counts once,
    as the label its two pieces make."""
    cells = [c for c in table.cells if c.text.strip() and not c.is_value]
    owners = {id(c): _owners(templates, c.text) for c in cells}
    loose: dict[int, list[Cell]] = {}
    for c in cells:
        if not owners[id(c)] and c.bbox is not None:
            loose.setdefault(c.row, []).append(c)
    used: set[int] = set()
    for row in sorted(loose):
        for cell in loose[row]:
            if id(cell) in used or cell.bbox is None:
                continue
            under = [
                c
                for c in loose.get(cell.last_row + 1, [])
                if c.bbox is not None and overlap(c.bbox.x0, c.bbox.x1, cell.bbox.x0, cell.bbox.x1) > 0
            ]
            if len(under) != 1 or id(under[0]) in used:
                continue
            joined = _owners(templates, cell.text.strip() + under[0].text.strip())
            if joined:
                owners[id(cell)], owners[id(under[0])] = joined, []
                used.update({id(cell), id(under[0])})
    return [owners[id(c)] for c in cells]


def classify(table: Table, templates: list[TemplateTable], prefer: str | None = None) -> str | None:
    """The template whose labels this fragment prints most of.

    A label shared by several templates (总计, 其他) counts for each only in part;
    a tie goes to `prefer` (the template of the section the fragment stands in).
    """
    scores = {t.name: 0.0 for t in templates}
    for owners in _label_owners(table, templates):
        for name in owners:
            scores[name] += 1.0 / len(owners)
    best = max(scores.values(), default=0.0)
    if best == 0.0:
        return None
    leaders = [name for name, score in scores.items() if score == best]
    return prefer if prefer in leaders else leaders[0]
