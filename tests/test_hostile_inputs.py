"""Hostile text, web pages, Word files and calls of issue 14 (causes 1, 3–9), each built
here: exit code and the exact one line from the command line run under the 500 MB cap,
or the exact error from the library — and for the odd-but-valid ones, the same cells as
the plain version."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import docx
import pytest

import reportparse
from fuzz import amplifiers as amp
from fuzz.samples import report_docx, report_html, report_text
from reportparse.errors import (
    InternalError,
    ParseTimeoutError,
    ReportParseError,
    UsageError,
)

pytestmark = pytest.mark.slow  # hostile inputs built to exhaust a reader: left out of the quick suite

ERROR = "reportparse: error: "
SAMPLE = Path(__file__).resolve().parents[1] / "corpus" / "sample" / "sample-report.pdf"


def assert_error(run: subprocess.CompletedProcess, code: int, message: str) -> None:
    assert (run.returncode, run.stdout) == (code, b""), run.stderr
    assert run.stderr.decode() == ERROR + message + "\n"


@pytest.fixture(scope="module")
def word(tmp_path_factory) -> bytes:
    path = tmp_path_factory.mktemp("word") / "report.docx"
    report_docx(path)
    return path.read_bytes()


# ------------------------------------------------------------------ cause 1: bounded reads


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_an_endless_device_is_read_only_up_to_the_bound(device, capped_cli):
    assert_error(
        capped_cli(device),
        3,
        "the input is more than 200 MB, too large for an annual report (the limit is 200 MB: --max-bytes)",
    )


def test_stdin_from_dev_zero_is_read_only_up_to_the_bound(capped_cli):
    with open("/dev/zero", "rb") as zero:
        assert_error(
            capped_cli("-", stdin=zero),
            3,
            "the input is more than 200 MB, too large for an annual report (the limit is 200 MB: --max-bytes)",
        )


def test_a_sparse_file_is_refused_by_its_size_unread(tmp_path, capped_cli):
    path = tmp_path / "sparse.pdf"
    with open(path, "wb") as f:
        f.truncate(1536 * 2**20)
    assert_error(
        capped_cli(path), 3, "the input is 1536 MB, too large for an annual report (the limit is 200 MB: --max-bytes)"
    )


def test_max_bytes_sets_the_bound(capped_cli):
    assert_error(
        capped_cli(SAMPLE, "--max-bytes", "1000"),
        3,
        f"the input is {SAMPLE.stat().st_size} bytes, too "
        "large for an annual report (the limit is 1000 bytes: --max-bytes)",
    )


# ------------------------------------------------------------------ cause 3: text, HTML and Word amplifiers


def test_five_million_text_rows_are_refused_by_their_line_count(tmp_path, capped_cli):
    path = tmp_path / "rows.txt"
    path.write_bytes(amp.text_rows(5_000_000))
    assert_error(capped_cli(path), 3, "the text has 5000002 lines, too many for an annual report (the limit is 30000)")


def test_html_spans_are_clamped_and_a_huge_grid_is_read_as_text(tmp_path, capped_cli):
    path = tmp_path / "spans.html"
    path.write_bytes(amp.html_spans(30_000, 1000))
    run = capped_cli(path, "--format", "cells")
    assert (run.returncode, run.stderr, run.stdout) == (0, b"", b"")  # the heading, no table, no cells


def test_a_colspan_wider_than_the_table_is_clamped_to_its_width():
    from reportparse.sources.html import load_html

    page = (
        "<table><tr><td>项目</td><td>数量</td><td>备注</td></tr>"
        "<tr><td colspan='1000' rowspan='1000'>合计 12</td></tr></table>"
    )
    table = load_html(page).pages[0].blocks[0]
    wide = [c for c in table.cells if c.text == "合计 12"]
    assert [(c.row, c.col, c.colspan, c.rowspan) for c in wide] == [(1, 0, 3, 1)]


def test_a_96_mb_web_page_is_refused_unparsed(tmp_path, capped_cli):
    path = tmp_path / "big.html"
    path.write_bytes(b"<html><body>" + b"<p>x</p>" * (12 * 2**20) + b"</body></html>")
    assert_error(capped_cli(path), 3, "the HTML page is 96 MB, too large for an annual report (the limit is 32 MB)")


def test_a_zip_that_understates_an_entry_is_counted_as_it_inflates(word, tmp_path, capped_cli):
    path = tmp_path / "lying.docx"
    path.write_bytes(amp.lying_zip(word, 300))
    # Its declared size is the bound the zip reader keeps to: it stops there, the CRC fails.
    assert_error(capped_cli(path), 3, "the Word file is corrupt or not a .docx (BadZipFile)")


# ------------------------------------------------------------------ cause 4: Word numbering


@pytest.mark.parametrize(
    "start, fmt",
    [
        ("-5", "decimalFullWidth"),
        ("-2147483648", "chineseCounting"),
        ("20000000000", "lowerLetter"),
        ("1000000000000", "lowerRoman"),
    ],
)
def test_numbering_starts_are_clamped(start, fmt, word, tmp_path, capped_cli):
    path = tmp_path / "numbered.docx"
    path.write_bytes(amp.docx_numbering(word, start, fmt))
    (tmp_path / "plain.docx").write_bytes(word)
    run, plain = (
        capped_cli(path, "--format", "cells", timeout=60),
        capped_cli(tmp_path / "plain.docx", "--format", "cells"),
    )
    assert (run.returncode, run.stderr) == (0, b"")
    assert run.stdout == plain.stdout and plain.stdout.count(b"\n") > 100


# ------------------------------------------------------------------ cause 5: crashes


def test_an_undefined_charset_is_ignored(tmp_path, capped_cli):
    page, _ = report_html()
    (tmp_path / "plain.html").write_text(page, encoding="utf-8")
    (tmp_path / "undefined.html").write_text(page.replace('charset="utf-8"', 'charset="undefined"'), encoding="utf-8")
    plain, odd = (capped_cli(tmp_path / n, "--format", "cells") for n in ("plain.html", "undefined.html"))
    assert (odd.returncode, odd.stderr) == (0, b"")
    assert odd.stdout == plain.stdout


# ------------------------------------------------------------------ cause 6: time limits everywhere


def _in_thread(call) -> BaseException | None:
    caught: list[BaseException] = []

    def run() -> None:
        try:
            call()
        except BaseException as e:  # noqa: BLE001 -- handed to the test
            caught.append(e)

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(120)
    return caught[0] if caught else None


def test_text_html_and_word_readers_check_the_deadline_off_the_main_thread(word):
    text = report_text()[0] * 40  # ~30,000 lines, under every limit
    html = report_html()[0].replace("</body>", "<p>附</p>" * 60_000 + "</body>")
    document = docx.Document(io.BytesIO(word))
    for _ in range(3000):
        document.add_paragraph("其他说明")
    buffer = io.BytesIO()
    document.save(buffer)
    for call in (
        lambda: reportparse.parse_text(text, timeout=0.01),
        lambda: reportparse.parse_html(html, timeout=0.01),
        lambda: reportparse.parse(buffer.getvalue(), timeout=0.01),
    ):
        started = time.monotonic()
        error = _in_thread(call)
        assert isinstance(error, ParseTimeoutError), error
        assert error.message == "the parse did not finish within the time limit of 0.01 s"
        assert time.monotonic() - started < 10


def _soffice_processes_under(folder: Path) -> list[int]:
    found = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
        except OSError:
            continue
        if str(folder).encode() in cmdline:
            found.append(int(pid))
    return found


def test_a_doc_past_the_timeout_leaves_no_libreoffice_and_no_temp_folder(word, tmp_path):
    import shutil

    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    (tmp_path / "report.docx").write_bytes(word)
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "doc",
            "--outdir",
            str(tmp_path),
            str(tmp_path / "report.docx"),
        ],
        capture_output=True,
        timeout=180,
        check=True,
    )
    temp = tmp_path / "temp"
    temp.mkdir()
    env = {**os.environ, "TMPDIR": str(temp)}
    run = subprocess.run(
        [sys.executable, "-m", "reportparse", str(tmp_path / "report.doc"), "--timeout", "0.5"],
        capture_output=True,
        timeout=120,
        env=env,
    )
    assert_error(run, 5, "the parse did not finish within the time limit of 0.5 s")
    time.sleep(0.5)
    assert _soffice_processes_under(temp) == []
    assert list(temp.iterdir()) == []


# ------------------------------------------------------------------ cause 7: silent wrong results


@pytest.mark.parametrize("ending", ["\r", "\u2028", "\r\n"])
def test_every_line_end_reads_as_a_line_end(ending, tmp_path, capped_cli):
    text, _ = report_text()
    (tmp_path / "lf.txt").write_text(text, encoding="utf-8", newline="\n")
    (tmp_path / "odd.txt").write_bytes(text.replace("\n", ending).encode("utf-8"))
    plain, odd = (capped_cli(tmp_path / n, "--format", "cells") for n in ("lf.txt", "odd.txt"))
    assert (odd.returncode, odd.stderr) == (0, b"")
    assert odd.stdout == plain.stdout and plain.stdout.count(b"\n") > 100


def test_utf32_is_unsupported_not_a_non_report(tmp_path, capped_cli):
    path = tmp_path / "utf32.txt"
    path.write_bytes(report_text()[0].encode("utf-32"))
    assert_error(capped_cli(path), 3, "the text is in UTF-32, which is not read here: save it as UTF-8, UTF-16 or GBK")


def test_a_word_report_inside_a_one_row_two_column_layout_table(word, tmp_path, capped_cli):
    document = docx.Document(io.BytesIO(word))
    body = document.element.body
    paragraphs = [p for p in body if p.tag.endswith("}p")]
    layout = document.add_table(rows=1, cols=2)
    left, right = layout.rows[0].cells
    left.paragraphs[0].text = "目录"
    body.remove(layout._tbl)
    body.insert(0, layout._tbl)
    right_tc = right._tc
    for p in paragraphs[:12]:  # the title and the first sections' headings and text
        right_tc.append(p)
    (tmp_path / "laid-out.docx").write_bytes(_saved(document))
    (tmp_path / "plain.docx").write_bytes(word)
    plain, laid_out = (capped_cli(tmp_path / n, "--format", "cells") for n in ("plain.docx", "laid-out.docx"))
    assert (laid_out.returncode, laid_out.stderr) == (0, b"")
    assert laid_out.stdout == plain.stdout and plain.stdout.count(b"\n") > 100


def _saved(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# ------------------------------------------------------------------ cause 8: the API contract


@pytest.mark.parametrize(
    "call, error, message",
    [
        (
            lambda: reportparse.parse(12345),
            UsageError,
            "cannot parse a int: give a path, bytes or a binary file object",
        ),
        (
            lambda: reportparse.parse_text(b"bytes"),
            UsageError,
            "parse_text() takes a decoded str, not a bytes: give bytes to parse()",
        ),
        (
            lambda: reportparse.parse_html(None),
            UsageError,
            "parse_html() takes a decoded str, not a NoneType: give bytes to parse()",
        ),
        (
            lambda: reportparse.parse_text("一、总体情况\n", timeout=float("nan")),
            UsageError,
            "the timeout must be a positive number of seconds, not nan",
        ),
        (
            lambda: reportparse.parse_text("x" * (33 * 2**20)),
            reportparse.UnreadableInputError,
            "the text is 33 M characters, too large for an annual report (the limit is 32 M)",
        ),
        (lambda: reportparse.parse_html("<p>" + "<b>" * 2_000_000), None, None),
    ],
)
def test_only_report_parse_errors_escape(call, error, message):
    with pytest.raises(ReportParseError) as caught:
        call()
    if error is not None:
        assert type(caught.value) is error and caught.value.message == message


def test_an_unexpected_exception_inside_is_an_internal_error(monkeypatch):
    import reportparse.api

    monkeypatch.setattr(reportparse.api, "build_report", lambda document: 1 / 0)
    with pytest.raises(InternalError) as caught:
        reportparse.parse_text("一、总体情况\n")
    assert caught.value.message == "ZeroDivisionError: division by zero"
    assert (caught.value.kind, caught.value.exit_code) == ("internal", 1)


def test_a_lone_surrogate_never_breaks_the_json():
    report = reportparse.parse_text(report_text()[0].replace("总体情况\n", "总体情况\n\ud800孤\n", 1))
    assert "\ufffd孤" in report.model_dump_json()


# ------------------------------------------------------------------ cause 9: a bounded heading cache


def test_long_lines_stay_out_of_the_heading_cache():
    from reportparse.recognize import headings

    before = headings._match_heading.cache_info().currsize
    for n in range(50):
        assert not headings.is_heading("一、总体情况" + "很" * (1_000_000 + n))
    assert headings._match_heading.cache_info().currsize == before
    assert headings.is_heading("  一、总体情况  ")
