"""Printed lines → paragraphs: lines wrapped by the page, or cut by a page break, are joined.

A new paragraph starts at an indented line, after a line that stops short of the
right edge, or where the source marks a paragraph end — unless that mark is a page
break in mid-sentence (the text runs on without closing punctuation).
"""

from __future__ import annotations

import regex

from reportparse.layout.model import TextLine
from reportparse.normalize import ITEM_NUMBER, join_wrapped

_CLOSING = tuple("。！？；：!?;:")
_ENUMERATED = regex.compile(rf"^\s*(?:{ITEM_NUMBER}|[一二三四五六七八九十]+是)")
_RUN_ON_MIN = 30  # a source-marked paragraph this long that ends mid-sentence runs on
_WRAPPED_MIN = 20  # a hard-wrapped text line this long that ends mid-sentence runs on


def _starts_paragraph(prev: TextLine, line: TextLine, prev_text: str) -> bool:
    if _ENUMERATED.match(line.text):
        return True
    if line.indent is not None and line.indent >= 1.0:
        return True
    mid_sentence = not prev_text.rstrip().endswith(_CLOSING)
    if prev.paragraph_end:
        # A text source cuts a paragraph at a page break; the sentence shows it runs on.
        return not (mid_sentence and len(prev.text) >= _RUN_ON_MIN)
    if prev.full_width is False:
        return True
    if prev.full_width is None:
        # Hard-wrapped text: a long line cut mid-sentence runs on; a short one (a
        # signature, a date) stands alone.
        return not (mid_sentence and len(prev.text) >= _WRAPPED_MIN)
    return False


def paragraphs(lines: list[TextLine]) -> list[str]:
    out: list[list[str]] = []
    prev: TextLine | None = None
    for line in lines:
        text = line.text.strip()
        if not text:
            continue
        if prev is None or _starts_paragraph(prev, line, out[-1][-1]):
            out.append([text])
        else:
            out[-1].append(text)
        prev = line
    return [join_wrapped(p) for p in out]
