"""Table `appeals` — 四、政府信息公开行政复议、行政诉讼情况 (spec: "Table appeals").

One printed row of 15 numbers: the header's upper levels (行政复议, 未经复议直接起诉,
复议后起诉) name the row id of each value column, its lowest level the column id.
"""

from __future__ import annotations

from reportparse import records
from reportparse.normalize import label_key
from reportparse.recognize.labels import LabelMatch
from reportparse.tables.base import TableResult, TemplateTable
from reportparse.tables.header import Leaf
from reportparse.tables.rows import RowView, span_of


class AppealsTable(TemplateTable):
    name = "appeals"

    def needs_row_label(self) -> bool:
        return False

    def resolve_row(self, match: LabelMatch | None, row: RowView, labels: list[str]) -> str | None:
        return None

    def cell_row(self, row: str | None, leaf: Leaf) -> str | None:
        return leaf.row  # named by the header above the value, not by a row label

    def prepare_leaves(self, leaves: list[Leaf], result: TableResult) -> list[Leaf]:
        if not leaves:
            return leaves
        named = {id(leaf): self._covering_row(leaf) for leaf in leaves}
        if all(named.values()):
            for leaf in leaves:
                leaf.row = named[id(leaf)]
        else:
            self._rows_by_order(leaves, result)
        return leaves

    def _covering_row(self, leaf: Leaf) -> str | None:
        covering = [p for p in leaf.parents if span_of(p, leaf.positioned).covers(leaf.span.center)]
        found = [m for m in (self.row_matcher.match(p.text) for p in covering) if m]
        return found[-1].id if found else None

    def _rows_by_order(self, leaves: list[Leaf], result: TableResult) -> None:
        """Unruled headers: parents are narrower than the columns they head.

        Cut the leaves into groups (a group ends at its 总计 or where a column repeats)
        and give the groups the row names printed above them, left to right.
        """
        groups: list[list[Leaf]] = [[]]
        for leaf in leaves:
            if any(l.column == leaf.column for l in groups[-1]):
                groups.append([])
            groups[-1].append(leaf)
            if leaf.column == "total":
                groups.append([])
        groups = [g for g in groups if g]
        parents = {id(p): p for leaf in leaves for p in leaf.parents}
        names = []
        for parent in sorted(parents.values(), key=lambda c: c.bbox.x0 if c.bbox else c.col):
            match = self.row_matcher.match(parent.text)
            if match and match.id not in names:
                names.append(match.id)
        rows = [r.id for r in self.vocab.rows]
        if len(names) != len(groups):
            names = [n for n in rows if n in names] if len(groups) == len(rows) and not names else names
        unread = [
            p.text
            for p in parents.values()
            if p.confidence is not None
            and not self.row_matcher.match(p.text)
            and label_key(p.text) not in self.header_keys
        ]
        if len(groups) == len(rows) == len(names) + 1 and unread and [r for r in rows if r in names] == names:
            # OCR could not read one group's name: the template has only one row left for it.
            (missing,) = [r for r in rows if r not in names]
            names = rows
            result.problem(
                "ocr_unread_heading",
                f"table appeals: a group's name was read as {' / '.join(unread)}, no row's name; the template "
                f"has only {missing} left for it, so its columns are read as {missing} — check the page",
                label=missing,
            )
        if len(names) != len(groups):
            result.problems.append(
                records.problem(
                    "no_header",
                    f"table appeals: {len(groups)} groups of columns but {len(names)} row names "
                    "(行政复议 / 未经复议直接起诉 / 复议后起诉) in the header",
                    table=self.name,
                )
            )
            return
        for name, group in zip(names, groups):
            for leaf in group:
                leaf.row = name

    def _report_missing_rows(self, result: TableResult) -> None:
        expected = [f"appeals.{r.id}.{c.id}" for r in self.vocab.rows for c in self.vocab.columns]
        missing = [cell_id for cell_id in expected if cell_id not in result.cells]
        if result.cells and missing:
            result.problems.append(
                records.problem(
                    "missing_cells", f"table appeals: cells {', '.join(missing)} are not printed", table=self.name
                )
            )
