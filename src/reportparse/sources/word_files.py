"""Word files as files: a .docx zip inflated once with a byte counter (never trusting the
sizes it declares), and an old .doc converted by LibreOffice in a process group that is
killed whatever ends the wait."""

from __future__ import annotations

import io
import os
import signal
import subprocess
import zipfile
from pathlib import Path

from reportparse import limits
from reportparse.errors import UnreadableInputError, UnsupportedFormatError

_CONVERT_TIMEOUT = 120  # seconds LibreOffice may take to convert one .doc


def check_inflated_sizes(data: bytes) -> None:
    """Inflate every part once, counting the bytes that come out (never trusting the sizes the
    zip declares): more than MAX_DOCX_BYTES in all, or an XML part over MAX_TEXT_BYTES, is refused."""
    total = 0
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for item in archive.infolist():
            part = 0
            xml = item.filename.endswith((".xml", ".rels"))
            with archive.open(item) as stream:
                while chunk := stream.read(1 << 20):
                    part += len(chunk)
                    total += len(chunk)
                    if total > limits.MAX_DOCX_BYTES:
                        raise UnreadableInputError(
                            f"the Word file inflates to more than {limits.MAX_DOCX_BYTES // 2**20} MB (a zip bomb?)"
                        )
                    if xml and part > limits.MAX_TEXT_BYTES:
                        raise UnreadableInputError(
                            f"the Word file inflates to more than "
                            f"{limits.MAX_TEXT_BYTES // 2**20} MB of XML in {item.filename} "
                            "(a zip bomb?)"
                        )
                    limits.check()


def convert_doc(command: list[str], temp: Path) -> None:
    """Run LibreOffice in a process group of its own; whatever ends the wait (its time limit,
    the parse's deadline, Ctrl-C), the whole group is killed: soffice.bin is a grandchild.
    Its own temporary files go into `temp` (our folder, removed after), not the system's."""
    try:
        process = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
            env={**os.environ, "TMPDIR": str(temp), "TMP": str(temp), "TEMP": str(temp)},
        )
    except OSError as e:
        raise UnsupportedFormatError(
            f"LibreOffice could not be started to read the .doc file ({e.strerror}): convert the file to .docx or PDF"
        ) from None
    try:
        process.wait(timeout=_CONVERT_TIMEOUT)
    except subprocess.TimeoutExpired:
        raise UnreadableInputError(
            f"LibreOffice took longer than {_CONVERT_TIMEOUT} s to convert the .doc file"
        ) from None
    finally:
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        process.wait()
