"""Pages, text lines and table grids with positions: the seam between sources and recognisers.

A source (PDF, text, HTML, Word) turns its input into a `Document`; everything after
that point is independent of where the document came from.  Positions (`BBox`) are
in PDF points from the top-left of the page and are None for sources without them.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from reportparse.records import LocationRecord, ProblemRecord
from reportparse.values import ParsedValue, Readable, RunReading, parse_value, read_run


class Across:
    """Something with a left and a right edge (a box, a cell's span across its table)."""

    __slots__ = ()
    x0: float
    x1: float

    @property
    def x_center(self) -> float:
        return (self.x0 + self.x1) / 2


@dataclass(frozen=True, slots=True)
class BBox(Across):
    x0: float
    top: float
    x1: float
    bottom: float

    def union(self, other: BBox) -> BBox:
        return BBox(
            min(self.x0, other.x0), min(self.top, other.top), max(self.x1, other.x1), max(self.bottom, other.bottom)
        )

    def rounded(self) -> list[float]:
        return [round(self.x0, 2), round(self.top, 2), round(self.x1, 2), round(self.bottom, 2)]


@dataclass(slots=True)
class TextLine:
    """One printed line of running text (not inside a table)."""

    text: str
    page: int  # 1-based
    bbox: BBox | None = None
    # Left indentation relative to the page's text column, in characters; None if unknown.
    indent: float | None = None
    # True when the line runs to the right edge of the text column (so it was wrapped).
    full_width: bool | None = None
    # True when the source marks the end of a paragraph after this line (text, HTML).
    paragraph_end: bool = False
    font_size: float | None = None


@dataclass(slots=True)
class Cell(Readable):
    """One table cell on a grid; a merged cell covers rowspan × colspan grid slots.
    Its value (`reading`, `is_value`) is read once, by `values.parse_value`."""

    text: str
    row: int
    col: int
    rowspan: int = 1
    colspan: int = 1
    page: int = 1
    bbox: BBox | None = None
    # Where the cell stands in a source without pages (records.location): HTML, Word, text.
    origin: LocationRecord | None = None
    # Read by OCR: the least sure character's confidence, and other readings of the
    # text that each change one doubtful digit (most likely first).  None / () otherwise.
    confidence: float | None = None
    alternatives: tuple[str, ...] = ()

    @property
    def alternative_readings(self) -> tuple[tuple[str, ParsedValue], ...]:
        """The OCR's other readings of the text, each with its value."""
        return tuple((text, parse_value(text)) for text in self.alternatives)

    @property
    def run(self) -> RunReading:
        """The text read as values whose separators were lost (a table whose rows ran together)."""
        return read_run(self.text)

    @property
    def last_col(self) -> int:
        return self.col + self.colspan - 1

    @property
    def last_row(self) -> int:
        return self.row + self.rowspan - 1


@dataclass(slots=True)
class Table:
    """A table as printed on one page (a fragment when the table continues on the next)."""

    cells: list[Cell]
    page: int
    bbox: BBox | None = None
    ruled: bool = True  # False when recovered from text alignment
    # True when a row's values may have run together (text whose line structure was
    # lost): each data row is a label cell and one cell holding all its value text.
    runs: bool = False
    # A table drawn without rules, with positions: the x-intervals of its value columns
    # (where the values of all its rows stand), found once here for the recognisers.
    value_columns: list[tuple[float, float]] | None = field(default=None, init=False)

    def __post_init__(self) -> None:
        if not self.ruled and self.cells and all(c.bbox is not None for c in self.cells):
            from reportparse.layout.columns import value_columns  # columns builds on this module's BBox

            self.value_columns = value_columns(
                [
                    (c.bbox.x0, c.bbox.x1)
                    for row in self.rows()
                    for c in trailing_values(row)
                    if c.text.strip() and c.bbox is not None
                ]
            )

    @property
    def n_rows(self) -> int:
        return max((c.last_row for c in self.cells), default=-1) + 1

    @property
    def n_cols(self) -> int:
        return max((c.last_col for c in self.cells), default=-1) + 1

    def rows(self) -> list[list[Cell]]:
        """Cells grouped by the grid row they start in, left to right."""
        out: list[list[Cell]] = [[] for _ in range(self.n_rows)]
        for cell in self.cells:
            out[cell.row].append(cell)
        for row in out:
            row.sort(key=lambda c: c.col)
        return out


def trailing_values(cells: list[Cell]) -> list[Cell]:
    """The trailing run of a row's cells that hold values or blank marks (or nothing)."""
    start = len(cells)
    while start > 0 and (cells[start - 1].is_value or not cells[start - 1].text.strip()):
        start -= 1
    return cells[start:]


Block = TextLine | Table


@dataclass(slots=True)
class Page:
    number: int  # 1-based
    blocks: list[Block] = field(default_factory=list)  # in reading order
    width: float | None = None
    height: float | None = None


@dataclass(slots=True)
class Document:
    pages: list[Page]
    source_format: str  # "pdf", "text", "html", "docx"
    # Pages in the input, counting any the source did not read (--max-pages).
    pages_total: int | None = None
    # What the source could not read as printed (records.problem dicts), reported with the rest.
    problems: list[ProblemRecord] = field(default_factory=list)

    def blocks(self) -> Iterator[Block]:
        for page in self.pages:
            yield from page.blocks
