"""PDF source: pdfplumber pages → the layout (text lines, ruled and unruled tables).

Broken and hostile files end here as one `UnreadableInputError` naming the cause
(password, truncation, corruption, memory, no or undecodable text layer), never as
a pdfminer exception.  A cross-reference table that points to the wrong places is
rebuilt by scanning the file's objects; a long document is read only on the pages
that hold the report (see pdf_scan.py).
"""
from __future__ import annotations

import io
import re
import zlib
from dataclasses import dataclass

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdftypes import PDFObjRef, PDFStream
from pdfminer.psparser import LIT, PSException
from pdfplumber.utils.exceptions import MalformedPDFException, PdfminerException

from reportparse import limits
from reportparse.errors import (CorruptInputError, GarbledTextError, NoTextLayerError, PasswordRequiredError,
                                ReportParseError, UnreadableInputError, UnsupportedFormatError, UsageError)
from reportparse.layout.lines import Glyph, PositionedLine, group_lines
from reportparse.layout.model import Document, Page, Table, TextLine
from reportparse.layout.stream import split_tables
from reportparse.recognize.furniture import is_page_number
from reportparse.recognize.headings import is_heading
from reportparse.sources.pdf_rules import ruled_tables
from reportparse.sources.ocr import pages_to_read as ocr_pages_to_read
from reportparse.sources.pdf_scan import LONG_DOCUMENT, report_window, text_layer_problem

_FULL = 1.5          # a line ending within this many font sizes of the right edge is full

# What pdfminer and pdfplumber raise on a malformed file, besides their own exception
# types: they index, unpack and convert whatever the file holds without checking it.
_LIBRARY_ERRORS = (PdfminerException, MalformedPDFException, PSException, ValueError, KeyError, TypeError,
                   AttributeError, IndexError, AssertionError, ZeroDivisionError, OverflowError, EOFError,
                   zlib.error, RecursionError, MemoryError)
_FLATE = (LIT("FlateDecode"), LIT("Fl"))


def _resolve_without_cycles(original):
    """pdfminer's resolve1 loops for ever on `6 0 obj 7 0 R endobj 7 0 obj 6 0 R endobj`:
    follow a chain of bare references to its end here, and treat a cycle as a missing object."""
    def resolve(self, default=None):
        seen = {self.objid}
        obj = original(self, default)
        while isinstance(obj, PDFObjRef):
            if obj.objid in seen or len(seen) > 100:
                return default
            seen.add(obj.objid)
            obj = original(obj, default)
        return obj
    resolve.reportparse_guard = True
    return resolve


if not getattr(PDFObjRef.resolve, "reportparse_guard", False):
    PDFObjRef.resolve = _resolve_without_cycles(PDFObjRef.resolve)


def _glyphs(chars) -> list[Glyph]:
    return [Glyph(c["text"], c["x0"], c["x1"], c["top"], c["bottom"], c.get("size") or (c["bottom"] - c["top"]))
            for c in chars]


def _text_line(line: PositionedLine, page_number: int, left: float, right: float) -> TextLine:
    box, size = line.bbox, line.size
    return TextLine(
        text=line.text(),
        page=page_number,
        bbox=box,
        indent=(box.x0 - left) / size if size else None,
        full_width=right - box.x1 <= _FULL * size,
        font_size=size,
    )


def _is_boundary(text: str) -> bool:
    return is_heading(text) or is_page_number(text)


