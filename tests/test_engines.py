"""The two PDF engines — pdfium (default) and pdfplumber (the reference) — give the same
report, and the ruled-grid code gives pdfplumber's own table cells."""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from pathlib import Path

import pdfplumber
import pytest

from reportparse.api import parse, parse_to_data
from reportparse.errors import GarbledTextError, UsageError
from reportparse.sources import pdfium
from reportparse.sources.pdf import _rules
from reportparse.sources.pdf_grid import find_tables
from reportparse.sources.pdf_rules import _THIN, _is_light, ruling_rules

ROOT = Path(__file__).resolve().parents[1]
CORPUS_PDFS = sorted((ROOT / "corpus" / "docs").glob("*.pdf"))
# Cell boxes of ruled tables come from the ruling lines and agree to float precision;
# a box built from glyphs differs by the fonts' descent, which pdfium takes from the
# font file when a PDF's descriptor says 0 (LibreOffice): at most 0.31 font sizes,
# 3.64 pt measured on the real samples.
BBOX_TOLERANCE = 4.0


def _without_boxes(data):
    if isinstance(data, dict):
        return {k: None if k == "bbox" else _without_boxes(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_without_boxes(v) for v in data]
    return data


def _boxes(data, path: str = "") -> dict[str, list[float]]:
    out: dict[str, list[float]] = {}
    if isinstance(data, dict):
        for k, v in data.items():
            if k == "bbox" and v is not None:
                out[path] = v
            else:
                out.update(_boxes(v, f"{path}/{k}"))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            out.update(_boxes(v, f"{path}[{i}]"))
    return out


def read_by_pdfium(path: Path) -> tuple[dict, Counter[str]]:
    """The report from the default engine, and why (reason -> 1) pdfium handed it to pdfplumber, if it did."""
    before = Counter(pdfium.handed_over)
    data = parse_to_data(path, engine="pdfium")
    return data, pdfium.handed_over - before


def assert_same_report(path: Path) -> None:
    """Both engines give the same report, and pdfium read the document itself."""
    fast, handed_over = read_by_pdfium(path)
    reference = parse_to_data(path, engine="pdfplumber")
    assert not handed_over, (path.name, handed_over)
    assert _without_boxes(fast) == _without_boxes(reference)
    fast_boxes, reference_boxes = _boxes(fast), _boxes(reference)
    assert fast_boxes.keys() == reference_boxes.keys()
    for where, box in reference_boxes.items():
        assert max(abs(a - b) for a, b in zip(box, fast_boxes[where])) <= BBOX_TOLERANCE, where


@pytest.mark.slow
@pytest.mark.parametrize("path", CORPUS_PDFS, ids=lambda p: p.name)
def test_engines_agree_on_the_corpus(path: Path):
    assert_same_report(path)


@pytest.mark.slow
def test_engines_agree_on_the_real_samples(shared):
    pdfs = sorted((shared / "real").glob("*.pdf"))
    assert pdfs
    for path in pdfs:
        assert_same_report(path)


def test_engines_agree_on_hzq2023_read_by_pdfium_itself(shared):
    # A WPS file: pdfium's box for its vertical labels is 199 pt for 9.95 pt text.
    assert_same_report(shared / "real" / "hzq2023.pdf")


@pytest.mark.parametrize(
    "name",
    [
        "norules-chrome-108.pdf",
        "wrapped-numbers-lo-283.pdf",
        "wide-tables-ttf-174.pdf",
        "plain-cid-101.pdf",
        "rotated-split-ttf-190.pdf",
    ],
)
def test_engines_agree_on_each_producer(name: str):
    # Chromium and LibreOffice set spaces apart in objects pdfium drops: they are put
    # back; /Rotate 90 turns pdfium's boxes.
    assert_same_report(ROOT / "corpus" / "docs" / name)


def test_a_font_that_is_not_embedded_is_read_by_pdfium_itself():
    # reportlab's built-in STSong-Light (UniGB-UCS2-H) is not embedded; without its
    # outlines pdfium measures a one-character object (a lone digit in a cell) as empty
    # and its text page skips it, unless the reader gives the object a box.
    path = ROOT / "corpus" / "docs" / "appeals-split-cid-159.pdf"
    assert b"/STSong-Light" in path.read_bytes() and b"/FontFile" not in path.read_bytes()
    data, handed_over = read_by_pdfium(path)
    assert handed_over == Counter()
    # Lone digits: pdfium used to drop them (and hand the whole document over).
    cells = data["tables"]["active"]["cells"]
    assert [
        (cells[f"active.regulations.{c}"]["raw"], cells[f"active.normative_documents.{c}"]["raw"])
        for c in ("issued", "repealed", "in_force")
    ] == [("0", "1"), ("0", "0"), ("0", "4")]
    assert (cells["active.coercion.decisions"]["value"], cells["active.fees.amount"]["value"]) == (5, 0)
    assert_same_report(path)


def _vertical_label_report(path: Path) -> None:
    """A one-page report in reportlab's built-in STSong-Light, its table label written
    vertically (UniGB-UCS2-V) beside a lone digit."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    vertical = UnicodeCIDFont("STSong-Light", isVertical=True)
    vertical.name = vertical.fontName = "STSong-Light-Vertical"
    pdfmetrics.registerFont(vertical)
    page = canvas.Canvas(str(path))
    page.setFont("STSong-Light", 12)
    lines = ["某区人民政府2023年政府信息公开工作年度报告", "一、总体情况"]
    lines += ["本年度我区认真贯彻落实《条例》，政府信息公开工作取得新成效。"] * 20
    for i, line in enumerate(lines):
        page.drawString(72, 780 - 24 * i, line)
    page.setFont("STSong-Light-Vertical", 12)
    page.drawString(500, 300, "行政复议")
    page.drawString(530, 300, "5")
    page.save()


def test_vertical_writing_in_a_font_that_is_not_embedded_is_handed_to_pdfplumber(tmp_path: Path):
    # pdfium boxes vertical writing unlike pdfminer: its objects are not given a box, so
    # they stay dropped and pdfplumber reads the document.
    path = tmp_path / "vertical.pdf"
    _vertical_label_report(path)
    assert b"/UniGB-UCS2-V" in path.read_bytes()
    fast, handed_over = read_by_pdfium(path)
    assert handed_over == Counter({"text objects pdfium gives no characters for": 1})
    assert fast == parse_to_data(path, engine="pdfplumber")
    assert fast["sections"][0]["heading"] == "一、总体情况"


def test_a_font_without_tounicode_is_still_handed_to_pdfplumber():
    # Embedded TrueType with its ToUnicode maps disabled: pdfium gives glyph numbers, so
    # pdfplumber reads the file and names the problem.
    data = (ROOT / "corpus" / "docs" / "plain-ttf-102.pdf").read_bytes()
    garbled = data.replace(b"/ToUnicode", b"/ToUnicodX")  # same length: offsets stay valid
    assert garbled != data
    before = Counter(pdfium.handed_over)
    with pytest.raises(GarbledTextError, match="fonts without a usable ToUnicode map"):
        parse_to_data(garbled, engine="pdfium", ocr="never")
    assert pdfium.handed_over - before == Counter({"a font without a usable ToUnicode map": 1})


def _pdfplumber_cells(page) -> list[list[tuple]]:
    """pdfplumber's find_tables on the page's borders, chosen as reportparse did before
    its own grid code: dark lines, dark stroked rectangles, thin dark filled ones."""
    edges = [line for line in page.lines if not _is_light(line.get("stroking_color"))]
    for r in page.rects:
        if (r.get("stroke") and not _is_light(r.get("stroking_color"))) or (
            r.get("fill") and min(r["width"], r["height"]) < _THIN and not _is_light(r.get("non_stroking_color"))
        ):
            edges.append(r)
    if len(edges) < 4:
        return []
    settings = {
        "vertical_strategy": "explicit",
        "horizontal_strategy": "explicit",
        "explicit_vertical_lines": edges,
        "explicit_horizontal_lines": edges,
        "snap_tolerance": 3,
        "intersection_tolerance": 3,
    }
    return [list(t.cells) for t in page.find_tables(settings)]


@pytest.mark.parametrize(
    "name",
    [
        "appeals-split-chrome-158.pdf",
        "cjk-spaces-split-lo-203.pdf",
        "wide-tables-lo-175.pdf",
        "split-inside-lo-129.pdf",
        "rects-shaded-cid-110.pdf",
        "narrow-labels-wrapped-ttf-172.pdf",
        "landscape-cid-181.pdf",
        "landscape-split-chrome-182.pdf",
    ],
)
def test_grid_gives_pdfplumbers_cells_in_pdfplumbers_order(name: str):
    path = ROOT / "corpus" / "docs" / name
    found_any = False
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            rules = ruling_rules(_rules(page))
            ours = find_tables([e for r in rules for e in r.edges()]) if len(rules) >= 4 else []
            theirs = _pdfplumber_cells(page)
            assert ours == theirs
            found_any = found_any or bool(ours)
    assert found_any


def test_unknown_engine_is_a_usage_error(tmp_path, cli):
    with pytest.raises(UsageError, match="unknown PDF engine 'pdfminer'"):
        parse(ROOT / "corpus" / "sample" / "sample-report.pdf", engine="pdfminer")
    result = cli(ROOT / "corpus" / "sample" / "sample-report.pdf", "--engine", "pdfminer")
    assert result.returncode == 2
    assert b"argument --engine: invalid choice: 'pdfminer'" in result.stderr


def test_both_engines_on_the_command_line_give_the_same_cells(cli):
    sample = ROOT / "corpus" / "sample" / "sample-report.pdf"
    fast = cli(sample, "--format", "cells")
    reference = cli(sample, "--format", "cells", "--engine", "pdfplumber")
    assert fast.returncode == reference.returncode == 0
    assert fast.stdout == reference.stdout
    assert len(fast.stdout.splitlines()) > 100


def _imported(*args: str) -> set[str]:
    """The top-level packages a command-line run imports (from -X importtime).  --debug parses
    in this process: the supervised child's stderr goes to its supervisor, not to us."""
    out = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "reportparse", "--debug", *args],
        capture_output=True,
        text=True,
        check=True,
    )
    return {
        line.rsplit("|", 1)[-1].strip().split(".")[0]
        for line in out.stderr.splitlines()
        if line.startswith("import time:")
    }


def test_the_pdfium_path_imports_neither_pdfminer_nor_pdfplumber():
    sample = str(ROOT / "corpus" / "docs" / "plain-ttf-102.pdf")
    fast = _imported(sample)
    assert "pypdfium2_raw" in fast
    assert not fast & {"pdfminer", "pdfplumber", "PIL"}
    assert {"pdfminer", "pdfplumber"} <= _imported(sample, "--engine", "pdfplumber")
