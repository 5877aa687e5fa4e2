"""`reportparse batch`: one record per input (corpus documents, real samples, hostile files),
summaries that add up, resume after kill -9, identical files parsed once, progress, and
`reportparse.parse_many`.  Every batch runs the real command in a fresh process."""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from reportparse.runner.progress import Progress
from reportparse.runner.records import scan
from tests.batch_inputs import CORPUS, CORPUS_SUBSET, build_hostile

pytestmark = pytest.mark.slow  # whole batch runs in supervised children: left out of the quick suite

PROGRESS_LINE = re.compile(r"reportparse batch: \d+/\d+ done, \d+ errors, [\d.]+ documents/s(, ETA [^\n]+)?\n")


def batch(*args, stdin: bytes | None = None, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "reportparse", "batch", *map(str, args)],
        input=stdin,
        capture_output=True,
        timeout=timeout,
        check=False,
    )


def records(out: Path) -> list[dict]:
    return [json.loads(line) for line in (out / "reports.jsonl").read_text(encoding="utf-8").splitlines()]


def summary(out: Path) -> dict:
    return json.loads((out / "summary.json").read_text(encoding="utf-8"))


def single_file(cli, path: Path) -> dict:
    result = cli(path)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def same_as_single_file(cli, rec: dict) -> None:
    """The record says what `reportparse FILE` says: the same JSON, or the same error."""
    result = cli(rec["source"])
    if result.returncode == 0:
        assert rec["status"] == "ok" and rec["report"] == json.loads(result.stdout)
    else:
        assert rec["status"] == "error" and rec["report"] is None
        assert result.stderr.decode() == f"reportparse: error: {rec['error']['message']}\n"
        assert rec["error"]["exit_code"] == result.returncode


def assert_adds_up(s: dict, recs: list[dict]) -> None:
    assert s["records"] == len(recs) == s["status"]["ok"] + s["status"]["error"]
    assert s["status"]["error"] == sum(s["errors"].values())
    assert Counter(r["error"]["kind"] for r in recs if r["error"]) == s["errors"]
    run = s["run"]
    assert run["inputs"] == run["parsed"] + run["copied"] + run["already_recorded"] + run["unreadable"]


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> tuple[Path, dict[str, str]]:
    folder = tmp_path_factory.mktemp("batch") / "hostile"
    return folder, build_hostile(folder)


