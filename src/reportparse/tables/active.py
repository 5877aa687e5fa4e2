"""Table `active` — 二、主动公开政府信息情况 (spec: "Table active").

Five small sub-tables, each under its own header row; a row keeps only the columns
the template gives it, so a header shared by two sub-tables cannot misplace values.
"""

from __future__ import annotations

from reportparse.tables.base import TableResult, TemplateTable
from reportparse.tables.header import Leaf

_ROWS_2021 = ["regulations", "normative_documents", "licensing", "penalty", "coercion", "fees"]
_ROWS_2019 = [
    "regulations",
    "normative_documents",
    "licensing",
    "other_services",
    "penalty",
    "coercion",
    "fees",
    "procurement",
]

# The columns each row has, by format (a mixed table has no one answer: not checked).
_COLUMNS = {
    "2021": {
        "regulations": ["issued", "repealed", "in_force"],
        "normative_documents": ["issued", "repealed", "in_force"],
        "licensing": ["decisions"],
        "penalty": ["decisions"],
        "coercion": ["decisions"],
        "fees": ["amount"],
    },
    "2019": {
        "regulations": ["made", "published", "total_public"],
        "normative_documents": ["made", "published", "total_public"],
        "licensing": ["prev_year", "change", "decisions"],
        "other_services": ["prev_year", "change", "decisions"],
        "penalty": ["prev_year", "change", "decisions"],
        "coercion": ["prev_year", "change", "decisions"],
        "fees": ["prev_year", "change"],
        "procurement": ["projects", "amount"],
    },
}


class ActiveTable(TemplateTable):
    name = "active"

    def column_allowed(self, row_id: str | None, leaf: Leaf) -> bool:
        return row_id is not None and leaf.column in self.vocab.row(row_id).columns

    def expected_columns(self, row_id: str, result: TableResult) -> list[str]:
        if len(result.formats) != 1:
            return []
        return _COLUMNS[next(iter(result.formats))].get(row_id, [])

    def expected_rows(self, result: TableResult) -> list[str]:
        return _ROWS_2019 if "2019" in result.formats else _ROWS_2021
