"""Table `requests` — 三、收到和处理政府信息公开申请情况 (spec: "Table requests")."""

from __future__ import annotations

from reportparse.tables.base import TableResult, TemplateTable


class RequestsTable(TemplateTable):
    name = "requests"

    def expected_rows(self, result: TableResult) -> list[str]:
        # The format is told by （六）其他处理: one row in 2019, three sub-rows in 2021.
        fmt = "2019" if "other" in result.rows else "2021"
        return [r.id for r in self.vocab.rows_in(fmt)]

    def expected_columns(self, row_id: str, result: TableResult) -> list[str]:
        return [c.id for c in self.vocab.columns]
