"""PDF source: pdfplumber pages → the layout (text lines, ruled and unruled tables).

Broken and hostile files end here as one `UnreadableInputError` naming the cause
(password, truncation, corruption, memory, no or undecodable text layer), never as
a pdfminer exception.  A cross-reference table that points to the wrong places is
rebuilt by scanning the file's objects; a long document is read only on the pages
that hold the report (see pdf_scan.py).
"""

from __future__ import annotations

import io
import logging
import re
import zlib
from dataclasses import dataclass

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdftypes import PDFObjRef
from pdfminer.psparser import PSException
from pdfplumber.utils.exceptions import MalformedPDFException, PdfminerException

from reportparse import limits, records
from reportparse.errors import (
    CorruptInputError,
    GarbledTextError,
    NoTextLayerError,
    PasswordRequiredError,
    ReportParseError,
    UnreadableInputError,
    UnsupportedFormatError,
    UsageError,
)
from reportparse.layout.lines import Glyph
from reportparse.layout.model import Document, Page
from reportparse.sources import pdf_limits, pdf_password, pdf_rotation
from reportparse.sources.ocr import pages_to_read as ocr_pages_to_read
from reportparse.sources.pdf_bytes import OBJ as _OBJ
from reportparse.sources.pdf_bytes import truncated as _truncated
from reportparse.sources.pdf_page import layout_page
from reportparse.sources.pdf_rules import Rule
from reportparse.sources.pdf_scan import LONG_DOCUMENT, report_window, text_layer_problem

# What pdfminer and pdfplumber raise on a malformed file, besides their own exception
# types: they index, unpack and convert whatever the file holds without checking it.
_LIBRARY_ERRORS = (
    PdfminerException,
    MalformedPDFException,
    PSException,
    ValueError,
    KeyError,
    TypeError,
    AttributeError,
    IndexError,
    AssertionError,
    ZeroDivisionError,
    OverflowError,
    EOFError,
    zlib.error,
    RecursionError,
    MemoryError,
)


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
    PDFObjRef.resolve = _resolve_without_cycles(PDFObjRef.resolve)  # type: ignore[method-assign]


def _ignore(*args, **kwargs) -> None:
    return None


def _silence_debug_logs() -> None:
    """pdfminer calls log.debug ~8 million times a corpus pass, each call asking the
    logging tree whether DEBUG is on; while it is off, make the calls no-ops."""
    for name, logger in list(logging.Logger.manager.loggerDict.items()):
        if (
            name.startswith("pdfminer")
            and isinstance(logger, logging.Logger)
            and not logger.isEnabledFor(logging.DEBUG)
        ):
            logger.debug = _ignore  # type: ignore[method-assign]


_silence_debug_logs()


def _glyphs(chars) -> list[Glyph]:
    return [
        Glyph(c["text"], c["x0"], c["x1"], c["top"], c["bottom"], c.get("size") or (c["bottom"] - c["top"]))
        for c in chars
    ]


@dataclass
class _RawPage:
    number: int
    chars: list
    has_images: bool
    sideways: records.ProblemRecord | None = None  # the problem record of a page whose text runs sideways


def _rules(page) -> list[Rule]:
    return [
        Rule(
            o["x0"],
            o["top"],
            o["x1"],
            o["bottom"],
            o["width"],
            o["height"],
            kind,
            bool(o.get("stroke")),
            bool(o.get("fill")),
            o.get("stroking_color"),
            o.get("non_stroking_color"),
        )
        for kind, objects in (("line", page.lines), ("rect", page.rects))
        for o in objects
    ]


def _read_page(page, number: int) -> tuple[Page, _RawPage]:
    limits.check()
    try:
        pdf_limits.check_page(page.page_obj, number)
        chars, _, _ = page.chars, page.lines, page.rects  # pdfminer parses the page here
        pdf_rotation.round_coordinates(page)
        rules = _rules(page)
        has_images = bool(page.images)
        width, height = float(page.width), float(page.height)
    except _LIBRARY_ERRORS as e:
        raise _reading_error(e, b"", None, page=number) from None
    laid_out = layout_page(number, _glyphs(chars), rules, width, height)
    page.close()
    vars(page).pop("_layout", None)  # pdfplumber's close() keeps pdfminer's layout tree: free it
    return laid_out, _RawPage(
        number, [c["text"] for c in chars], has_images, pdf_rotation.sideways_problem(chars, number)
    )


def _unwrap(e: BaseException) -> BaseException:
    """pdfplumber wraps whatever pdfminer raised (even our timeout) in PdfminerException."""
    while isinstance(e, PdfminerException) and e.args and isinstance(e.args[0], BaseException):
        e = e.args[0]
    return e


