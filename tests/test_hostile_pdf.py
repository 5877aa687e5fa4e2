"""Hostile PDFs of issue 14, each built here (fuzz/amplifiers.py): small files that grow
huge inside a reader.  Each must end, under the 500 MB cap, in the exit code and the one
line that names its cause — before pdfminer or pdfium builds anything from it."""

from __future__ import annotations

from pathlib import Path

import pypdf
import pytest

from fuzz import amplifiers as amp
from fuzz.samples import report_pdf

pytestmark = pytest.mark.slow  # hostile PDFs built to exhaust a reader: left out of the quick suite

ERROR = "reportparse: error: "
SAMPLE = Path(__file__).resolve().parents[1] / "corpus" / "sample" / "sample-report.pdf"
BOMB = "page 1 of the PDF inflates to more than 32 MB of drawing instructions (a decompression bomb?)"


def dense(what: str, limit: int) -> str:
    return f"page 1 of the PDF has more than {limit} {what} (no report page has that many): it is too dense to read"


CASES = {
    # cause 2: bounded inflation through every filter and every stream
    "flate_flate_chain": (lambda: amp.filter_chain("flate_flate"), 3, BOMB),
    "hex_flate_chain": (lambda: amp.filter_chain("hex_flate", 48), 3, BOMB),
    "a85_flate_chain": (lambda: amp.filter_chain("a85_flate", 48), 3, BOMB),
    "form_xobject_bomb": (amp.form_xobject_bomb, 3, BOMB),
    "object_stream_of_64_mb_of_arrays": (
        amp.object_stream_bomb,
        3,
        ("an object stream (object 6) of the PDF inflates to more than 8 MB (a decompression bomb?)"),
    ),
    "xref_stream_index_of_10^8_objects": (
        amp.xref_stream_index,
        3,
        (
            "the PDF's cross-reference table claims 104857612 objects, more than any "
            "document holds (the limit is 2000000): it is corrupt or hostile"
        ),
    ),
    "41_pages_of_one_shared_bomb": (lambda: amp.shared_bomb_pages(41, 48), 3, BOMB),
    # cause 2: dense pages under the content limit, counted before pdfminer builds objects
    "one_tj_of_1m_glyphs": (lambda: amp.dense("glyphs", 1_000_000), 3, dense("bytes of text", 120000)),
    "800k_text_objects": (lambda: amp.dense("text_objects", 800_000), 3, dense("drawing operators", 250000)),
    "50k_rectangles": (lambda: amp.dense("rectangles", 50_000), 3, dense("rectangles and paths", 10000)),
    "3m_q": (lambda: amp.dense("q", 3_000_000), 3, dense("drawing operators", 250000)),
    "100k_blank_pages": (
        amp.blank_pages,
        3,
        "the PDF has 100000 pages, too many for an annual report (the limit is 5000)",
    ),
}


@pytest.mark.parametrize("name", list(CASES))
def test_pdf_amplifier_fails_fast_with_its_cause(name, tmp_path, capped_cli):
    build, code, message = CASES[name]
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(build())
    run = capped_cli(path)
    assert (run.returncode, run.stdout) == (code, b""), run.stderr
    assert run.stderr.decode() == ERROR + message + "\n"


def test_dense_pages_under_the_limits_still_parse(tmp_path, capped_cli):
    path = tmp_path / "dense-but-fine.pdf"
    path.write_bytes(amp.dense("glyphs", 20_000))
    run = capped_cli(path)
    assert run.returncode == 4  # read in full: readable Chinese text, no report in it
    assert run.stderr.decode().startswith(ERROR + "no section of an annual report")


def test_a_pdf_followed_by_50_mb_of_nuls_parses_like_the_intact_file(tmp_path, capped_cli):
    path = tmp_path / "padded.pdf"
    path.write_bytes(amp.nul_padded(SAMPLE.read_bytes(), 50))
    padded, intact = capped_cli(path, "--format", "cells", timeout=60), capped_cli(SAMPLE, "--format", "cells")
    assert (padded.returncode, padded.stderr) == (0, b"")
    assert padded.stdout == intact.stdout and intact.stdout.count(b"\n") > 100


