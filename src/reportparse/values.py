"""A table cell's printed text → its value: a number, null, or unreadable."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import regex

from reportparse import vocabulary
from reportparse.normalize import fold

# At most 15 digits before the point and 6 after: a longer run of digits is no printed count
# or amount (and int() refuses more than 4300 digits, float() turns 400 into inf).
_NUMBER = regex.compile(r"^[+-]?(?:\d{1,3}(?:,\d{3}){1,4}|\d{1,15})(?:\.\d{1,6})?$")


@dataclass(frozen=True, slots=True)
class ParsedValue:
    value: int | float | None
    ok: bool  # False: text that is neither a number nor a blank


def _config() -> tuple[frozenset[str], tuple[str, ...]]:
    words = vocabulary.load(vocabulary.ValueWords)
    units = tuple(sorted((fold(u) for u in words.units), key=len, reverse=True))
    return frozenset(fold(t) for t in words.null_tokens), units


_NULLS, _UNITS = _config()


# Hanging punctuation of a neighbouring label can spill into a value cell (、２).
_STRAY_PUNCTUATION = "、，。；：,;:"
# A space not between two digits: dropped.
_LOOSE_SPACE = regex.compile(r"(?<!\d)\s+|\s+(?!\d)")
# The same cell texts come back many times in a document (0, blanks, row labels).
_CACHE_SIZE = 4096


def _compact(raw: str) -> str:
    """Folded text without outer spaces or stray punctuation; a space inside stays
    only between two digits, where it means two numbers, not one."""
    text = fold(raw).strip().strip(_STRAY_PUNCTUATION).strip()
    return _LOOSE_SPACE.sub("", text)


@lru_cache(maxsize=_CACHE_SIZE)
def parse_value(raw: str) -> ParsedValue:
    text = _compact(raw)
    if text in _NULLS:
        return ParsedValue(None, True)
    for unit in _UNITS:
        if text.endswith(unit) and len(text) > len(unit):
            text = text[: -len(unit)]
            break
    if not _NUMBER.match(text):
        return ParsedValue(None, False)
    text = text.replace(",", "")
    if "." in text:
        return ParsedValue(float(text), True)
    return ParsedValue(int(text), True)


@lru_cache(maxsize=_CACHE_SIZE)
def looks_like_value(raw: str) -> bool:
    """True for text that stands in a value slot: a number, with or without unit, or a blank mark."""
    return bool(_compact(raw)) and parse_value(raw).ok
