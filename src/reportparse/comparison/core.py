"""Compare reports of one body over the years: every cell printed in both, mapped cells of
the other format, and the cross-year identity 结转下年度 (year N−1) = 上年结转 (year N)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, cast

from reportparse import vocabulary
from reportparse.checks import _check
from reportparse.comparison.mapping import correspondences, why_not_comparable
from reportparse.records import Record
from reportparse.template import cell_labels

Number = int | float


def _sum(values: list[Number | None]) -> Number | None:
    if all(v is None for v in values):
        return None
    total = sum(v for v in values if v is not None)
    return round(total, 6) if isinstance(total, float) else total


def _change(before: Number | None, after: Number | None) -> Number | None:
    if before is None or after is None:
        return None
    change = after - before
    return round(change, 6) if isinstance(change, float) else change


def _values(report: Record) -> dict[str, Number | None]:
    return {cid: c["value"] for t in report["tables"].values() for cid, c in t["cells"].items()}


def _order() -> dict[str, int]:
    return {c.id: i for i, c in enumerate(cell_labels())}


def _carry_checks(before: Record, after: Record, names: tuple[str, str]) -> list[Record]:
    """结转下年度继续办理 of the earlier year = 上年结转 of the later one, per requests column."""
    cells = {f"{names[0]}:{cid}": c for cid, c in before["tables"]["requests"]["cells"].items()}
    cells |= {f"{names[1]}:{cid}": c for cid, c in after["tables"]["requests"]["cells"].items()}
    years = (before["meta"].get("year"), after["meta"].get("year"))
    out = []
    for column in (c.id for c in vocabulary.table("requests").columns):
        check: Record = cast(
            Record,
            _check(
                f"carry_over.{column}",
                5,
                "requests",
                f"结转下年度继续办理 ({names[0]}) = 上年结转 ({names[1]}) (column {column})",
                [f"{names[0]}:requests.carried_forward.{column}"],
                [f"{names[1]}:requests.carried_over.{column}"],
                cells,
            ),
        )
        check["identity"] = "carry_over"
        if None not in years and years[1] - years[0] != 1:
            check.update(
                status="skipped",
                reason=f"the years {years[0]} and {years[1]} do not follow each other",
                left={**check["left"], "value": None},
                right={**check["right"], "value": None},
            )
        out.append(check)
    return out


def _pair(before: Record, after: Record, names: tuple[str, str]) -> Record:
    a, b = _values(before), _values(after)
    rank = _order()
    same = sorted(set(a) & set(b), key=lambda c: (rank.get(c, len(rank)), c))
    cells = [{"cell": c, "before": a[c], "after": b[c], "change": _change(a[c], b[c])} for c in same]
    mapped, covered = [], set(same)
    for corr in correspondences():
        for left, right in ((corr.cells_2019, corr.cells_2021), (corr.cells_2021, corr.cells_2019)):
            if any(c in a for c in left) and any(c in b for c in right) and not set(left) <= covered:
                x, y = _sum([a.get(c) for c in left]), _sum([b.get(c) for c in right])
                mapped.append(
                    {
                        "before_cells": list(left),
                        "after_cells": list(right),
                        "before": x,
                        "after": y,
                        "change": _change(x, y),
                        "note": corr.note,
                    }
                )
                covered |= set(left) | set(right)
    not_comparable = []
    for side, values in (("before", a), ("after", b)):
        for c in sorted(set(values) - covered - set(same), key=lambda c: (rank.get(c, len(rank)), c)):
            not_comparable.append(
                {
                    "cell": c,
                    "side": side,
                    "value": values[c],
                    "note": why_not_comparable(c) or f"not printed in the {_other(side)} report",
                }
            )
    return {
        "before": names[0],
        "after": names[1],
        "cells": cells,
        "mapped": mapped,
        "not_comparable": not_comparable,
        "checks": _carry_checks(before, after, names),
    }


def _other(side: str) -> str:
    return "after" if side == "before" else "before"


def _names(reports: Sequence[Record], sources: Sequence[str]) -> list[str]:
    years = [r["meta"].get("year") for r in reports]
    if None not in years and len(set(years)) == len(years):
        return [str(y) for y in years]
    return list(sources)


def compare_records(reports: Sequence[Record], sources: Sequence[str] | None = None) -> Record:
    """The comparison as plain data (JSON-ready); reports are ordered by year first."""
    sources = list(sources or [f"report {i + 1}" for i in range(len(reports))])
    if len(reports) < 2:
        raise ValueError("compare needs at least two reports")
    order = sorted(
        range(len(reports)), key=lambda i: (reports[i]["meta"].get("year") is None, reports[i]["meta"].get("year") or 0)
    )
    ordered = [reports[i] for i in order]
    names = _names(ordered, [sources[i] for i in order])
    return {
        "reports": [
            {
                "name": n,
                "source": sources[i],
                "agency": reports[i]["meta"].get("agency"),
                "year": reports[i]["meta"].get("year"),
                "format_version": reports[i]["meta"].get("format_version"),
            }
            for n, i in zip(names, order)
        ],
        "pairs": [_pair(ordered[k], ordered[k + 1], (names[k], names[k + 1])) for k in range(len(ordered) - 1)],
    }


def compare(reports: Sequence[Any]) -> Record:
    """Compare reports (reportparse.Report models, report dicts, or paths to parse) year by year.

    Returns plain data: `reports` in year order, and for each two following years
    `cells` (every cell id printed in both: before, after, change), `mapped` (2019 ↔ 2021
    cells that mean the same, patterns/compare.toml), `not_comparable` (printed on one
    side only, with why) and `checks` (the cross-year identity per requests column,
    passed / failed / incomplete / skipped, like Report.checks).
    """
    from reportparse.api import parse_to_data

    records, sources = [], []
    for i, item in enumerate(reports):
        if hasattr(item, "model_dump"):
            records.append(item.model_dump(mode="json"))
            sources.append(f"report {i + 1}")
        elif isinstance(item, dict):
            records.append(item)
            sources.append(f"report {i + 1}")
        else:
            records.append(parse_to_data(item))
            sources.append(str(item))
    return compare_records(records, sources)
