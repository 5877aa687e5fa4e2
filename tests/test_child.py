"""The supervised child (reportparse.runner): what each way a job can end becomes in the
supervisor — a result, the job's own error, or a one-line ReportParseError for a child that
was killed, ran out of memory or crashed; and the next job after a kill runs in a fresh child."""

from __future__ import annotations

import os
import signal
import sys
import time
from pathlib import Path

import pytest

from reportparse.api import parse_to_data
from reportparse.errors import (
    InternalError,
    NotAReportError,
    OutOfMemoryError,
    ParseTimeoutError,
    ReportParseError,
    WorkerCrashedError,
)
from reportparse.runner import Limits, Worker, run_supervised

SAMPLE = Path(__file__).resolve().parents[1] / "corpus" / "sample" / "sample-report.pdf"


def allocate(n_bytes: int) -> int:
    return len(bytearray(n_bytes))


def sleep_then(seconds: float, value: str) -> str:
    time.sleep(seconds)
    return value


def sleep_deaf(seconds: float) -> None:
    """Sleeps with SIGALRM blocked: the in-child deadline cannot stop it, only the supervisor's SIGKILL."""
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
    time.sleep(seconds)


def segfault() -> None:
    os.kill(os.getpid(), signal.SIGSEGV)


def not_a_report() -> None:
    raise NotAReportError("no section of an annual report was found")


def internal_bug() -> None:
    {}["missing"]


def swallowed_memory_error() -> None:
    try:
        bytearray(4 * 2**30)
    except MemoryError:
        raise ValueError("the reader turned its MemoryError into its own error") from None


def pid_and_parent() -> tuple[int, int]:
    return os.getpid(), os.getppid()


def write_stdout() -> str:
    print("noise the child must never put on the supervisor's stdout")
    sys.stdout.flush()
    os.write(1, b"raw noise\n")
    return "done"


def huge_result() -> bytes:
    return b"x" * (3 * 2**20)


def test_allocating_2_gb_is_out_of_memory_and_the_next_job_runs():
    with Worker(Limits(memory_mb=500, timeout=30)) as worker:
        with pytest.raises(OutOfMemoryError) as caught:
            worker.run(allocate, 2 * 2**30)
        assert caught.value.message == "the input needs more memory than the limit of 500 MB to read"
        assert (caught.value.kind, caught.value.exit_code) == ("out_of_memory", 3)
        assert worker.run(allocate, 10 * 2**20) == 10 * 2**20


def test_a_memory_error_a_job_turned_into_another_error_is_still_out_of_memory():
    with pytest.raises(OutOfMemoryError):
        run_supervised(swallowed_memory_error, limits=Limits(memory_mb=500, timeout=30))


def test_a_job_past_its_timeout_is_a_timeout_and_the_next_job_works():
    with Worker(Limits(memory_mb=500, timeout=0.5)) as worker:
        started = time.monotonic()
        with pytest.raises(ParseTimeoutError) as caught:
            worker.run(sleep_then, 30, "late")
        assert time.monotonic() - started < 5
        assert caught.value.message == "the parse did not finish within the time limit of 0.5 s"
        assert (caught.value.kind, caught.value.exit_code) == ("timeout", 5)
        assert worker.run(sleep_then, 0, "next") == "next"


def test_a_job_deaf_to_its_deadline_is_killed_by_the_supervisor_and_replaced():
    with Worker(Limits(memory_mb=500, timeout=0.5)) as worker:
        first_pid, _ = worker.run(pid_and_parent)
        started = time.monotonic()
        with pytest.raises(ParseTimeoutError, match="time limit of 0.5 s"):
            worker.run(sleep_deaf, 30)
        assert time.monotonic() - started < 5
        with pytest.raises(ProcessLookupError):
            os.kill(first_pid, 0)  # killed and reaped, not left behind
        second_pid, parent = worker.run(pid_and_parent)
        assert second_pid != first_pid and parent == os.getpid()


def test_a_segfault_is_a_crash_naming_the_signal_and_the_next_job_runs():
    with Worker(Limits(memory_mb=500, timeout=30)) as worker:
        with pytest.raises(WorkerCrashedError) as caught:
            worker.run(segfault)
        assert caught.value.message == ("reading the input crashed the parser process (SIGSEGV: Segmentation fault)")
        assert (caught.value.kind, caught.value.exit_code) == ("crashed", 3)
        assert worker.run(sleep_then, 0, "after") == "after"


def test_the_jobs_own_error_comes_back_as_the_same_class_and_message():
    with Worker(Limits()) as worker:
        with pytest.raises(NotAReportError) as caught:
            worker.run(not_a_report)
        assert type(caught.value) is NotAReportError
        assert caught.value.message == "no section of an annual report was found"
        assert caught.value.exit_code == 4


def test_an_unexpected_exception_is_a_one_line_internal_error():
    with Worker(Limits()) as worker:
        with pytest.raises(InternalError) as caught:
            worker.run(internal_bug)
        assert caught.value.message == "KeyError: 'missing'"
        assert (caught.value.kind, caught.value.exit_code) == ("internal", 1)
        assert "internal_bug" in caught.value.detail  # the child's traceback, for --debug


def test_one_long_lived_child_runs_job_after_job():
    with Worker(Limits()) as worker:
        pids = {worker.run(pid_and_parent) for _ in range(3)}
        assert len(pids) == 1 and next(iter(pids))[0] != os.getpid()


def test_the_child_never_writes_to_the_supervisors_stdout(capfd):
    assert run_supervised(write_stdout, limits=Limits()) == "done"
    assert capfd.readouterr().out == ""


def test_a_result_larger_than_the_limit_is_a_crash_not_garbage():
    with Worker(Limits(memory_mb=500, timeout=30)) as worker:
        worker.max_result_bytes = 2 * 2**20
        with pytest.raises(WorkerCrashedError) as caught:
            worker.run(huge_result)
        assert caught.value.message.startswith("the parser process sent back a result of ")


def test_run_supervised_needs_no_pickling_of_the_job():
    assert run_supervised(lambda a, b=0: a + b, 2, b=3, limits=Limits()) == 5


def test_a_failing_initializer_answers_each_job_with_its_error():
    def setup() -> None:
        raise NotAReportError("setup failed")

    with Worker(Limits(), initializer=setup) as worker:
        for _ in range(2):
            with pytest.raises(NotAReportError, match="setup failed"):
                worker.run(sleep_then, 0, "never")


def test_a_real_parse_in_the_child_equals_the_one_in_process():
    in_process = parse_to_data(SAMPLE)
    with Worker(Limits()) as worker:
        assert worker.run(parse_to_data, SAMPLE) == in_process
        assert worker.run(parse_to_data, str(SAMPLE), max_pages=1) == parse_to_data(str(SAMPLE), max_pages=1)


def test_every_error_is_a_report_parse_error():
    for error in (OutOfMemoryError, WorkerCrashedError, InternalError):
        assert issubclass(error, ReportParseError)


def test_no_memory_cap_when_asked():
    for memory_mb in (None, 0):
        assert run_supervised(allocate, 700 * 2**20, limits=Limits(memory_mb=memory_mb, timeout=60)) == 700 * 2**20
