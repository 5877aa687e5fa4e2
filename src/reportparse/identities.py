"""The four accounting identities of the spec (勾稽关系) as data: which cells stand on each
side.  checks.py evaluates them on the printed numbers; the digit-run solver
(tables/runs.py) uses them as constraints.  Row and column ids come from the vocabulary."""

from __future__ import annotations

from collections.abc import Collection, Sequence

from reportparse import vocabulary
from reportparse.vocabulary import Entry


def _ids(entries: Sequence[Entry]) -> list[str]:
    return [e.id for e in entries]


Definition = tuple[str, int, str, str, list[str], list[str]]  # id, identity, table, description, left, right


def definitions(printed_rows: Collection[str]) -> list[Definition]:
    """The identities, given the row ids of table requests that are printed."""
    requests = vocabulary.table("requests")
    request_columns = _ids(requests.columns)
    applicant_columns = [c for c in request_columns if c != "total"]
    appeals = vocabulary.table("appeals")
    # The result rows of the format printed: （六）其他处理 is one row in the 2019
    # format, three sub-rows in the 2021 format.
    only_2021 = {r.id for r in requests.rows if not r.in_format("2019")}
    fmt = "2021" if only_2021.intersection(printed_rows) else "2019"
    results = [r.id for r in requests.rows_in(fmt) if r.result]
    out: list[Definition] = []
    for c in request_columns:
        out.append(
            (
                f"requests.balance.{c}",
                1,
                "requests",
                "新收 + 上年结转 = 总计 + 结转下年度 (column " + c + ")",
                [f"requests.new_received.{c}", f"requests.carried_over.{c}"],
                [f"requests.total.{c}", f"requests.carried_forward.{c}"],
            )
        )
    for c in request_columns:
        out.append(
            (
                f"requests.results.{c}",
                2,
                "requests",
                "总计 = the sum of the result rows (column " + c + ")",
                [f"requests.total.{c}"],
                [f"requests.{r}.{c}" for r in results],
            )
        )
    for r in [r.id for r in requests.rows if r.id in printed_rows]:
        out.append(
            (
                f"requests.row.{r}",
                3,
                "requests",
                "总计 = 自然人 + the five kinds of 法人或其他组织 (row " + r + ")",
                [f"requests.{r}.total"],
                [f"requests.{r}.{c}" for c in applicant_columns],
            )
        )
    for r in _ids(appeals.rows):
        out.append(
            (
                f"appeals.{r}",
                4,
                "appeals",
                "总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结 (" + r + ")",
                [f"appeals.{r}.total"],
                [f"appeals.{r}.{c}" for c in _ids(appeals.columns) if c != "total"],
            )
        )
    return out
