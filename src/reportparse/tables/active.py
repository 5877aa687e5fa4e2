"""Table `active` — 二、主动公开政府信息情况 (spec: "Table active").

Five small sub-tables, each under its own header row; a row keeps only the columns
the template gives it, so a header shared by two sub-tables cannot misplace values.
"""

from __future__ import annotations

from reportparse.tables.base import TableResult, TemplateTable
from reportparse.tables.header import Leaf


class ActiveTable(TemplateTable):
    name = "active"

    def column_allowed(self, row_id: str | None, leaf: Leaf) -> bool:
        return row_id is not None and leaf.column in self.vocab.row(row_id).columns

    def expected_columns(self, row_id: str, result: TableResult) -> list[str]:
        if len(result.formats) != 1:
            return []  # a mixed table has no one answer: not checked
        fmt = next(iter(result.formats))
        row = self.vocab.row(row_id)
        return list(self.vocab.row_columns(row, fmt)) if row.in_format(fmt) else []

    def expected_rows(self, result: TableResult) -> list[str]:
        return [r.id for r in self.vocab.rows_in("2019" if "2019" in result.formats else "2021")]
