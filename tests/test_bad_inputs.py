"""The catalogue of bad, broken and hostile inputs, each built here (reportlab, the project's
generator, pypdf), and what the command line does with each: the exit code and the one
line a user sees on stderr, never a traceback, a hang or more than 500 MB of memory.

Every catalogue input runs the CLI in a fresh process under RLIMIT_AS = 500 MB (so an
overrun would crash it, not pass) and a wall-clock bound.
"""

from __future__ import annotations

import json
import random
import re
import resource
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pypdf
import pytest

from fuzz.hostile import bomb, dense_page, hostile
from fuzz.samples import SEED_SPECS, report_docx, report_pdf, report_text

MEMORY_LIMIT = 500 * 2**20
ERROR = "reportparse: error: "


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def run_cli(*args, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "reportparse", *map(str, args)],
        capture_output=True,
        timeout=timeout,
        preexec_fn=_limit_memory,
    )


def cells_of(stdout: bytes) -> dict[str, str]:
    return dict(line.split("\t", 1) for line in stdout.decode("utf-8").splitlines())


# ---------------------------------------------------------------- builders


def _intact(d: Path) -> Path:
    path = d / "intact.pdf"
    if not path.exists():
        report_pdf(path)
    return path


def _encrypted(d: Path, name: str, user: str) -> Path:
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(_intact(d)))
    writer.encrypt(user_password=user, owner_password="owner-secret", algorithm="AES-128")
    path = d / name
    writer.write(path)
    return path


def _with_pages(d: Path, name: str, source: Path, keep: int) -> Path:
    reader, writer = pypdf.PdfReader(source), pypdf.PdfWriter()
    for page in reader.pages[:keep]:
        writer.add_page(page)
    path = d / name
    writer.write(path)
    return path


def _xref_offsets_wrong(data: bytes) -> bytes:
    """Every in-use xref entry points at the same wrong offset; the table itself parses."""
    start = data.rindex(b"\nxref") + 1
    end = data.index(b"trailer", start)
    table = bytes(data[start:end])
    table = re.sub(rb"\d{10} 00000 n", b"0000000100 00000 n", table)
    return data[:start] + table + data[end:]


def _cid_canvas(path: Path):
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    return canvas.Canvas(str(path), invariant=1)


def _text_pdf(path: Path, lines: list[str], per_page: int = 40) -> Path:
    c = _cid_canvas(path)
    for start in range(0, len(lines), per_page):
        c.setFont("STSong-Light", 11)
        for k, line in enumerate(lines[start : start + per_page]):
            c.drawString(60, 800 - 18 * k, line)
        c.showPage()
    c.save()
    return path


def _scanned(path: Path, pages: int = 3) -> Path:
    from PIL import Image, ImageDraw
    from reportlab.lib.utils import ImageReader

    c = _cid_canvas(path)
    for _ in range(pages):
        image = Image.new("L", (300, 400), 255)
        draw = ImageDraw.Draw(image)
        for k in range(28):  # rows of "text" as a scanner sees it: pixels
            draw.line((20, 20 + 13 * k, 280, 20 + 13 * k), fill=0, width=3)
        c.drawImage(ImageReader(image), 50, 100, 500, 650)
        c.showPage()
    c.save()
    return path


def _long_document(d: Path) -> Path:
    """A report followed by 296 pages of appendix: 300 pages."""
    appendix = _text_pdf(
        d / "appendix.pdf",
        [f"附件{k // 40 + 1}：政府信息公开目录第{k % 40 + 1}条 关于印发有关工作方案的通知" for k in range(296 * 40)],
    )
    writer = pypdf.PdfWriter()
    writer.append(str(_intact(d)))
    writer.append(str(appendix))
    path = d / "long.pdf"
    writer.write(path)
    return path


def _garbled(d: Path) -> Path:
    """The TTF report with its ToUnicode maps disabled: glyphs decode to (cid:N) codes."""
    from dataclasses import replace
    from corpus.generator.fonts import FontMissing

    source = d / "ttf.pdf"
    try:
        report_pdf(source, replace(SEED_SPECS[0], producer="reportlab-ttf"))
    except FontMissing as e:
        pytest.skip(f"the embedded-font producer needs Debian's fonts-wqy-zenhei ({e})")
    data = source.read_bytes()
    assert b"/ToUnicode" in data
    path = d / "garbled.pdf"
    path.write_bytes(data.replace(b"/ToUnicode", b"/ToUnicodX"))  # same length: offsets stay valid
    return path


