"""Progress on standard error: a live tqdm bar on a terminal, a plain line every few
seconds otherwise (a log file, CI), nothing when quiet."""

from __future__ import annotations

import sys
import time
from typing import IO, Any

PLAIN_EVERY_S = 5.0


class Progress:
    def __init__(
        self,
        total: int,
        done: int = 0,
        *,
        quiet: bool = False,
        stream: IO[str] | None = None,
        every_s: float = PLAIN_EVERY_S,
    ) -> None:
        self.total, self.done, self.errors = total, done, 0
        self._stream = stream or sys.stderr
        self._quiet = quiet
        self._every = every_s
        self._start = self._last = time.monotonic()
        self._first = done
        self._bar: Any = None
        if not quiet and self._stream.isatty():
            from tqdm import tqdm  # type: ignore[import-untyped]

            self._bar = tqdm(
                total=total,
                initial=done,
                file=self._stream,
                unit="doc",
                dynamic_ncols=True,
                desc="reportparse batch",
                postfix={"errors": 0},
            )

    def update(self, error: bool) -> None:
        self.done += 1
        self.errors += error
        if self._bar is not None:
            if error:
                self._bar.set_postfix(errors=self.errors, refresh=False)
            self._bar.update(1)
        elif not self._quiet and time.monotonic() - self._last >= self._every:
            self._last = time.monotonic()
            self._stream.write(self.line() + "\n")
            self._stream.flush()

    def line(self) -> str:
        elapsed = time.monotonic() - self._start
        rate = (self.done - self._first) / elapsed if elapsed > 0 else 0.0
        eta = f", ETA {_duration((self.total - self.done) / rate)}" if rate else ""
        return f"reportparse batch: {self.done}/{self.total} done, {self.errors} errors, {rate:.2f} documents/s{eta}"

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()


def _duration(seconds: float) -> str:
    minutes, secs = divmod(int(seconds + 0.5), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}h{minutes:02d}m" if hours else f"{minutes}m{secs:02d}s" if minutes else f"{secs}s"
