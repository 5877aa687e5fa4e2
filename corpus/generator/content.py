"""The report content model: what is printed, independent of how it is drawn.

``build_content(spec)`` decides every number, every printed label/cell text, the
section texts and which tables/rows/sections are present, and derives the truth
(cell values, failing identities).  Producers (PDF via reportlab, later docx/HTML)
only lay it out.
"""

import random
from dataclasses import dataclass, field
from typing import Dict, List, Optional

from . import identities, labels, merged, noise, numbers, oneline, prose


@dataclass
class Section:
    number: int
    heading: str  # printed heading line
    paragraphs: List[str]  # printed body paragraphs (before the table, if any)
    table: Optional[str] = None  # "active" | "requests" | "appeals" | None


@dataclass
class Content:
    spec: object
    agency: str
    year: int
    scale: str
    title_lines: List[str]
    intro: str
    sections: List[Section]
    signature: Optional[List[str]]
    values: Dict[str, Optional[str]]  # truth value of every printed cell
    printed: Dict[str, str]  # printed text of every printed cell
    requests_rows: List[str]  # printed row ids of table requests
    failing_identities: List[str]
    incomplete_identities: List[str]
    running_header: str = ""
    # Problems a parser must report, each {"kind", "cell" (the first), "cells"}: cells
    # it cannot read for sure, left null in the truth (merged non-zero values, digits
    # run together more than one way).
    expected_problems: List[dict] = field(default_factory=list)
    _label_cache: Dict[str, str] = field(default_factory=dict, repr=False)

    def rng(self, purpose):
        """An rng private to ``purpose``: results do not depend on call order."""
        return random.Random(f"{self.spec.seed}:{purpose}")

    def label(self, key, canonical, row_id=None):
        """Printed text of a table label (noise applied once, then cached)."""
        if key not in self._label_cache:
            if row_id is not None:
                text = noise.row_label(canonical, row_id, self.spec, self.rng("label:" + key))
            else:
                text = noise.text_variant(canonical, self.spec)
            self._label_cache[key] = noise.label_text(text, self.spec)
        return self._label_cache[key]

    def has_table(self, name):
        return any(s.table == name for s in self.sections)


def _value_string(v):
    return v if isinstance(v, str) else str(int(v))


def _printed_rows(spec):
    rows = labels.requests_row_ids(spec.table_format)
    if spec.truncate_after_row is None:
        return rows
    if spec.truncate_after_row not in rows:
        raise ValueError(
            f"truncate_after_row={spec.truncate_after_row!r} is not a row of "
            f"table requests in format {spec.format}: {rows}"
        )
    return rows[: rows.index(spec.truncate_after_row) + 1]


def _section_numbers(spec):
    present = [n for n in range(1, 7) if n not in spec.missing_sections]
    if spec.truncate_after_row is not None and 3 in present:
        lost = {4} if spec.truncate_mode == "jump" else {4, 5, 6}
        present = [n for n in present if n not in lost]
    return present


def _table_cells(spec, rows, sections, all_values):
    """Cell ids printed in the document, in a stable order."""
    tables = {s.table for s in sections}
    keep = []
    for cell in all_values:
        table, row, _ = cell.split(".")
        if table not in tables:
            continue
        if table == "requests" and row not in rows:
            continue
        keep.append(cell)
    return keep


def _blank(spec, rng, values, touched):
    """Turn a share of zero-valued non-total cells into nulls."""
    if not spec.blank_cells:
        return
    for cell in sorted(values):
        _, row, col = cell.split(".")
        if values[cell] != "0" or cell in touched:
            continue
        if col == "total" or row == "total":
            continue
        if rng.random() < 0.5:
            values[cell] = None


def build_content(spec):
    spec.validate()
    rng = random.Random(spec.seed)
    year = spec.report_year
    scale, raw = numbers.generate(spec, random.Random(f"{spec.seed}:numbers"))
    rows = _printed_rows(spec)
    present = _section_numbers(spec)
    for name in spec.break_identities:
        section = 4 if name.startswith("appeals.") else 3
        if section not in present:
            raise ValueError(f"break_identities: {name} needs section {section}, which is not printed")
    touched = identities.apply_breaks(
        raw, spec.break_identities, spec.table_format, random.Random(f"{spec.seed}:breaks"), rows
    )
    for name, left, right in identities.instances(spec.table_format):
        if name in spec.break_identities:  # keep the broken checks complete
            touched.update(left + right)

    agency, we, office = prose.agency_name(rng)
    if spec.agency:
        agency = office = spec.agency
    ctx = prose.context(random.Random(f"{spec.seed}:prose-ctx"), agency, we, office, year, raw)
    sections = []
    for n in present:
        paras = prose.section_paragraphs(n, ctx, random.Random(f"{spec.seed}:prose:{n}"))
        table = {2: "active", 3: "requests", 4: "appeals"}.get(n)
        sections.append(Section(n, noise.heading(n, spec, random.Random(f"{spec.seed}:heading:{n}")), paras, table))

    printed_ids = _table_cells(spec, rows, sections, raw)
    merged.prepare(spec, raw, rows)
    values = {c: _value_string(raw[c]) for c in printed_ids}
    _blank(spec, random.Random(f"{spec.seed}:blank"), values, touched)
    if spec.blank_other_row and "other" in rows:
        for c, _, _ in labels.REQUESTS_COLUMNS:
            values[f"requests.other.{c}"] = None
    printed = {c: noise.cell_text(values[c], c, spec, random.Random(f"{spec.seed}:cell:{c}")) for c in values}
    expected = merged.unreadable(spec, values, rows)
    if spec.producer == "text":
        expected += oneline.unreadable(spec, values, printed, rows)
    unknown = {c for p in expected for c in p["cells"]}
    for c in unknown:
        values[c] = None
    failing, incomplete = identities.evaluate(values, spec.table_format, unknown)

    title = labels.REPORT_TITLE.format(year=year)
    ends_early = spec.truncate_after_row is not None and spec.truncate_mode == "end" and 3 not in spec.missing_sections
    signature = None
    if spec.signature and not ends_early:
        signature = prose.signature(agency, year, random.Random(f"{spec.seed}:signature"))
    return Content(
        spec=spec,
        agency=agency,
        year=year,
        scale=scale,
        title_lines=[agency, title],
        intro=prose.intro(ctx),
        sections=sections,
        signature=signature,
        values=values,
        printed=printed,
        requests_rows=rows if any(s.table == "requests" for s in sections) else [],
        failing_identities=failing,
        incomplete_identities=incomplete,
        running_header=f"{agency}{title}",
        expected_problems=expected,
    )
