"""A batch's inputs: files, folders (walked recursively), globs and `-` (paths on standard
input, one a line) → one Input per document, fingerprinted by sha256.

Which format a file is comes from its content later, never from its name, so a folder's
every file is an input (`exclude` name patterns leave some out). An entry that cannot be
read — a broken symbolic link, a loop of links, a FIFO or device, a permission refused —
is an Input carrying its error: it becomes an error record, never a crash or a hang.
"""

from __future__ import annotations

import errno
import fnmatch
import glob
import hashlib
import io
import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TextIO

from reportparse.errors import ReportParseError, UnreadableInputError, UsageError


class InputNotFoundError(UnreadableInputError, kind="not_found"):
    """A path listed on standard input, or a symbolic link's target, does not exist."""


class SymlinkLoopError(UnreadableInputError, kind="symlink_loop"):
    """Symbolic links that lead back to themselves or to a folder above them."""


class NotAFileError(UnreadableInputError, kind="not_a_file"):
    """A FIFO, socket or device: reading it could block forever, so it is not read."""


@dataclass(frozen=True)
class Input:
    source: str  # the path as given, or as found under a given folder
    sha256: str | None = None
    bytes: int | None = None
    error: ReportParseError | None = None


def discover(args: Iterable[str], stdin: TextIO | None = None, exclude: Iterable[str] = ()) -> list[Input]:
    """Every input named by `args`, in the order given (folders sorted by name), each source once."""
    seen: set[str] = set()
    out = []
    for source, error in _expand(args, stdin, tuple(exclude)):
        if source not in seen:
            seen.add(source)
            out.append(Input(source, error=error) if error else fingerprint(source))
    return out


def fingerprint(source: str) -> Input:
    """The file's sha256 and size; reading it without ever blocking on a FIFO or device."""
    try:
        with open_regular(source) as f:
            try:
                digest = hashlib.file_digest(f, "sha256")
            except OSError as e:
                raise UnreadableInputError(f"cannot read {source}: {e.strerror}") from None
            return Input(source, sha256=digest.hexdigest(), bytes=f.tell())
    except ReportParseError as e:
        return Input(source, error=e)


def open_regular(source: str) -> io.BufferedReader:
    """The file open for reading, or the ReportParseError that says why it cannot be read.
    A FIFO, socket or device is refused without blocking on it."""
    try:
        fd = os.open(source, os.O_RDONLY | os.O_NONBLOCK)
    except OSError as e:
        raise _open_error(source, e) from None
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):
        os.close(fd)
        if stat.S_ISDIR(mode):
            raise NotAFileError(f"{source} is a folder, not a file")
        raise NotAFileError(f"{source} is not a regular file (a FIFO, socket or device)")
    return os.fdopen(fd, "rb")


def _open_error(source: str, e: OSError) -> ReportParseError:
    if e.errno == errno.ELOOP:
        return SymlinkLoopError(f"{source} is a loop of symbolic links")
    if e.errno == errno.ENOENT:
        if os.path.islink(source):
            return InputNotFoundError(f"{source} is a broken symbolic link (its target does not exist)")
        return InputNotFoundError(f"no such file: {source}")
    return UnreadableInputError(f"cannot read {source}: {e.strerror}")


Found = tuple[str, "ReportParseError | None"]


def _expand(args: Iterable[str], stdin: TextIO | None, exclude: tuple[str, ...]) -> Iterator[Found]:
    for arg in args:
        if arg == "-":
            if stdin is None:
                raise UsageError("- reads a list of paths from standard input, but there is none")
            for line in stdin:
                path = line.rstrip("\r\n")
                if path.strip():
                    yield from _path(path, exclude, listed=True)
        elif glob.has_magic(arg) and not os.path.lexists(arg):
            matches = sorted(glob.glob(arg, recursive=True))
            if not matches:
                raise UsageError(f"no file matches {arg}")
            for path in matches:
                yield from _path(path, exclude, listed=True)
        else:
            if not os.path.lexists(arg):
                raise UsageError(f"no such file or folder: {arg}")
            yield from _path(arg, exclude, listed=True)


def _path(path: str, exclude: tuple[str, ...], listed: bool) -> Iterator[Found]:
    if os.path.isdir(path):
        yield from _walk(path, exclude, ancestors=frozenset())
    elif listed or not _excluded(path, exclude):
        yield path, None


def _excluded(path: str, exclude: tuple[str, ...]) -> bool:
    name = os.path.basename(path)
    return any(fnmatch.fnmatch(name, pattern) for pattern in exclude)


def _walk(folder: str, exclude: tuple[str, ...], ancestors: frozenset[tuple[int, int]]) -> Iterator[Found]:
    """A folder's files, depth first and sorted by name, following links to folders but
    never into one of the folders it is already inside (that is a loop)."""
    try:
        st = os.stat(folder)
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as e:
        yield folder, UnreadableInputError(f"cannot read the folder {folder}: {e.strerror}")
        return
    here = ancestors | {(st.st_dev, st.st_ino)}
    for entry in entries:
        path = os.path.join(folder, entry.name)
        if _excluded(path, exclude):
            continue
        try:
            is_dir = entry.is_dir()  # follows links
            target = os.stat(path) if is_dir else None
        except OSError as e:
            yield path, _open_error(path, e)
            continue
        if target is None:
            yield path, None
        elif (target.st_dev, target.st_ino) in here:
            yield path, SymlinkLoopError(f"{path} links back to a folder it is inside (a loop of symbolic links)")
        else:
            yield from _walk(path, exclude, here)
