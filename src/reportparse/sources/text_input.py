"""Text before the text reader cuts it into lines: every kind of line end made "\n" (CR-only
files from old Mac editors, U+2028/U+2029 from web pages' JavaScript, NEL), and refused past
a line count no annual report reaches (millions of short rows build gigabytes of cells)."""

from __future__ import annotations

import re

from reportparse.errors import UnreadableInputError

MAX_TEXT_LINES = 30_000  # a report has a few thousand; each row costs ~0.25 ms in the table engine
_LINE_END = re.compile("\r\n?|[\u2028\u2029\x85]")


def prepared_text(text: str) -> str:
    text = _LINE_END.sub("\n", text)
    lines = text.count("\n") + 1
    if lines > MAX_TEXT_LINES:
        raise UnreadableInputError(
            f"the text has {lines} lines, too many for an annual report (the limit is {MAX_TEXT_LINES})"
        )
    return text
