"""Deterministic generator of synthetic 政府信息公开工作年度报告 documents (PDF, and
the .docx / HTML they are printed from) with their truth.

    from corpus.generator import ReportSpec, build_pdf
    truth = build_pdf(ReportSpec(seed=1, rules="none"), "/tmp/out.pdf")
    truth = build_document(ReportSpec(seed=1, producer="docx"), "/tmp/out.docx")

See README.md beside this file.
"""

import os
import tempfile

from .content import build_content
from .spec import ReportSpec
from .truth import Truth, from_content

__all__ = [
    "ReportSpec",
    "Truth",
    "build_pdf",
    "build_document",
    "build_content",
    "PRODUCERS",
    "EXTENSIONS",
    "extension",
]

# producer -> extension of the document it writes
EXTENSIONS = {
    "reportlab-cid": ".pdf",  # reportlab canvas, STSong-Light CID font (not embedded)
    "reportlab-ttf": ".pdf",  # reportlab canvas, WenQuanYi Zen Hei subset (fonts-wqy-zenhei)
    "libreoffice": ".pdf",  # python-docx .docx printed by LibreOffice (libreoffice-writer-nogui)
    "chromium": ".pdf",  # HTML page printed by headless Chromium (chromium)
    "docx": ".docx",  # the .docx itself
    "html": ".html",  # the HTML page itself, with site furniture
    "text": ".txt",  # a crawler's page text: the report on one line (text_writer.py)
}
PRODUCERS = tuple(EXTENSIONS)


def extension(spec):
    return EXTENSIONS[spec.producer]


def _pdf_pages(path):
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        return len(pdf.pages)


def build_document(spec, path):
    """Write the document of ``spec`` to ``path`` (its extension: ``extension(spec)``)
    and return its Truth.  ``Truth.pages`` is 0 for .docx and .html (not paginated)."""
    content = build_content(spec)
    producer = spec.producer
    if producer in ("reportlab-cid", "reportlab-ttf"):
        from .pdf_reportlab import render

        pages = render(content, path)
    elif producer == "docx":
        from .docx_writer import render

        render(content, path, for_pdf=False)
        pages = 0
    elif producer == "html":
        from .html_writer import render

        render(content, path, web=True)
        pages = 0
    elif producer == "text":
        from .text_writer import render

        render(content, path)
        pages = 0
    elif producer == "libreoffice":
        from .convert import docx_to_pdf, soffice
        from .docx_writer import render

        soffice()
        with tempfile.TemporaryDirectory(prefix="corpus-docx-") as tmp:
            src = os.path.join(tmp, os.path.splitext(os.path.basename(path))[0] + ".docx")
            render(content, src, for_pdf=True)
            docx_to_pdf(src, path)
        pages = _pdf_pages(path)
    elif producer == "chromium":
        from .convert import chromium, html_to_pdf
        from .html_writer import render

        chromium()
        with tempfile.TemporaryDirectory(prefix="corpus-html-") as tmp:
            src = os.path.join(tmp, "report.html")
            render(content, src, web=False)
            html_to_pdf(src, path)
        pages = _pdf_pages(path)
    else:  # pragma: no cover - validated by ReportSpec
        raise ValueError(f"unknown producer {producer!r}")
    return from_content(content, pages)


def build_pdf(spec, path):
    """Write the PDF of ``spec`` to ``path`` and return its Truth (a PDF producer)."""
    if extension(spec) != ".pdf":
        raise ValueError(f"producer {spec.producer} writes {extension(spec)}, not a PDF: use build_document")
    return build_document(spec, path)
