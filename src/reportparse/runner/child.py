"""The supervised child: each job runs in a forked child process with a hard address-space
limit and a wall-clock deadline that the supervisor enforces with SIGKILL.

A job's result comes back over a pipe (pickle); its ReportParseError comes back as the
same class and message.  A child killed at the deadline, out of memory, crashed by a
signal, or sending a garbled result becomes a ReportParseError here — never a traceback,
a signal death of the caller, or garbage on stdout.  The next run() after a kill or crash
starts a fresh child.  The in-process limits (limits.py, the readers' size checks) stay
the fast, precise first line; this is the line that holds when they miss.
"""

from __future__ import annotations

import os
import pickle
import signal
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Self, TypeVar

from reportparse.errors import (
    InternalError,
    OutOfMemoryError,
    ReportParseError,
    WorkerCrashedError,
)
from reportparse.limits import timeout_error
from reportparse.runner import serve, wire

T = TypeVar("T")

# The job's own deadline inside the child (SIGALRM) gets this long to stop cleanly before SIGKILL.
KILL_GRACE = 1.0
# A child that inherits more address space than this share of its cap (forked from a large
# process, e.g. a notebook with pandas loaded) gets its cap on top of what it inherited.
_INHERITED_SHARE = 0.25
# A child killed by a signal after using this share of its cap as resident memory ran out of it.
_RESIDENT_SHARE = 0.7
_MEMORY_WORDS = (b"MemoryError", b"out of memory", b"Out of memory", b"bad_alloc", b"Cannot allocate memory")

_FORK_LOCK = threading.Lock()
_SUPERVISOR_FDS: set[int] = set()  # every live child's supervisor-side pipe ends: no other child keeps them


@dataclass(frozen=True)
class Limits:
    memory_mb: int | None = 500  # hard RLIMIT_AS of the child; None: no cap
    timeout: float | None = 60.0  # wall clock per job, enforced by the supervisor with SIGKILL


def out_of_memory_error(memory_mb: int | None) -> OutOfMemoryError:
    limit = f"the limit of {memory_mb} MB" if memory_mb else "what is available"
    return OutOfMemoryError(f"the input needs more memory than {limit} to read")


def _address_space() -> int:
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError):
        return 0


def _cap_bytes(memory_mb: int | None) -> int | None:
    if not memory_mb:
        return None
    cap = memory_mb * 2**20
    inherited = _address_space()
    return cap + inherited if inherited > cap * _INHERITED_SHARE else cap


class _Child:
    """One forked child and the supervisor's ends of its three pipes (jobs, results, stderr)."""

    def __init__(self, limits: Limits, initializer: Callable[[], None] | None, first_job: serve.Job | None):
        self.cap = _cap_bytes(limits.memory_mb)
        job_timeout = limits.timeout or None
        with _FORK_LOCK:
            job_r, job_w = os.pipe()
            result_r, result_w = os.pipe()
            err_r, err_w = os.pipe()
            for stream in (sys.stdout, sys.stderr):
                try:
                    stream.flush()  # else the child would flush the same buffered bytes again
                except (OSError, ValueError, AttributeError):
                    pass
            try:
                pid = os.fork()
            except OSError as e:  # out of processes or memory: no child to run the job in
                for fd in (job_r, job_w, result_r, result_w, err_r, err_w):
                    os.close(fd)
                raise WorkerCrashedError(f"the parser process cannot be started ({e.strerror})") from None
            if pid == 0:
                for fd in list(_SUPERVISOR_FDS) + [job_w, result_r, err_r]:
                    os.close(fd)
                try:
                    if not os.isatty(0):  # its own process group: a kill also ends what it started
                        os.setpgid(0, 0)
                    os.dup2(err_w, 2)
                    os.close(err_w)
                except OSError:
                    pass
                serve.serve(
                    job_r,
                    result_w,
                    timeout=job_timeout,
                    memory_bytes=self.cap,
                    initializer=initializer,
                    first_job=first_job,
                )
            for fd in (job_r, result_w, err_w):
                os.close(fd)
            os.set_blocking(job_w, False)
            self.pid, self.job_fd = pid, job_w
            self.receiver = wire.Receiver(result_r, err_r)
            _SUPERVISOR_FDS.update((job_w, result_r, err_r))
        self.status: int | None = None
        self.max_rss = 0

    def kill(self) -> None:
        for send in (os.killpg, os.kill):
            try:
                send(self.pid, signal.SIGKILL)
                break
            except (ProcessLookupError, PermissionError):
                continue
        self.reap()

    def reap(self, wait: float = 0.0) -> None:
        """Collect the exit status (waiting up to `wait` s, then killing) and close the pipes."""
        if self.status is None:
            end = time.monotonic() + wait
            while True:
                pid, status, usage = os.wait4(self.pid, os.WNOHANG)
                if pid:
                    self.status, self.max_rss = status, usage.ru_maxrss * 1024
                    break
                if time.monotonic() >= end:
                    os.kill(self.pid, signal.SIGKILL)
                    _, self.status, usage = os.wait4(self.pid, 0)
                    self.max_rss = usage.ru_maxrss * 1024
                    break
                time.sleep(0.01)
        for fd in (self.job_fd, self.receiver.result_fd, self.receiver.stderr_fd):
            if fd in _SUPERVISOR_FDS:
                _SUPERVISOR_FDS.discard(fd)
                os.close(fd)

    def death_error(self, memory_mb: int | None) -> ReportParseError:
        """What the child's end means: out of memory, a crash by a signal, or an early exit."""
        status = self.status or 0
        tail = self.receiver.stderr_tail
        if any(word in tail for word in _MEMORY_WORDS) or (
            self.cap and os.WIFSIGNALED(status) and self.max_rss >= self.cap * _RESIDENT_SHARE
        ):
            return out_of_memory_error(memory_mb)
        if os.WIFSIGNALED(status):
            number = os.WTERMSIG(status)
            try:
                name = signal.Signals(number).name
            except ValueError:
                name = f"signal {number}"
            return WorkerCrashedError(
                f"reading the input crashed the parser process ({name}: {signal.strsignal(number) or 'unknown signal'})"
            )
        return WorkerCrashedError(
            f"the parser process exited with status {os.WEXITSTATUS(status)} before giving a result"
        )


