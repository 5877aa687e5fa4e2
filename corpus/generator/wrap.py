"""Line breaking the way Word/WPS does it for Chinese text.

Breaks may fall between any two CJK characters; runs of Latin letters/digits (and
the punctuation inside numbers, e-mail addresses, phone numbers) are kept whole;
closing punctuation never starts a line and opening punctuation never ends one
(禁则).  ``measure(text)`` returns the printed width of text.
"""

import re

NO_LINE_START = set("，。、；：？！）》」』】”’,.;:?!)%·…—")
NO_LINE_END = set("（《「『【“‘(")
TOKEN = re.compile(r"[0-9A-Za-z０-９@_\-+./:,%]+|\s|.", re.S)


def tokens(text):
    """Unbreakable pieces of ``text``."""
    return TOKEN.findall(text)


def wrap(text, width, measure, first_indent=0.0):
    """Split ``text`` into lines no wider than ``width`` (the first line is
    ``first_indent`` narrower).  Explicit "\\n" force a break."""
    lines = []
    for hard in text.split("\n"):
        lines += _wrap_one(hard, width, measure, first_indent if not lines else 0.0)
    return lines


def _wrap_one(text, width, measure, indent):
    out, cur = [], ""
    avail = width - indent
    for tok in tokens(text):
        if cur and measure(cur + tok) > avail + 1e-6:
            if tok in NO_LINE_START:  # hang the punctuation on this line
                cur += tok
                continue
            if tok.isspace():  # a space at the break disappears
                out.append(cur)
                cur, avail = "", width
                continue
            carry = ""
            while cur and cur[-1] in NO_LINE_END:
                carry = cur[-1] + carry
                cur = cur[:-1]
            if cur:
                out.append(cur)
                avail = width
            cur = carry
        while not cur and len(tok) > 1 and measure(tok) > avail + 1e-6:
            # a token wider than a whole line at a line start: cut it by characters too
            k = len(tok)
            while k > 1 and measure(tok[:k]) > avail:
                k -= 1
            out.append(tok[:k])
            tok = tok[k:]
            avail = width
        cur += tok
    if cur or not out:
        out.append(cur)
    return out