def _column(lines: list[PositionedLine]) -> tuple[float, float]:
    """Left and right edge of the page's text column, robust to a few stray lines."""
    if not lines:
        return 0.0, 0.0
    lefts = sorted(l.bbox.x0 for l in lines)
    rights = sorted(l.bbox.x1 for l in lines)
    return lefts[len(lefts) // 10], rights[-1 - len(rights) // 10]


def _check_content_size(page, number: int) -> None:
    """Refuse a page whose content streams inflate past the limit (a decompression bomb),
    measuring with a bounded decompressor before pdfminer inflates them whole."""
    streams = page.page_obj.contents
    total = 0
    for stream in streams:
        if not isinstance(stream, PDFStream):
            continue
        if stream.data is not None or stream.rawdata is None:
            total += len(stream.data or b"")
            continue
        filters = stream.get_filters()
        if filters and filters[0][0] in _FLATE:
            inflater = zlib.decompressobj()
            try:
                total += len(inflater.decompress(stream.rawdata, limits.MAX_PAGE_CONTENT + 1))
            except zlib.error:
                continue        # pdfminer decides what a broken stream means
        else:
            total += len(stream.rawdata)
        if total > limits.MAX_PAGE_CONTENT:
            raise UnreadableInputError(f"page {number} of the PDF inflates to more than "
                                       f"{limits.MAX_PAGE_CONTENT // 2**20} MB of drawing instructions "
                                       "(a decompression bomb?)")


@dataclass
class _RawPage:
    number: int
    chars: list
    has_images: bool


def _read_page(page, number: int) -> tuple[Page, _RawPage]:
    limits.check()
    try:
        _check_content_size(page, number)
        chars, _, _ = page.chars, page.lines, page.rects       # pdfminer parses the page here
        has_images = bool(page.images)
        width, height = float(page.width), float(page.height)
    except _LIBRARY_ERRORS as e:
        raise _reading_error(e, b"", None, page=number) from None
    glyphs = _glyphs(chars)
    tables, rest = ruled_tables(page, number, glyphs)
    lines = group_lines(rest)
    left, right = _column(lines)
    blocks: list[TextLine | Table] = list(tables)
    for item in split_tables(lines, number, right - left, _is_boundary, is_page_number):
        blocks.append(item if isinstance(item, Table) else _text_line(item, number, left, right))
    blocks.sort(key=lambda b: b.bbox.top if b.bbox else 0.0)
    page.close()
    vars(page).pop("_layout", None)     # pdfplumber's close() keeps pdfminer's layout tree: free it
    return (Page(number=number, blocks=blocks, width=width, height=height),
            _RawPage(number, [c["text"] for c in chars], has_images))


def _unwrap(e: BaseException) -> BaseException:
    """pdfplumber wraps whatever pdfminer raised (even our timeout) in PdfminerException."""
    while isinstance(e, PdfminerException) and e.args and isinstance(e.args[0], BaseException):
        e = e.args[0]
    return e


def _truncated(data: bytes) -> bool:
    """No end-of-file marker after the last object: the file was cut off (junk appended
    after a complete file, as some web servers do, is not truncation)."""
    last = data.rfind(b"%%EOF")
    if last < 0:
        return bool(data)
    tail = data[last:]
    return b"endobj" in tail or b"stream" in tail or _OBJ.search(tail) is not None


def _truncated_error() -> CorruptInputError:
    return CorruptInputError("the PDF is truncated: it ends before its end-of-file marker (%%EOF), "
                             "so the file is incomplete; download it again")


def _reading_error(e: BaseException, data: bytes, password: str | None, page: int | None = None) -> ReportParseError:
    e = _unwrap(e)
    where = f" (page {page})" if page else ""
    if isinstance(e, ReportParseError):
        return e
    if isinstance(e, PDFPasswordIncorrect):
        if password:
            return PasswordRequiredError("the PDF is encrypted and the password given is wrong")
        return PasswordRequiredError("the PDF is encrypted: a password is needed to open it (use --password)")
    if isinstance(e, (PDFEncryptionError, NotImplementedError)):
        return UnsupportedFormatError(f"the PDF uses an encryption or feature that cannot be read here "
                                      f"({type(e).__name__})")
    if isinstance(e, MemoryError):
        return UnreadableInputError(f"the PDF needs more memory than is available to read it{where}")
    if isinstance(e, RecursionError):
        return CorruptInputError(f"the PDF is corrupt: its objects are nested too deeply or refer to "
                                 f"themselves{where}")
    if _truncated(data):
        return _truncated_error()
    on_page = f"page {page}: " if page else ""
    return CorruptInputError(f"the PDF is corrupt and cannot be read ({on_page}{type(e).__name__})")


def _open(data: bytes, password: str | None):
    try:
        pdf = pdfplumber.open(io.BytesIO(data), password=password or "")
        pdf.pages                       # walks the page tree: a broken one fails here
        return pdf
    except _LIBRARY_ERRORS as e:
        raise _reading_error(e, data, password) from None


def _load(data: bytes, password: str | None, max_pages: int | None, ocr: str = "auto") -> Document:
    pdf = _open(data, password)
    with pdf:
        total = len(pdf.pages)
        count = min(total, max_pages) if max_pages else total
        window = report_window(data, password, count) if count > LONG_DOCUMENT else None
        indices = window if window is not None else range(min(count, LONG_DOCUMENT))
        try:
            read = [_read_page(pdf.pages[i], i + 1) for i in indices]
        except CorruptInputError:
            if _truncated(data):            # a page cut off by the truncation: say so, not "corrupt"
                raise _truncated_error() from None
            raise
        except _LIBRARY_ERRORS as e:        # raised outside a page (closing, the document's caches)
            raise _reading_error(e, data, password) from None
    if not read:
        raise CorruptInputError("the PDF is corrupt and cannot be read (no page found)")
    layer = [(raw.number, raw.chars, raw.has_images) for _, raw in read]
    problem = text_layer_problem(layer, total)
    pages = [p for p, _ in read]
    wanted = ocr_pages_to_read(ocr, problem, layer)
    if wanted:          # scanned pages, or a text layer that does not decode: read the page images
        from reportparse.sources.ocr import replace_pages
        pages = replace_pages(data, password, pages, wanted, problem)
    elif problem:
        raise problem
    return Document(pages=pages, source_format="pdf", pages_total=total)


_OBJ = re.compile(rb"(?<![^\s])(\d{1,10})\s+(\d{1,5})\s+obj\b")
_TRAILER_REF = re.compile(rb"/(Root|Info|Encrypt)\s+(\d{1,10})\s+(\d{1,5})\s+R")
_TRAILER_ID = re.compile(rb"/ID\s*\[[^\]]{0,600}\]")
_CATALOG = re.compile(rb"/Type\s*/Catalog\b")


def _rebuilt_xref(data: bytes) -> bytes | None:
    """The file with a fresh cross-reference table appended, built by finding every
    `N G obj` in it (the last definition of an object wins, as in an incremental
    update); None when no object or no catalog is found."""
    objects: dict[int, tuple[int, int]] = {}
    for m in _OBJ.finditer(data):
        objects[int(m.group(1))] = (m.start(1), int(m.group(2)))
    objects.pop(0, None)
    if not objects:
        return None
    tail = data[data.rfind(b"trailer"):] if b"trailer" in data else b""
    refs = {m.group(1): b"%s %s R" % (m.group(2), m.group(3)) for m in _TRAILER_REF.finditer(tail)}
    if b"Root" not in refs:      # no trailer left (truncated, or an xref stream): find the catalog
        catalog = next((oid for oid, (pos, gen) in sorted(objects.items())
                        if _CATALOG.search(data, pos, pos + 4096)), None)
        if catalog is None:
            return None
        refs[b"Root"] = b"%d %d R" % (catalog, objects[catalog][1])
    size = max(objects) + 1
    table = [b"xref\n0 %d\n0000000000 65535 f \n" % size]
    for oid in range(1, size):
        pos, gen = objects.get(oid, (0, 65535))
        table.append(b"%010d %05d %s \n" % (pos, gen, b"n" if oid in objects else b"f"))
    entries = b"".join(b"/%s %s " % item for item in refs.items())
    ids = _TRAILER_ID.search(tail)
    start = len(data) + 1
    return (data + b"\n" + b"".join(table) + b"trailer\n<< /Size %d %s%s >>\nstartxref\n%d\n%%%%EOF\n"
            % (size, entries, ids.group(0) if ids else b"", start))


def load_pdf(data: bytes, *, password: str | None = None, max_pages: int | None = None,
             ocr: str = "auto") -> Document:
    if max_pages is not None and max_pages < 1:
        raise UsageError(f"--max-pages must be at least 1, not {max_pages}")
    try:
        return _load(data, password, max_pages, ocr)
    except (CorruptInputError, NoTextLayerError) as first:
        # A wrong cross-reference table shows as a corrupt or empty document: retry once with a
        # rebuilt one.  Not for a truncated file: its missing pages would go unnoticed.
        if isinstance(first, GarbledTextError) or _truncated(data):
            raise
        rebuilt = _rebuilt_xref(data)
        if rebuilt is None:
            raise
        try:
            return _load(rebuilt, password, max_pages, ocr)
        except UnreadableInputError:
            raise first from None
