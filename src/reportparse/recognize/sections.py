"""The document's outline: the preamble, then each section with its lines and tables."""

from __future__ import annotations

from dataclasses import dataclass, field

from reportparse.layout.model import Document, Table, TextLine
from reportparse.recognize.furniture import furniture_lines
from reportparse.recognize.headings import Section, match_heading


@dataclass
class SectionSpan:
    section: Section
    heading: str  # as printed
    lines: list[TextLine] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    page_start: int | None = None
    page_end: int | None = None

    def touch(self, page: int) -> None:
        self.page_start = page if self.page_start is None else self.page_start
        self.page_end = page


@dataclass
class Outline:
    preamble: list[TextLine] = field(default_factory=list)
    sections: list[SectionSpan] = field(default_factory=list)
    loose_tables: list[Table] = field(default_factory=list)  # tables before any heading


def outline(document: Document) -> Outline:
    skip = furniture_lines(document)
    result = Outline()
    current: SectionSpan | None = None
    seen: set[int] = set()
    for page in document.pages:
        for block in page.blocks:
            if isinstance(block, Table):
                (current.tables if current else result.loose_tables).append(block)
                if current:
                    current.touch(block.page)
                continue
            if id(block) in skip:
                continue
            section = match_heading(block.text)
            # A heading seen twice (a table of contents, a repeated header) starts nothing new.
            if section is not None and section.number not in seen:
                seen.add(section.number)
                current = SectionSpan(section, block.text.strip())
                current.touch(block.page)
                result.sections.append(current)
                continue
            if current is None:
                result.preamble.append(block)
            else:
                current.lines.append(block)
                current.touch(block.page)
    return result
