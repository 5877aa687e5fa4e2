"""The heading and label vocabulary, read from the TOML files in `patterns/`.

The files ship inside the package (`reportparse/patterns`); in a source checkout
they are read from the repository's top-level `patterns/` folder.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

_HERE = Path(__file__).resolve().parent


def patterns_dir() -> Path:
    for candidate in (_HERE / "patterns", _HERE.parents[1] / "patterns"):
        if (candidate / "sections.toml").is_file():
            return candidate
    raise FileNotFoundError("reportparse: the patterns/ vocabulary is not installed")


@cache
def load(name: str) -> dict:
    with open(patterns_dir() / f"{name}.toml", "rb") as f:
        return tomllib.load(f)


@dataclass(frozen=True)
class Entry:
    """A row, column or group of a template table, with the labels that name it."""

    id: str
    labels: tuple[str, ...]
    group: str | None = None
    formats: tuple[str, ...] = ()
    columns: tuple[str, ...] = ()  # active: which columns this row may have
    result: bool = False  # requests: a result row of identity 2


@dataclass(frozen=True)
class TableVocabulary:
    table: str
    section: int
    rows: tuple[Entry, ...]
    columns: tuple[Entry, ...]
    groups: tuple[Entry, ...] = ()
    header_words: tuple[str, ...] = ()
    subtable_titles: tuple[str, ...] = field(default=())

    def row(self, row_id: str) -> Entry:
        return next(r for r in self.rows if r.id == row_id)


def _entries(items: list[dict]) -> tuple[Entry, ...]:
    return tuple(
        Entry(
            id=item["id"],
            labels=tuple(item["labels"]),
            group=item.get("group"),
            formats=tuple(item.get("formats", ())),
            columns=tuple(item.get("columns", ())),
            result=bool(item.get("result", False)),
        )
        for item in items
    )


@cache
def table(name: str) -> TableVocabulary:
    data = load(f"tables/{name}")
    return TableVocabulary(
        table=data["table"],
        section=data["section"],
        rows=_entries(data.get("row", [])),
        columns=_entries(data.get("column", [])),
        groups=_entries(data.get("group", [])),
        header_words=tuple(data.get("header_words", ())),
        subtable_titles=tuple(data.get("subtable_titles", ())),
    )


TABLE_NAMES = ("active", "requests", "appeals")
