"""The vocabulary: every TOML file of `patterns/` as typed objects, read once per process.

`table(name)` is a template table (patterns/tables/NAME.toml): its rows, columns and
groups, each with the labels that name it when a report is read and how each format
version prints it — the one place its ids are written.  `load(Sections)`,
`load(Furniture)`, `load(Metadata)`, `load(ValueWords)` and `load(CompareRules)` are
the other files.  A mistake in a file raises `PatternError` naming the file and key.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import ClassVar, Protocol, Self, TypeVar, cast

from reportparse.pattern_fields import FORMATS, Fields, PatternError, open_pattern, patterns_dir

__all__ = ["FORMATS", "TABLE_NAMES", "PatternError", "patterns_dir"]

TABLE_NAMES = ("active", "requests", "appeals")


# ------------------------------------------------------------------ template tables


@dataclass(frozen=True)
class Entry:
    """A row, column or group of a template table and the labels that name it when
    matching (compared normalised, with tolerance for misprints)."""

    id: str
    labels: tuple[str, ...]
    formats: tuple[str, ...]  # the format versions that print it; empty: both

    def in_format(self, fmt: str) -> bool:
        return not self.formats or fmt in self.formats


@dataclass(frozen=True)
class GroupEntry(Entry):
    """A merged label cell rows stand under (（三）不予公开, 第二十条第（一）项); it holds
    no values.  A group without labels is never matched: it only says how it is printed."""

    printed: str


@dataclass(frozen=True)
class ColumnEntry(Entry):
    header: Mapping[str, tuple[str, ...]]  # per format: the header cells above it, top to bottom ("" where merged)


@dataclass(frozen=True)
class RowEntry(Entry):
    printed: Mapping[str, str]  # per format: the label as printed, with its numbering
    group: str | None  # the id of the group it stands under
    result: bool  # requests: a result row, summed by identity 2
    columns_by_format: Mapping[str, tuple[str, ...]]  # per format its columns; empty: every column of the format

    @property
    def columns(self) -> tuple[str, ...]:
        """The columns it has in any format (empty: not limited)."""
        return tuple(
            dict.fromkeys(c for f in sorted(self.columns_by_format, reverse=True) for c in self.columns_by_format[f])
        )


@dataclass(frozen=True)
class TableVocabulary:
    table: str
    title: str  # the table's section heading as printed
    section: int
    rows: tuple[RowEntry, ...]  # in printed order (each format's order, the other's rows left out)
    columns: tuple[ColumnEntry, ...]  # likewise
    groups: tuple[GroupEntry, ...]
    header_words: tuple[str, ...]  # words that may stand in a header row without naming a column
    subtable_titles: tuple[str, ...]  # patterns of the title rows that start a sub-table

    def row(self, row_id: str) -> RowEntry:
        return next(r for r in self.rows if r.id == row_id)

    def group(self, group_id: str) -> GroupEntry:
        return next(g for g in self.groups if g.id == group_id)

    def rows_in(self, fmt: str) -> tuple[RowEntry, ...]:
        return tuple(r for r in self.rows if r.in_format(fmt))

    def columns_in(self, fmt: str) -> tuple[ColumnEntry, ...]:
        return tuple(c for c in self.columns if c.in_format(fmt))

    def row_columns(self, row: RowEntry, fmt: str) -> tuple[str, ...]:
        """The column ids row `row` has cells in, in format `fmt`."""
        if fmt in row.columns_by_format:
            return row.columns_by_format[fmt]
        return tuple(c.id for c in self.columns_in(fmt))

    @property
    def result_rows(self) -> list[str]:
        return [r.id for r in self.rows if r.result]

    @classmethod
    def read(cls, data: Fields) -> Self:
        """A template table's vocabulary from its file (patterns/tables/NAME.toml)."""
        data.only("table", "title", "section", "header_words", "subtable_titles", "column", "group", "row")
        for kind in ("column", "group", "row"):
            _unique(data.tables(kind), kind)
        groups = tuple(_group(g) for g in data.tables("group"))
        columns = tuple(_column(c) for c in data.tables("column"))
        by_id = {c.id: c for c in columns}
        rows = tuple(_row(r, by_id, {g.id for g in groups}) for r in data.tables("row"))
        return cls(
            table=data.text("table"),
            title=data.text("title"),
            section=data.integer("section"),
            rows=rows,
            columns=columns,
            groups=groups,
            header_words=data.texts("header_words", ()),
            subtable_titles=data.texts("subtable_titles", ()),
        )


def _formats(item: Fields) -> tuple[str, ...]:
    formats = item.texts("formats", ())
    for f in formats:
        if f not in FORMATS:
            raise item.error("formats", f"{f!r} is not a format ({', '.join(FORMATS)})")
    return formats


def _unique(entries: list[Fields], kind: str) -> None:
    seen: set[str] = set()
    for item in entries:
        entry_id = item.text("id")
        if entry_id in seen:
            raise item.error("id", f"{kind} {entry_id!r} is listed twice (an id is written once)")
        seen.add(entry_id)


def _group(item: Fields) -> GroupEntry:
    item.only("id", "labels", "printed")
    return GroupEntry(item.text("id"), item.texts("labels", ()), (), item.text("printed"))


def _column(item: Fields) -> ColumnEntry:
    item.only("id", "labels", "formats", "header")
    formats = _formats(item)
    header = item.per_format("header", Fields.texts, formats or FORMATS)
    return ColumnEntry(item.text("id"), item.texts("labels"), formats, header)


