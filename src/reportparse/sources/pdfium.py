"""PDF source on pdfium: the same layout as the pdfplumber source (pdf.py), at a
fraction of its cost.

pdfium reads a page's characters and paths in C; the page's layout is then built by
the code both engines share (pdf_page.py).  Whatever pdfium does not read as pdfminer
does — a file it cannot open, a font without a usable ToUnicode map, text objects it
drops, rotated pages or text, implausible glyph boxes — and every unreadable file
(truncated, encrypted, corrupt, no or garbled text layer, a decompression bomb) goes
to the pdfplumber engine instead, which reads it or says exactly why it cannot.  So
the two engines give the same report and the same errors; only the cost differs.
"""

from __future__ import annotations

import ctypes
from collections import Counter

from reportparse import limits
from reportparse.errors import UsageError
from reportparse.layout.model import Document, Page
from reportparse.sources.pdf_bytes import needs_checked_reader
from reportparse.sources.pdf_page import layout_page
from reportparse.sources.pdf_scan import LONG_DOCUMENT, text_layer_problem, window_of
from reportparse.sources.pdfium_lib import pdfium
from reportparse.sources.pdfium_page import NeedsReference, page_text, read_page

# Why documents went to the pdfplumber engine in this process (reason -> documents): for
# tests and benchmarks, which must tell a document pdfium read from one it handed over.
handed_over: Counter[str] = Counter()


def _open(data: bytes, password: str | None):
    buffer = ctypes.create_string_buffer(data, len(data))
    document = pdfium.FPDF_LoadMemDocument64(buffer, len(data), (password or "").encode("utf-8") or None)
    if not document:
        raise NeedsReference(f"pdfium cannot open the file (error {pdfium.FPDF_GetLastError()})")
    return document, buffer


def _read(data: bytes, password: str | bytes | None, max_pages: int | None) -> Document:
    reason = needs_checked_reader(data)
    if reason:
        raise NeedsReference(reason)
    if password is not None and not (isinstance(password, str) and password.isascii()):
        raise NeedsReference("a password that is not plain ASCII text (pdf_password.py reads it)")
    document, buffer = _open(data, password)
    try:
        total = pdfium.FPDF_GetPageCount(document)
        if total <= 0 or total > limits.MAX_PDF_PAGES:
            raise NeedsReference("no page found, or more pages than any report has")
        count = min(total, max_pages) if max_pages else total
        window = None
        if count > LONG_DOCUMENT:
            window = window_of((page_text(document, i) for i in range(count)), count)
        indices = window if window is not None else range(min(count, LONG_DOCUMENT))
        pages: list[Page] = []
        raw: list[tuple[int, list[str], bool]] = []
        for i in indices:
            limits.check()
            content = read_page(document, i)
            pages.append(layout_page(i + 1, content.glyphs, content.rules, content.width, content.height))
            raw.append((i + 1, content.texts, content.has_images))
    finally:
        pdfium.FPDF_CloseDocument(document)
        del buffer
    if text_layer_problem(raw, total):
        raise NeedsReference("no or garbled text layer")
    return Document(pages=pages, source_format="pdf", pages_total=total)


def load_pdfium(
    data: bytes, *, password: str | bytes | None = None, max_pages: int | None = None, ocr: str = "auto"
) -> Document:
    if max_pages is not None and max_pages < 1:
        raise UsageError(f"--max-pages must be at least 1, not {max_pages}")
    try:
        try:
            return _read(data, password, max_pages)
        except (ValueError, OverflowError, ctypes.ArgumentError) as e:
            # A value pdfium gave that Python cannot take (a code point past U+10FFFF).
            raise NeedsReference(f"pdfium gave an unusable value ({type(e).__name__})") from None
    except NeedsReference as e:
        handed_over[str(e)] += 1
        from reportparse.sources.pdf import load_pdf

        return load_pdf(data, password=password, max_pages=max_pages, ocr=ocr)
