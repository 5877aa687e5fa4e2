"""The child's side of the supervised process: cap its own memory, then run jobs one at a
time and send each result or error back as one frame.  The child never writes to the
supervisor's stdout and always ends with os._exit (nothing inherited is flushed twice)."""

from __future__ import annotations

import faulthandler
import os
import pickle
import resource
import signal
import sys
import traceback
from collections.abc import Callable
from typing import Any

from reportparse.errors import ReportParseError
from reportparse.limits import deadline
from reportparse.runner import wire

Job = tuple[Callable[..., Any], tuple, dict]
_OUT_OF_MEMORY = pickle.dumps(("oom",))  # made before any job: sending it must not need memory


def cap_memory(limit_bytes: int | None) -> None:
    """A hard address-space limit (never above one already set, e.g. by `prlimit`); no core files."""
    resource.setrlimit(resource.RLIMIT_CORE, (0, resource.getrlimit(resource.RLIMIT_CORE)[1]))
    if limit_bytes is None:
        return
    hard = resource.getrlimit(resource.RLIMIT_AS)[1]
    if hard != resource.RLIM_INFINITY:
        limit_bytes = min(limit_bytes, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit_bytes, limit_bytes))


def _die_with_parent() -> None:
    """SIGKILL this child when its supervisor dies (Linux), so no parse outlives it."""
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def ran_out_of_memory(error: BaseException | None) -> bool:
    """A MemoryError anywhere in the chain: a reader that turned one into its own error still ran out."""
    seen: set[int] = set()
    while error is not None and id(error) not in seen:
        if isinstance(error, MemoryError):
            return True
        seen.add(id(error))
        error = error.__cause__ or error.__context__
    return False


def _reply_for(error: BaseException) -> tuple:
    if isinstance(error, KeyboardInterrupt):
        os._exit(130)
    if ran_out_of_memory(error):
        return ("oom",)
    if isinstance(error, ReportParseError):
        return ("error", type(error), error.message)
    text = " ".join(str(error).split())[:300]
    return (
        "internal",
        f"{type(error).__name__}: {text}" if text else type(error).__name__,
        "".join(traceback.format_exception(error)),
    )


def run_job(job: Job, timeout: float | None) -> tuple:
    try:
        func, args, kwargs = job
        with deadline(timeout):
            return ("ok", func(*args, **kwargs))
    except BaseException as e:
        return _reply_for(e)


def _encode(reply: tuple) -> bytes:
    try:
        return pickle.dumps(reply, protocol=pickle.HIGHEST_PROTOCOL)
    except MemoryError:
        return _OUT_OF_MEMORY
    except Exception as e:
        return pickle.dumps(("internal", f"the result cannot be sent back: {type(e).__name__}: {e}", ""))


def serve(
    job_fd: int,
    result_fd: int,
    *,
    timeout: float | None,
    memory_bytes: int | None,
    initializer: Callable[[], None] | None,
    first_job: Job | None,
) -> None:
    """The child's whole life: set up, then answer jobs until the supervisor closes the pipe."""
    try:
        devnull = os.open(os.devnull, os.O_RDWR)
        os.dup2(devnull, 1)
        os.close(devnull)
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 -- whatever sys.stdout was, not only fd 1; lives with the child
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        faulthandler.enable(file=2)  # a crash's trace goes to the supervisor's stderr pipe, not the caller's
        _die_with_parent()
        cap_memory(memory_bytes)
        # A failed initializer answers every job with its error (the child stays, so
        # the supervisor never mistakes that for a crash).
        setup_error = run_job((initializer, (), {}), None) if initializer else ("ok", None)
        while True:
            if first_job is not None:
                job, first_job = first_job, None
            else:
                frame = wire.read_frame(job_fd)
                if frame is None:
                    break
                try:
                    job = pickle.loads(frame)
                except BaseException as e:
                    wire.write_frame(result_fd, _encode(_reply_for(e)))
                    continue
            reply = run_job(job, timeout) if setup_error[0] == "ok" else setup_error
            wire.write_frame(result_fd, _encode(reply))
            if reply[0] == "oom":
                break  # its heap may be in pieces: the supervisor starts a fresh child
    except BaseException:
        os._exit(70)
    os._exit(0)
