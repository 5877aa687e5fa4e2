"""Deterministic generator of synthetic 政府信息公开工作年度报告 PDFs with their truth.

    from corpus.generator import ReportSpec, build_pdf
    truth = build_pdf(ReportSpec(seed=1, rules="none"), "/tmp/out.pdf")

See README.md beside this file.
"""

from .content import build_content
from .spec import ReportSpec
from .truth import Truth, from_content

__all__ = ["ReportSpec", "Truth", "build_pdf", "build_content", "PRODUCERS"]

PRODUCERS = ("reportlab-cid", "reportlab-ttf")


def build_pdf(spec, path):
    """Write the PDF of ``spec`` to ``path`` and return its Truth."""
    content = build_content(spec)
    if spec.producer in ("reportlab-cid", "reportlab-ttf"):
        from .pdf_reportlab import render
    else:  # pragma: no cover - validated by ReportSpec
        raise ValueError(f"unknown producer {spec.producer!r}")
    pages = render(content, path)
    return from_content(content, pages)
