"""Text normalisation shared by every stage: width folding, quotes, label keys."""

from __future__ import annotations

import unicodedata
from functools import lru_cache

import regex

_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "「": '"', "」": '"'})
_SPACE = regex.compile(r"\s+")
# An item's numbering as printed: 三、 一． （一） (1) 1. 1、 — labels are cut, grouped and
# drawn at it, and a paragraph starting with it is a new item.
ITEM_NUMBER = r"(?:[一二三四五六七八九十]{1,3}[、.．]|[（(][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}[.、．](?!\d))"
# In front of a folded label it may also end in a comma, colon or bracket (三，  1) ),
# possibly several of them (三、（一）).
_NUMBERING = regex.compile(rf"^(?:{ITEM_NUMBER}|[一二三四五六七八九十]{{1,3}}[,:，]|\d{{1,2}}[,:，)](?!\d))")
_NOT_WORD = regex.compile(r"[\p{P}\p{S}\s]+")
_CJK = regex.compile(r"\p{Han}")


def fold(text: str) -> str:
    """Full-width to half-width (NFKC) and curly to straight quotes."""
    return unicodedata.normalize("NFKC", text).translate(_QUOTES)


def squash_spaces(text: str) -> str:
    return _SPACE.sub("", text)


def strip_numbering(text: str) -> str:
    """Drop leading ordinals such as 三、 （一） 1. from an already folded, squashed text."""
    while True:
        m = _NUMBERING.match(text)
        if not m or m.end() == len(text):
            return text
        text = text[m.end() :]


@lru_cache(maxsize=8192)  # the same labels come back in every table and document
def label_key(text: str) -> str:
    """The comparable form of a label: folded, no spaces, no numbering, no punctuation."""
    return _NOT_WORD.sub("", strip_numbering(squash_spaces(fold(text))))


def join_wrapped(parts: list[str]) -> str:
    """Join pieces of one logical text that a layout broke over lines.

    Chinese needs no separator; two Latin words or numbers keep a space between them.
    """
    out = ""
    for part in parts:
        part = part.strip()
        if not part:
            continue
        if out and out[-1].isascii() and out[-1].isalnum() and part[0].isascii() and part[0].isalnum():
            out += " "
        out += part
    return out
