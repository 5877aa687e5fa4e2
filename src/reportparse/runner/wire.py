"""Frames on a pipe between the supervisor and its child: an 8-byte length, then a pickle.

The child writes and reads blocking; the supervisor reads under a deadline and a size
bound, so a hung, dead or garbling child can never hang it or fill its memory."""

from __future__ import annotations

import os
import pickle
import select
import struct
import time

HEADER = struct.Struct("!Q")


class Garbled(Exception):
    """The child sent a frame that is too large or does not unpickle."""


class Closed(Exception):
    """The other end closed the pipe (the child died or exited)."""


class TimedOut(Exception):
    """The deadline passed before the frame was complete."""


def write_frame(fd: int, payload: bytes) -> None:
    """Blocking write of one frame (the child's side)."""
    view = memoryview(HEADER.pack(len(payload)) + payload)
    while view:
        view = view[os.write(fd, view) :]


def read_exact(fd: int, size: int) -> bytes | None:
    """Blocking read of `size` bytes (the child's side); None at end of file."""
    chunks, need = [], size
    while need:
        chunk = os.read(fd, min(need, 1 << 20))
        if not chunk:
            return None
        chunks.append(chunk)
        need -= len(chunk)
    return b"".join(chunks)


def read_frame(fd: int) -> bytes | None:
    """The next frame's payload (the child's side); None when the supervisor closed the pipe."""
    header = read_exact(fd, HEADER.size)
    if header is None:
        return None
    return read_exact(fd, HEADER.unpack(header)[0])


def _wait_ms(deadline: float | None) -> int:
    if deadline is None:
        return -1
    left = deadline - time.monotonic()
    if left <= 0:
        raise TimedOut()
    return max(1, int(min(left, 3600.0) * 1000))  # poll again after an hour: no overflow


def send_frame(fd: int, payload: bytes, deadline: float | None) -> None:
    """Write one frame to a non-blocking pipe before the deadline (the supervisor's side)."""
    view = memoryview(HEADER.pack(len(payload)) + payload)
    poller = select.poll()
    poller.register(fd, select.POLLOUT)
    while view:
        if not poller.poll(_wait_ms(deadline)):
            continue
        try:
            view = view[os.write(fd, view) :]
        except BlockingIOError:
            continue
        except BrokenPipeError:
            raise Closed() from None


class Receiver:
    """Reads one frame from the child's result pipe while draining its stderr pipe,
    keeping the last few KB of that stderr (it tells an out-of-memory abort from a crash)."""

    TAIL = 8192

    def __init__(self, result_fd: int, stderr_fd: int):
        self.result_fd, self.stderr_fd = result_fd, stderr_fd
        self.stderr_tail = b""
        self._stderr_open = True

    def _drain_stderr(self) -> None:
        data = os.read(self.stderr_fd, 65536)
        if not data:
            self._stderr_open = False
        self.stderr_tail = (self.stderr_tail + data)[-self.TAIL :]

    def receive(self, deadline: float | None, max_bytes: int) -> object:
        buffer, size = bytearray(), None
        while True:
            poller = select.poll()
            poller.register(self.result_fd, select.POLLIN)
            if self._stderr_open:
                poller.register(self.stderr_fd, select.POLLIN)
            for fd, _ in poller.poll(_wait_ms(deadline)):
                if fd == self.stderr_fd:
                    self._drain_stderr()
                    continue
                want = (size + HEADER.size - len(buffer)) if size is not None else HEADER.size - len(buffer)
                chunk = os.read(fd, max(1, min(want, 1 << 20)))
                if not chunk:
                    self.finish_stderr()
                    raise Closed()
                buffer += chunk
                if size is None and len(buffer) >= HEADER.size:
                    size = HEADER.unpack(buffer[: HEADER.size])[0]
                    if size > max_bytes:
                        raise Garbled(f"a result of {size} bytes (more than {max_bytes})")
                if size is not None and len(buffer) == HEADER.size + size:
                    try:
                        return pickle.loads(buffer[HEADER.size :])
                    except Exception as e:
                        raise Garbled(f"a result that does not unpickle ({type(e).__name__})") from None

    def finish_stderr(self) -> None:
        """Read what the (dead) child left on its stderr pipe."""
        while self._stderr_open and select.select([self.stderr_fd], [], [], 0.2)[0]:
            self._drain_stderr()
