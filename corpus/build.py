"""Build (or check) the committed regression corpus.

    python -m corpus.build                 # regenerate corpus/docs and corpus/manifest.json
    python -m corpus.build --check         # regenerate into a temporary folder and compare
    python -m corpus.build --only 'split-*' [--check]   # just the documents matching a glob

Every document of ``corpus.cases.corpus_specs()`` is written to ``corpus/docs`` as
NAME.pdf / NAME.docx / NAME.html with NAME.cells.tsv and NAME.truth.json beside it;
``corpus/manifest.json`` lists each document's file, producer, pages, cells, failing
identities and its axis values (see ``axes``), and how many documents carry each axis
value.  The build fails when an axis value is carried by fewer than 3 documents.

Needs: reportlab and python-docx (the project's test extras), Debian's
``fonts-wqy-zenhei`` (reportlab-ttf, chromium), ``libreoffice-writer-nogui`` and
``fonts-droid-fallback`` (libreoffice), ``chromium`` (chromium).  A missing one is
named in the error; ``--check`` skips (and counts) the documents whose producer
cannot run here.

Reproducibility (``--check``): truths and the manifest must be byte-identical;
reportlab, .docx and .html documents must be byte-identical; LibreOffice and Chromium
PDFs are byte-identical with the same program version (timestamps and ids are fixed
by ``generator.convert.normalize_pdf``) and must at least extract to the same text.
"""

import argparse
import fnmatch
import json
import os
import shutil
import sys
import tempfile
from collections import Counter
from concurrent.futures import ProcessPoolExecutor

HERE = os.path.dirname(os.path.abspath(__file__))
DOCS = os.path.join(HERE, "docs")
MANIFEST = os.path.join(HERE, "manifest.json")
MIN_PER_VALUE = 3
PAGINATED = ("reportlab-cid", "reportlab-ttf", "libreoffice", "chromium")


def _size_class(x, small, large):
    return "small" if x < small else ("large" if x > large else "normal")


def axes(spec, observed, unsure=()):
    """{axis: [values]} of one document: what a scoreboard groups it by.  ``unsure``:
    the truth's expected problems (cells no parser can read for sure)."""
    paper = spec.producer in PAGINATED
    drawing = [
        f"rules:{spec.rules}",
        f"align:{spec.align}",
        f"table_font:{_size_class(spec.table_font_size, 9.0, 9.5)}",
        f"padding:{_size_class(spec.cell_padding, 3.0, 3.5)}",
        f"body_font:{_size_class(spec.font_size, 12.0, 12.0)}",
    ]
    if spec.producer.startswith("reportlab") and spec.rules != "none":
        drawing.append(f"rule_style:{spec.rule_style}")
    if spec.shade_titles and spec.rules != "none":
        drawing.append("shaded_titles")
    if spec.producer == "text":
        drawing = ["one_line_text"]

    breaks = ["vertical_label" if spec.vertical_merged_label else "horizontal_label"]
    if spec.wrapped_headers:
        breaks.append("wrapped_headers")
    if spec.narrow_labels:
        breaks.append("label_over_3_lines")
    if paper:
        req = (observed or {}).get("requests")
        if req is not None:
            kinds = sorted({k for _, k in req["breaks"]})
            breaks += [f"split:{k}" for k in kinds] or ["split:none"]
            if req["breaks"]:
                breaks.append("repeated_header" if req["repeated_header"] else "no_repeated_header")
            if spec.split == "group_label_split" and ("unavailable_needs_creation", "after_group_label") in [
                tuple(b) for b in req["breaks"]
            ]:
                breaks.append("group_label_cut")
            if (
                any(k in ("inside_group", "after_group_label", "before_group", "between_groups") for k in kinds)
                and spec.vertical_merged_label
            ):
                breaks.append("vertical_label_cut")
        if (observed or {}).get("appeals_split"):
            breaks.append("appeals_split")
        if spec.active_split:
            breaks.append("active_split")
        if spec.wide_tables:
            breaks.append("wide_table")
        if spec.row_break:
            breaks.append("rows_may_break")
        if spec.wrapped_numbers:
            breaks.append("numbers_wrapped_in_cells")
        if spec.appeals_header_break:
            breaks.append("appeals_header_split")
        if spec.procurement_break:
            breaks.append("procurement_split")
        breaks.append(f"orientation:{spec.orientation}")
    if spec.producer == "text":
        breaks = [f"cells_run_together:{spec.text_cells}"]

    noise = []
    if paper or spec.producer == "docx":
        noise += ["page_numbers"] * spec.page_numbers + ["running_header"] * spec.running_header
    for flag in (
        "cjk_spaces",
        "label_spaces",
        "fullwidth_digits",
        "thousands_sep",
        "units",
        "label_misprint",
        "heading_variant",
        "heading_spaces",
    ):
        if getattr(spec, flag):
            noise.append(flag)
    if spec.blank_cells:
        noise.append(f"blank:{spec.blank_cells}")
    if spec.heading_mark != "、":
        noise.append(f"heading_mark:{spec.heading_mark}")
    if spec.item_mark != ".":
        noise.append(f"item_mark:{spec.item_mark}")
    if spec.brackets == "half":
        noise.append("half_brackets")
    if spec.quotes == "straight":
        noise.append("straight_quotes")
    if spec.producer == "html":
        noise.append("site_furniture")
    noise = noise or ["clean"]

    content = []
    for name in spec.break_identities:
        kind = name.split(".")[0] if name.startswith("appeals.") else "requests." + name.split(".")[1]
        content.append(f"broken:{kind}")
    content = sorted(set(content)) or ["identities_hold"]
    content += [f"missing_section:{n}" for n in sorted(spec.missing_sections)]
    if spec.truncate_after_row:
        content.append(f"truncated:{spec.truncate_mode}")
    if not spec.signature:
        content.append("no_signature")
    if spec.merged_values:
        content.append(f"merged_values:{spec.merged_values}")
    if spec.blank_other_row:
        content.append("blank_other_row")
    content += sorted({f"unsure:{p['kind']}" for p in unsure})
    return {
        "producer": [spec.producer],
        "format": [spec.format],
        "drawing": drawing,
        "breaks": breaks,
        "noise": noise,
        "content": content,
    }


