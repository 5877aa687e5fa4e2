"""Reading page images with OCR (RapidOCR): scanned PDF pages and image files.

This package's own module imports nothing heavy: the PDF source asks it which pages
need OCR (`pages_to_read`) on every parse.  The models, OpenCV and numpy are imported
only when a page is actually read (document.py), and a missing `ocr` extra is one
clear error naming how to install it.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from reportparse.errors import (
    NoTextLayerError,
    ReportParseError,
    UnreadableInputError,
    UsageError,
)

OCR_MODES = ("auto", "always", "never")
INSTALL_HINT = "pip install 'reportparse[ocr]'"
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".tif", ".tiff")
_MIN_PAGE_GLYPHS = 10  # as pdf_scan: fewer glyphs than this is no text layer


def available() -> bool:
    """Whether the ocr extra is installed (asked only when a page needs OCR)."""
    try:
        import cv2  # noqa: F401
        import numpy  # noqa: F401
        import rapidocr_onnxruntime  # noqa: F401
    except ImportError:
        return False
    return True


def missing_extra(reason: str) -> UnreadableInputError:
    """The error for input that needs OCR when the extra is not installed."""
    return NoTextLayerError(f"{reason} — install the ocr extra to read it: {INSTALL_HINT}")


def pages_to_read(mode: str, problem: ReportParseError | None, pages: list[tuple[int, list[str], bool]]) -> list[int]:
    """The page numbers the PDF source hands to OCR: every page with `always`; with
    `auto`, all pages when the text layer as a whole is unusable, else the pages that
    carry images and next to no text (scanned pages in a document that has text)."""
    if mode == "never":
        return []
    if mode == "always" or problem is not None:
        return [n for n, _, _ in pages]
    return [n for n, glyphs, images in pages if images and sum(1 for g in glyphs if g.strip()) < _MIN_PAGE_GLYPHS]


def replace_pages(
    data: bytes, password: str | bytes | None, pages: list, wanted: list[int], problem: ReportParseError | None
) -> list:
    """The PDF's pages with those in `wanted` read again by OCR from their images."""
    if not available():
        if problem is None:
            return pages  # auto: a few scanned pages among text pages; the text pages are read
        raise missing_extra(problem.message)
    from reportparse.sources.ocr.document import pdf_pages

    read = pdf_pages(data, password, wanted)
    out = [read.get(p.number, p) for p in pages]
    if problem is not None and not any(p.blocks for p in out):
        raise NoTextLayerError(f"{problem.message}, and OCR found no text on the page images")
    return out


def load_image_input(data: bytes, *, ocr: str = "auto", max_pages: int | None = None):
    """An image file (PNG, JPEG, TIFF): only OCR reads it."""
    if ocr == "never":
        raise NoTextLayerError(
            "the input is an image (PNG, JPEG or TIFF): reading it needs OCR, and --ocr never was given"
        )
    if not available():
        raise missing_extra("the input is an image (PNG, JPEG or TIFF): OCR is needed")
    from reportparse.sources.ocr.document import load_image

    return load_image(data, max_pages)


def image_files(folder: str | os.PathLike) -> list[Path]:
    """The page images of a folder, in page order (names sorted with their numbers as numbers)."""
    files = [p for p in Path(folder).iterdir() if p.is_file() and p.suffix.lower() in IMAGE_SUFFIXES]
    return sorted(files, key=lambda p: [int(t) if t.isdigit() else t for t in re.split(r"(\d+)", p.name.lower())])


def load_folder(folder, *, ocr: str = "auto", max_pages: int | None = None):
    """A folder of page images, in the order of their names."""
    if not image_files(folder):  # a folder of anything else is no input
        raise UsageError(f"is a directory, not a file: {os.fspath(folder)}")
    if ocr == "never":
        raise NoTextLayerError(f"{folder} is a folder of page images: reading it needs OCR, and --ocr never was given")
    if not available():
        raise missing_extra(f"{folder} is a folder of page images: OCR is needed")
    from reportparse.sources.ocr.document import load_image_folder

    return load_image_folder(folder, max_pages)
