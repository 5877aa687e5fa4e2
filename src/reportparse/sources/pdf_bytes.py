"""Looks at a PDF file's bytes that need no PDF library: cut off, or a decompression bomb.

Cheap enough for every file, and free of pdfminer, so the pdfium engine can ask them
before it hands a file to a library that cannot be interrupted mid-call.  pdfium reads
only files this screen finds plain; anything an amplifier could hide in (filter chains,
other decoders, object streams, huge xrefs, padding, dense drawing) goes to the checked
reader (pdf_limits.py), which names the cause exactly.
"""

from __future__ import annotations

import base64
import re
import zlib

OBJ = re.compile(rb"(?<![^\s])(\d{1,10})\s+(\d{1,5})\s+obj\b")
_STREAM = re.compile(rb"(?<!end)stream\r?\n")


def truncated(data: bytes) -> bool:
    """No end-of-file marker after the last object: the file was cut off (junk appended
    after a complete file, as some web servers do, is not truncation)."""
    last = data.rfind(b"%%EOF")
    if last < 0:
        return bool(data)
    tail = data[last:]
    return b"endobj" in tail or b"stream" in tail or OBJ.search(tail) is not None


_FILTER = re.compile(rb"/Filter\s*(\[[^\]]*\]|/[^\s/\[\]<>()]+)")
_NAME = re.compile(rb"/([^\s/\[\]<>()]+)")
_OBJECT_STREAM = re.compile(rb"/Type\s*/ObjStm\b")
_HUGE_COUNT = re.compile(rb"/(?:Size|Count)\s+(\d{7,})|/Index\s*\[[^\]]*\d{7,}")
# Content operators: a token of letters (and * ' ") standing alone, not a /Name, a number or inside a string.
OPERATOR = re.compile(rb"(?<![^\s\]\)>])(?:[A-Za-z'\"][A-Za-z*]{0,2})(?=[\s\[\(</]|$)")
PATH_OPERATOR = frozenset((b"re", b"S", b"s", b"f", b"F", b"f*", b"B", b"B*", b"b", b"b*", b"n"))
SHOWN_STRING = re.compile(rb"\((?:\\.|[^\\)])*\)|<[0-9A-Fa-f\s]*>")
# What one page may hold (pdf_limits.py refuses more, naming which).
MAX_PAGE_OPERATORS = 250_000
MAX_PAGE_PATHS = 10_000
MAX_PAGE_TEXT_BYTES = 120_000
_COUNT_FROM = 60_000  # decoded bytes below which a stream cannot reach any of these
_DENSE = 8 * 2**20  # decoded drawing bytes of a whole file past which pdfium is not trusted with it


class _Dense(Exception):
    """One stream holds more drawing than a page may."""


class _Unscreened(Exception):
    """A stream this screen does not decode (LZW, RunLength, a broken encoding)."""


def needs_checked_reader(data: bytes) -> str | None:
    """Why this file must go to the checked reader rather than pdfium, or None when it is plain."""
    if truncated(data):
        return "the file is cut off"
    end = data.rfind(b"%%EOF")
    if end >= 0 and len(data) - end > 1024:
        return "bytes after the end-of-file marker"
    if _HUGE_COUNT.search(data):
        return "an xref or page tree claiming millions of entries"
    try:
        if _OBJECT_STREAM.search(data) and _decoded(data, objects_only=True) > 8 * 2**20:
            return "a large object stream"
        if _decoded(data) > _DENSE:
            return "dense or large drawing instructions"
    except _Dense:
        return "a page too dense to read"
    except _Unscreened:
        return "a stream this screen cannot measure"
    return None


def _decode(name: bytes, raw: bytes, bound: int) -> bytes:
    """One filter, its output cut at `bound` bytes."""
    if name in (b"FlateDecode", b"Fl"):
        try:
            return zlib.decompressobj().decompress(raw, bound)
        except zlib.error:
            raise _Unscreened from None
    if name in (b"ASCII85Decode", b"A85"):
        body = b"".join(raw.split()).removesuffix(b"~>")
        try:
            return base64.a85decode(body)[:bound]
        except ValueError:
            raise _Unscreened from None
    if name in (b"ASCIIHexDecode", b"AHx"):
        body = b"".join(raw.split()).removesuffix(b">")
        try:
            return bytes.fromhex((body + b"0" * (len(body) % 2)).decode("ascii"))[:bound]
        except ValueError:
            raise _Unscreened from None
    if name in (b"DCTDecode", b"DCT", b"JPXDecode", b"CCITTFaxDecode", b"CCF", b"JBIG2Decode"):
        return b""  # image data: pdfium decodes it only when asked to render
    raise _Unscreened


def _decoded(data: bytes, objects_only: bool = False) -> int:
    """Decoded bytes of the file's streams that are not images or fonts, through every
    filter of each chain; stops counting past the bound."""
    total = 0
    for m in _STREAM.finditer(data):
        end = data.find(b"endstream", m.end())
        if end < 0:
            end = len(data)
        head = data[max(0, m.start() - 512) : m.start()]
        head = head[head.rfind(b"obj") + 3 :] if b"obj" in head else head
        if objects_only and not _OBJECT_STREAM.search(head):
            continue
        if b"/Image" in head or b"/Length1" in head or b"/Length2" in head:
            continue
        found = _FILTER.search(head)
        body = data[m.end() : end]
        for name in _NAME.findall(found.group(1)) if found else []:
            body = _decode(name, body, _DENSE + 1 - total)
        if len(body) > _COUNT_FROM and not objects_only:
            _check_density(body)
        total += len(body)
        if total > _DENSE:
            break
    return total


def is_dense(content: bytes) -> tuple[int, int, int]:
    """(operators, paths, bytes of shown text) of decoded drawing instructions; counting
    stops once the operators or paths are past what a page may hold."""
    operators = paths = 0
    for m in OPERATOR.finditer(content):
        operators += 1
        paths += m.group(0) in PATH_OPERATOR
        if operators > MAX_PAGE_OPERATORS or paths > MAX_PAGE_PATHS:
            break
    text = sum(len(s) if s[:1] == b"(" else len(s) // 2 for s in SHOWN_STRING.findall(content))
    return operators, paths, text


def _check_density(content: bytes) -> None:
    operators, paths, text = is_dense(content)
    if operators > MAX_PAGE_OPERATORS or paths > MAX_PAGE_PATHS or text > MAX_PAGE_TEXT_BYTES:
        raise _Dense
