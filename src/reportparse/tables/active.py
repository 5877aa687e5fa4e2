"""Table `active` — 二、主动公开政府信息情况 (spec: "Table active").

Five small sub-tables, each under its own header row; a row keeps only the columns
the template gives it, so a header shared by two sub-tables cannot misplace values.
"""
from __future__ import annotations

from reportparse.tables.base import TableResult, TemplateTable
from reportparse.tables.header import Leaf

_ROWS_2021 = ["regulations", "normative_documents", "licensing", "penalty", "coercion", "fees"]
_ROWS_2019 = ["regulations", "normative_documents", "licensing", "other_services", "penalty", "coercion", "fees", "procurement"]


class ActiveTable(TemplateTable):
    name = "active"

    def column_allowed(self, row_id: str | None, leaf: Leaf) -> bool:
        return row_id is not None and leaf.column in self.vocab.row(row_id).columns

    def expected_rows(self, result: TableResult) -> list[str]:
        return _ROWS_2019 if "2019" in result.formats else _ROWS_2021
