"""The parsed report as pydantic models: what the JSON output and the library return."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, ConfigDict, Field, model_serializer

from reportparse.records import ProblemKind

if TYPE_CHECKING:
    import pandas

FormatVersion = Literal["2019", "2021", "mixed"]
Number = int | float


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Location(_Model):
    """Where a cell was read in a source without page geometry."""

    table: int | None = Field(None, description="HTML/Word: the table's index among the document's tables (0-based)")
    row: int | None = Field(None, description="HTML/Word: the grid row in that table (0-based)")
    col: int | None = Field(None, description="HTML/Word: the grid column, merged cells counted (0-based)")
    path: str | None = Field(None, description="HTML: the cell element's path (XPath)")
    line: int | None = Field(None, description="text: the line (1-based, over the whole text)")
    start: int | None = Field(None, description="text: the cell's first character in that line (0-based)")
    end: int | None = Field(None, description="text: one past the cell's last character in that line")


class CellValue(_Model):
    """One printed table cell."""

    value: Number | None = Field(
        description="The number as printed; null for a blank, —, -, / or 无 cell, or an unreadable one"
    )
    raw: str = Field(description="The cell's text as printed, units included")
    page: int | None = Field(None, description="1-based page the cell is printed on")
    bbox: list[float] | None = Field(None, description="[x0, top, x1, bottom] in PDF points from the page's top-left")
    location: Location | None = Field(None, description="Where the cell stands in an HTML, Word or text source")
    confidence: float | None = Field(
        None,
        description="Read by OCR: the model's confidence in the cell's least "
        "sure character (0–1); absent for text-layer sources",
    )

    @model_serializer(mode="wrap")
    def _without_absent_confidence(self, handler):
        data = handler(self)
        if data.get("confidence") is None:
            data.pop("confidence", None)
        return data


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
    kind: ProblemKind = Field(description="What the parser could not do (README: Problems)")
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

    def table(self, name: str, *, format: str | None = None, labels: bool = True) -> pandas.DataFrame:
        """Table `active`, `requests` or `appeals` as a pandas DataFrame laid out as printed.

        Rows in template order indexed by (id, printed label); the printed column header
        (a MultiIndex for requests); numbers as numbers, blanks as NA.  `format` ("2019"
        or "2021") overrides the layout read from the printed cells; `labels=False`
        indexes rows and columns by id.  Needs pandas: pip install 'reportparse[tables]'.
        """
        from reportparse.frames import table_frame

        table = self.tables.get(name)
        values = {cid: cell.value for cid, cell in table.cells.items()} if table else {}
        return table_frame(name, values, self.meta.format_version, format=format, labels=labels)
