"""The printed template: every cell id with its labels, as people read them.

Public API.  `template("requests", "2021")` gives a table's rows and columns in printed
order with their canonical printed labels in that format version; `cell_labels()` lists
every cell id of both formats.  A view of the vocabulary (`reportparse.vocabulary`,
patterns/tables/), where each id is written once with both the labels the recognisers
match and the labels the template prints; used by tables, CSV, Excel, `reportparse ids`
and docs/cell-ids.md.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from reportparse import vocabulary
from reportparse.vocabulary import FORMATS, TABLE_NAMES


@dataclass(frozen=True)
class Row:
    id: str
    label: str  # as printed, with its numbering
    group: str | None  # the merged label cell the row stands under, if any
    columns: tuple[str, ...]  # the column ids this row has cells in

    @property
    def full_label(self) -> str:
        """The label with its group, readable on its own: （三）不予公开 / 1.属于国家秘密."""
        return f"{self.group} / {self.label}" if self.group else self.label


@dataclass(frozen=True)
class Column:
    id: str
    header: tuple[str, ...]  # the header cells above the column, top to bottom ("" where merged)

    @property
    def label(self) -> str:
        return " / ".join(h for h in self.header if h)


@dataclass(frozen=True)
class Template:
    table: str
    format: str
    title: str
    rows: tuple[Row, ...]
    columns: tuple[Column, ...]

    def row(self, row_id: str) -> Row:
        return next(r for r in self.rows if r.id == row_id)

    def column(self, column_id: str) -> Column:
        return next(c for c in self.columns if c.id == column_id)

    def cell_ids(self) -> list[str]:
        return [f"{self.table}.{r.id}.{c}" for r in self.rows for c in r.columns]


@cache
def template(table: str, format: str = "2021") -> Template:
    """Table `table` as printed in format version `format` ("2019" or "2021")."""
    if table not in TABLE_NAMES:
        raise ValueError(f"no table {table!r}: the tables are {', '.join(TABLE_NAMES)}")
    if format not in FORMATS:
        raise ValueError(f"no format {format!r}: the formats are {', '.join(FORMATS)}")
    vocab = vocabulary.table(table)
    columns = tuple(Column(c.id, c.header[format]) for c in vocab.columns_in(format))
    rows = tuple(
        Row(
            r.id,
            r.printed[format],
            vocab.group(r.group).printed if r.group else None,
            vocab.row_columns(r, format),
        )
        for r in vocab.rows_in(format)
    )
    return Template(table, format, vocab.title, rows, columns)


def order(table: str) -> tuple[list[str], list[str]]:
    """Row ids and column ids of both formats in one printed order (each format's is a subsequence)."""
    vocab = vocabulary.table(table)
    return [r.id for r in vocab.rows], [c.id for c in vocab.columns]


@dataclass(frozen=True)
class CellLabel:
    id: str
    table: str
    row: str
    column: str
    formats: tuple[str, ...]
    row_label: str
    column_label: str


def cell_labels(tables: Iterable[str] = TABLE_NAMES) -> list[CellLabel]:
    """Every cell id of the template, in printed order, with its labels.

    A cell printed in both formats is listed once; its labels are the 2021 ones, with
    the 2019 label after a `|` where that format prints another.
    """
    out: list[CellLabel] = []
    for table in tables:
        row_ids, column_ids = order(table)
        by_format = {f: template(table, f) for f in FORMATS}
        for row_id in row_ids:
            for column_id in column_ids:
                cell_id = f"{table}.{row_id}.{column_id}"
                formats = tuple(f for f, t in by_format.items() if cell_id in t.cell_ids())
                if not formats:
                    continue
                rows = [by_format[f].row(row_id).full_label for f in reversed(formats)]
                cols = [by_format[f].column(column_id).label for f in reversed(formats)]
                out.append(
                    CellLabel(
                        cell_id,
                        table,
                        row_id,
                        column_id,
                        formats,
                        " | ".join(dict.fromkeys(rows)),
                        " | ".join(dict.fromkeys(cols)),
                    )
                )
    return out


def layout_format(table: str, cell_ids: Iterable[str], fallback: str | None = None) -> str:
    """The format whose template fits the printed cells best (mixed reports print both)."""
    ids = set(cell_ids)
    fits = {f: len(ids & set(template(table, f).cell_ids())) for f in FORMATS}
    if fits["2019"] != fits["2021"]:
        return max(fits, key=lambda f: fits[f])
    return fallback if fallback in FORMATS else "2021"