def _truncated_error() -> CorruptInputError:
    return CorruptInputError(
        "the PDF is truncated: it ends before its end-of-file marker (%%EOF), "
        "so the file is incomplete; download it again"
    )


def _reading_error(
    e: BaseException, data: bytes, password: str | bytes | None, page: int | None = None
) -> ReportParseError:
    e = _unwrap(e)
    where = f" (page {page})" if page else ""
    if isinstance(e, ReportParseError):
        return e
    if isinstance(e, PDFPasswordIncorrect):
        if password:
            return PasswordRequiredError("the PDF is encrypted and the password given is wrong")
        return PasswordRequiredError("the PDF is encrypted: a password is needed to open it (use --password)")
    if isinstance(e, (PDFEncryptionError, NotImplementedError)):
        return UnsupportedFormatError(
            f"the PDF uses an encryption or feature that cannot be read here ({type(e).__name__})"
        )
    if isinstance(e, MemoryError):
        return UnreadableInputError(f"the PDF needs more memory than is available to read it{where}")
    if isinstance(e, RecursionError):
        return CorruptInputError(f"the PDF is corrupt: its objects are nested too deeply or refer to themselves{where}")
    if _truncated(data):
        return _truncated_error()
    on_page = f"page {page}: " if page else ""
    return CorruptInputError(f"the PDF is corrupt and cannot be read ({on_page}{type(e).__name__})")


def _open(data: bytes, password: str | bytes | None):
    forms = pdf_password.candidates(password)
    for n, form in enumerate(forms, 1):
        try:
            pdf = pdfplumber.open(io.BytesIO(data), password=form)
            pdf_limits.check_document(pdf.doc)
            _ = pdf.pages  # walks the page tree: a broken one fails here
            return pdf
        except _LIBRARY_ERRORS as e:
            # Only the password as given diagnoses the file; its other forms can only be wrong.
            wrong = bool(password) and (n > 1 or isinstance(_unwrap(e), (PDFPasswordIncorrect, UnicodeEncodeError)))
            if wrong and n < len(forms):
                continue
            raise (
                PasswordRequiredError("the PDF is encrypted and the password given is wrong")
                if wrong
                else _reading_error(e, data, None)
            ) from None
    raise AssertionError("unreachable: candidates() is never empty")


def _load(data: bytes, password: str | bytes | None, max_pages: int | None, ocr: str = "auto") -> Document:
    pdf = _open(data, password)
    with pdf:
        total = len(pdf.pages)
        count = min(total, max_pages) if max_pages else total
        window = report_window(data, password, count) if count > LONG_DOCUMENT else None
        indices = window if window is not None else range(min(count, LONG_DOCUMENT))
        try:
            read = [_read_page(pdf.pages[i], i + 1) for i in indices]
        except CorruptInputError:
            if _truncated(data):  # a page cut off by the truncation: say so, not "corrupt"
                raise _truncated_error() from None
            raise
        except _LIBRARY_ERRORS as e:  # raised outside a page (closing, the document's caches)
            raise _reading_error(e, data, password) from None
    if not read:
        raise CorruptInputError("the PDF is corrupt and cannot be read (no page found)")
    layer = [(raw.number, raw.chars, raw.has_images) for _, raw in read]
    problem = text_layer_problem(layer, total)
    pages = [p for p, _ in read]
    wanted = ocr_pages_to_read(ocr, problem, layer)
    if wanted:  # scanned pages, or a text layer that does not decode: read the page images
        from reportparse.sources.ocr import replace_pages

        pages = replace_pages(data, password, pages, wanted, problem)
    elif problem:
        raise problem
    return Document(
        pages=pages, source_format="pdf", pages_total=total, problems=[raw.sideways for _, raw in read if raw.sideways]
    )


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
    tail = data[data.rfind(b"trailer") :] if b"trailer" in data else b""
    refs = {m.group(1): b"%s %s R" % (m.group(2), m.group(3)) for m in _TRAILER_REF.finditer(tail)}
    if b"Root" not in refs:  # no trailer left (truncated, or an xref stream): find the catalog
        catalog = next(
            (oid for oid, (pos, gen) in sorted(objects.items()) if _CATALOG.search(data, pos, pos + 4096)), None
        )
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
    return (
        data
        + b"\n"
        + b"".join(table)
        + b"trailer\n<< /Size %d %s%s >>\nstartxref\n%d\n%%%%EOF\n"
        % (size, entries, ids.group(0) if ids else b"", start)
    )


def load_pdf(
    data: bytes, *, password: str | bytes | None = None, max_pages: int | None = None, ocr: str = "auto"
) -> Document:
    if max_pages is not None and max_pages < 1:
        raise UsageError(f"--max-pages must be at least 1, not {max_pages}")
    data = pdf_limits.prepare(data)
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
