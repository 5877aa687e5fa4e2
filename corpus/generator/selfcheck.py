"""Quick self-check of the generator (not part of the test suite):

    /work/venv/bin/python -m corpus.generator.selfcheck [--keep DIR] [--batch N]

Builds a set of specs covering every option and producer (plus N varied random specs;
a producer whose program is not installed is skipped) and checks: same spec ->
byte-identical document; document < 100 KB; the title and every printed section
heading are extracted (pdfplumber, python-docx, the HTML's text); for reportlab,
ruling lines/rects present for rules="grid"/"hrules" and absent for rules="none"
(and no vertical rules for "hrules"); every non-null cell's printed text is found in
the document's text; requested broken identities are reported and,
for appeals, exactly; the truth files are written in the cells.tsv format.
"""

import argparse
import os
import re
import sys
import tempfile

import pdfplumber

from . import ReportSpec, build_document, extension
from .convert import ToolMissing
from .variety import random_spec

CASES = {
    "plain": {},
    "ttf": {"producer": "reportlab-ttf", "seed": 2},
    "f2019-hrules": {"seed": 3, "format": "2019", "rules": "hrules"},
    "mixed-none": {"seed": 4, "format": "mixed", "rules": "none"},
    "rects-shaded": {"seed": 5, "rule_style": "rects", "shade_titles": True},
    "wrapped-horizontal": {"seed": 6, "wrapped_headers": True, "vertical_merged_label": False},
    "split-inside": {"seed": 7, "split": "inside_group", "repeat_header": True},
    "split-after-label": {"seed": 8, "split": "after_group_label"},
    "split-after-header": {"seed": 9, "split": "after_header", "repeat_header": True},
    "split-label-cut": {"seed": 10, "split": "group_label_split", "wrapped_headers": True},
    "split-natural-active": {"seed": 11, "split": "natural", "active_split": True},
    "noise-all": {
        "seed": 12,
        "page_numbers": True,
        "running_header": True,
        "fullwidth_digits": True,
        "thousands_sep": True,
        "units": True,
        "blank_cells": "mixed",
        "label_misprint": True,
        "item_mark": "、",
        "label_spaces": True,
        "quotes": "straight",
        "brackets": "half",
        "heading_variant": True,
        "heading_mark": ".",
        "heading_spaces": True,
    },
    "sizes": {"seed": 13, "font_size": 14, "table_font_size": 10, "cell_padding": 4.5, "align": "right"},
    "broken": {
        "seed": 14,
        "break_identities": [
            "appeals.review",
            "requests.balance.natural_person",
            "requests.results.total",
            "requests.row.granted",
        ],
    },
    "broken-appeals": {"seed": 15, "break_identities": ["appeals.review", "appeals.lawsuit_direct"]},
    "missing": {"seed": 16, "missing_sections": [4, 6], "signature": False},
    "truncated-jump": {"seed": 17, "truncate_after_row": "denied_security_stability"},
    "truncated-end": {
        "seed": 18,
        "format": "2019",
        "truncate_after_row": "unavailable_unclear",
        "truncate_mode": "end",
    },
    "before-group-appeals": {"seed": 19, "split": "before_group", "appeals_split": True},
    "narrow-wide-cjk": {"seed": 20, "narrow_labels": True, "wide_tables": True, "cjk_spaces": True},
    "landscape": {"seed": 21, "orientation": "landscape", "split": "inside_group", "repeat_header": True},
    "rotated": {"seed": 22, "orientation": "rotated", "page_numbers": True},
    "docx": {"seed": 23, "producer": "docx", "split": "inside_group", "wrapped_headers": True},
    "html": {"seed": 24, "producer": "html", "blank_cells": "mixed", "vertical_merged_label": False},
    "libreoffice": {
        "seed": 25,
        "producer": "libreoffice",
        "split": "after_group_label",
        "repeat_header": True,
        "page_numbers": True,
        "running_header": True,
    },
    "chromium": {"seed": 26, "producer": "chromium", "split": "inside_group", "rules": "hrules", "page_numbers": True},
}


