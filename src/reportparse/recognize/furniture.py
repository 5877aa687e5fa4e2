"""Page furniture: page numbers and running headers/footers, which are not report text."""

from __future__ import annotations

from collections import Counter
from functools import cache

import regex

from reportparse import vocabulary
from reportparse.layout.model import Document, TextLine
from reportparse.normalize import fold


@cache
def _page_number_patterns() -> tuple[regex.Pattern, ...]:
    return tuple(regex.compile(p) for p in vocabulary.load(vocabulary.Furniture).page_number)


def is_page_number(text: str) -> bool:
    text = fold(text).strip()
    return any(p.match(text) for p in _page_number_patterns())


def _shape(text: str) -> str:
    """A line's text with digits masked, so 'page 3' and 'page 4' repeat."""
    return regex.sub(r"\d+", "#", regex.sub(r"\s+", "", fold(text)))


def furniture_lines(document: Document) -> set[int]:
    """ids of the TextLines that are page numbers or running headers/footers."""
    config = vocabulary.load(vocabulary.Furniture)
    found: set[int] = set()
    edge = config.edge_lines
    shapes: Counter[str] = Counter()
    edges_by_page: list[list[TextLine]] = []
    for page in document.pages:
        lines = [b for b in page.blocks if isinstance(b, TextLine)]
        for line in lines:
            if is_page_number(line.text):
                found.add(id(line))
        candidates = [l for l in lines[:edge] + lines[-edge:] if id(l) not in found]
        edges_by_page.append(candidates)
        for shape in {_shape(l.text) for l in candidates}:
            shapes[shape] += 1
    pages = len(document.pages)
    if pages >= config.min_pages:
        repeated = {s for s, n in shapes.items() if n >= max(2, config.repeat_share * pages)}
        for candidates in edges_by_page:
            for line in candidates:
                if _shape(line.text) in repeated:
                    found.add(id(line))
    return found
