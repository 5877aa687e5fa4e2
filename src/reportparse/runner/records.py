"""OUTDIR/reports.jsonl: one record per input, appended and fsync'd as each document finishes.

A record is `source`, `sha256`, `bytes`, `reportparse_version`, `status` (ok | error),
`error` ({exit_code, kind, message} or null), `elapsed_s`, and `report`: the single-file
command's JSON for `ok`, else null.  Each line is written whole by one write and made
durable before the next, so a run killed at any moment leaves complete lines and at most
one half-written last line, which `scan` tells apart and never reads as a record.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Literal, TypedDict

from reportparse import __version__
from reportparse.errors import ReportParseError
from reportparse.records import Record
from reportparse.runner.inputs import Input

REPORTS_FILE = "reports.jsonl"


class ErrorRecord(TypedDict):
    exit_code: int
    kind: str
    message: str


class BatchRecord(TypedDict):
    """One line of reports.jsonl."""

    source: str
    sha256: str | None
    bytes: int | None
    reportparse_version: str
    status: Literal["ok", "error"]
    error: ErrorRecord | None
    elapsed_s: float
    report: Record | None  # the single-file command's JSON


def record(inp: Input, result: Record | ReportParseError, elapsed_s: float) -> BatchRecord:
    """The record of one input: its report, or its error."""
    if isinstance(result, ReportParseError):
        error: ErrorRecord = {
            "exit_code": result.exit_code,
            "kind": result.kind,
            "message": " ".join(result.message.split()),
        }
        return _record(inp, elapsed_s, error, None)
    return _record(inp, elapsed_s, None, result)


def _record(inp: Input, elapsed_s: float, error: ErrorRecord | None, report: Record | None) -> BatchRecord:
    return {
        "source": inp.source,
        "sha256": inp.sha256,
        "bytes": inp.bytes,
        "reportparse_version": __version__,
        "status": "error" if error else "ok",
        "error": error,
        "elapsed_s": elapsed_s,
        "report": report,
    }


def encode(rec: Mapping[str, Any]) -> bytes:
    return (json.dumps(rec, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


@dataclass(frozen=True)
class Line:
    """A complete record line of the file: where it is, and what the resume plan needs of it."""

    offset: int
    length: int
    source: str
    sha256: str | None
    status: str


@dataclass
class Scan:
    lines: list[Line]
    damaged: int  # lines that are not a record (a half-written last line, or worse)


def _parse(data: bytes) -> Record | None:
    """The record on a line, or None for a half-written or damaged one."""
    if not data.endswith(b"\n"):
        return None
    try:
        rec = json.loads(data)
    except ValueError:
        return None
    return rec if isinstance(rec, dict) and "source" in rec and "status" in rec else None


def scan(path: Path) -> Scan:
    """Where the file's complete records are, in order (without keeping them in memory); a
    last line without its newline, or a line that is not a JSON record, is counted as
    damaged and left out."""
    lines: list[Line] = []
    damaged = offset = 0
    if path.exists():
        with open(path, "rb") as f:
            for data in f:
                rec = _parse(data)
                if rec is None:
                    damaged += 1
                else:
                    lines.append(Line(offset, len(data), rec["source"], rec.get("sha256"), rec["status"]))
                offset += len(data)
    return Scan(lines, damaged)


def read_records(path: Path) -> Iterator[Record]:
    """The complete records of a reports.jsonl, in file order, one at a time."""
    with open(path, "rb") as f:
        for data in f:
            rec = _parse(data)
            if rec is not None:
                yield rec


def read_lines(f: IO[bytes], lines: list[Line]) -> Iterator[bytes]:
    """The bytes of the given lines of the file open as `f`."""
    for line in lines:
        f.seek(line.offset)
        yield f.read(line.length)


def sorted_records(reports_jsonl: Path) -> Iterator[Record]:
    """The file's records sorted by source (the last record of a source wins), one at a time."""
    lines = {line.source: line for line in scan(reports_jsonl).lines}
    with open(reports_jsonl, "rb") as f:
        for source in sorted(lines):
            yield read_record(f, lines[source])


def read_record(f: IO[bytes], line: Line) -> Record:
    f.seek(line.offset)
    return json.loads(f.read(line.length))


class RecordLog:
    """Appends records to reports.jsonl, each durable on disk before the next is written."""

    def __init__(self, path: Path, keep: list[Line] | None = None, rewrite: bool = False) -> None:
        """keep: the lines an earlier run left that stay, appended to (rewrite: the file is
        first rewritten with just them, atomically, when others go or a line is damaged);
        None: start a new file, which must not exist."""
        self.path = path
        if keep is not None and rewrite:
            with open(path, "rb") as old:
                _rewrite(path, read_lines(old, keep))
        self._file: IO[bytes] = open(path, "ab" if keep is not None else "xb")  # noqa: SIM115 -- held until close()

    def append(self, rec: Mapping[str, Any]) -> None:
        self._file.write(encode(rec))
        self._file.flush()
        os.fsync(self._file.fileno())

    def close(self) -> None:
        self._file.close()


def _rewrite(path: Path, lines: Iterable[bytes]) -> None:
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "wb") as f:
        f.writelines(lines)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)
    dir_fd = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)
