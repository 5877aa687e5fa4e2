"""Which source reads an input: decided from its bytes, never from its file name."""

from __future__ import annotations

import codecs
import re

from reportparse import limits
from reportparse.errors import UnreadableInputError, UnsupportedFormatError

FORMATS = ("pdf", "text", "html", "docx", "doc", "image")
# PNG, JPEG, TIFF (little- and big-endian): page images, read by OCR.
_IMAGE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*")

# Tags that make a page HTML wherever they stand in its first kilobyte ...
_HTML_ANYWHERE = re.compile(r"<(?:html|head|body|meta|title|table)\b")
# ... and tags that do when the input starts with markup (a fragment: "<p>一、总体情况</p>", or a comment first).
_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
_HTML_TAG = re.compile(r"<(?:p|div|span|br|h[1-6]|font|center|section|article|ul|li|strong|b)\b[^>]*>")


def sniff(data: bytes) -> str:
    head = data[:1024]
    if not data.strip():
        raise UnreadableInputError("the input is empty")
    if b"%PDF-" in head:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        if b"word/" in data[:65536] or b"[Content_Types].xml" in data[:65536]:
            return "docx"
        raise UnsupportedFormatError("the input is a ZIP archive but not a Word .docx file")
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "doc"
    if head.startswith(_IMAGE_MAGIC):
        return "image"
    text_head = _peek_text(head).lstrip().lower()
    if (
        text_head.startswith(("<!doctype html", "<html", "<?xml"))
        or _HTML_ANYWHERE.search(text_head)
        or ("<div" in text_head and "</" in text_head)
        or (text_head.startswith("<") and _HTML_TAG.search(text_head))
    ):
        return "html"
    if _is_text(data):
        return "text"
    raise UnreadableInputError("the input is not a PDF, Word, HTML or text file (unrecognised binary data)")


def byte_order_mark(data: bytes) -> tuple[str, int] | None:
    """The encoding a byte-order mark at the start names, and the mark's length."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return enc, len(bom)
    return None


def refuse_too_large(data: bytes, what: str) -> None:
    """Text (or a page) bigger than any annual report is refused before it is decoded."""
    if len(data) > limits.MAX_TEXT_BYTES:
        raise UnreadableInputError(
            f"{what} is {len(data) // 2**20} MB, too large for an annual report "
            f"(the limit is {limits.MAX_TEXT_BYTES // 2**20} MB)"
        )


def _peek_text(head: bytes) -> str:
    mark = byte_order_mark(head)
    if mark is not None:
        return head[mark[1] :].decode(mark[0], errors="ignore")
    return head.decode("utf-8", errors="ignore") or head.decode("gb18030", errors="ignore")


def _is_text(data: bytes) -> bool:
    """Whether the input's first 64 KB decode as text (decode_text then reads all of it)."""
    sample = data[:65536]
    try:
        decode_text(sample, final=len(sample) == len(data))
    except UnsupportedFormatError:
        return True  # text, in an encoding not read here: decode_text says which
    except UnreadableInputError:
        return False
    return True


def _utf32_without_bom(data: bytes) -> bool:
    """UTF-32: three NUL bytes in every four of most ASCII and CJK characters."""
    sample = data[:4096]
    if len(sample) < 8 or sample.count(b"\x00\x00") * 4 < len(sample) * 0.9:
        return False
    for encoding in ("utf-32-le", "utf-32-be"):
        try:
            if _plausible(sample[: len(sample) // 4 * 4].decode(encoding)):
                return True
        except UnicodeDecodeError:
            continue
    return False


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 saved without a BOM: NUL bytes in one of the two byte positions of most ASCII characters."""
    sample = data[:4096]
    if len(sample) < 4 or sample.count(0) < len(sample) // 8:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    if max(even, odd) < 4 * min(even, odd) + 2:
        return None
    return "utf-16-be" if even > odd else "utf-16-le"


def decode_text(data: bytes, final: bool = True) -> str:
    """Bytes of a text file → str: BOMs first, then UTF-8, then GB18030 (a superset of GBK).
    final=False: `data` is the start of a longer input and may end inside a character."""
    refuse_too_large(data, "the text")
    if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")) or _utf32_without_bom(data):
        raise UnsupportedFormatError("the text is in UTF-32, which is not read here: save it as UTF-8, UTF-16 or GBK")
    mark = byte_order_mark(data)
    if mark is not None:
        enc, length = mark
        try:
            return _decode(data[length:], enc, final)
        except UnicodeDecodeError:
            raise UnreadableInputError(f"the text is not valid {enc.upper()}") from None
    for enc in filter(None, (_utf16_without_bom(data), "utf-8", "gb18030")):
        try:
            text = _decode(data, enc, final)
        except UnicodeDecodeError:
            continue
        if _plausible(text):
            return text
    raise UnreadableInputError("the input is not text in UTF-8, UTF-16 or GBK (unrecognised binary data)")


def _decode(data: bytes, encoding: str, final: bool) -> str:
    return codecs.getincrementaldecoder(encoding)().decode(data, final=final)


def _plausible(text: str) -> bool:
    if not text:
        return False
    bad = sum(1 for ch in text if (ord(ch) < 32 and ch not in "\t\n\r\f") or 0xE000 <= ord(ch) <= 0xF8FF)
    return bad <= len(text) * 0.01
