"""Bounds on a PDF, checked before pdfminer (or pdfium) builds anything from it.

A small PDF can make a reader build gigabytes: a bomb behind a chain of filters, inside
a Form XObject or an object stream; an xref stream claiming 10^8 objects; one page of a
million glyphs, text objects, rectangles or `q`; 10^5 blank pages; a valid file followed
by megabytes of NULs (pdfminer's search for `startxref` is then quadratic).  So:

  prepare(data)         the raw file: NUL padding after %%EOF cut off, xref sizes and object
                        streams bounded (pdfminer may parse one whole while it opens the file)
  check_document(doc)   the page count; every stream each page draws or decodes (contents,
                        Form XObjects, font programs and maps) inflates to at most 32 MB,
                        measured through every filter with a bounded decoder
  check_page(page, n)   a page read in full: its operators and glyphs counted first

The supervised child (runner/child.py) holds the memory limit whatever slips past; these
checks make the common amplifiers fail fast, with a message that names the cause.
"""

from __future__ import annotations

import re
import zlib
from io import BytesIO

from pdfminer.ascii85 import ascii85decode, asciihexdecode
from pdfminer.lzw import LZWDecoder
from pdfminer.pdfpage import PDFPage
from pdfminer.pdftypes import PDFStream, resolve1
from pdfminer.psparser import LIT

from reportparse import limits
from reportparse.errors import UnreadableInputError
from reportparse.sources.pdf_bytes import MAX_PAGE_OPERATORS, MAX_PAGE_PATHS, MAX_PAGE_TEXT_BYTES, is_dense

MAX_STREAM = limits.MAX_PAGE_CONTENT  # decoded bytes of any one stream a page uses
MAX_OBJECT_STREAM = 8 * 2**20  # decoded bytes of an object stream (parsed whole into objects)
MAX_OBJECTS = 2_000_000  # objects an xref may declare
MAX_PAGES = limits.MAX_PDF_PAGES  # pages in a document
_FORM_DEPTH = 8

_FLATE = (LIT("FlateDecode"), LIT("Fl"))
_LZW = (LIT("LZWDecode"), LIT("LZW"))
_A85 = (LIT("ASCII85Decode"), LIT("A85"))
_AHX = (LIT("ASCIIHexDecode"), LIT("AHx"))
_RL = (LIT("RunLengthDecode"), LIT("RL"))

_XREF_STREAM = re.compile(rb"/Type\s*/XRef\b")
_INDEX = re.compile(rb"/Index\s*\[([\d\s]{1,4000})\]")
_SIZE = re.compile(rb"/Size\s+(\d{1,20})")
_XREF_SECTION = re.compile(rb"(?:^|[\r\n])xref[\r\n ]+\d{1,20}\s+(\d{1,20})")
_OBJECT_STREAM = re.compile(rb"/Type\s*/ObjStm\b")
_FILTER = re.compile(rb"/Filter\s*(\[[^\]]*\]|/[^\s/\[\]<>()]+)")
_NAME = re.compile(rb"/([^\s/\[\]<>()]+)")
_LENGTH = re.compile(rb"/Length\s+(\d{1,12})(?!\s+\d+\s+R)")
_OBJECT_START = re.compile(rb"(\d{1,10})\s+(\d{1,5})\s+obj\b")


def _bomb(what: str, limit: int) -> UnreadableInputError:
    return UnreadableInputError(f"{what} of the PDF inflates to more than {limit // 2**20} MB (a decompression bomb?)")


# ------------------------------------------------------------------ the raw file


def prepare(data: bytes) -> bytes:
    """The bytes to read: NUL or blank padding after the last %%EOF cut off; refused when an
    xref claims more objects than any document has."""
    end = data.rfind(b"%%EOF")
    if end >= 0 and len(data) - end > 1024 and not data[end + 5 :].strip(b"\0 \t\r\n\f"):
        data = data[: end + 5] + b"\n"
    for m in _XREF_SECTION.finditer(data):
        _check_object_count(int(m.group(1)))
    for m in _OBJECT_STREAM.finditer(data):
        stream = _stream_before(data, m.start())
        if stream is not None and decoded_size(stream, MAX_OBJECT_STREAM) > MAX_OBJECT_STREAM:
            raise _bomb(f"an object stream (object {stream.objid})", MAX_OBJECT_STREAM)
    for m in _XREF_STREAM.finditer(data):
        dictionary = data[max(0, m.start() - 2000) : m.end() + 2000]
        for size in _SIZE.finditer(dictionary):
            _check_object_count(int(size.group(1)))
        for index in _INDEX.finditer(dictionary):
            numbers = [int(n) for n in index.group(1).split()]
            for count in numbers[1::2]:
                _check_object_count(count)
    return data


