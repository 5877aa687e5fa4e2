"""Writer-independent layout: the document as a list of blocks, tables as grids of
cells with row/column spans.  No measuring, no coordinates: a PDF, docx or HTML
producer turns these into its own geometry.
"""

from dataclasses import dataclass, field
from typing import List, Optional

from . import labels, merged


@dataclass
class Cell:
    row: int
    col: int
    text: str
    role: str  # title | header | corner | label | group | vlabel | value
    rowspan: int = 1
    colspan: int = 1
    cell_id: Optional[str] = None
    align: str = "center"  # left | center | right
    vertical: bool = False  # one character per line
    cut_after_line: Optional[int] = None  # split over a page break after this many lines


@dataclass
class Row:
    kind: str  # title | header | body
    row_id: Optional[str] = None


@dataclass
class Table:
    name: str  # active | requests | appeals
    ncols: int
    rows: List[Row] = field(default_factory=list)
    cells: List[Cell] = field(default_factory=list)
    header_rows: int = 0  # leading rows repeated on a continuation page
    breaks: List[int] = field(default_factory=list)  # forced page break before these rows
    wide: bool = False  # may be wider than the text block (spec.wide_tables)
    narrow_labels: bool = False  # item label column narrow: long labels wrap over 3 lines
    keep_together: bool = True  # start on a new page rather than break (if no forced break)
    repeat_header: bool = False  # repeat the header rows on a continuation page
    narrow_groups: bool = False  # group label column only 4 characters wide

    def add_row(self, kind, row_id=None):
        self.rows.append(Row(kind, row_id))
        return len(self.rows) - 1

    def add(self, row, col, text, role, **kw):
        self.cells.append(Cell(row, col, text, role, **kw))


@dataclass
class Block:
    kind: str  # title | intro | heading | paragraph | subheading | table | signature
    text: str = ""
    lines: List[str] = field(default_factory=list)
    table: Optional[Table] = None
    section: Optional[int] = None


def _values(t, r, col0, cells, content):
    align = content.spec.align
    for k, cell_id in enumerate(cells):
        t.add(r, col0 + k, content.printed[cell_id], "value", cell_id=cell_id, align=align)


def active_table(content):
    spec = content.spec
    subs = labels.ACTIVE_2019 if spec.active_format == "2019" else labels.ACTIVE_2021
    t = Table("active", 4)
    header_rows = []
    for i, (title, cols, rows) in enumerate(subs):
        r = t.add_row("title")
        t.add(r, 0, content.label(f"active.title.{i}", title), "title", colspan=4)
        r = t.add_row("header")
        header_rows.append(r)
        t.add(r, 0, content.label("active.first", labels.ACTIVE_FIRST_HEADER), "header")
        for k, (col, text) in enumerate(cols):
            span = 3 - k if k == len(cols) - 1 else 1
            t.add(r, 1 + k, content.label(f"active.col.{i}.{col}", text), "header", colspan=span)
        for row_id, text in rows:
            r = t.add_row("body", row_id)
            if row_id == "procurement" and spec.procurement_break:
                t.breaks = [r]  # its title and header end one page, the row starts the next
            t.add(r, 0, content.label(f"active.row.{row_id}", text, row_id), "label", align="left")
            for k, (col, _) in enumerate(cols):
                span = 3 - k if k == len(cols) - 1 else 1
                cell_id = f"active.{row_id}.{col}"
                t.add(r, 1 + k, content.printed[cell_id], "value", colspan=span, cell_id=cell_id, align=spec.align)
    if spec.active_split:
        t.breaks = [content.rng("active-split").choice(header_rows[1:])]
    return t


def requests_table(content):
    spec = content.spec
    fmt = spec.table_format
    printed = set(content.requests_rows)
    t = Table(
        "requests",
        10,
        header_rows=3,
        repeat_header=spec.repeat_header,
        wide=spec.wide_tables,
        narrow_labels=spec.narrow_labels,
    )
    cols = [c for c, _, _ in labels.REQUESTS_COLUMNS]
    r0, r1, r2 = t.add_row("header"), t.add_row("header"), t.add_row("header")
    t.add(r0, 0, content.label("requests.corner", labels.REQUESTS_CORNER), "corner", rowspan=3, colspan=3, align="left")
    t.add(r0, 3, content.label("requests.applicants", labels.REQUESTS_APPLICANTS), "header", colspan=7)
    col_label = {
        c: content.label(f"requests.col.{c}", w if spec.wrapped_headers else s) for c, s, w in labels.REQUESTS_COLUMNS
    }
    t.add(r1, 3, col_label["natural_person"], "header", rowspan=2)
    t.add(r1, 4, content.label("requests.legal_persons", labels.REQUESTS_LEGAL_PERSONS), "header", colspan=5)
    t.add(r1, 9, col_label["total"], "header", rowspan=2)
    for k, c in enumerate(labels.REQUESTS_PART_COLUMNS[1:]):
        t.add(r2, 4 + k, col_label[c], "header")

    def cells_of(row_id):
        return [f"requests.{row_id}.{c}" for c in cols]

    row_index = {}
    for row_id, text in labels.REQUESTS_HEAD_ROWS:
        if row_id in printed:
            r = row_index[row_id] = t.add_row("body", row_id)
            t.add(r, 0, content.label(f"requests.row.{row_id}", text, row_id), "label", colspan=3, align="left")
            _values(t, r, 3, cells_of(row_id), content)
    first_result = None
    results_rows = 0
    for g, (group, items) in enumerate(labels.requests_groups(fmt)):
        items = [(r, x) for r, x in items if r in printed]
        if not items:
            continue
        for k, (row_id, text) in enumerate(items):
            r = row_index[row_id] = t.add_row("body", row_id)
            first_result = r if first_result is None else first_result
            results_rows += 1
            if text is None:
                t.add(r, 1, content.label(f"requests.group.{g}", group, row_id), "group", colspan=2, align="left")
            else:
                if k == 0:
                    t.add(
                        r,
                        1,
                        content.label(f"requests.group.{g}", group, f"group{g}"),
                        "group",
                        rowspan=len(items),
                        align="center",
                    )
                t.add(r, 2, content.label(f"requests.row.{row_id}", text, row_id), "label", align="left")
            shared = merged.merged_cells(spec, printed)
            if shared and row_id == merged.ROWS[0]:  # one value cell for the three rows
                for k, cell_id in enumerate(cells_of(row_id)):
                    t.add(
                        r,
                        3 + k,
                        content.printed[cell_id],
                        "value",
                        cell_id=cell_id,
                        align=spec.align,
                        rowspan=len(merged.ROWS),
                    )
            elif not (shared and row_id in merged.ROWS):
                _values(t, r, 3, cells_of(row_id), content)
    if first_result is not None:
        text = labels.REQUESTS_RESULTS_LABEL
        t.add(
            first_result,
            0,
            content.label("requests.results", text),
            "vlabel",
            rowspan=results_rows,
            vertical=spec.vertical_merged_label,
        )
    for row_id, text in labels.REQUESTS_TAIL_ROWS:
        if row_id in printed:
            r = row_index[row_id] = t.add_row("body", row_id)
            t.add(r, 0, content.label(f"requests.row.{row_id}", text, row_id), "label", colspan=3, align="left")
            _values(t, r, 3, cells_of(row_id), content)
    _requests_split(t, spec, row_index, content.rng("requests-split"))
    return t


