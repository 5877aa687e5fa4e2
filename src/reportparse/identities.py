"""The four accounting identities of the spec (勾稽关系) as data: which cells stand on each
side.  checks.py evaluates them on the printed numbers; the digit-run solver
(tables/runs.py) uses them as constraints.  Row and column ids come from the vocabulary."""

from __future__ import annotations

from reportparse import vocabulary


def _ids(entries) -> list[str]:
    return [e.id for e in entries]


Definition = tuple[str, int, str, str, list[str], list[str]]  # id, identity, table, description, left, right


def definitions(cell_ids: dict[str, set[str]], result_rows: list[str], row_order: list[str]) -> list[Definition]:
    """The identities over the cells printed, by table: {table name: its cell ids}."""
    request_columns = _ids(vocabulary.table("requests").columns)
    applicant_columns = [c for c in request_columns if c != "total"]
    appeals = vocabulary.table("appeals")
    requests = cell_ids.get("requests", set())
    printed_rows = {cid.split(".")[1] for cid in requests}
    split_other = any(r.startswith("other_") for r in printed_rows)
    # The 2019 format prints （六）其他处理 as one row, the 2021 format as three.
    if split_other:
        results = [r for r in result_rows if r != "other"]
    else:
        results = [r for r in result_rows if not r.startswith("other_")]
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
    for r in [r for r in row_order if r in printed_rows]:
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