def _stream_before(data: bytes, at: int) -> PDFStream | None:
    """The stream object whose dictionary holds position `at`, cut out on its own: only its
    /Filter and a direct /Length matter here (without one, the data ends at `endstream`)."""
    starts = list(_OBJECT_START.finditer(data, max(0, at - 4096), at))
    keyword = data.find(b"stream", at)
    if not starts or keyword < 0:
        return None
    dictionary = data[starts[-1].end() : keyword]
    filters = _FILTER.search(dictionary)
    names = [LIT(n.decode("latin-1")) for n in _NAME.findall(filters.group(1))] if filters else []
    length = _LENGTH.search(dictionary)
    begin = keyword + 6 + (2 if data[keyword + 6 : keyword + 8] == b"\r\n" else 1)
    end = begin + int(length.group(1)) if length else data.find(b"endstream", begin)
    stream = PDFStream({"Filter": names}, data[begin : end if end >= begin else len(data)])
    stream.set_objid(int(starts[-1].group(1)), int(starts[-1].group(2)))
    return stream


def _check_object_count(count: int) -> None:
    if count > MAX_OBJECTS:
        raise UnreadableInputError(
            f"the PDF's cross-reference table claims {count} objects, more than any "
            f"document holds (the limit is {MAX_OBJECTS}): it is corrupt or hostile"
        )


# ------------------------------------------------------------------ decoding with a bound


def _inflate(data: bytes, limit: int) -> bytes:
    inflater = zlib.decompressobj()
    out = bytearray()
    try:
        for start in range(0, len(data), 1 << 16):
            out += inflater.decompress(data[start : start + (1 << 16)], limit + 1 - len(out))
            if len(out) > limit:
                break
            while inflater.unconsumed_tail and len(out) <= limit:
                out += inflater.decompress(inflater.unconsumed_tail, limit + 1 - len(out))
            if len(out) > limit:
                break
    except zlib.error:
        pass  # pdfminer decides what a broken stream means; what inflated so far is measured
    return bytes(out)


def _lzw(data: bytes, limit: int) -> bytes:
    out = bytearray()
    try:
        for chunk in LZWDecoder(BytesIO(data)).run():
            out += chunk
            if len(out) > limit:
                break
    except Exception:
        pass
    return bytes(out)


def _run_length(data: bytes, limit: int) -> bytes:
    out, i = bytearray(), 0
    while i < len(data) and len(out) <= limit:
        n = data[i]
        if n == 128:
            break
        if n < 128:
            out += data[i + 1 : i + 2 + n]
            i += n + 2
        else:
            out += data[i + 1 : i + 2] * (257 - n)
            i += 2
    return bytes(out)


def decoded_size(stream: PDFStream, limit: int) -> int:
    """The bytes `stream` decodes to, through every filter, counting no further than limit + 1."""
    if stream.data is not None:
        return len(stream.data)
    data = stream.rawdata or b""
    if stream.decipher and stream.objid is not None and stream.genno is not None:
        data = stream.decipher(stream.objid, stream.genno, data, stream.attrs)
    for name, _ in stream.get_filters():
        if name in _FLATE:
            data = _inflate(data, limit)
        elif name in _LZW:
            data = _lzw(data, limit)
        elif name in _AHX:
            data = asciihexdecode(data)
        elif name in _A85:
            data = ascii85decode(data)
        elif name in _RL:
            data = _run_length(data, limit)
        else:
            break  # an image codec: pdfminer leaves its data as it is
        if len(data) > limit:
            break
    return len(data)


# ------------------------------------------------------------------ the document


def _resolved(obj: object, default: object = None) -> object:
    try:
        return resolve1(obj)
    except Exception:
        return default


def _dict(obj: object) -> dict:
    value = _resolved(obj)
    return value if isinstance(value, dict) else {}


