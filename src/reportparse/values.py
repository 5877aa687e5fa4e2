"""A printed text → its value: a number, null, or unreadable — the one value reader.

The layout reads each cell and word once (`Readable.reading`); the later stages ask
that reading, never the text again.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import regex

from reportparse import vocabulary
from reportparse.normalize import fold

# At most 15 digits before the point and 6 after: a longer run of digits is no printed count
# or amount (and int() refuses more than 4300 digits, float() turns 400 into inf).
_NUMBER = regex.compile(r"^[+-]?(?:\d{1,3}(?:,\d{3}){1,4}|\d{1,15})(?:\.\d{1,6})?$")
# A token of a run of values whose separators were lost: digits only (tables/digit_split.py).
_DIGITS = regex.compile(r"^[0-9]+$")

Value = int | float | None


@dataclass(frozen=True, slots=True)
class ParsedValue:
    value: Value
    ok: bool  # False: text that is neither a number nor a blank
    # Stands in a value slot: a number, with or without unit, or a blank mark (not an
    # empty text) — what tells a row's values from its labels.
    is_value: bool = False


@dataclass(frozen=True, slots=True)
class RunReading:
    """A text read as a run of values (tables/digit_split.py): digit tokens stay text (to
    be split), any other number or blank mark is one value; None: a token that is neither."""

    tokens: tuple[str | Value, ...] | None
    is_run: bool  # holds only values, one or several to a space-separated token


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
        return ParsedValue(None, True, bool(text))
    for unit in _UNITS:
        if text.endswith(unit) and len(text) > len(unit):
            text = text[: -len(unit)]
            break
    if not _NUMBER.match(text):
        return ParsedValue(None, False)
    text = text.replace(",", "")
    if "." in text:
        return ParsedValue(float(text), True, True)
    return ParsedValue(int(text), True, True)


def looks_like_value(raw: str) -> bool:
    """True for text that stands in a value slot: a number, with or without unit, or a blank mark."""
    return parse_value(raw).is_value


@lru_cache(maxsize=_CACHE_SIZE)
def read_run(raw: str) -> RunReading:
    tokens: list[str | Value] = []
    only_values = True
    for token in fold(raw).split():
        if _DIGITS.match(token):
            tokens.append(token)
            continue
        parsed = parse_value(token)
        if not parsed.ok:
            return RunReading(None, False)
        only_values = only_values and parsed.is_value
        tokens.append(parsed.value)
    return RunReading(tuple(tokens), bool(tokens) and only_values)


class Readable:
    """A printed text (a layout cell or word) whose value is read once, when first
    asked, and kept; read again only if the text is replaced."""

    __slots__ = ("_read",)
    text: str
    _read: tuple[str, ParsedValue] | None

    def __post_init__(self) -> None:  # called by the dataclasses' __init__
        self._read = None

    @property
    def reading(self) -> ParsedValue:
        read = self._read
        if read is not None and read[0] is self.text:
            return read[1]
        reading = parse_value(self.text)
        self._read = (self.text, reading)
        return reading

    @property
    def is_value(self) -> bool:
        return self.reading.is_value
