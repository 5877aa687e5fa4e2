"""The shared engine of the template-table recognisers.

Reads the rows of a table's fragments in order: header rows name the value columns,
data rows are named by their labels, values are placed under header columns by
position.  Subclasses (one per template table) say how a row and a column become a
cell id and which rows the table must have.
"""

from __future__ import annotations

from functools import cache

import regex

from reportparse import records, vocabulary
from reportparse.layout.model import Cell, Table
from reportparse.normalize import ITEM_NUMBER, fold, join_wrapped, label_key
from reportparse.recognize.labels import LabelMatch, LabelMatcher
from reportparse.tables.digit_split import Run
from reportparse.tables.header import Leaf, assign, build_leaves
from reportparse.tables.merged import settle_merged
from reportparse.tables.missing import report_missing_columns, report_missing_rows
from reportparse.tables.result import TableResult
from reportparse.tables.rows import RowView, Span, rows_of
from reportparse.tables.runs import PendingRun, read_runs
from reportparse.tables.scanned import (
    is_speck,
    misread_values,
    name_open_cells,
    open_leaves,
    read_by_ocr,
    split_headings,
    unread_headings,
)

# A space followed by a label's numbering: where two labels run together are cut apart.
_NUMBERED_PART = regex.compile(rf"\s+(?={ITEM_NUMBER})")


@cache
def _vocabulary(name: str):
    """A table's vocabulary and its matchers, built once per process, not per document."""
    vocab = vocabulary.table(name)
    return (
        vocab,
        LabelMatcher((r.id, r.labels) for r in vocab.rows),
        LabelMatcher((c.id, c.labels) for c in vocab.columns),
        LabelMatcher((g.id, g.labels) for g in vocab.groups),
        frozenset(label_key(w) for w in vocab.header_words),
        tuple(regex.compile(p) for p in vocab.subtable_titles),
    )


