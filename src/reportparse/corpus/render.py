"""The corpus scoreboard as text (the terminal), Markdown or JSON."""

from __future__ import annotations

import json
from typing import Any

from reportparse.corpus.score import Board, describe


def _pct(a: int, b: int) -> str:
    return f"{100.0 * a / b:.1f}%" if b else "-"


def _ids(r: dict[str, Any]) -> str:
    return "ok" if r["identities"]["match"] else "DIFF"


def _doc_rows(board: Board) -> list[list[str]]:
    rows = []
    for r in board["documents"]:
        cells = f"{r['cells_right']}/{r['cells_total']}" + (f" +{len(r['extra'])}" if r["extra"] else "")
        rows.append(
            [
                r["file"],
                cells,
                _ids(r),
                str(len(r["problems"])) if r["problems"] else "-",
                f"{r['ms_per_page']:.0f}",
                "" if r["ok"] else ("ERROR" if r["error"] else "FAIL"),
            ]
        )
    return rows


def _axis_rows(board: Board) -> list[list[str]]:
    rows = []
    for axis, values in board["axes"].items():
        for value, g in values.items():
            rows.append(
                [
                    axis,
                    value,
                    str(g["documents"]),
                    f"{g['fully_right']}/{g['documents']}",
                    f"{g['cells_right']}/{g['cells_total']}",
                    _pct(g["cells_right"], g["cells_total"]),
                    f"{g['identities_match']}/{g['documents']}",
                    str(g["problems"]),
                ]
            )
    return rows


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    widths = [max(_width(x) for x in col) for col in zip(header, *rows)] if rows else [_width(h) for h in header]
    out = []
    for row in [header] + rows:
        out.append("  ".join(_pad(x, w) for x, w in zip(row, widths)).rstrip())
    return out


def _width(text: str) -> int:
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


def _total_line(board: Board) -> str:
    t = board["totals"]
    return (
        f"totals: {t['documents']} documents, {t['fully_right']} fully right "
        f"({_pct(t['fully_right'], t['documents'])}); cells {t['cells_right']}/{t['cells_total']} "
        f"({_pct(t['cells_right'], t['cells_total'])}); identities match {t['identities_match']}/"
        f"{t['documents']}; problems reported {t['problems']}; errors {t['errors']}; "
        f"{t['pages']} pages, {t['ms_per_page_median']:.0f} ms/page median, "
        f"{t['ms_per_page_mean']:.0f} mean; {t['seconds']:.1f} s"
    )


def render_text(board: Board, documents: bool = True) -> str:
    lines = [f"corpus score: {len(board['documents'])} documents in {', '.join(board['directories'])}", ""]
    if documents:
        lines += _table(["document", "cells", "ids", "problems", "ms/page", ""], _doc_rows(board))
        lines.append("")
    failing = [r for r in board["documents"] if not r["ok"]]
    if failing:
        lines.append(f"not fully right ({len(failing)}):")
        for r in failing:
            lines.append(f"  {r['file']}: {describe(r)}")
        lines.append("")
    if board["axes"]:
        lines.append("per axis value:")
        lines += _table(["axis", "value", "docs", "right", "cells", "%", "ids", "problems"], _axis_rows(board))
        lines.append("")
    lines.append(_total_line(board))
    return "\n".join(lines) + "\n"


def render_markdown(board: Board) -> str:
    def md(header: list[str], rows: list[list[str]]) -> list[str]:
        out = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
        out += ["| " + " | ".join(x.replace("|", "\\|") for x in row) + " |" for row in rows]
        return out

    lines = ["# Corpus scoreboard", "", _total_line(board), ""]
    failing = [r for r in board["documents"] if not r["ok"]]
    if failing:
        lines += ["## Not fully right", ""]
        lines += [f"- `{r['file']}`: {describe(r)}" for r in failing]
        lines.append("")
    if board["axes"]:
        lines += ["## Per axis value", ""]
        lines += md(["axis", "value", "docs", "fully right", "cells", "%", "identities", "problems"], _axis_rows(board))
        lines.append("")
    lines += ["## Documents", ""]
    lines += md(["document", "cells", "identities", "problems", "ms/page", ""], _doc_rows(board))
    return "\n".join(lines) + "\n"


def to_json(board: Board) -> str:
    return json.dumps(board, ensure_ascii=False, indent=1) + "\n"