@pytest.fixture(scope="module")
def intact(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("pw") / "intact.pdf"
    report_pdf(path)
    return path


def _encrypted(intact: Path, tmp: Path, password: str, algorithm: str) -> Path:
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(intact))
    writer.encrypt(user_password=password, owner_password="owner-secret", algorithm=algorithm)
    path = tmp / f"{algorithm}.pdf"
    writer.write(path)
    return path


@pytest.mark.parametrize("algorithm", ["RC4-128", "AES-128", "AES-256"])
def test_a_chinese_password_opens_the_pdf_and_a_wrong_one_is_wrong(algorithm, intact, tmp_path, capped_cli):
    path = _encrypted(intact, tmp_path, "年报密码", algorithm)
    right, plain = (
        capped_cli(path, "--password", "年报密码", "--format", "cells"),
        capped_cli(intact, "--format", "cells"),
    )
    assert (right.returncode, right.stderr) == (0, b"")
    assert right.stdout == plain.stdout
    wrong = capped_cli(path, "--password", "错误密码")
    assert (wrong.returncode, wrong.stderr.decode()) == (
        3,
        ERROR + "the PDF is encrypted and the password given is wrong\n",
    )


def test_a_password_given_as_bytes(intact, tmp_path):
    import reportparse

    path = _encrypted(intact, tmp_path, "secret", "AES-128")
    assert reportparse.parse(path, password=b"secret").cells() == reportparse.parse(intact).cells()
    with pytest.raises(
        reportparse.PasswordRequiredError, match="^the PDF is encrypted and the password given is wrong$"
    ):
        reportparse.parse(path, password="密".encode("gbk"))


# cause 7: a page stored turned (/Rotate) whose content is drawn turned back reads as shown
_TURNS = {  # /Rotate → how the content is drawn on the stored page (stored box of width w, height h)
    90: lambda w, h: pypdf.Transformation().rotate(90).translate(h, 0),
    270: lambda w, h: pypdf.Transformation().rotate(-90).translate(0, w),
    180: lambda w, h: pypdf.Transformation().rotate(180).translate(w, h),
}


@pytest.mark.parametrize("rotate", [90, 270, 180])
def test_a_page_stored_turned_reads_every_cell(rotate, intact, tmp_path, capped_cli):
    writer = pypdf.PdfWriter(clone_from=intact)
    for page in writer.pages:
        w, h = float(page.mediabox.width), float(page.mediabox.height)
        page.add_transformation(_TURNS[rotate](w, h))
        if rotate != 180:
            page.mediabox = pypdf.generic.RectangleObject([0, 0, h, w])
        page[pypdf.generic.NameObject("/Rotate")] = pypdf.generic.NumberObject(rotate)
    path = tmp_path / f"rotate{rotate}.pdf"
    writer.write(path)
    turned, plain = capped_cli(path, "--format", "cells"), capped_cli(intact, "--format", "cells")
    assert (turned.returncode, turned.stderr) == (0, b"")
    assert turned.stdout == plain.stdout and plain.stdout.count(b"\n") == 200


def test_a_page_drawn_sideways_without_rotate_is_named_in_problems(intact, tmp_path, capped_cli):
    import json

    writer = pypdf.PdfWriter(clone_from=intact)
    page = writer.pages[1]
    w, h = float(page.mediabox.width), float(page.mediabox.height)
    page.add_transformation(_TURNS[90](w, h))  # turned, but no /Rotate to show it turned back
    page.mediabox = pypdf.generic.RectangleObject([0, 0, h, w])
    path = tmp_path / "sideways.pdf"
    writer.write(path)
    run = capped_cli(path)
    assert (run.returncode, run.stderr) == (0, b"")
    sideways = [p for p in json.loads(run.stdout)["problems"] if p["kind"] == "sideways_text"]
    import pdfplumber

    with pdfplumber.open(intact) as pdf:
        glyphs = len(pdf.pages[1].chars)
    assert [(p["page"], p["message"]) for p in sideways] == [
        (
            2,
            (
                f"page 2: its text runs sideways ({glyphs} of {glyphs} glyphs are turned and the page does not say to "
                "show it turned back): it cannot be read in order, so the lines and tables of this page may be missing "
                "or wrong"
            ),
        )
    ]
