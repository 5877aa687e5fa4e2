"""Table `requests` — 三、收到和处理政府信息公开申请情况 (spec: "Table requests")."""

from __future__ import annotations

from reportparse.tables.base import TableResult, TemplateTable

_BEFORE_OTHER = [
    "new_received",
    "carried_over",
    "granted",
    "partially_granted",
    "denied_state_secret",
    "denied_prohibited_by_law",
    "denied_security_stability",
    "denied_third_party",
    "denied_internal_affairs",
    "denied_process_info",
    "denied_enforcement_files",
    "denied_inquiry",
    "unavailable_not_held",
    "unavailable_needs_creation",
    "unavailable_unclear",
    "rejected_petition",
    "rejected_duplicate",
    "rejected_publication",
    "rejected_excessive",
    "rejected_reconfirm",
]
_OTHER_2019 = ["other"]
_OTHER_2021 = ["other_no_correction", "other_no_fee", "other_other"]
_AFTER_OTHER = ["total", "carried_forward"]


class RequestsTable(TemplateTable):
    name = "requests"

    def expected_rows(self, result: TableResult) -> list[str]:
        other = _OTHER_2019 if "other" in result.rows else _OTHER_2021
        return _BEFORE_OTHER + other + _AFTER_OTHER

    def expected_columns(self, row_id: str, result: TableResult) -> list[str]:
        return [c.id for c in self.vocab.columns]

    @property
    def result_rows(self) -> list[str]:
        return [r.id for r in self.vocab.rows if r.result]
