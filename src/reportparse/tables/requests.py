"""Table `requests` — 三、收到和处理政府信息公开申请情况 (spec: "Table requests")."""

from __future__ import annotations

from reportparse.tables.base import TableResult, TemplateTable


class RequestsTable(TemplateTable):
    name = "requests"

    def expected_rows(self, result: TableResult) -> list[str]:
        # A row printed only in the 2019 format (（六）其他处理 as one row) tells that format.
        fmt = "2019" if any(not self.vocab.row(r).in_format("2021") for r in result.rows) else "2021"
        return [r.id for r in self.vocab.rows_in(fmt)]

    def expected_columns(self, row_id: str, result: TableResult) -> list[str]:
        return [c.id for c in self.vocab.columns]
