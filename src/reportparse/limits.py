"""Limits on one parse: its wall-clock time, and sizes past which an input is refused.

`deadline(seconds)` bounds a whole parse.  On the main thread it arms SIGALRM
(ITIMER_REAL), so even a loop deep inside pdfminer is interrupted; the timer keeps
re-firing every `_REFIRE` seconds, because a library that catches `Exception`
would otherwise swallow the first ParseTimeoutError.  Off the main thread (or with
another ITIMER_REAL already running) signals are not ours to use: the limit is then
enforced cooperatively by `check()`, which the sources call once per page.
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from reportparse.errors import ParseTimeoutError, UsageError

DEFAULT_TIMEOUT = 60.0  # seconds, the command line's --timeout default
# A parse that reads page images with OCR (RapidOCR's models, page rasters: ~625 MB seen) gets
# this cap instead; the text layer is always tried first under DEFAULT_MEMORY_MB (runner/phases.py).
OCR_MEMORY_MB = 1536
DEFAULT_MEMORY_MB = 500  # the supervised child's address-space cap (--memory-mb)
MAX_INPUT_BYTES = 200 * 2**20  # raw input read at most (--max-bytes): PDF and Word
MAX_TEXT_BYTES = 32 * 2**20  # a text or HTML file larger than this is not one annual report
MAX_PDF_PAGES = 5_000  # pages in a PDF: more is no annual report (100,000 blank pages: 763 MB)
MAX_PAGE_CONTENT = 32 * 2**20  # decoded content stream bytes of one PDF page (decompression bombs)
MAX_DOCX_BYTES = 256 * 2**20  # the inflated parts of a Word file (zip bombs)
_REFIRE = 0.25
_NO_LIMIT = 1e8

_deadline: ContextVar[tuple[float, float] | None] = ContextVar("reportparse_deadline", default=None)


def timeout_error(seconds: float) -> ParseTimeoutError:
    return ParseTimeoutError(f"the parse did not finish within the time limit of {seconds:g} s")


def check() -> None:
    """Raise ParseTimeoutError if the current parse is past its deadline (cooperative path)."""
    current = _deadline.get()
    if current is not None and time.monotonic() > current[0]:
        raise timeout_error(current[1])


def _can_use_alarm() -> bool:
    return (
        hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
        and signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    )


@contextmanager
def deadline(seconds: float | None) -> Iterator[None]:
    """Bound the enclosed parse to `seconds` of wall-clock time (None or 0: no limit)."""
    if not seconds or seconds > _NO_LIMIT:  # past ~3 years: no limit (setitimer would overflow)
        yield
        return
    if not seconds > 0:
        raise UsageError(f"the timeout must be positive, not {seconds:g}")
    outer = _deadline.get()
    end = time.monotonic() + seconds
    if outer is not None and outer[0] <= end:  # an enclosing, stricter limit already holds
        yield
        return
    token = _deadline.set((end, seconds))
    alarm = _can_use_alarm()
    previous = None
    if alarm:

        def on_alarm(signum, frame):
            raise timeout_error(seconds)

        previous = signal.signal(signal.SIGALRM, on_alarm)
        signal.setitimer(signal.ITIMER_REAL, seconds, _REFIRE)
    try:
        yield
        check()  # finished, but only after the deadline (a library swallowed every alarm)
    except ParseTimeoutError:
        raise
    except Exception:
        # Past the deadline, a failure of any other kind is the alarm caught by a library's
        # `except Exception` and the half-done work it left (an import cut short, a reader
        # giving up): the parse ran out of time, whatever it raised after.
        if time.monotonic() > end:
            raise timeout_error(seconds) from None
        raise
    finally:
        if alarm:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
        _deadline.reset(token)
