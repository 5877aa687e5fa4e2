"""An HTML page's bytes → its text: the BOM, the declared charset, UTF-8 or GB18030."""

from __future__ import annotations

import codecs

import regex

from reportparse.sources.detect import byte_order_mark, refuse_too_large

_CHARSET = regex.compile(rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", regex.I)
_XML_ENCODING = regex.compile(rb"""<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", regex.I)
_GB_NAMES = frozenset(("gb2312", "gbk", "gb18030", "cp936", "x-gbk", "hz-gb-2312", "euc-cn"))


def _declared_encoding(head: bytes) -> str | None:
    m = _CHARSET.search(head) or _XML_ENCODING.search(head)
    if not m:
        return None
    name = m.group(1).decode("ascii", "ignore").lower()
    if name in _GB_NAMES or name.startswith("gb"):
        return "gb18030"  # a superset: pages declared GB2312 often use GBK characters
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def decode_html(data: bytes) -> str:
    """The page's text: BOM, then the declared charset, then UTF-8, then GB18030.

    Bytes that are valid UTF-8 are read as UTF-8 whatever the page declares: GBK text
    practically never forms valid UTF-8 by accident, while pages re-saved as UTF-8 by a
    scraper or an editor very often keep their old <meta charset="gb2312">.
    """
    refuse_too_large(data, "the HTML page")
    mark = byte_order_mark(data)
    if mark is not None:
        return data[mark[1] :].decode(mark[0], errors="replace")
    declared = _declared_encoding(data[:4096])
    candidates = ["utf-8"] + ([declared] if declared else []) + ["gb18030"]
    if declared and declared.startswith(("iso8859", "latin", "cp125", "ascii", "windows-125")):
        # Any byte string decodes in a Western single-byte charset, and on a Chinese site that
        # label is a mistake: trust it only after GB18030 has failed too.
        candidates = ["utf-8", "gb18030", declared]
    for enc in candidates:
        try:
            return data.decode(enc)
        except (UnicodeError, LookupError):  # UnicodeError: codecs such as "undefined" refuse everything
            continue
    return data.decode("gb18030", errors="replace")