def _raise_reply(reply: Any, memory_mb: int | None) -> Any:
    if not isinstance(reply, tuple) or not reply:
        raise WorkerCrashedError("the parser process sent back a garbled result")
    tag = reply[0]
    if tag == "ok" and len(reply) == 2:
        return reply[1]
    if tag == "oom":
        raise out_of_memory_error(memory_mb)
    if tag == "error" and len(reply) == 3 and isinstance(reply[1], type) and issubclass(reply[1], ReportParseError):
        error = reply[1].__new__(reply[1])
        ReportParseError.__init__(error, reply[2])
        raise error
    if tag == "internal" and len(reply) == 3:
        raise InternalError(reply[1], detail=reply[2])
    raise WorkerCrashedError("the parser process sent back a garbled result")


class Worker:
    """A long-lived child process (fork on Linux) with a hard address-space limit; runs one job at a time."""

    max_result_bytes = 256 * 2**20  # a larger result is a garbling child, not a report

    def __init__(self, limits: Limits, initializer: Callable[[], None] | None = None) -> None:
        self.limits = limits
        self._initializer = initializer
        self._child: _Child | None = None
        self._lock = threading.Lock()

    def run(self, func: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """func(*args, **kwargs) in the child; func, arguments and result must pickle."""
        payload = pickle.dumps((func, args, kwargs), protocol=pickle.HIGHEST_PROTOCOL)
        with self._lock:
            return self._run(payload, None)

    def _run(self, payload: bytes | None, inline: serve.Job | None) -> Any:
        limits = self.limits
        end = time.monotonic() + limits.timeout + KILL_GRACE if limits.timeout else None
        fresh = self._child is None
        if fresh:
            self._child = _Child(limits, self._initializer, inline)
        child = self._child
        assert child is not None
        try:
            if payload is not None:
                try:
                    wire.send_frame(child.job_fd, payload, end)
                except wire.Closed:
                    if fresh:
                        raise
                    child.reap()  # it died while idle: start afresh, once
                    self._child = None
                    return self._run(payload, inline)
            reply = child.receiver.receive(end, self.max_result_bytes)
        except wire.TimedOut:
            self._discard(kill=True)
            raise timeout_error(limits.timeout or 0) from None
        except wire.Closed:
            self._discard(kill=False)
            raise child.death_error(limits.memory_mb) from None
        except wire.Garbled as e:
            self._discard(kill=True)
            raise WorkerCrashedError(f"the parser process sent back {e}") from None
        except BaseException:  # KeyboardInterrupt and the like: never leave a child behind
            self._discard(kill=True)
            raise
        if isinstance(reply, tuple) and reply[:1] == ("oom",):
            self._discard(kill=False)  # the child exits after running out of memory
        return _raise_reply(reply, limits.memory_mb)

    def _discard(self, *, kill: bool) -> None:
        child, self._child = self._child, None
        if child is None:
            return
        if kill:
            child.kill()
        else:
            child.reap(wait=2.0)

    def close(self) -> None:
        """End the child: it sees the job pipe close and exits (killed if it does not, within 2 s)."""
        with self._lock:
            child, self._child = self._child, None
            if child is not None:
                os.close(child.job_fd)
                _SUPERVISOR_FDS.discard(child.job_fd)
                child.reap(wait=2.0)

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def run_supervised(func: Callable[..., T], *args: Any, limits: Limits, **kwargs: Any) -> T:
    """One job in a fresh supervised child; func needs no pickling (it reaches the child by fork)."""
    worker = Worker(limits)
    try:
        return worker._run(None, (func, args, kwargs))
    finally:
        worker.close()
