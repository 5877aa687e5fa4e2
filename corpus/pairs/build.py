"""Pairs of generated reports of one body in two years, for `reportparse compare`.

Each pair is two ReportSpecs of one agency; the later year's 上年结转 row is set from
the earlier year's 结转下年度继续办理 (the cross-year identity), except in the columns a
pair breaks on purpose, and its 本年新收 row is re-derived so that the later report's
own identities still hold.  Deterministic: `python -m corpus.pairs.build` rewrites the
documents byte for byte; `docs/pairs.json` is the truth of each pair (which cross-year checks
fail).  Built with corpus/generator; kept apart from corpus/cases.py.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from corpus.generator import ReportSpec, extension, identities, labels, noise
from corpus.generator.content import build_content
from corpus.generator.truth import from_content

HERE = Path(__file__).resolve().parent
DOCS = HERE / "docs"

# name, agency, (earlier spec options, later spec options), columns whose carry-over is broken
PAIRS = [
    (
        "carry-holds",
        "示例市交通运输局",
        (
            {"seed": 9001, "format": "2021", "year": 2022, "scale": "medium"},
            {"seed": 9002, "format": "2021", "year": 2023, "scale": "medium"},
        ),
        [],
    ),
    (
        "carry-broken",
        "示例县市场监督管理局",
        (
            {"seed": 9011, "format": "2021", "year": 2022, "producer": "docx", "scale": "medium"},
            {"seed": 9012, "format": "2021", "year": 2023, "producer": "docx", "scale": "medium"},
        ),
        ["natural_person"],
    ),
    (
        "format-2019-2021",
        "示例区人民政府",
        (
            {"seed": 9021, "format": "2019", "year": 2020, "scale": "medium"},
            {"seed": 9022, "format": "2021", "year": 2021, "scale": "medium"},
        ),
        [],
    ),
]
BROKEN_BY = 3


def _carry(earlier: dict, later, broken: list[str]) -> None:
    """Set the later report's 上年结转 to the earlier one's 结转下年度, re-deriving 本年新收."""
    values = later.values
    for col in labels.REQUESTS_PART_COLUMNS:
        forward = int(earlier[f"requests.carried_forward.{col}"] or 0)
        over = forward + (BROKEN_BY if col in broken else 0)
        total = int(values[f"requests.total.{col}"] or 0)
        kept_forward = int(values[f"requests.carried_forward.{col}"] or 0)
        if total + kept_forward < over:  # keep 本年新收 ≥ 0: carry forward more this year
            kept_forward = over - total
            values[f"requests.carried_forward.{col}"] = str(kept_forward)
        values[f"requests.carried_over.{col}"] = str(over)
        values[f"requests.new_received.{col}"] = str(total + kept_forward - over)
    for row in ("carried_over", "new_received", "carried_forward"):
        values[f"requests.{row}.total"] = str(
            sum(int(values[f"requests.{row}.{c}"] or 0) for c in labels.REQUESTS_PART_COLUMNS)
        )
    for cell_id in [
        c
        for c in values
        if c.startswith("requests.") and c.split(".")[1] in ("carried_over", "new_received", "carried_forward")
    ]:
        later.printed[cell_id] = noise.cell_text(values[cell_id], cell_id, later.spec, later.rng(f"cell:{cell_id}"))
    later.failing_identities, later.incomplete_identities = identities.evaluate(values, later.spec.table_format)


def _render(content, path: Path) -> int:
    producer = content.spec.producer
    if producer.startswith("reportlab"):
        from corpus.generator.pdf_reportlab import render

        return render(content, str(path))
    if producer == "docx":
        from corpus.generator.docx_writer import render as render_docx

        render_docx(content, str(path), for_pdf=False)
        return 0
    from corpus.generator.html_writer import render as render_html

    render_html(content, str(path), web=True)
    return 0


def build(out: Path = DOCS) -> dict:
    out.mkdir(parents=True, exist_ok=True)
    truth: dict = {
        "about": "Pairs of one body's reports in two years; carry_over lists the cross-year "
        "checks (requests column: carried_forward of the earlier year = carried_over "
        "of the later) that fail.",
        "pairs": [],
    }
    for name, agency, (first, second), broken in PAIRS:
        earlier = build_content(ReportSpec(agency=agency, **first))
        later = build_content(ReportSpec(agency=agency, **second))
        _carry(earlier.values, later, broken)
        files = []
        for content in (earlier, later):
            stem = f"{name}-{content.year}"
            path = out / (stem + extension(content.spec))
            pages = _render(content, path)
            from_content(content, pages).write(str(out), stem)
            files.append(path.name)
        truth["pairs"].append(
            {
                "name": name,
                "agency": agency,
                "files": files,
                "years": [earlier.year, later.year],
                "formats": [first["format"], second["format"]],
                "carry_over_failed": [f"carry_over.{c}" for c in broken] + (["carry_over.total"] if broken else []),
            }
        )
    with open(out / "pairs.json", "w", encoding="utf-8", newline="\n") as f:
        json.dump(truth, f, ensure_ascii=False, indent=1)
        f.write("\n")
    return truth


if __name__ == "__main__":
    sys.path.insert(0, os.fspath(HERE.parents[1]))
    build(Path(sys.argv[1]) if len(sys.argv) > 1 else DOCS)
