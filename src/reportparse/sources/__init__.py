"""Sources: one per input format, each turning raw input into a `layout.Document`."""
from __future__ import annotations

from reportparse.errors import UnsupportedFormatError
from reportparse.layout.model import Document
from reportparse.sources.detect import decode_text, sniff


def load(data: bytes, *, format: str | None = None, password: str | None = None,
         max_pages: int | None = None) -> Document:
    """Read raw input of any supported format into the layout."""
    kind = format or sniff(data)
    if kind == "pdf":
        from reportparse.sources.pdf import load_pdf
        return load_pdf(data, password=password, max_pages=max_pages)
    if kind == "text":
        from reportparse.sources.text import load_text
        return load_text(decode_text(data))
    raise UnsupportedFormatError(f"reading {kind} input is not supported yet")
