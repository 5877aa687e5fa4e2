"""Which lines are the six section headings (spec: "Sections").

A heading is a line of its own: an ordinal 一 … 六, a separator, and one of the
section's titles (patterns/sections.toml), compared after normalisation and with a
little tolerance for misprints.  A sentence that merely contains the words is not a
heading.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache

import regex

from reportparse import vocabulary
from reportparse.normalize import fold, label_key
from reportparse.recognize.labels import LabelMatcher

_ORDINALS = "一二三四五六"
_MAX_EXTRA = 4  # characters a heading may carry beyond its title (e.g. "的", "：")
_MAX_LINE = 200  # characters of a line that can be a heading (the longest title is a few dozen)


@dataclass(frozen=True, slots=True)
class Section:
    number: int
    key: str
    canonical: str


@cache
def _config():
    data = vocabulary.load(vocabulary.Sections)
    sections = {s.number: Section(s.number, s.key, f"{_ORDINALS[s.number - 1]}、{s.titles[0]}") for s in data.sections}
    matcher = LabelMatcher((str(s.number), s.titles) for s in data.sections)
    pattern = regex.compile(rf"^\s*([{_ORDINALS}])\s*[{data.ordinal_separators}]\s*(.+?)\s*$")
    longest = max(len(label_key(t)) for s in data.sections for t in s.titles)
    return sections, matcher, pattern, longest


def sections() -> dict[int, Section]:
    return _config()[0]


def match_heading(text: str) -> Section | None:
    """The section this line is the heading of, or None."""
    if len(text) > _MAX_LINE:
        text = text.strip()
        if len(text) > _MAX_LINE:
            return None  # never a heading; and kept out of the cache, whose memory stays bounded
    return _match_heading(text)


@lru_cache(maxsize=20_000)
def _match_heading(text: str) -> Section | None:
    table, matcher, pattern, longest = _config()
    m = pattern.match(fold(text))
    if not m:
        return None
    title = m.group(2)
    if len(label_key(title)) > longest + _MAX_EXTRA:
        return None
    found = matcher.match(title)
    if found is None:
        return None
    return table[int(found.id)]


def is_heading(text: str) -> bool:
    return match_heading(text) is not None