def _text(d: Path, name: str, encoding: str, bom: bytes = b"") -> Path:
    text, _ = report_text()
    path = d / name
    path.write_bytes(bom + text.encode(encoding))
    return path


def _zip_bomb() -> bytes:
    """A .docx-looking archive whose one member inflates to 300 MB of zeros."""
    import io
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        with z.open("word/document.xml", "w") as member:
            chunk = bytes(2**20)
            for _ in range(300):
                member.write(chunk)
    return out.getvalue()


HTML_404 = (
    '<!DOCTYPE html><html><head><meta charset="utf-8"><title>404 Not Found</title></head><body>'
    "<h1>404 Not Found</h1><p>您访问的页面不存在或已被删除。</p><p>nginx</p></body></html>"
).encode()


@dataclass
class Case:
    build: Callable[[Path], Path]
    exit_code: int
    message: str = ""  # the stable leading part of the stderr line, after "reportparse: error: "
    args: tuple = ()
    same_cells_as_intact: bool = False
    seconds: float = 60


def _write(name: str, data: bytes | Callable[[], bytes]) -> Callable[[Path], Path]:
    def build(d: Path) -> Path:
        path = d / name
        path.write_bytes(data() if callable(data) else data)
        return path

    return build


NOT_A_REPORT = "no section of an annual report (一、总体情况 … 六、其他需要报告的事项) was found"
CORRUPT = "the PDF is corrupt and cannot be read"

