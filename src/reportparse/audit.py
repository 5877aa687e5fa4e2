"""`reportparse audit OUTDIR_OR_FILES`: every failed or incomplete check and every problem, per report.

The list an auditor sends: one line per finding with the body, the year, the check and
both of its sides, or the problem and where; a report that could not be read at all is
one `error` line.  CSV (default) or Markdown.
"""

from __future__ import annotations

import csv
import io

from reportparse.export.formats import format_value
from reportparse.inputs import Loaded, load
from reportparse.records import Record

HEADER = [
    "source",
    "agency",
    "year",
    "kind",
    "id",
    "status",
    "left_cells",
    "left_value",
    "right_cells",
    "right_value",
    "cells",
    "page",
    "message",
]
FINDINGS = ("failed", "incomplete")


def _v(value) -> str:
    return "" if value is None else format_value(value)


def findings(item: Loaded) -> list[dict[str, str]]:
    """The audit lines of one report (none when every check passed and nothing went wrong)."""
    if item.report is None:
        error = item.error or {}
        return [
            {
                "source": item.source,
                "kind": "error",
                "id": str(error.get("kind") or "error"),
                "status": f"exit {error.get('exit_code')}",
                "message": str(error.get("message") or ""),
            }
        ]
    meta = item.report["meta"]
    base = {"source": item.source, "agency": meta.get("agency") or "", "year": _v(meta.get("year"))}
    out = []
    for c in item.report["checks"]:
        if c["status"] not in FINDINGS:
            continue
        out.append(
            {
                **base,
                "kind": "check",
                "id": c["id"],
                "status": c["status"],
                "left_cells": " ".join(c["left"]["cells"]),
                "left_value": _v(c["left"]["value"]),
                "right_cells": " ".join(c["right"]["cells"]),
                "right_value": _v(c["right"]["value"]),
                "cells": " ".join(c["cells"]),
                "message": f"{c['description']}: {c['reason'] or ''}".rstrip(": "),
            }
        )
    for p in item.report["problems"]:
        out.append(
            {
                **base,
                "kind": "problem",
                "id": p["kind"],
                "status": "problem",
                "cells": p.get("cell") or "",
                "page": _v(p.get("page")),
                "message": p["message"],
            }
        )
    return out


def to_csv(items: list[Loaded]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, HEADER, lineterminator="\n", restval="")
    writer.writeheader()
    for item in items:
        writer.writerows(findings(item))
    return out.getvalue()


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _title(item: Loaded, report: Record | None) -> str:
    if report is None:
        return f"`{item.source}`"
    meta = report["meta"]
    return f"{meta.get('agency') or '?'} {meta.get('year') or '?'} (`{item.source}`)"


def to_markdown(items: list[Loaded]) -> str:
    lines_by_item = [(item, findings(item)) for item in items]
    flagged = [(item, found) for item, found in lines_by_item if found]
    errors = sum(1 for item in items if item.report is None)
    summary = (
        f"{len(items)} reports: {len(flagged)} with findings, {errors} unreadable, {len(items) - len(flagged)} clean."
    )
    lines = ["# Audit", "", summary]
    for item, found in flagged:
        lines += ["", f"## {_title(item, item.report)}", ""]
        if item.report is None:
            lines.append(f"Unreadable ({found[0]['id']}, {found[0]['status']}): {_md(found[0]['message'])}")
            continue
        lines += ["| finding | status | left | right | where | what |", "|---|---|---|---|---|---|"]
        for f in found:
            where = f"page {f['page']}" if f.get("page") else f.get("cells", "").split(" ")[0]
            lines.append(
                f"| {f['id']} | {f['status']} | {f.get('left_value', '')} | {f.get('right_value', '')} | "
                f"{_md(where)} | {_md(f['message'])} |"
            )
    return "\n".join(lines) + "\n"


def run(argv: list[str]) -> str | bytes:
    from reportparse.cli import to_output, tool_parser

    p = tool_parser(
        "audit",
        "List every failed or incomplete check and every problem, per report. "
        "Inputs: a batch folder (its reports.jsonl), .jsonl batch records, "
        "report JSON files, or report files to parse.",
        "OUTDIR_OR_FILE",
        ["csv", "markdown"],
    )
    args = p.parse_args(argv)
    items = load(args.inputs)
    return to_output(to_csv(items) if args.format == "csv" else to_markdown(items), args.output)


def main(argv: list[str]) -> int:
    from reportparse.cli import run_tool

    return run_tool(run, argv)
