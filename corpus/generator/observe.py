"""Where tables actually broke in a rendered PDF.

LibreOffice and Chromium paginate by themselves and a table kept whole by the spec
may still break when it is taller than a page, so the corpus manifest records the
breaks it *observes* in the PDF rather than the ones the spec asked for.

The page of every body row of table 三 is found by its printed label (the first
characters, spaces removed) in the page texts, scanning forward; a row that starts
a later page than the row above it is a break, classified as:

* ``after_header``        — the first body row (the header is alone above the break)
* ``before_group``        — the first row of a multi-row result group （三）（四）（五）（六）
* ``after_group_label``   — the second row of such a group (its merged label starts above)
* ``inside_group``        — a later row of such a group
* ``between_groups``      — a one-row result group （一）（二）（六）（七）
* ``between_rows``        — 一、/二、/四、 rows outside 三、本年度办理结果

plus whether the header rows were repeated on the next page.  Table 四 is "split"
when its row of numbers is not on the page of its header.
"""

import re

from . import labels, layout
from .content import build_content


def _squash(text):
    return re.sub(r"\s+", "", text or "")


def _page_texts(path):
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        return [_squash(p.extract_text() or "") for p in pdf.pages]


def _row_labels(table):
    """[(row index, row id, squashed label)] of the body rows."""
    out = []
    for i, row in enumerate(table.rows):
        if row.kind != "body":
            continue
        texts = [
            c
            for c in table.cells
            if c.row == i and c.role in ("label", "group") and (c.role == "label" or c.colspan == 2)
        ]
        if texts:
            out.append((i, row.row_id, _squash(texts[0].text)))
    return out


def _kind(row_id, fmt):
    for _, items in labels.requests_groups(fmt):
        ids = [r for r, _ in items]
        if row_id in ids:
            if len(ids) == 1:
                return "between_groups"
            k = ids.index(row_id)
            return ("before_group", "after_group_label")[k] if k < 2 else "inside_group"
    return "between_rows"


def requests_breaks(texts, content):
    """{"pages": [...], "breaks": [(row_id, kind)], "repeated_header": bool} or None."""
    table = next((b.table for b in layout.document(content) if b.kind == "table" and b.table.name == "requests"), None)
    if table is None:
        return None
    header = _squash(content.label("requests.applicants", labels.REQUESTS_APPLICANTS))
    page = next((p for p, t in enumerate(texts) if header in t), None)
    if page is None:
        return None
    pos = texts[page].find(header)
    first_body = True
    breaks, pages = [], {page}
    for _, row_id, text in _row_labels(table):
        key = text[:6]
        found = None
        p, start = page, pos
        while p < len(texts):
            k = texts[p].find(key, start)
            if k >= 0:
                found = (p, k)
                break
            p, start = p + 1, 0
        if found is None:
            continue
        if found[0] > page:
            kind = "after_header" if first_body else _kind(row_id, content.spec.table_format)
            breaks.append((row_id, kind))
        first_body = False
        page, pos = found
        pages.add(page)
    repeated = any(header in texts[p] for p in sorted(pages)[1:])
    return {"pages": sorted(p + 1 for p in pages), "breaks": breaks, "repeated_header": repeated}


def appeals_split(texts, content):
    """True when table 四's row of numbers is on a later page than its header."""
    if not content.has_table("appeals"):
        return None
    header = _squash(content.label("appeals.after_review", labels.APPEALS_ROWS[2][1]))
    values = "".join(
        _squash(content.printed[f"appeals.{r}.{c}"])
        for r, _ in labels.APPEALS_ROWS
        for c, _, _ in labels.APPEALS_COLUMNS
    )
    for p, t in enumerate(texts):
        k = t.rfind(header)
        if k >= 0:
            if values and values in t[k:]:
                return False
            return p + 1 < len(texts) and values in texts[p + 1][: len(values) + 400]
    return None


def observe(path, spec):
    """Observed table breaks of the PDF at ``path`` built from ``spec``."""
    content = build_content(spec)
    texts = _page_texts(path)
    return {"requests": requests_breaks(texts, content), "appeals_split": appeals_split(texts, content)}