@pytest.fixture(scope="module")
def corpus_subset(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("batch") / "docs"
    folder.mkdir()
    for name in CORPUS_SUBSET:
        shutil.copyfile(CORPUS / name, folder / name)
    shutil.copyfile(CORPUS / CORPUS_SUBSET[0], folder / "copy-of-first.pdf")  # identical content, two names
    return folder


def test_one_record_per_input_with_the_right_kind(corpus_subset, hostile, tmp_path, cli):
    folder, kinds = hostile
    out = tmp_path / "out"
    result = batch(corpus_subset, folder, "-o", out, "--jobs", "2", "--no-dataset")
    assert result.returncode == 0, result.stderr
    recs = records(out)
    by_source = {r["source"]: r for r in recs}
    documents = sorted(str(p) for p in corpus_subset.iterdir())
    assert sorted(by_source) == sorted(documents + list(kinds))  # one each; x.pdf/ (a folder) holds nothing
    assert len(recs) == len(by_source)
    for source, kind in kinds.items():
        rec = by_source[source]
        assert (rec["status"], rec["error"]["kind"], rec["report"]) == ("error", kind, None), source
        assert rec["error"]["exit_code"] in (3, 4)
        assert "\n" not in rec["error"]["message"] and rec["error"]["message"]
    for source in documents:
        rec = by_source[source]
        assert rec["status"] == "ok" and rec["error"] is None
        assert rec["report"] == single_file(cli, Path(source))  # the single-file command's JSON, whole
        data = Path(source).read_bytes()
        assert rec["bytes"] == len(data)
        assert rec["sha256"] == __import__("hashlib").sha256(data).hexdigest()
        assert rec["reportparse_version"] == "0.1.0"
    s = summary(out)
    assert_adds_up(s, recs)
    assert s["status"] == {"ok": len(documents), "error": len(kinds)}
    assert s["errors"] == dict(sorted(Counter(kinds.values()).items()))
    assert s["run"]["parsed"] == len(documents) - 1 + len(kinds) - 4  # the copy is not parsed; 4 never open
    assert s["run"]["copied"] == 1 and s["run"]["unreadable"] == 4
    assert s["pages"] == sum(r["report"]["meta"]["pages"] for r in recs if r["report"])
    # A run longer than the progress interval prints progress lines first (a slow machine).
    stderr = [line for line in result.stderr.decode().splitlines(keepends=True) if not PROGRESS_LINE.match(line)]
    assert "".join(stderr).startswith(
        f"reportparse batch: {len(recs)} records: {len(documents)} ok, {len(kinds)} errors\n"
    )


def test_real_samples_are_the_single_file_commands(shared, tmp_path, cli):
    out = tmp_path / "out"
    result = batch(shared / "real", "-o", out, "--no-dataset", "--quiet")
    assert (result.returncode, result.stderr) == (0, b"")
    recs = records(out)
    assert sorted(r["source"] for r in recs) == sorted(str(p) for p in (shared / "real").iterdir())
    for rec in recs:  # (some real samples are not read yet: the record says so as the command does)
        same_as_single_file(cli, rec)
    assert sum(r["status"] == "ok" for r in recs) >= 6


def test_a_document_past_its_time_limit_costs_its_own_record(corpus_subset, tmp_path):
    out = tmp_path / "out"
    result = batch(
        corpus_subset / CORPUS_SUBSET[0],
        corpus_subset / CORPUS_SUBSET[1],
        "-o",
        out,
        "--timeout",
        "0.001",
        "--jobs",
        "1",
        "--no-dataset",
        "--quiet",
    )
    assert result.returncode == 0, result.stderr
    for rec in records(out):
        assert rec["error"] == {
            "exit_code": 5,
            "kind": "timeout",
            "message": "the parse did not finish within the time limit of 0.001 s",
        }
        assert rec["elapsed_s"] < 5


def _slow_batch(tmp_path: Path, pattern: str, n: int, new_session: bool = False):
    """A batch of n corpus documents, one at a time, left running: (docs, names, out, process)."""
    docs = tmp_path / "docs"
    docs.mkdir()
    names = sorted(p.name for p in CORPUS.glob(pattern))[:n]
    for name in names:
        shutil.copyfile(CORPUS / name, docs / name)
    out = tmp_path / "out"
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "reportparse",
            "batch",
            str(docs),
            "-o",
            str(out),
            "--jobs",
            "1",
            "--no-dataset",
            "--quiet",
        ],
        start_new_session=new_session,
    )
    return docs, names, out, proc


def _children(pid: int) -> list[int]:
    """The processes `pid` started (its worker children), from /proc."""
    kids = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        kids += [int(k) for k in (task / "children").read_text().split()]
    return kids


def test_a_worker_killed_by_a_signal_costs_one_record_and_the_batch_goes_on(tmp_path):
    docs, names, out, proc = _slow_batch(tmp_path, "*-ttf-*.pdf", 5)
    _wait_for_lines(out / "reports.jsonl", 1, proc)
    workers = _children(proc.pid)
    assert len(workers) == 1
    os.kill(workers[0], signal.SIGSEGV)  # as a crash inside a C library would end it
    assert proc.wait(timeout=120) == 0
    recs = records(out)
    assert sorted(r["source"] for r in recs) == sorted(str(docs / n) for n in names)
    crashed = [r for r in recs if r["status"] == "error"]
    assert [r["error"]["kind"] for r in crashed] == ["crashed"]
    assert crashed[0]["error"]["message"].startswith("reading the input crashed the parser process (SIGSEGV")
    assert sum(r["status"] == "ok" for r in recs) == len(names) - 1