def _build_one(job):
    name, spec, out = job
    from corpus.generator import build_document, extension
    from corpus.generator.observe import observe

    path = os.path.join(out, name + extension(spec))
    truth = build_document(spec, path)
    truth.write(out, name)
    observed = observe(path, spec) if extension(spec) == ".pdf" else None
    if observed and observed["requests"]:
        observed["requests"]["breaks"] = [list(b) for b in observed["requests"]["breaks"]]
    return name, {
        "file": os.path.basename(path),
        "producer": spec.producer,
        "pages": truth.pages,
        "bytes": os.path.getsize(path),
        "cells": len(truth.cells),
        "failing_identities": truth.failing_identities,
        "observed": observed,
        "axes": axes(spec, observed, truth.expected_problems),
    }


def _run(jobs, workers):
    if workers <= 1:
        return [_build_one(j) for j in jobs]
    with ProcessPoolExecutor(workers) as pool:
        return list(pool.map(_build_one, jobs))


def coverage(documents):
    counts = {}
    for entry in documents.values():
        for axis, values in entry["axes"].items():
            for v in values:
                counts.setdefault(axis, Counter())[v] += 1
    return {axis: dict(sorted(c.items())) for axis, c in sorted(counts.items())}


def manifest_of(documents):
    return {
        "about": "Regression corpus of synthetic annual reports: python -m corpus.build rebuilds it; "
        "reportparse corpus score corpus/docs scores it.  axes: what each document exercises; "
        "coverage: how many documents carry each axis value.",
        "documents": dict(sorted(documents.items())),
        "coverage": coverage(documents),
    }


def _dump(obj):
    return json.dumps(obj, ensure_ascii=False, indent=1, sort_keys=False) + "\n"


def _specs(only):
    sys.path.insert(0, os.path.dirname(HERE))
    from corpus.cases import corpus_specs

    specs = corpus_specs()
    if only:
        specs = [(n, s) for n, s in specs if any(fnmatch.fnmatch(n, p) for p in only)]
    return specs


def _runnable(spec):
    from corpus.generator.convert import ToolMissing, chromium, soffice
    from corpus.generator.fonts import WQY_ZENHEI

    try:
        if spec.producer == "libreoffice":
            soffice()
        elif spec.producer == "chromium":
            chromium()
        elif spec.producer == "reportlab-ttf" and not os.path.exists(WQY_ZENHEI):
            raise ToolMissing("fonts-wqy-zenhei")
    except ToolMissing as e:
        return str(e)
    return None


