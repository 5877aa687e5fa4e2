"""Sources: one per input format, each turning raw input into a `layout.Document`.

Each source is imported only when its format is read, so parsing a PDF never pays
for lxml or python-docx (start-up time matters for the command line).
"""
from __future__ import annotations

from reportparse.errors import UnsupportedFormatError, UsageError
from reportparse.layout.model import Document
from reportparse.sources.detect import FORMATS, decode_text, sniff


def load(data: bytes, *, format: str | None = None, password: str | bytes | None = None,
         max_pages: int | None = None) -> Document:
    """Read raw input of any supported format into the layout."""
    if format is not None and format not in FORMATS:
        raise UsageError(f"unknown input format {format!r}: use one of {', '.join(FORMATS)}")
    kind = format or sniff(data)
    if kind == "pdf":
        from reportparse.sources.pdf import load_pdf
        return load_pdf(data, password=password, max_pages=max_pages)
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
    raise UnsupportedFormatError(f"reading {kind} input is not supported")