def _wait_for_lines(path: Path, n: int, proc: subprocess.Popen, seconds: float = 120) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end and proc.poll() is None:
        if path.exists() and path.read_bytes().count(b"\n") >= n:
            return
        time.sleep(0.05)
    raise AssertionError("the batch did not write the records in time")


def test_kill_9_then_resume_completes_without_duplicates(tmp_path):
    docs, names, out, proc = _slow_batch(tmp_path, "*-cid-*.pdf", 10, new_session=True)
    _wait_for_lines(out / "reports.jsonl", 3, proc)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    log = out / "reports.jsonl"
    done_before = log.read_bytes().count(b"\n")
    assert 3 <= done_before < len(names)
    whole = log.read_bytes().splitlines(keepends=True)
    with open(log, "ab") as f:  # what a kill in the middle of a write leaves
        f.write(whole[0][: len(whole[0]) // 2])
    found = scan(log)
    assert (len(found.lines), found.damaged) == (done_before, 1)

    result = batch(docs, "-o", out, "--resume", "--jobs", "1", "--no-dataset")
    assert result.returncode == 0, result.stderr
    recs = records(out)
    assert sorted(r["source"] for r in recs) == sorted(str(docs / n) for n in names)
    assert all(r["status"] == "ok" for r in recs)
    run = summary(out)["run"]
    assert (run["already_recorded"], run["parsed"], run["copied"]) == (done_before, len(names) - done_before, 0)

    again = batch(docs, "-o", out, "--resume", "--no-dataset")  # nothing left to do
    assert again.returncode == 0, again.stderr
    assert summary(out)["run"]["parsed"] == 0 and summary(out)["run"]["already_recorded"] == len(names)
    assert records(out) == recs


def test_resume_copies_a_renamed_file_and_retries_errors_only_when_asked(corpus_subset, tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    shutil.copyfile(corpus_subset / CORPUS_SUBSET[0], docs / "a.pdf")
    (docs / "broken.pdf").write_bytes(b"%PDF-1.7\n1 0 obj")
    out = tmp_path / "out"
    assert batch(docs, "-o", out, "--no-dataset", "--quiet").returncode == 0
    first = {r["source"]: r for r in records(out)}
    shutil.copyfile(docs / "a.pdf", docs / "renamed.pdf")
    assert batch(docs, "-o", out, "--resume", "--no-dataset", "--quiet").returncode == 0
    recs = {r["source"]: r for r in records(out)}
    assert summary(out)["run"] == {**summary(out)["run"], "parsed": 0, "copied": 1, "already_recorded": 2}
    assert recs[str(docs / "renamed.pdf")] == {**first[str(docs / "a.pdf")], "source": str(docs / "renamed.pdf")}

    result = batch(docs, "-o", out, "--resume", "--retry-errors", "--no-dataset", "--quiet")
    assert result.returncode == 0
    assert summary(out)["run"]["parsed"] == 1 and summary(out)["run"]["already_recorded"] == 2
    assert len(records(out)) == 3  # the error record was replaced, not duplicated
    assert batch(docs, "-o", out, "--resume", "--fail-on-error", "--no-dataset", "--quiet").returncode == 1


def test_inputs_from_standard_input_and_globs(corpus_subset, tmp_path):
    out = tmp_path / "out"
    listed = f"{corpus_subset / CORPUS_SUBSET[0]}\n\n{tmp_path / 'missing.pdf'}\n".encode()
    result = batch("-", str(corpus_subset / "*-ttf-*.pdf"), "-o", out, "--no-dataset", "--quiet", stdin=listed)
    assert result.returncode == 0, result.stderr
    assert sorted((r["source"], r["error"] and r["error"]["kind"]) for r in records(out)) == sorted(
        [
            (str(tmp_path / "missing.pdf"), "not_found"),
            (str(corpus_subset / CORPUS_SUBSET[0]), None),
            (str(corpus_subset / CORPUS_SUBSET[1]), None),
        ]
    )


def test_exclude_leaves_out_names_in_folders_walked(tmp_path):
    docs = tmp_path / "docs"
    (docs / "sub").mkdir(parents=True)
    name = CORPUS_SUBSET[0].removesuffix(".pdf")
    for suffix in (".pdf", ".cells.tsv", ".truth.json"):
        shutil.copyfile(CORPUS / (name + suffix), docs / "sub" / (name + suffix))
    out = tmp_path / "out"
    result = batch(docs, "-o", out, "--exclude", "*.json", "--exclude", "*.tsv", "--no-dataset", "--quiet")
    assert result.returncode == 0, result.stderr
    assert [(r["source"], r["status"]) for r in records(out)] == [(str(docs / "sub" / f"{name}.pdf"), "ok")]


@pytest.mark.parametrize(
    "args, message",
    [
        (["nowhere.pdf"], "no such file or folder: nowhere.pdf"),
        (["nowhere/*.pdf"], "no file matches nowhere/*.pdf"),
        (["--jobs", "0", "."], "argument --jobs: must be positive: '0'"),
    ],
)
def test_usage_errors_exit_2(args, message, tmp_path):
    result = batch(*args, "-o", tmp_path / "out")
    assert (result.returncode, result.stderr.decode()) == (2, f"reportparse: error: {message}\n")


def test_an_outdir_that_holds_records_or_cannot_be_made_exits_2(corpus_subset, tmp_path):
    out = tmp_path / "out"
    assert batch(corpus_subset / CORPUS_SUBSET[0], "-o", out, "--no-dataset", "--quiet").returncode == 0
    again = batch(corpus_subset / CORPUS_SUBSET[0], "-o", out, "--no-dataset")
    assert (again.returncode, again.stderr.decode()) == (
        2,
        (
            f"reportparse: error: {out / 'reports.jsonl'} already holds records: add --resume to go on with them, "
            "or choose another output folder\n"
        ),
    )
    blocked = tmp_path / "file"
    blocked.write_text("x")
    result = batch(corpus_subset / CORPUS_SUBSET[0], "-o", blocked / "out")
    assert result.returncode == 2
    assert (
        result.stderr.decode() == f"reportparse: error: cannot create the output folder {blocked / 'out'}: "
        "Not a directory\n"
    )


def test_progress_is_a_plain_line_off_a_terminal_and_a_bar_on_one():
    plain = io.StringIO()
    progress = Progress(3, quiet=False, stream=plain, every_s=0)
    progress.update(error=False)
    progress.update(error=True)
    progress.close()
    lines = plain.getvalue().splitlines()
    assert len(lines) == 2
    assert lines[1].startswith("reportparse batch: 2/3 done, 1 errors, ") and "documents/s, ETA " in lines[1]

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    terminal = Terminal()
    bar = Progress(3, stream=terminal)
    bar.update(error=True)
    bar.close()
    assert "reportparse batch:  33%|" in terminal.getvalue() and "1/3" in terminal.getvalue()
    assert "errors=1" in terminal.getvalue()
    quiet = Terminal()
    silent = Progress(3, quiet=True, stream=quiet)
    silent.update(error=False)
    silent.close()
    assert quiet.getvalue() == ""


def test_parse_many_yields_in_input_order_with_errors_in_place(corpus_subset, hostile):
    import reportparse

    folder, _ = hostile
    sources = [
        corpus_subset / CORPUS_SUBSET[1],
        str(folder / "truncated.pdf"),
        (corpus_subset / CORPUS_SUBSET[2]).read_bytes(),
        str(folder / "notice.pdf"),
        corpus_subset / CORPUS_SUBSET[0],
    ]
    results = list(reportparse.parse_many(iter(sources), jobs=2, timeout=60))
    assert [source for source, _ in results] == sources
    kinds = [r.kind if isinstance(r, reportparse.ReportParseError) else type(r).__name__ for _, r in results]
    assert kinds == ["Report", "corrupt", "Report", "not_a_report", "Report"]
    single = reportparse.parse(sources[0])
    assert results[0][1] == single
    assert results[4][1].cells() == reportparse.parse(sources[4]).cells()