def _row(item: Fields, columns: dict[str, ColumnEntry], groups: set[str]) -> RowEntry:
    item.only("id", "labels", "formats", "printed", "group", "result", "columns")
    formats = _formats(item)
    group = item.text("group", None)
    if group is not None and group not in groups:
        raise item.error("group", f"no [[group]] has the id {group!r}")
    by_format = item.per_format("columns", Fields.texts, formats or FORMATS) if item.has("columns") else {}
    for fmt, ids in by_format.items():
        for column_id in ids:
            if column_id not in columns or not columns[column_id].in_format(fmt):
                raise item.error("columns", f"{column_id!r} is no column of the {fmt} format")
    return RowEntry(
        item.text("id"),
        item.texts("labels"),
        formats,
        item.per_format("printed", Fields.text, formats or FORMATS),
        group,
        item.flag("result", False),
        by_format,
    )


@cache
def table(name: str) -> TableVocabulary:
    """Template table `name` (one of TABLE_NAMES), read once per process."""
    data = open_pattern(f"tables/{name}")
    vocab = TableVocabulary.read(data)
    if vocab.table != name:
        raise data.error("table", f"is {vocab.table!r} in the file of table {name!r}")
    return vocab


# ------------------------------------------------------------------ the other files


class FlatFile:
    """A pattern file of plain keys, one per dataclass field (read by the field's type)."""

    @classmethod
    def read(cls, data: Fields) -> Self:
        return data.fill(cls)


@dataclass(frozen=True)
class SectionTitles:
    number: int
    key: str
    titles: tuple[str, ...]  # the first is canonical


@dataclass(frozen=True)
class Sections:
    """patterns/sections.toml: the six section headings."""

    FILE: ClassVar[str] = "sections"
    ordinal_separators: str  # a regex character class body
    sections: tuple[SectionTitles, ...]

    @classmethod
    def read(cls, data: Fields) -> Self:
        data.only("ordinal_separators", "section")
        sections = tuple(s.fill(SectionTitles) for s in data.tables("section"))
        return cls(data.text("ordinal_separators"), sections)


@dataclass(frozen=True)
class Furniture(FlatFile):
    """patterns/furniture.toml: page numbers and running headers/footers."""

    FILE: ClassVar[str] = "furniture"
    page_number: tuple[str, ...]  # regexes of a line that is only a page number
    repeat_share: float  # a line repeated on this share of pages is furniture
    min_pages: int
    edge_lines: int  # lines at the top and bottom of a page looked at for repeats


@dataclass(frozen=True)
class Metadata(FlatFile):
    """patterns/metadata.toml: the words of the title and the date line."""

    FILE: ClassVar[str] = "metadata"
    title_markers: tuple[str, ...]
    date_line: str
    date_line_numeric: str
    title_fields: tuple[str, ...]  # a crawler's `field: value` header line that holds the title


@dataclass(frozen=True)
class ValueWords(FlatFile):
    """patterns/values.toml: what a value cell may print besides a number."""

    FILE: ClassVar[str] = "values"
    null_tokens: tuple[str, ...]  # printed instead of a number to mean "nothing"
    units: tuple[str, ...]


@dataclass(frozen=True)
class SameCells:
    """Cells of the 2019 and 2021 formats that mean the same (column by column)."""

    table: str
    rows_2019: tuple[str, ...]
    rows_2021: tuple[str, ...]
    columns_2019: tuple[str, ...]
    columns_2021: tuple[str, ...]
    note: str


@dataclass(frozen=True)
class NotComparable:
    table: str
    rows: tuple[str, ...]
    columns: tuple[str, ...]
    note: str


@dataclass(frozen=True)
class CompareRules:
    """patterns/compare.toml: comparing a 2019-format report with a 2021-format one."""

    FILE: ClassVar[str] = "compare"
    same: tuple[SameCells, ...]
    not_comparable: tuple[NotComparable, ...]

    @classmethod
    def read(cls, data: Fields) -> Self:
        data.only("same", "not_comparable")
        same = []
        for s in data.tables("same"):
            s.only("table", "rows_2019", "rows_2021", "columns", "columns_2019", "columns_2021", "note")
            # `columns` for both formats, or columns_2019 and columns_2021 paired one by one
            columns = {f: s.texts(f"columns_{f}") if s.has(f"columns_{f}") else s.texts("columns") for f in FORMATS}
            same.append(
                SameCells(
                    s.text("table"),
                    s.texts("rows_2019"),
                    s.texts("rows_2021"),
                    columns["2019"],
                    columns["2021"],
                    s.text("note"),
                )
            )
        return cls(tuple(same), tuple(n.fill(NotComparable) for n in data.tables("not_comparable")))


class PatternFile(Protocol):
    """A typed class of one pattern file: `FILE` names it, `read` checks and reads it."""

    FILE: ClassVar[str]

    @classmethod
    def read(cls, data: Fields) -> Self: ...


_F = TypeVar("_F", bound=PatternFile)
_loaded: dict[type, object] = {}


def load(kind: type[_F]) -> _F:
    """The pattern file of class `kind` (patterns/FILE.toml), read once per process."""
    found = _loaded.get(kind)
    if found is None:
        found = _loaded[kind] = kind.read(open_pattern(kind.FILE))
    return cast(_F, found)
