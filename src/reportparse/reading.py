"""Reading the raw input with a bound: never more than `max_bytes` (+1, to tell that it is
more) come into memory, whatever the source claims or is (/dev/zero, a sparse file, a pipe)."""

from __future__ import annotations

import os
import stat
from typing import BinaryIO

from reportparse import limits
from reportparse.errors import UnreadableInputError, UsageError

Source = str | os.PathLike | bytes | bytearray | memoryview | BinaryIO


def _size(n: int) -> str:
    return f"{n // 2**20} MB" if n >= 2**20 else f"{n} bytes"


def too_large(size_text: str, limit: int) -> UnreadableInputError:
    return UnreadableInputError(
        f"the input is {size_text}, too large for an annual report (the limit is {_size(limit)}: --max-bytes)"
    )


def _bounded(data: bytes, limit: int) -> bytes:
    if len(data) > limit:
        raise too_large(f"more than {_size(limit)}", limit)
    return data


def _read_file(f: BinaryIO, limit: int) -> bytes:
    try:
        info = os.fstat(f.fileno())
    except (OSError, AttributeError, ValueError):  # BytesIO and the like: no file descriptor
        info = None
    if info is not None and stat.S_ISREG(info.st_mode) and info.st_size > limit:
        raise too_large(_size(info.st_size), limit)  # known from its size: read nothing
    data = f.read(limit + 1)
    if isinstance(data, str):
        raise UsageError("the file object is open in text mode; open it with 'rb' or use parse_text()")
    return _bounded(data, limit)


def read_input(source: Source, max_bytes: int | None = None) -> bytes:
    """The input's bytes, refusing one larger than `max_bytes` (default limits.MAX_INPUT_BYTES)."""
    limit = max_bytes or limits.MAX_INPUT_BYTES
    if isinstance(source, (bytes, bytearray, memoryview)):
        return _bounded(bytes(source), limit)
    if isinstance(source, str) and ("\n" in source or source.lstrip().startswith("<")) and not os.path.exists(source):
        raise UsageError(
            "parse() was given document content as a str, not a path: use parse_html() or "
            "parse_text() for decoded text, or pass the raw bytes"
        )
    if isinstance(source, (str, os.PathLike)):
        try:
            with open(source, "rb") as f:
                return _read_file(f, limit)
        except FileNotFoundError:
            raise UsageError(f"no such file: {os.fspath(source)}") from None
        except IsADirectoryError:
            raise UsageError(f"is a directory, not a file: {os.fspath(source)}") from None
        except OSError as e:
            raise UnreadableInputError(f"cannot read {os.fspath(source)}: {e.strerror}") from None
    if hasattr(source, "read"):
        try:
            return _read_file(source, limit)
        except OSError as e:
            raise UnreadableInputError(f"cannot read the input: {e.strerror or e}") from None
    raise UsageError(f"cannot parse a {type(source).__name__}: give a path, bytes or a binary file object")
