"""A comparison as Markdown (for people) or as one long CSV table (for spreadsheets)."""

from __future__ import annotations

import csv
import io

from reportparse.export.formats import format_value
from reportparse.records import Record
from reportparse.template import cell_labels

CSV_HEADER = ["before", "after", "kind", "cells", "label", "before_value", "after_value", "change", "status", "note"]


def _labels() -> dict[str, str]:
    return {c.id: f"{c.row_label} · {c.column_label}" for c in cell_labels()}


def _v(value) -> str:
    return format_value(value) if value is not None else ""


def _rows(pair: Record) -> list[list[str]]:
    """The pair's lines: cross-year checks, then cells, mapped cells and those not comparable."""
    labels = _labels()
    out = []
    for c in pair["checks"]:
        out.append(
            [
                "check",
                c["id"],
                c["description"],
                _v(c["left"]["value"]),
                _v(c["right"]["value"]),
                "",
                c["status"],
                c["reason"] or "",
            ]
        )
    for c in pair["cells"]:
        out.append(
            ["cell", c["cell"], labels.get(c["cell"], ""), _v(c["before"]), _v(c["after"]), _v(c["change"]), "", ""]
        )
    for m in pair["mapped"]:
        out.append(
            [
                "mapped",
                " + ".join(m["before_cells"]) + " → " + " + ".join(m["after_cells"]),
                labels.get(m["before_cells"][0], ""),
                _v(m["before"]),
                _v(m["after"]),
                _v(m["change"]),
                "",
                m["note"],
            ]
        )
    for n in pair["not_comparable"]:
        before, after = (_v(n["value"]), "") if n["side"] == "before" else ("", _v(n["value"]))
        out.append(["not_comparable", n["cell"], labels.get(n["cell"], ""), before, after, "", "", n["note"]])
    return out


def to_csv(comparison: Record) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    for pair in comparison["pairs"]:
        for row in _rows(pair):
            writer.writerow([pair["before"], pair["after"]] + row)
    return out.getvalue()


def _md(text: str) -> str:
    return text.replace("|", "\\|")


def to_markdown(comparison: Record) -> str:
    reports = comparison["reports"]
    agencies = ", ".join(dict.fromkeys(r["agency"] or "?" for r in reports))
    lines = [f"# {agencies}: " + " → ".join(r["name"] for r in reports), ""]
    lines += [f"- {r['name']}: `{r['source']}` ({r['format_version'] or '?'} format)" for r in reports]
    for pair in comparison["pairs"]:
        b, a = pair["before"], pair["after"]
        lines += [
            "",
            f"## {b} → {a}",
            "",
            f"### 结转下年度继续办理 ({b}) = 上年结转 ({a})",
            "",
            f"| check | status | {b} | {a} | reason |",
            "|---|---|---|---|---|",
        ]
        lines += [
            f"| {c['id']} | {c['status']} | {_v(c['left']['value'])} | {_v(c['right']['value'])} | "
            f"{_md(c['reason'] or '')} |"
            for c in pair["checks"]
        ]
        rows = _rows(pair)
        sections = [
            ("cell", f"### Cells printed in both ({len(pair['cells'])})"),
            ("mapped", "### 2019 ↔ 2021: cells that mean the same"),
            ("not_comparable", "### Not comparable"),
        ]
        for kind, title in sections:
            chosen = [r for r in rows if r[0] == kind]
            if not chosen:
                continue
            lines += ["", title, "", f"| cells | label | {b} | {a} | change | note |", "|---|---|---|---|---|---|"]
            lines += [f"| `{_md(r[1])}` | {_md(r[2])} | {r[3]} | {r[4]} | {r[5]} | {_md(r[7])} |" for r in chosen]
    return "\n".join(lines) + "\n"