def build(only=None, workers=2, out=DOCS):
    specs = _specs(only)
    os.makedirs(out, exist_ok=True)
    results = dict(_run([(n, s, out) for n, s in specs], workers))
    if only:
        with open(MANIFEST, encoding="utf-8") as f:
            documents = json.load(f)["documents"]
        documents.update(results)
    else:
        documents = results
        keep = set()
        for name, entry in documents.items():
            keep |= {entry["file"], f"{name}.cells.tsv", f"{name}.truth.json"}
        for f in os.listdir(out):
            if f not in keep:
                os.remove(os.path.join(out, f))
    manifest = manifest_of(documents)
    with open(MANIFEST, "w", encoding="utf-8", newline="\n") as f:
        f.write(_dump(manifest))
    total = sum(os.path.getsize(os.path.join(out, f)) for f in os.listdir(out))
    print(f"{len(results)} documents built into {out}; corpus {len(documents)} documents, {total / 1e6:.1f} MB")
    big = [(n, e["bytes"]) for n, e in documents.items() if e["file"].endswith(".pdf") and e["bytes"] > 100_000]
    for n, b in big:
        print(f"  note: {n} is {b // 1024} KB")
    return _coverage_ok(manifest["coverage"])


def _coverage_ok(cov):
    ok = True
    for axis, values in cov.items():
        low = {v: n for v, n in values.items() if n < MIN_PER_VALUE}
        if low:
            ok = False
            print(f"axis {axis}: values in fewer than {MIN_PER_VALUE} documents: {low}")
    return ok


def _pdf_text(path):
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        return [p.extract_text() or "" for p in pdf.pages]


def check(only=None, workers=2):
    """Regenerate into a temporary folder and compare with the committed corpus."""
    with open(MANIFEST, encoding="utf-8") as f:
        committed = json.load(f)["documents"]
    specs = _specs(only)
    skipped, runnable = [], []
    for name, spec in specs:
        why = _runnable(spec)
        (skipped.append((name, why)) if why else runnable.append((name, spec)))
    tmp = tempfile.mkdtemp(prefix="corpus-check-")
    bad, same_bytes, same_text = [], 0, 0
    try:
        results = dict(_run([(n, s, tmp) for n, s in runnable], workers))
        for name, entry in results.items():
            old = committed.get(name)
            if old is None:
                bad.append(f"{name}: not in the committed manifest")
                continue
            if _dump(entry) != _dump(old):
                bad.append(f"{name}: manifest entry differs: {entry} != {old}")
            for suffix in (".cells.tsv", ".truth.json"):
                a, b = os.path.join(tmp, name + suffix), os.path.join(DOCS, name + suffix)
                if not os.path.exists(b) or open(a, "rb").read() != open(b, "rb").read():
                    bad.append(f"{name}{suffix}: differs from the committed truth")
            a, b = os.path.join(tmp, entry["file"]), os.path.join(DOCS, entry["file"])
            if not os.path.exists(b):
                bad.append(f"{entry['file']}: not committed")
            elif open(a, "rb").read() == open(b, "rb").read():
                same_bytes += 1
            elif (
                entry["file"].endswith(".pdf")
                and entry["producer"] in ("libreoffice", "chromium")
                and _pdf_text(a) == _pdf_text(b)
            ):
                same_text += 1
            else:
                bad.append(f"{entry['file']}: document differs")
        missing = set(committed) - {n for n, _ in specs} if not only else set()
        for name in sorted(missing):
            bad.append(f"{name}: committed but no longer in corpus.cases")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    for line in bad:
        print("DIFF", line)
    for name, why in skipped:
        print(f"skip {name}: {why}")
    print(
        f"checked {len(runnable)} documents: {same_bytes} byte-identical, {same_text} same text "
        f"(different bytes), {len(bad)} differences, {len(skipped)} skipped"
    )
    return not bad


def main(argv=None):
    ap = argparse.ArgumentParser(
        prog="python -m corpus.build", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--check", action="store_true", help="regenerate into a temporary folder and compare")
    ap.add_argument("--only", action="append", metavar="GLOB", help="only the documents whose name matches")
    ap.add_argument("--jobs", type=int, default=2, help="parallel builds (default 2)")
    args = ap.parse_args(argv)
    ok = check(args.only, args.jobs) if args.check else build(args.only, args.jobs)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
