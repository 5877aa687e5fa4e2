"""The command line runs each parse in the supervised child: a parse that needs more memory
than --memory-mb, or runs past --timeout, ends in one line and its exit code; the output is
the same bytes as an in-process parse; stdio states and Ctrl-C end in one line, never a
traceback, and the error line never lands on stdout."""

from __future__ import annotations

import json
import shlex
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import reportparse
from reportparse.api import parse_to_data
from reportparse.export.formats import to_json

pytestmark = pytest.mark.slow  # supervised child processes, signals and deadlines: left out of the quick suite

SAMPLE = Path(__file__).resolve().parents[1] / "corpus" / "sample" / "sample-report.pdf"
ERROR = "reportparse: error: "
CLI = [sys.executable, "-m", "reportparse"]


def shell(redirections: str, *args: str) -> subprocess.CompletedProcess:
    """The CLI under a shell's stdio redirections (`>&-` closes stdout, `>/dev/full` fills it)."""
    command = " ".join(shlex.quote(a) for a in [*CLI, *args]) + " " + redirections
    return subprocess.run(["sh", "-c", command], capture_output=True, timeout=120)


def test_the_supervised_parse_prints_the_same_bytes_as_an_in_process_parse(cli):
    run = cli(SAMPLE)
    assert run.returncode == 0, run.stderr
    assert run.stderr == b""
    assert run.stdout == (to_json(parse_to_data(SAMPLE)) + "\n").encode("utf-8")


def test_a_parse_over_the_memory_cap_is_exit_3_in_one_line(cli):
    run = cli(SAMPLE, "--memory-mb", "40")
    assert (run.returncode, run.stdout) == (3, b"")
    assert run.stderr.decode() == ERROR + "the input needs more memory than the limit of 40 MB to read\n"


def test_a_parse_past_the_timeout_is_exit_5_in_one_line(cli):
    started = time.monotonic()
    run = cli(SAMPLE, "--timeout", "0.05")
    assert time.monotonic() - started < 10
    assert (run.returncode, run.stdout) == (5, b"")
    assert run.stderr.decode() == ERROR + "the parse did not finish within the time limit of 0.05 s\n"


@pytest.mark.parametrize("value", ["1e10", "inf", "0"])
def test_a_huge_infinite_or_zero_timeout_means_no_limit(cli, value):
    run = cli(SAMPLE, "--format", "cells", "--timeout", value)
    assert run.returncode == 0, run.stderr
    assert run.stdout.decode().startswith("active.coercion.decisions\t59\n")


@pytest.mark.parametrize(
    "option, value, message",
    [
        ("--timeout", "nan", "argument --timeout: must be positive: 'nan'"),
        ("--memory-mb", "-5", "argument --memory-mb: must be positive: '-5'"),
        ("--max-bytes", "lots", "argument --max-bytes: not a number: 'lots'"),
    ],
)
def test_bad_limits_are_usage_errors(cli, option, value, message):
    run = cli(SAMPLE, option, value)
    assert (run.returncode, run.stdout, run.stderr.decode()) == (2, b"", ERROR + message + "\n")


def test_stdout_closed_is_one_line_and_exit_2():
    run = shell(">&-", str(SAMPLE))
    assert run.returncode == 2
    assert run.stderr.decode() == ERROR + "standard output is closed: there is nowhere to write the report\n"


def test_stdout_full_is_one_line_and_exit_2():
    run = shell(">/dev/full", str(SAMPLE))
    assert run.returncode == 2
    assert run.stderr.decode() == ERROR + "cannot write the report to standard output: No space left on device\n"


def test_stdin_closed_is_one_line_and_exit_2():
    run = shell("<&-", "-")
    assert (run.returncode, run.stdout) == (2, b"")
    assert run.stderr.decode() == ERROR + "standard input is closed: there is no report to read from it\n"


def test_with_stderr_closed_the_error_never_goes_to_stdout():
    run = shell("2>&-", "no-such-file.pdf")
    assert (run.returncode, run.stdout) == (2, b"")


def test_a_closed_stdout_pipe_reader_is_not_an_error():
    run = shell("| head -c 10", str(SAMPLE))
    assert (run.returncode, run.stdout, run.stderr) == (0, b'{"meta":{"', b"")


@pytest.mark.parametrize("delay", [0.3, 0.6, 1.0, 1.5])  # after Python's own start-up (~30 ms unloaded)
def test_ctrl_c_at_any_moment_is_one_line_and_exit_130(delay):
    process = subprocess.Popen([*CLI, str(SAMPLE)], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    time.sleep(delay)
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=60)
    if process.returncode == 0:  # the report was written first: the late Ctrl-C changes nothing
        assert (json.loads(out)["meta"]["pages"], err) == (4, b"")
        return
    assert (process.returncode, out, err) == (130, b"", b"reportparse: interrupted\n")


def test_the_library_can_isolate_a_parse_with_the_same_result():
    isolated = reportparse.parse(SAMPLE, isolate=True)
    assert isolated.model_dump_json() == reportparse.parse(SAMPLE).model_dump_json()
    with open(SAMPLE, "rb") as f:
        assert reportparse.parse(f, isolate=True).cells() == isolated.cells()


def test_an_isolated_parse_past_its_timeout_is_killed():
    started = time.monotonic()
    with pytest.raises(reportparse.ParseTimeoutError) as caught:
        reportparse.parse(SAMPLE.read_bytes(), isolate=True, timeout=0.01)
    assert time.monotonic() - started < 5
    assert caught.value.message == "the parse did not finish within the time limit of 0.01 s"


@pytest.mark.parametrize("delay", [0.3, 0.45, 0.6, 0.8, 1.0])
def test_ctrl_c_just_after_an_error_line_never_kills_the_process_by_signal(delay, tmp_path):
    path = tmp_path / "truncated.pdf"
    path.write_bytes(SAMPLE.read_bytes()[:5000])  # fails fast: the fuzzer's CLI mode finding #310
    process = subprocess.Popen([*CLI, str(path)], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    time.sleep(delay)
    if process.poll() is None:
        process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=60)
    assert (process.returncode, out, err) in [
        (
            3,
            b"",
            (
                ERROR + "the PDF is truncated: it ends before its end-of-file marker (%%EOF), so the file "
                "is incomplete; download it again\n"
            ).encode(),
        ),
        (130, b"", b"reportparse: interrupted\n"),
    ]
