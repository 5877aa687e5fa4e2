"""The parsed report as pydantic models: what the JSON output and the library return."""
from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

FormatVersion = Literal["2019", "2021", "mixed"]
Number = int | float


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class CellValue(_Model):
    """One printed table cell."""
    value: Number | None = Field(description="The number as printed; null for a blank, —, -, / or 无 cell, or an unreadable one")
    raw: str = Field(description="The cell's text as printed, units included")
    page: int | None = Field(None, description="1-based page the cell is printed on")
    bbox: list[float] | None = Field(None, description="[x0, top, x1, bottom] in PDF points from the page's top-left")


class Table(_Model):
    found: bool
    pages: list[int] = Field(default_factory=list)
    cells: dict[str, CellValue] = Field(default_factory=dict, description="Keyed by cell id table.row.column")


class Section(_Model):
    number: int = Field(ge=1, le=6)
    key: str
    heading: str = Field(description="The heading as printed")
    text: str = Field(description="The section's running text; paragraphs separated by newlines; tables left out")
    page_start: int | None = None
    page_end: int | None = None


class Meta(_Model):
    title: str | None = None
    agency: str | None = None
    year: int | None = None
    publication_date: str | None = Field(None, description="ISO date, when printed")
    format_version: FormatVersion | None = Field(None, description="Detected from the rows and columns printed")
    source_format: str
    pages: int | None = None


class Side(_Model):
    cells: list[str]
    value: Number | None


class Check(_Model):
    id: str
    identity: int = Field(ge=1, le=4)
    table: str
    description: str
    status: Literal["passed", "failed", "incomplete", "skipped"]
    cells: list[str]
    left: Side
    right: Side
    reason: str | None = None


class Problem(_Model):
    kind: str
    message: str
    table: str | None = None
    section: int | None = None
    page: int | None = None
    cell: str | None = None
    label: str | None = None


class Report(_Model):
    meta: Meta
    sections: list[Section]
    tables: dict[str, Table]
    checks: list[Check]
    problems: list[Problem]

    def cells(self) -> dict[str, Number | None]:
        """{cell_id: value} for every printed cell, sorted by cell id."""
        found = {cid: cell.value for table in self.tables.values() for cid, cell in table.cells.items()}
        return dict(sorted(found.items()))
