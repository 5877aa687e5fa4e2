"""Cheap looks at a PDF before and after reading it in full.

`report_window`: which pages of a long document hold the report.  Reading a page in
full (pdfminer layout, pdfplumber objects) costs ~70 ms; pdfium's text extraction a
few.  So a long document is first skimmed with pdfium for the section headings, and
only the pages from the first heading to just past 六 are read in full.

`text_layer_problem`: a PDF whose pages carry no text (a scan), or whose text does
not decode to characters (fonts without a usable ToUnicode map give "(cid:12)"
placeholders, private-use code points or Latin-1 mojibake), is unreadable: parsing
it would give garbage or nothing, never the report's numbers.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from reportparse import limits
from reportparse.errors import GarbledTextError, NoTextLayerError
from reportparse.layout.geometry import merge_intervals
from reportparse.recognize.headings import match_heading

LONG_DOCUMENT = 40  # more pages than this: skim for the report's pages first
_MIN_PAGE_GLYPHS = 10  # fewer glyphs than this (a page number, a stamp) is no text layer
_MIN_GLYPHS = 20  # too few glyphs to judge their decoding
_GARBLED_SHARE = 0.3  # this share of undecodable glyphs makes a text layer garbage
_NO_CJK_GLYPHS = 200  # this many glyphs and not one Chinese character: not Chinese text


def page_list(numbers: list[int]) -> str:
    """[1, 2, 3, 5] → "1–3, 5"."""
    runs = merge_intervals(((n, n) for n in numbers), tolerance=1)
    return ", ".join(str(a) if a == b else f"{a}–{b}" for a, b in runs)


def _pages_phrase(numbers: list[int]) -> str:
    return ("page " if len(numbers) == 1 else "pages ") + page_list(numbers)


def window_of(page_texts: Iterable[str], count: int) -> range | None:
    """0-based indices of the pages to read, given the pages' texts in order: from the
    page before the first section heading to the page after 六 (or after the last
    heading seen); None when no heading is found (the caller reads the first pages)."""
    first = last = None
    for index, text in enumerate(page_texts):
        limits.check()
        numbers = {s.number for s in map(match_heading, text.splitlines()) if s is not None}
        if numbers:
            first = index if first is None else first
            last = index
        if 6 in numbers:
            break
    if first is None or last is None:
        return None
    return range(max(0, first - 1), min(count, last + 2))


def report_window(data: bytes, password: str | bytes | None, count: int) -> range | None:
    """`window_of` the first `count` pages, skimmed with pdfium; None also when pdfium is
    missing or cannot open the file."""
    try:
        import pypdfium2 as pdfium
    except ImportError:
        return None
    try:
        document = pdfium.PdfDocument(data, password=password or None)
    except Exception:  # pdfium's own errors vary by version; pdfminer gives the real diagnosis
        return None

    def texts() -> Iterator[str]:
        for index in range(count):
            page = document[index]
            text_page = page.get_textpage()
            yield text_page.get_text_range()
            text_page.close()
            page.close()

    try:
        return window_of(texts(), count)
    except Exception:
        return None
    finally:
        document.close()


# "(cid:12)" placeholders, control characters, Latin-1 mojibake, private use, U+FFFD.
_UNDECODED = re.compile("^\\(cid:|[\x00-\x1f\x7f-\xff\ue000-\uf8ff\ufffd]")


def _undecoded(text: str) -> bool:
    return _UNDECODED.search(text) is not None


def _is_cjk(text: str) -> bool:
    return any("\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" for ch in text)


def text_layer_problem(pages: list[tuple[int, list[str], bool]], total: int) -> NoTextLayerError | None:
    """The error for pages [(number, glyph texts, has images)] that hold no usable text, or None."""
    of_total = f" of {total}" if total > len(pages) else ""
    textless = [n for n, glyphs, _ in pages if sum(1 for g in glyphs if g.strip()) < _MIN_PAGE_GLYPHS]
    if len(textless) == len(pages):
        if any(images for _, _, images in pages):
            return NoTextLayerError(
                f"the PDF has no text layer on {_pages_phrase(textless)}{of_total} (scanned images): OCR is needed"
            )
        verb = "is" if len(textless) == 1 else "are"
        return NoTextLayerError(f"the PDF has no text: {_pages_phrase(textless)}{of_total} {verb} blank")
    glyphs = [g for _, texts, _ in pages for g in texts if g.strip()]
    if len(glyphs) < _MIN_GLYPHS:
        return None
    bad_pages = [
        n
        for n, texts, _ in pages
        if sum(map(_undecoded, texts)) >= _GARBLED_SHARE * max(1, sum(1 for g in texts if g.strip()))
    ]
    bad = sum(map(_undecoded, glyphs))
    if bad >= _GARBLED_SHARE * len(glyphs):
        return GarbledTextError(
            f"the PDF's text layer does not decode to characters: {bad * 100 // len(glyphs)}% "
            f"of its glyphs on {_pages_phrase(bad_pages)} are unmapped codes (fonts without "
            f"a usable ToUnicode map); OCR is needed"
        )
    if len(glyphs) >= _NO_CJK_GLYPHS and not any(map(_is_cjk, glyphs)):
        return GarbledTextError(
            f"the PDF's text layer has no Chinese characters in {len(glyphs)} glyphs: its "
            f"fonts lack a usable ToUnicode map (OCR is needed), or it is not a Chinese document"
        )
    return None
