"""Which template table a table fragment belongs to, judged by the labels printed in it."""
from __future__ import annotations

from typing import TYPE_CHECKING

from reportparse.layout.model import Table
from reportparse.tables.values import looks_like_value

if TYPE_CHECKING:
    from reportparse.tables.base import TemplateTable

_MIN_HITS = 1


def classify(table: Table, templates: list["TemplateTable"]) -> str | None:
    """The template whose row, column and group labels this fragment prints most of."""
    texts = [c.text for c in table.cells if c.text.strip() and not looks_like_value(c.text)]
    best, best_hits = None, 0
    for template in templates:
        matchers = (template.row_matcher, template.column_matcher, template.group_matcher)
        hits = sum(1 for text in texts if any(m.match(text) for m in matchers))
        if hits > best_hits:
            best, best_hits = template.name, hits
    return best if best_hits >= _MIN_HITS else None