def _document_text(path):
    """(page texts, ruling lines, ruling rects, vertical rules) of a document."""
    if path.endswith(".docx"):
        import docx

        d = docx.Document(path)
        parts = [p.text for p in d.paragraphs]
        for t in d.tables:
            for row in t.rows:
                parts += [c.text for c in row.cells]
        return ["\n".join(parts)], None
    if path.endswith(".html"):
        import html as html_lib

        raw = open(path, encoding="utf-8").read()
        text = html_lib.unescape(re.sub(r"<[^>]+>", "\n", re.sub(r"(?s)<style.*?</style>", "", raw)))
        return [text], None
    with pdfplumber.open(path) as pdf:
        texts = [p.extract_text() or "" for p in pdf.pages]
        lines = sum(len(p.lines) for p in pdf.pages)
        rects = sum(len(p.rects) for p in pdf.pages)
        vertical = sum(1 for p in pdf.pages for ln in p.lines if abs(ln["x0"] - ln["x1"]) < 0.1)
        vertical += sum(1 for p in pdf.pages for r in p.rects if r["width"] < 1 and r["height"] > 1)
    return texts, (lines, rects, vertical)


FULL = str.maketrans("０１２３４５６７８９", "0123456789")


def squash(text):
    return re.sub(r"\s+", "", text)


def check(name, spec, tmp):
    errors = []
    ext = extension(spec)
    a, b = os.path.join(tmp, name + ext), os.path.join(tmp, name + ".again" + ext)
    truth = build_document(spec, a)
    build_document(spec, b)
    if open(a, "rb").read() != open(b, "rb").read():
        errors.append("not deterministic")
    size = os.path.getsize(a)
    if size >= 100_000:
        errors.append(f"size {size} >= 100 KB")
    texts, rules = _document_text(a)
    text = squash("".join(texts))
    if ext == ".pdf" and len(texts) != truth.pages:
        errors.append(f"pages {len(texts)} != truth {truth.pages}")
    for line in truth.title:
        if squash(line) not in text:
            errors.append(f"title {line!r} not extracted")
    page_lines = {squash(ln) for t in texts for ln in t.splitlines()}
    for n, heading in truth.headings.items():
        if squash(heading) not in page_lines and squash(heading) not in text:
            errors.append(f"heading {heading!r} not a line")
    if rules is not None and spec.producer.startswith("reportlab"):
        lines, rects, vertical = rules
        ruled = lines + rects
        if spec.rules == "none" and ruled:
            errors.append(f"rules=none but {lines} lines, {rects} rects")
        if spec.rules != "none" and not ruled:
            errors.append("no rules drawn")
        if spec.rules == "hrules" and vertical:
            errors.append(f"rules=hrules but {vertical} vertical rules")
    for cell, raw in truth.raw_cells.items():
        if truth.cells[cell] is not None and squash(raw) not in text:
            errors.append(f"cell {cell} text {raw!r} not extracted")
            break
    for wanted in spec.break_identities:
        if wanted not in truth.failing_identities:
            errors.append(f"break {wanted} not reported")
    if spec.break_identities and all(x.startswith("appeals.") for x in spec.break_identities):
        if truth.failing_identities != sorted(spec.break_identities):
            errors.append(f"appeals breaks: {truth.failing_identities}")
    if not spec.break_identities and truth.failing_identities:
        errors.append(f"unexpected failing identities {truth.failing_identities}")
    tsv, _ = truth.write(tmp, name)
    for ln in open(tsv, encoding="utf-8"):
        cell, value = ln.rstrip("\n").split("\t")
        if value and not re.fullmatch(r"-?\d+(\.\d+)?", value):
            errors.append(f"bad truth value {cell}={value!r}")
    return truth, size, errors


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("--keep", help="keep the generated files in this directory")
    ap.add_argument("--batch", type=int, default=20, help="number of random specs")
    args = ap.parse_args(argv)
    tmp = args.keep or tempfile.mkdtemp(prefix="gen-selfcheck-")
    os.makedirs(tmp, exist_ok=True)
    cases = [(n, ReportSpec(**kw)) for n, kw in CASES.items()]
    cases += [(f"random-{s}", random_spec(s)) for s in range(1000, 1000 + args.batch)]
    bad = 0
    for name, spec in cases:
        try:
            truth, size, errors = check(name, spec, tmp)
        except ToolMissing as e:
            print(f"skip {name:22s} {e}")
            continue
        status = "ok " if not errors else "BAD"
        bad += bool(errors)
        print(
            f"{status} {name:22s} {truth.pages}p {size // 1024:3d}KB {len(truth.cells):3d} cells "
            f"failing={','.join(truth.failing_identities) or '-'}"
        )
        for e in errors:
            print("     ", e)
    print(f"{len(cases) - bad}/{len(cases)} ok; files in {tmp}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