class TemplateTable:
    name: str = ""

    def __init__(self) -> None:
        (self.vocab, self.row_matcher, self.column_matcher, self.group_matcher, self.header_keys, self.titles) = (
            _vocabulary(self.name)
        )

    # --- hooks -------------------------------------------------------------
    def row_id(self, labels: list[str]) -> LabelMatch | None:
        """The row a data row's label cells name (rightmost, most specific, first).

        A cell holding two labels run together (（三）不予公开 1.属于国家秘密, when
        the layout gave no gap between them) is read by its last numbered part.
        """
        if not labels:
            return None
        found = self.row_matcher.match(labels[-1])
        if found is None:
            parts = _NUMBERED_PART.split(labels[-1].strip())
            if len(parts) > 1:
                found = self.row_matcher.match(parts[-1])
        if found is None and len(labels) > 1:
            found = self.row_matcher.match(join_wrapped(labels))
        return found

    def cell_row(self, row: str | None, leaf: Leaf) -> str | None:
        """The row id of the cell under `leaf` in the data row named `row`."""
        return row

    def cell_id(self, row: str | None, leaf: Leaf) -> str | None:
        cell_row = self.cell_row(row, leaf)
        return f"{self.name}.{cell_row}.{leaf.column}" if cell_row else None

    def expected_rows(self, result: TableResult) -> list[str]:
        return []

    def expected_columns(self, row_id: str, result: TableResult) -> list[str]:
        """The columns every printed row of this kind has (empty: not known)."""
        return []

    # --- engine ------------------------------------------------------------
    def recognize(self, fragments: list[Table]) -> TableResult:
        result = TableResult(self.name, pages=sorted({t.page for t in fragments}))
        rows = rows_of(fragments)
        # Unruled fragments: their value columns, as the layout found them.
        self._slots = {
            f: [Span(a, b) for a, b in table.value_columns]
            for f, table in enumerate(fragments)
            if table.value_columns is not None
        }
        self._merged: dict[int, tuple[Cell, list[str]]] = {}
        self._runs: list[PendingRun] = []
        leaves: list[Leaf] = []
        header_block: list[RowView] = []
        consumed: set[int] = set()
        for index, row in enumerate(rows):
            labels = [c.text for c in row.label_cells()]
            if not row.has_values() and not any(c.text.strip() for c in row.spanned):
                if self._is_title(labels):
                    header_block = []
                    continue
                if self._is_header(row, leaves):
                    header_block.append(row)
                    continue
                match = self._blank_row(row, labels, rows[index + 1] if index + 1 < len(rows) else None)
                if match is None:
                    # Above the first data row, or among header rows: a piece of a header
                    # wrapped over lines.  Elsewhere: a group label or a piece of a label.
                    if header_block or not leaves:
                        header_block.append(row)
                    continue
            if not leaves and not labels and is_speck(row):
                continue  # a mark of dust read among the header lines, no row of the table
            if header_block:
                ocr = read_by_ocr([c for r in header_block for c in r.cells])
                if ocr:
                    header_block = split_headings(header_block, self.column_matcher)
                built = build_leaves(header_block, self.column_matcher)
                if ocr:
                    order = [c.id for c in self.vocab.columns]
                    slots = self._slots.get(header_block[-1].fragment, [])
                    built = unread_headings(built, slots, header_block, self.column_matcher, order, result)
                built = self.prepare_leaves(built, result)
                if built:
                    leaves = built
                header_block = []
            self._read_data_row(rows, index, row, leaves, consumed, result)
        settle_merged(result, list(self._merged.values()))
        result.problems.extend(read_runs(self.name, self._runs, result))
        self._report_missing_rows(result)
        report_missing_columns(result, lambda row_id: self.expected_columns(row_id, result))
        return result

    def _is_title(self, labels: list[str]) -> bool:
        text = fold(join_wrapped(labels)).replace(" ", "")
        return any(p.match(text) for p in self.titles)

    def _is_header(self, row: RowView, leaves: list[Leaf]) -> bool:
        """A row that names columns.  Once columns are known, only words standing over
        them count: a label such as （六）其他 names a row, not the column 其他."""
        value_area = None
        if leaves and leaves[0].positioned == row.positioned:
            value_area = Span(min(l.span.x0 for l in leaves), max(l.span.x1 for l in leaves))
        for cell in row.cells:
            if not cell.text.strip():
                continue
            if value_area is not None and row.span(cell).overlap(value_area) <= 0:
                continue
            if label_key(cell.text) in self.header_keys or self.column_matcher.match(cell.text):
                return True
        return False

    def _blank_row(self, row: RowView, labels: list[str], after: RowView | None) -> LabelMatch | None:
        """A row printed with every value cell blank is still a data row.

        A ruled row shows its empty cells; an unruled one shows only its label, which
        must then name a row exactly.  A label that is also a group's (（六）其他处理
        heads the 2021 rows 1.–3. but is a row of its own in the 2019 format) is the
        row only when no row of its group follows.
        """
        if not labels or not self.needs_row_label():
            return None
        if any(not c.text.strip() for c in row.value_cells()):
            return self.row_id(labels)
        if row.value_cells():
            return None
        found = self.row_id(labels)
        if found is None or found.score != 100.0:
            return None
        group = self.group_matcher.match(labels[-1])
        if group is not None:
            following = self.row_id([c.text for c in after.label_cells()]) if after else None
            if following is None or self.vocab.row(following.id).group == group.id:
                return None
        return found

    def _split(self, row: RowView) -> tuple[list[str], list[Cell]]:
        """A data row's label texts and its value cells.

        The labels are the leading cells that hold no value.  When a text that is no
        number stands among the values (见附件), the labels end at the last cell that
        still names a row, and the text is read as an unreadable value.
        """
        cells = row.cells
        lead = 0
        while lead < len(cells) and not cells[lead].is_value:
            lead += 1
        if lead < len(cells) or not self.needs_row_label():
            for k in range(lead, 0, -1):
                texts = [c.text for c in cells[:k] if c.text.strip()]
                if cells[k - 1].text.strip() and self.row_id(texts):
                    return texts, cells[k:]
        return [c.text for c in cells[:lead] if c.text.strip()], cells[lead:]

    def _label_choices(self, rows: list[RowView], index: int, own: list[str], consumed: set[int]):
        """The row's own labels, then joined with wrapped label pieces just above/below it."""
        row = rows[index]
        yield own, ()
        pieces = []
        for j in (index - 1, index + 1):
            if (
                0 <= j < len(rows)
                and j not in consumed
                and rows[j].fragment == row.fragment
                and not rows[j].has_values()
                and rows[j].label_cells()
            ):
                pieces.append(j)
        before = [j for j in pieces if j < index]
        after = [j for j in pieces if j > index]
        last = own[-1:] if own else []
        for use in (before, after, before + after):
            if not use:
                continue
            texts = (
                [rows[j].label_cells()[-1].text for j in before if j in use]
                + last
                + [rows[j].label_cells()[-1].text for j in after if j in use]
            )
            yield own[:-1] + [join_wrapped(texts)], tuple(use)

    def _read_data_row(self, rows, index, row, leaves, consumed, result) -> None:
        labels, values = ([c.text for c in row.label_cells()], row.value_cells()) if row.runs else self._split(row)
        if leaves and not row.runs:
            # OCR text under a value column is a misread value (一A2, ）0), never a label.
            misread = misread_values([c for c in row.cells if all(c is not v for v in values)], leaves, row.positioned)
            labels = [t for t in labels if all(t != c.text for c in misread)]
            values = sorted(values + misread, key=lambda c: row.span(c).x0)
        match, used, choice = self._best_label(rows, index, labels, consumed)
        consumed.add(index)
        consumed.update(used)
        row_id = self.resolve_row(match, row, choice)
        if not self._accept_row(row_id, row, labels, choice, result):
            return
        if not leaves:
            result.problem(
                "no_header",
                f"table {self.name}: the column headers were not recognised, so the values of row '{row.text()}' were not read",
                page=row.page,
            )
        elif row.runs:
            self._read_run(row_id, row, values, leaves, result)
        else:
            self._place_values(row_id, row, values, leaves, result)

    def _best_label(self, rows, index, labels, consumed) -> tuple[LabelMatch | None, tuple, list[str]]:
        """The best match among the row's label choices (its own label, or joined with the
        rows it wraps into), stopping at an exact one."""
        best: tuple[LabelMatch | None, tuple, list[str]] = (None, (), labels)
        for choice, used in self._label_choices(rows, index, labels, consumed):
            found = self.row_id(choice) if choice else None
            if found and (best[0] is None or found.score > best[0].score):
                best = (found, used, choice)
            if best[0] and best[0].score == 100.0:
                break
        return best

    def _accept_row(self, row_id, row, labels, choice, result) -> bool:
        """Records a recognised row; False (with the problem) for a row whose values are not
        to be read: one that matches no template row, or a row printed twice."""
        if row_id is None and self.needs_row_label():
            printed = join_wrapped([c.text for c in row.inherited] + labels) or row.text()
            result.problem(
                "unmatched_row",
                f"table {self.name}: row '{printed}' matches no row of the template; its values were not read",
                page=row.page,
                label=printed,
            )
            return False
        if row_id is not None:
            if row_id in result.rows:
                result.problem(
                    "duplicate_row",
                    f"table {self.name}: row {row_id} is printed twice; the first one is kept",
                    page=row.page,
                    label=join_wrapped(choice),
                )
                return False
            result.rows.append(row_id)
            result.formats.update(self.vocab.row(row_id).formats)
        return True

    def _read_run(self, row_id, row, values, leaves, result) -> None:
        """A row whose digits ran together: its run waits for the identities to split it."""
        cell_rows: dict[str, str] = {}  # the run's cells in column order, each with its row
        for leaf in leaves:
            cell_row, cell_id = self.cell_row(row_id, leaf), self.cell_id(row_id, leaf)
            if cell_row and cell_id and self.column_allowed(row_id, leaf):
                cell_rows.setdefault(cell_id, cell_row)
        run = Run(tuple(cell_rows), " ".join(c.text for c in values))
        if not run.cells:
            result.problem(
                "unassigned_value",
                f"table {self.name}: values '{run.text}' in row '{row.text()}' stand under no recognised column",
                page=row.page,
                label=run.text,
            )
            return
        self._runs.append(PendingRun(run, row.page, cell_rows))
        result.formats.update(
            f for leaf in leaves for c in self.vocab.columns if c.id == leaf.column for f in c.formats
        )

    def _place_values(self, row_id, row, values, leaves, result) -> None:
        """Each value under its column, stored under its cell id; a value under no column is a problem."""
        if row.spanned:
            values = sorted(values + row.spanned, key=lambda c: row.span(c).x0)
        ocr = read_by_ocr(values)
        placed, stray = assign(values, leaves, row.positioned, self._slots.get(row.fragment), guess=not ocr)
        for cell in stray:
            if cell.text.strip():
                result.problem(
                    "unassigned_value",
                    f"table {self.name}: value '{cell.text}' in row '{row.text()}' stands under no recognised column",
                    page=cell.page,
                    label=cell.text,
                )
                if ocr:
                    ids = [self.cell_id(row_id, leaves[i]) for i in open_leaves(cell, placed, leaves, row.positioned)]
                    name_open_cells(result, cell, [c for c in ids if c])
        for i, leaf in enumerate(leaves):
            cell_row, cell_id = self.cell_row(row_id, leaf), self.cell_id(row_id, leaf)
            if cell_row is None or cell_id is None or not self.column_allowed(row_id, leaf):
                continue
            self._store(cell_row, cell_id, placed.get(i), row, result)
            for fmt in (c.formats for c in self.vocab.columns if c.id == leaf.column):
                result.formats.update(fmt)

    def prepare_leaves(self, leaves: list[Leaf], result: TableResult) -> list[Leaf]:
        return leaves

    def resolve_row(self, match: LabelMatch | None, row: RowView, labels: list[str]) -> str | None:
        return match.id if match else None

    def needs_row_label(self) -> bool:
        return True

    def column_allowed(self, row_id: str | None, leaf: Leaf) -> bool:
        return True

    def _store(self, row_id: str, cell_id: str, cell: Cell | None, row: RowView, result: TableResult) -> None:
        if cell_id in result.cells:
            return
        if cell is None:
            # Printed blank: the slot exists in the row but holds nothing.
            result.put(row_id, cell_id, records.cell(None, "", row.page))
            return
        if cell.rowspan > 1:
            self._merged.setdefault(id(cell), (cell, []))[1].append(cell_id)
        parsed = cell.reading
        if not parsed.ok:
            result.problem(
                "not_a_number",
                f"cell {cell_id}: '{cell.text}' is not a number; it is left null",
                page=cell.page,
                cell=cell_id,
                label=cell.text,
            )
        stored = records.cell(
            parsed.value, cell.text, cell.page, cell.bbox.rounded() if cell.bbox else None, cell.origin, cell.confidence
        )
        result.put(row_id, cell_id, stored)
        if cell.alternatives:
            result.alternatives[cell_id] = cell.alternative_readings

    def _report_missing_rows(self, result: TableResult) -> None:
        report_missing_rows(result, self.expected_rows(result))
