"""Report metadata: title, agency, year and publication date, as printed."""

from __future__ import annotations

from datetime import date

import regex

from reportparse import vocabulary
from reportparse.layout.model import TextLine
from reportparse.normalize import fold

_YEAR_IN_TITLE = regex.compile(r"((?:19|20)\d{2})\s*年")
_SPACE_AROUND_DIGITS = regex.compile(r"(?<=\p{Han})\s+(?=\d)|(?<=\d)\s+(?=\p{Han})")


def _clean(text: str) -> str:
    return _SPACE_AROUND_DIGITS.sub("", text.strip())


def title_lines(preamble: list[TextLine]) -> list[TextLine]:
    """The lines of the title: up to the first one that names the annual report."""
    markers = vocabulary.load(vocabulary.Metadata).title_markers
    for i, line in enumerate(preamble[:6]):
        if any(m in line.text.replace(" ", "") for m in markers):
            start = i
            # A title is often printed over two lines: agency, then "20xx年…年度报告".
            while (
                start > 0
                and len(preamble[start - 1].text) <= 30
                and not preamble[start - 1].text.rstrip().endswith("。")
            ):
                start -= 1
            return preamble[start : i + 1]
    return []


def title(preamble: list[TextLine]) -> str | None:
    lines = title_lines(preamble)
    return _clean("".join(l.text.strip() for l in lines)) if lines else None


def year(title_text: str | None) -> int | None:
    if not title_text:
        return None
    m = _YEAR_IN_TITLE.search(fold(title_text))
    return int(m.group(1)) if m else None


def agency(title_text: str | None, lines: list[TextLine]) -> str | None:
    """The body that reports: the title's words before its year, else the signature line."""
    if title_text:
        m = _YEAR_IN_TITLE.search(title_text)
        if m and m.start() > 0:
            return title_text[: m.start()].strip() or None
    if lines and publication_date(lines[-1:]) and len(lines) >= 2:
        candidate = lines[-2].text.strip()
        if 2 <= len(candidate) <= 40 and not candidate.endswith("。"):
            return candidate
    return None


def publication_date(tail: list[TextLine]) -> str | None:
    """A line that is only a date, among the last lines of the document."""
    config = vocabulary.load(vocabulary.Metadata)
    patterns = [regex.compile(config.date_line), regex.compile(config.date_line_numeric)]
    for line in reversed(tail[-4:]):
        text = fold(line.text)
        for p in patterns:
            m = p.match(text)
            if m:
                try:
                    return date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()
                except ValueError:
                    return None
    return None