CATALOGUE: dict[str, Case] = {
    "zero_bytes": Case(_write("empty.pdf", b""), 3, "the input is empty"),
    "random_bytes": Case(
        _write("random.pdf", random.Random(1).randbytes(20_000)),
        3,
        "the input is not a PDF, Word, HTML or text file (unrecognised binary data)",
    ),
    "html_error_page_as_pdf": Case(_write("report.pdf", HTML_404), 4, NOT_A_REPORT),
    "zip_not_docx": Case(
        _write("report.pdf", b"PK\x03\x04" + bytes(200)), 3, "the input is a ZIP archive but not a Word .docx file"
    ),
    "truncated_at_half": Case(
        lambda d: _write("half.pdf", _intact(d).read_bytes()[: _intact(d).stat().st_size // 2])(d),
        3,
        "the PDF is truncated: it ends before its end-of-file marker (%%EOF)",
    ),
    "xref_wrong_offsets_repairable": Case(
        lambda d: _write("xref.pdf", _xref_offsets_wrong(_intact(d).read_bytes()))(d), 0, same_cells_as_intact=True
    ),
    "xref_wrong_startxref_repairable": Case(
        lambda d: _write("startxref.pdf", _intact(d).read_bytes().replace(b"startxref\n", b"startxref\n9"))(d),
        0,
        same_cells_as_intact=True,
    ),
    "html_appended_after_eof": Case(
        lambda d: _write("junk.pdf", _intact(d).read_bytes() + HTML_404 * 20)(d), 0, same_cells_as_intact=True
    ),
    "xref_beyond_repair": Case(
        lambda d: _write("ruined.pdf", _xref_offsets_wrong(_intact(d).read_bytes()).replace(b" obj", b" ojb"))(d),
        3,
        CORRUPT,
    ),
    "header_then_garbage": Case(
        _write("garbage.pdf", b"%PDF-1.7\n" + random.Random(2).randbytes(8000)), 3, "the PDF is truncated"
    ),
    "encrypted_user_password": Case(
        lambda d: _encrypted(d, "locked.pdf", "secret"),
        3,
        "the PDF is encrypted: a password is needed to open it (use --password)",
    ),
    "encrypted_user_password_given": Case(
        lambda d: _encrypted(d, "locked.pdf", "secret"), 0, args=("--password", "secret"), same_cells_as_intact=True
    ),
    "encrypted_wrong_password_given": Case(
        lambda d: _encrypted(d, "locked.pdf", "secret"),
        3,
        "the PDF is encrypted and the password given is wrong",
        args=("--password", "guess"),
    ),
    "encrypted_empty_user_password": Case(lambda d: _encrypted(d, "open.pdf", ""), 0, same_cells_as_intact=True),
    "scanned_images_only": Case(
        lambda d: _scanned(d / "scan.pdf"),
        3,
        "the PDF has no text layer on pages 1–3 (scanned images): OCR is needed",
        args=("--ocr", "never"),
    ),  # OCR of scans: tests/test_ocr.py
    "text_pdf_not_a_report": Case(
        lambda d: _text_pdf(
            d / "notice.pdf",
            [
                "关于做好2024年春节期间安全生产工作的通知",
                "各乡镇人民政府、各有关单位：",
                "为切实做好春节期间安全生产工作，现将有关事项通知如下。",
                "一、高度重视，加强领导",
                "二、突出重点，强化检查",
            ]
            * 4,
        ),
        4,
        NOT_A_REPORT,
    ),
    "garbled_font_no_tounicode": Case(
        _garbled, 3, "the PDF's text layer does not decode to characters: ", args=("--ocr", "never")
    ),
    "decompression_bomb": Case(
        _write("bomb.pdf", bomb), 3, "page 1 of the PDF inflates to more than 32 MB of drawing instructions"
    ),
    "dense_page_52k_glyphs": Case(_write("dense.pdf", dense_page), 4, NOT_A_REPORT, seconds=30),
    "page_tree_cycle": Case(_write("cycle.pdf", lambda: hostile("page_tree_cycle")), 4, NOT_A_REPORT),
    "reference_cycle": Case(_write("refcycle.pdf", lambda: hostile("reference_cycle")), 3, CORRUPT),
    "self_reference": Case(_write("selfref.pdf", lambda: hostile("self_reference")), 3, CORRUPT),
    "nested_arrays_100k": Case(_write("arrays.pdf", lambda: hostile("nested_arrays")), 4, NOT_A_REPORT),
    "nested_dicts_50k": Case(_write("dicts.pdf", lambda: hostile("nested_dicts")), 4, NOT_A_REPORT),
    "nested_content_100k": Case(_write("q.pdf", lambda: hostile("nested_content")), 4, NOT_A_REPORT),
    "xobject_draws_itself": Case(_write("xobject.pdf", lambda: hostile("xobject_loop")), 4, NOT_A_REPORT),
    "text_gbk": Case(lambda d: _text(d, "gbk.pdf", "gbk"), 0),
    "text_utf8_bom": Case(lambda d: _text(d, "bom.txt", "utf-8", b"\xef\xbb\xbf"), 0),
    "text_utf16_le_bom": Case(lambda d: _text(d, "u16.txt", "utf-16-le", b"\xff\xfe"), 0),
    "text_utf16_be_bom": Case(lambda d: _text(d, "u16be.txt", "utf-16-be", b"\xfe\xff"), 0),
    "text_utf16_le_no_bom": Case(lambda d: _text(d, "u16nobom.txt", "utf-16-le"), 0),
    "text_over_32_mb": Case(
        _write("huge.txt", lambda: "一、总体情况\n".encode() * (3 * 2**20)),
        3,
        "the text is 57 MB, too large for an annual report (the limit is 32 MB)",
    ),
    "docx_zip_bomb": Case(
        _write("bomb.docx", _zip_bomb),
        3,
        "the Word file inflates to more than 32 MB of XML in word/document.xml (a zip bomb?)",
    ),
    "docx_renamed_pdf": Case(lambda d: (report_docx(d / "word.pdf"), d / "word.pdf")[1], 0),
}


@pytest.fixture(scope="module")
def work(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("bad_inputs")


def _expected_text_cells() -> dict[str, str]:
    _, truth = report_text()
    return {k: v or "" for k, v in truth.cells.items()}


@pytest.mark.parametrize("name", list(CATALOGUE))
def test_catalogue(name: str, work: Path):
    case = CATALOGUE[name]
    path = case.build(work)
    started = time.monotonic()
    result = run_cli(path, "--format", "cells", *case.args, timeout=case.seconds)
    elapsed = time.monotonic() - started
    stderr = result.stderr.decode("utf-8")
    assert "Traceback" not in stderr
    assert result.returncode == case.exit_code, stderr
    if case.exit_code:
        assert stderr.endswith("\n") and stderr.count("\n") == 1, stderr
        assert stderr.startswith(ERROR + case.message), stderr
        assert result.stdout == b""
    else:
        assert stderr == ""
        cells = cells_of(result.stdout)
        if case.same_cells_as_intact:
            assert cells == cells_of(run_cli(_intact(work), "--format", "cells").stdout)
        elif name.startswith(("text_", "docx_")):
            assert cells == _expected_text_cells()
    assert elapsed < case.seconds


def test_report_missing_its_later_pages(work: Path):
    """Parses what is there; the problems name the sections and tables that are not."""
    path = _with_pages(work, "first-two-pages.pdf", _intact(work), 2)
    result = run_cli(path)
    assert result.returncode == 0 and result.stderr == b""
    report = json.loads(result.stdout)
    found = {s["number"] for s in report["sections"]}
    messages = [p["message"] for p in report["problems"]]
    assert found == {1, 2, 3}
    for heading in ("四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"):
        assert f"section {heading} is missing" in messages
    assert "table appeals is missing" in messages
    assert any(m.startswith("table requests stops after row") for m in messages)
    intact = cells_of(run_cli(_intact(work), "--format", "cells").stdout)
    partial = cells_of(run_cli(path, "--format", "cells").stdout)
    assert partial and all(intact[k] == v for k, v in partial.items())


def test_300_page_document_in_bounded_time(work: Path):
    """Only the report's pages are read in full: seconds, not the minute 300 pages would take."""
    path = _long_document(work)
    started = time.monotonic()
    result = run_cli(path, "--format", "cells")
    assert result.returncode == 0, result.stderr
    assert time.monotonic() - started < 20
    assert cells_of(result.stdout) == cells_of(run_cli(_intact(work), "--format", "cells").stdout)
    limited = run_cli(path, "--max-pages", "2")
    assert limited.returncode == 0, limited.stderr
    report = json.loads(limited.stdout)
    assert max(s["page_end"] for s in report["sections"]) <= 2
    assert report["meta"]["pages"] == 300


@pytest.mark.parametrize(
    "args, message",
    [
        (("--max-pages", "0"), "argument --max-pages: must be positive: '0'"),
        (("--timeout", "-1"), "argument --timeout: must be positive: '-1'"),
        (("--timeout", "nan"), "argument --timeout: must be positive: 'nan'"),
    ],
)
def test_bad_limits_are_usage_errors(args, message, work: Path):
    result = run_cli(_intact(work), *args)
    assert result.returncode == 2
    assert result.stderr.decode() == f"{ERROR}{message}\n"


def test_timeout_gives_exit_5(work: Path):
    result = run_cli(_intact(work), "--timeout", "0.001")
    assert result.returncode == 5
    assert result.stderr.decode() == f"{ERROR}the parse did not finish within the time limit of 0.001 s\n"


def test_library_timeout(work: Path):
    import threading

    import reportparse
    from reportparse.errors import ParseTimeoutError

    with pytest.raises(ParseTimeoutError, match="time limit of 0.001 s"):
        reportparse.parse(_intact(work), timeout=0.001)
    # Off the main thread there is no SIGALRM: the limit is checked page by page.
    errors: list[BaseException] = []

    def parse_in_thread():
        try:
            reportparse.parse(_intact(work), timeout=0.001)
        except BaseException as e:  # noqa: BLE001 - handed to the main thread
            errors.append(e)

    thread = threading.Thread(target=parse_in_thread)
    thread.start()
    thread.join(60)
    assert len(errors) == 1 and isinstance(errors[0], ParseTimeoutError)
    assert reportparse.parse(_intact(work), timeout=60).tables["requests"].found


def test_deadline_interrupts_a_loop_and_survives_one_swallowed_alarm():
    from reportparse.errors import ParseTimeoutError
    from reportparse.limits import deadline

    started = time.monotonic()
    with pytest.raises(ParseTimeoutError):
        with deadline(0.2):
            try:
                while True:
                    pass
            except Exception:  # a library swallowing the first alarm ...
                pass
            while True:  # ... and looping on: the alarm fires again
                pass
    assert time.monotonic() - started < 5


def test_a_failure_left_by_a_swallowed_alarm_is_the_timeout():
    """A library that catches the alarm and then fails on its half-done work (a broken
    state, an import cut short) fails past the deadline: that is the timeout, not a bug."""
    from reportparse.errors import ParseTimeoutError
    from reportparse.limits import deadline

    with pytest.raises(ParseTimeoutError, match=r"within the time limit of 0\.05 s"):
        with deadline(0.05):
            try:
                while True:
                    pass
            except Exception:  # the alarm swallowed ...
                pass
            raise KeyError("state the interrupted work left half built")  # ... and a failure after it
    with pytest.raises(KeyError):  # before the deadline, a failure is what it is
        with deadline(60):
            raise KeyError("a real bug")


def test_internal_error_is_one_line_with_exit_1(monkeypatch, capsys):
    from reportparse import cli
    import reportparse.api

    def broken(*args, **kwargs):
        raise KeyError("boom")

    monkeypatch.setattr(reportparse.api, "parse_to_data", broken)
    assert cli.main(["whatever.pdf"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("reportparse: internal error: KeyError: 'boom' (a bug in reportparse;")
    assert err.count("\n") == 1
    with pytest.raises(KeyError):
        cli.main(["whatever.pdf", "--debug"])
