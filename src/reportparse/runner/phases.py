"""OCR gets the memory it needs, and nothing else does: a parse runs first with OCR off under
the usual cap; only a document without a usable text layer (a scan, an image, a garbled
font) is read again, with OCR, in a child capped at OCR_MEMORY_MB.  So the text-layer
promise (500 MB) holds for every input, and a scan costs one quick refused pass more."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import replace
from typing import TypeVar

from reportparse.errors import NoTextLayerError
from reportparse.limits import OCR_MEMORY_MB
from reportparse.runner.child import Limits

T = TypeVar("T")


def with_ocr_memory(limits: Limits) -> Limits:
    if not limits.memory_mb:
        return limits
    return replace(limits, memory_mb=max(limits.memory_mb, OCR_MEMORY_MB))


def first_pass(ocr: str) -> str:
    """The OCR mode of the first, capped pass: with "auto", OCR is off and a scan fails fast."""
    return "never" if ocr == "auto" else ocr


def run_phased(attempt: Callable[[str, Limits], T], ocr: str, limits: Limits) -> T:
    """`attempt(ocr_mode, limits)` once, or twice for a scan under ocr="auto"; the second pass
    gets what is left of the time limit."""
    if ocr == "always":
        return attempt(ocr, with_ocr_memory(limits))
    start = time.monotonic()
    try:
        return attempt(first_pass(ocr), limits)
    except NoTextLayerError:
        if ocr != "auto":
            raise
    left = None if limits.timeout is None else max(limits.timeout - (time.monotonic() - start), 0.01)
    return attempt(ocr, replace(with_ocr_memory(limits), timeout=left))
