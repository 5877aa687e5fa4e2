"""The fuzzer's CLI mode: each input through `python -m reportparse` as a scraper runs it,
under RLIMIT_AS = --memory-mb, in a random stdio state (input on stdin, stdin, stdout or
stderr closed, stdout on /dev/full) or interrupted by Ctrl-C at a random moment.

Fine: exit 0 with nothing on stderr; 2, 3 or 4 with exactly one `reportparse: error:` line
and nothing on stdout; 130 with `reportparse: interrupted` after a Ctrl-C.  Findings:
"memory" (out of memory under the cap), "timeout" (exit 5), "hang" (no exit in time),
"cli" (anything else: a traceback, a signal death, exit 1, an error on stdout)."""

from __future__ import annotations

import os
import random
import resource
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

_STATES = ["file"] * 6 + ["stdin", "stdout_closed", "stdout_full", "stdin_closed", "stderr_closed", "sigint"]


def _preexec(memory_mb: int, close: int | None):
    def setup() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (memory_mb * 2**20, memory_mb * 2**20))
        if close is not None:
            os.close(close)

    return setup


def _judge(state: str, code: int, out: bytes, err: bytes) -> tuple[str, str]:
    text = err.decode("utf-8", "replace")
    detail = f"state {state}, exit {code}: {text.strip()[:500]}"
    if code < 0:
        return "cli", f"state {state}: killed by signal {-code}: {text.strip()[-500:]}"
    if code == 5:
        return "timeout", detail
    if "needs more memory than" in text:
        return "memory", detail
    if state == "sigint" and code == 130:
        return ("interrupted", "") if text == "reportparse: interrupted\n" and not out else ("cli", detail)
    if code == 0:
        return ("parsed", "") if not err else ("cli", detail)
    if code in (2, 3, 4):
        one_line = text.startswith("reportparse: error: ") and text.count("\n") == 1
        if state == "stderr_closed" or (one_line and not out):
            return f"exit{code}", ""
    return "cli", detail


def check_cli(data: bytes, timeout: float, memory_mb: int, rng: random.Random) -> tuple[str, str, float]:
    """(outcome, detail, peak RSS of the reportparse processes in MB) for one input."""
    state = rng.choice(_STATES)
    with tempfile.TemporaryDirectory(prefix="fuzz-cli-") as tmp:
        path = Path(tmp) / "input"
        path.write_bytes(data)
        on_stdin = state in ("stdin", "stdin_closed")
        args = [
            sys.executable,
            "-m",
            "reportparse",
            "-" if on_stdin else str(path),
            "--format",
            "cells",
            "--timeout",
            f"{timeout:g}",
        ]
        close = {"stdout_closed": 1, "stdin_closed": 0, "stderr_closed": 2}.get(state)
        with open(path, "rb") as source, open(os.devnull if state != "stdout_full" else "/dev/full", "wb") as full:
            process = subprocess.Popen(
                args,
                stdin=source if on_stdin else subprocess.DEVNULL,
                stdout=full if state == "stdout_full" else subprocess.PIPE,
                stderr=subprocess.PIPE,
                preexec_fn=_preexec(memory_mb, close),
            )
            outputs: dict[str, bytes] = {}
            readers = [
                threading.Thread(target=lambda n=name, s=stream: outputs.__setitem__(n, s.read()))
                for name, stream in (("out", process.stdout), ("err", process.stderr))
                if stream
            ]
            for reader in readers:
                reader.start()
            if state == "sigint":
                time.sleep(rng.uniform(0.05, 1.5))
                os.kill(process.pid, signal.SIGINT)  # not send_signal: its poll() would reap the exit status
            end = time.monotonic() + 2 * timeout + 30
            for reader in readers:
                reader.join(max(0.0, end - time.monotonic()))
            if any(reader.is_alive() for reader in readers):
                process.kill()
                os.wait4(process.pid, 0)
                process.returncode = -9
                return "hang", f"state {state}: no exit within {2 * timeout + 30:g} s", 0.0
            _, status, usage = os.wait4(process.pid, 0)  # its usage includes the supervised child's
            process.returncode = os.waitstatus_to_exitcode(status)
    outcome, detail = _judge(state, process.returncode, outputs.get("out", b""), outputs.get("err", b""))
    return outcome, detail, usage.ru_maxrss / 1024