def _requests_split(t, spec, row_index, rng):
    """Forced page break in table requests according to spec.split."""
    t.keep_together = spec.split is None
    if spec.split in (None, "natural"):
        return
    groups = {"denied": [], "unavailable": [], "rejected": [], "other": []}
    for row_id in row_index:
        prefix = row_id.split("_")[0]
        if prefix in groups and row_id != "other":
            groups[prefix].append(row_id)
    at = None
    if spec.split == "after_header":
        at = 3 if len(t.rows) > 3 else None
    elif spec.split == "inside_group" and len(groups["denied"]) >= 3:
        at = row_index[rng.choice(groups["denied"][2:])]
    elif spec.split == "before_group":
        choices = [g for g in ("denied", "unavailable", "rejected", "other") if len(groups[g]) >= 2]
        if choices:
            at = row_index[groups[rng.choice(choices)][0]]
    elif spec.split == "after_group_label":
        choices = [g for g in ("denied", "unavailable", "rejected", "other") if len(groups[g]) >= 2]
        if choices:
            at = row_index[groups[rng.choice(choices)][1]]
    elif spec.split == "group_label_split" and len(groups["unavailable"]) >= 2:
        at = row_index[groups["unavailable"][1]]
        t.narrow_groups = True
        for c in t.cells:
            if c.role == "group" and c.row == row_index[groups["unavailable"][0]]:
                c.cut_after_line = 1
    if at is not None:
        t.breaks = [at]


def appeals_table(content):
    spec = content.spec
    t = Table("appeals", 15, header_rows=3, wide=spec.wide_tables)
    r0, r1, r2, r3 = (t.add_row("header"), t.add_row("header"), t.add_row("header"), t.add_row("body", "all"))
    t.add(r0, 0, content.label("appeals.review", labels.APPEALS_REVIEW), "header", colspan=5)
    t.add(r0, 5, content.label("appeals.lawsuit", labels.APPEALS_LAWSUIT), "header", colspan=10)
    cols = [
        (c, content.label(f"appeals.col.{c}", w if spec.wrapped_headers else s)) for c, s, w in labels.APPEALS_COLUMNS
    ]
    for k, (_, text) in enumerate(cols):
        t.add(r1, k, text, "header", rowspan=2)
    t.add(r1, 5, content.label("appeals.direct", labels.APPEALS_ROWS[1][1]), "header", colspan=5)
    t.add(r1, 10, content.label("appeals.after_review", labels.APPEALS_ROWS[2][1]), "header", colspan=5)
    for k in range(10):
        t.add(r2, 5 + k, cols[k % 5][1], "header")
    for i, (row_id, _) in enumerate(labels.APPEALS_ROWS):
        _values(t, r3, 5 * i, [f"appeals.{row_id}.{c}" for c, _ in cols], content)
    if spec.appeals_split:
        t.breaks = [r3]
    if spec.appeals_header_break:
        t.breaks = [r1]
    return t


def document(content):
    """The report as a list of blocks, in reading order."""
    blocks = [Block("title", lines=list(content.title_lines)), Block("intro", text=content.intro)]
    for s in content.sections:
        blocks.append(Block("heading", text=s.heading, section=s.number))
        for p in s.paragraphs:
            kind = "subheading" if _is_subheading(p) else "paragraph"
            blocks.append(Block(kind, text=p, section=s.number))
        if s.table:
            table = {"active": active_table, "requests": requests_table, "appeals": appeals_table}[s.table](content)
            blocks.append(Block("table", table=table, section=s.number))
    if content.signature:
        blocks.append(Block("signature", lines=list(content.signature)))
    return blocks


def _is_subheading(p):
    return len(p) <= 16 and p.startswith("（") and not p.endswith("。")
