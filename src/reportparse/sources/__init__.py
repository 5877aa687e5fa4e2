"""Sources: one per input format, each turning raw input into a `layout.Document`.

Each source is imported only when its format is read, so parsing a PDF never pays
for lxml or python-docx (start-up time matters for the command line).
"""

from __future__ import annotations

from typing import TypedDict

from reportparse.errors import UnsupportedFormatError, UsageError
from reportparse.layout.model import Document
from reportparse.sources.detect import FORMATS, decode_text, sniff
from reportparse.sources.ocr import OCR_MODES

# PDF engines: pdfium (fast, the default) and pdfplumber (the reference); both give the
# same layout, and pdfium hands pdfplumber whatever it cannot read the same way.
ENGINES = ("pdfium", "pdfplumber")
DEFAULT_ENGINE = "pdfium"


class LoadOptions(TypedDict, total=False):
    """How an input is read: the keywords of `load` (and of the parse functions)."""

    format: str | None
    password: str | bytes | None
    max_pages: int | None
    engine: str | None
    ocr: str


def load(
    data: bytes,
    *,
    format: str | None = None,
    password: str | bytes | None = None,
    max_pages: int | None = None,
    engine: str | None = None,
    ocr: str = "auto",
) -> Document:
    """Read raw input of any supported format into the layout.

    `ocr`: auto (page images and pages without a usable text layer are read by OCR),
    always (every PDF page is), never."""
    if format is not None and format not in FORMATS:
        raise UsageError(f"unknown input format {format!r}: use one of {', '.join(FORMATS)}")
    if engine is not None and engine not in ENGINES:
        raise UsageError(f"unknown PDF engine {engine!r}: use one of {', '.join(ENGINES)}")
    if ocr not in OCR_MODES:
        raise UsageError(f"unknown OCR mode {ocr!r}: use one of {', '.join(OCR_MODES)}")
    kind = format or sniff(data)
    if kind == "pdf":
        if (engine or DEFAULT_ENGINE) == "pdfium" and ocr != "always":
            from reportparse.sources.pdfium import load_pdfium

            return load_pdfium(data, password=password, max_pages=max_pages, ocr=ocr)
        from reportparse.sources.pdf import load_pdf

        return load_pdf(data, password=password, max_pages=max_pages, ocr=ocr)
    if kind == "text":
        from reportparse.sources.text import load_text
        from reportparse.sources.text_input import prepared_text

        return load_text(prepared_text(decode_text(data)))
    if kind == "html":
        from reportparse.sources.html import load_html_bytes

        return load_html_bytes(data)
    if kind == "docx":
        from reportparse.sources.docx import load_docx

        return load_docx(data)
    if kind == "doc":
        from reportparse.sources.docx import load_doc

        return load_doc(data)
    if kind == "image":
        from reportparse.sources.ocr import load_image_input

        return load_image_input(data, ocr=ocr, max_pages=max_pages)
    raise UnsupportedFormatError(f"reading {kind} input is not supported")
