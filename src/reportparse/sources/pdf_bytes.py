"""Looks at a PDF file's bytes that need no PDF library: cut off, or a decompression bomb.

Cheap enough for every file, and free of pdfminer, so the pdfium engine can ask them
before it hands a file to a library that cannot be interrupted mid-call.
"""
from __future__ import annotations

import re
import zlib

from reportparse import limits

OBJ = re.compile(rb"(?<![^\s])(\d{1,10})\s+(\d{1,5})\s+obj\b")
_STREAM = re.compile(rb"stream\r?\n")
# One deflate byte inflates to at most ~1032 bytes: a shorter stream cannot reach the limit.
_MAX_RATIO = 1032


def truncated(data: bytes) -> bool:
    """No end-of-file marker after the last object: the file was cut off (junk appended
    after a complete file, as some web servers do, is not truncation)."""
    last = data.rfind(b"%%EOF")
    if last < 0:
        return bool(data)
    tail = data[last:]
    return b"endobj" in tail or b"stream" in tail or OBJ.search(tail) is not None


def may_inflate_past_limit(data: bytes) -> bool:
    """True when the file's drawing-instruction streams (Flate, no /Type, /Subtype or
    /Length1: not fonts, images, forms or object streams) together inflate past the
    page-content limit.  Only streams long enough to reach it are inflated."""
    floor = limits.MAX_PAGE_CONTENT // _MAX_RATIO
    total = 0
    for m in _STREAM.finditer(data):
        end = data.find(b"endstream", m.end())
        if end < 0:
            end = len(data)
        if end - m.end() < floor:
            continue
        head = data[max(0, m.start() - 512):m.start()]
        head = head[head.rfind(b"obj") + 3:] if b"obj" in head else head
        if b"Flate" not in head or any(k in head for k in (b"/Type", b"/Subtype", b"/Length1")):
            continue
        try:
            total += len(zlib.decompressobj().decompress(data[m.end():end], limits.MAX_PAGE_CONTENT + 1))
        except zlib.error:
            continue
        if total > limits.MAX_PAGE_CONTENT:
            return True
    return False
