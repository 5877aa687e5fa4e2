"""The 2019 ↔ 2021 correspondence of cells, from patterns/compare.toml."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from reportparse.vocabulary import CompareRules, load


@dataclass(frozen=True)
class Correspondence:
    """2019 cells that mean what 2021 cells mean (summed when several)."""

    cells_2019: tuple[str, ...]
    cells_2021: tuple[str, ...]
    note: str


@dataclass(frozen=True)
class NoCounterpart:
    cells: frozenset[str]
    note: str


def _expand(table: str, rows: tuple[str, ...], columns: tuple[str, ...]) -> list[tuple[str, ...]]:
    """One tuple of cells per column: the rows of that column."""
    return [tuple(f"{table}.{r}.{c}" for r in rows) for c in columns]


@cache
def correspondences() -> tuple[Correspondence, ...]:
    out = []
    for entry in load(CompareRules).same:
        for a, b in zip(
            _expand(entry.table, entry.rows_2019, entry.columns_2019),
            _expand(entry.table, entry.rows_2021, entry.columns_2021),
        ):
            out.append(Correspondence(a, b, entry.note))
    return tuple(out)


@cache
def no_counterparts() -> tuple[NoCounterpart, ...]:
    return tuple(
        NoCounterpart(frozenset(f"{e.table}.{r}.{c}" for r in e.rows for c in e.columns), e.note)
        for e in load(CompareRules).not_comparable
    )


def why_not_comparable(cell_id: str) -> str | None:
    return next((n.note for n in no_counterparts() if cell_id in n.cells), None)
