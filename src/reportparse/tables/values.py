"""A table cell's printed text → its value: a number, null, or unreadable."""
from __future__ import annotations

from dataclasses import dataclass

import regex

from reportparse import vocabulary
from reportparse.normalize import fold

_NUMBER = regex.compile(r"^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")


@dataclass(frozen=True, slots=True)
class ParsedValue:
    value: int | float | None
    ok: bool                     # False: text that is neither a number nor a blank


def _config() -> tuple[frozenset[str], tuple[str, ...]]:
    data = vocabulary.load("values")
    units = tuple(sorted((fold(u) for u in data["units"]), key=len, reverse=True))
    return frozenset(fold(t) for t in data["null_tokens"]), units


_NULLS, _UNITS = _config()


# Hanging punctuation of a neighbouring label can spill into a value cell (、２).
_STRAY_PUNCTUATION = "、，。；：,;:"


def parse_value(raw: str) -> ParsedValue:
    text = regex.sub(r"\s+", "", fold(raw)).strip(_STRAY_PUNCTUATION)
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


def looks_like_value(raw: str) -> bool:
    """True for text that stands in a value slot: a number, with or without unit, or a blank mark."""
    text = regex.sub(r"\s+", "", fold(raw)).strip(_STRAY_PUNCTUATION)
    return bool(text) and parse_value(raw).ok