def _streams_of(resources: dict, depth: int, seen: set[int]) -> list[tuple[PDFStream, bool]]:
    """The streams a page's resources make a reader decode: (stream, is it drawn as content)."""
    found: list[tuple[PDFStream, bool]] = []
    for xobject in _dict(resources.get("XObject")).values():
        form = _resolved(xobject)
        if not isinstance(form, PDFStream) or id(form) in seen:
            continue
        seen.add(id(form))
        if _resolved(form.attrs.get("Subtype")) != LIT("Form"):
            continue
        found.append((form, True))
        if depth < _FORM_DEPTH:
            found += _streams_of(_dict(form.attrs.get("Resources")), depth + 1, seen)
    for font_ref in _dict(resources.get("Font")).values():
        font = _dict(font_ref)
        descendants = _resolved(font.get("DescendantFonts"))
        for f in [font] + ([_dict(d) for d in descendants] if isinstance(descendants, list) else []):
            descriptor = _dict(f.get("FontDescriptor"))
            for ref in (
                f.get("ToUnicode"),
                descriptor.get("FontFile"),
                descriptor.get("FontFile2"),
                descriptor.get("FontFile3"),
            ):
                stream = _resolved(ref)
                if isinstance(stream, PDFStream) and id(stream) not in seen:
                    seen.add(id(stream))
                    found.append((stream, False))
    return found


def _contents(page_obj) -> list[PDFStream]:
    return [s for s in (_resolved(c) for c in getattr(page_obj, "contents", []) or []) if isinstance(s, PDFStream)]


def page_streams(page_obj, seen: set[int] | None = None) -> list[tuple[PDFStream, bool]]:
    seen = set() if seen is None else seen
    found = [(s, True) for s in _contents(page_obj) if id(s) not in seen]
    seen.update(id(s) for s, _ in found)
    return found + _streams_of(_dict(getattr(page_obj, "resources", None)), 0, seen)


def check_document(doc) -> None:
    """The page count and the decoded size of every stream any page uses, before any page is read."""
    root = _dict(doc.catalog.get("Pages")) if isinstance(doc.catalog, dict) else {}
    declared = _resolved(root.get("Count"))
    if isinstance(declared, int) and declared > MAX_PAGES:
        raise _too_many_pages(declared)
    seen: set[int] = set()
    for number, page in enumerate(PDFPage.create_pages(doc), 1):
        if number > MAX_PAGES:
            raise _too_many_pages(None)
        limits.check()
        _check_sizes(page_streams(page, seen), number)


def _check_sizes(streams: list[tuple[PDFStream, bool]], number: int) -> None:
    for stream, drawn in streams:
        if decoded_size(stream, MAX_STREAM) > MAX_STREAM:
            what = "drawing instructions" if drawn else "font data"
            raise UnreadableInputError(
                f"page {number} of the PDF inflates to more than {MAX_STREAM // 2**20} MB "
                f"of {what} (a decompression bomb?)"
            )


def _too_many_pages(count: int | None) -> UnreadableInputError:
    many = f"{count} pages" if count is not None else f"more than {MAX_PAGES} pages"
    return UnreadableInputError(f"the PDF has {many}, too many for an annual report (the limit is {MAX_PAGES})")


# ------------------------------------------------------------------ one page, before pdfminer lays it out


def check_page(page_obj, number: int) -> None:
    """Count the operators, paths and shown text of a page (forms included) before it is laid out."""
    operators = paths = text = 0
    streams = page_streams(page_obj)
    _check_sizes(streams, number)
    for stream, drawn in streams:
        if not drawn:
            continue
        counts = is_dense(stream.get_data())  # within the bound now; pdfminer reuses the decoded bytes
        operators, paths, text = operators + counts[0], paths + counts[1], text + counts[2]
        limits.check()
    for count, limit, what in (
        (operators, MAX_PAGE_OPERATORS, "drawing operators"),
        (paths, MAX_PAGE_PATHS, "rectangles and paths"),
        (text, MAX_PAGE_TEXT_BYTES, "bytes of text"),
    ):
        if count > limit:
            raise UnreadableInputError(
                f"page {number} of the PDF has more than {limit} {what} (no report page "
                "has that many): it is too dense to read"
            )
