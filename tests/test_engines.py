"""The two PDF engines — pdfium (default) and pdfplumber (the reference) — give the same
report, and the ruled-grid code gives pdfplumber's own table cells."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pdfplumber
import pytest

from reportparse.api import parse, parse_to_data
from reportparse.errors import UsageError
from reportparse.sources.pdf import _rules
from reportparse.sources.pdf_grid import find_tables
from reportparse.sources.pdf_rules import _THIN, _is_light, ruling_rules
from reportparse.sources.pdfium import _read
from reportparse.sources.pdfium_page import NeedsReference

ROOT = Path(__file__).resolve().parents[1]
CORPUS_PDFS = sorted((ROOT / "corpus" / "docs").glob("*.pdf"))
# Cell boxes of ruled tables come from the ruling lines and agree to float precision;
# a box built from glyphs differs by the fonts' descent, which pdfium takes from the
# font file when a PDF's descriptor says 0 (LibreOffice): at most 0.31 font sizes,
# 3.64 pt measured on the real samples.
BBOX_TOLERANCE = 4.0
# Documents pdfium may hand to pdfplumber, and why: reportlab's built-in CID font is not
# embedded, and pdfium drops text objects whose glyphs it cannot measure (a lone digit).
FALLBACK_REASONS = {"-cid-": "text objects pdfium gives no characters for"}


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


def assert_same_report(path: Path) -> None:
    fast, reference = parse_to_data(path, engine="pdfium"), parse_to_data(path, engine="pdfplumber")
    assert _without_boxes(fast) == _without_boxes(reference)
    fast_boxes, reference_boxes = _boxes(fast), _boxes(reference)
    assert fast_boxes.keys() == reference_boxes.keys()
    for where, box in reference_boxes.items():
        assert max(abs(a - b) for a, b in zip(box, fast_boxes[where])) <= BBOX_TOLERANCE, where


def assert_read_by_pdfium(path: Path) -> None:
    """pdfium reads the document itself, unless it is of a kind it hands over, for that reason."""
    expected = next((reason for part, reason in FALLBACK_REASONS.items() if part in path.name), None)
    try:
        _read(path.read_bytes(), None, None)
        handed_over = None
    except NeedsReference as e:
        handed_over = str(e)
    assert handed_over in (None, expected), (path.name, handed_over)
    if expected is None:
        assert handed_over is None


@pytest.mark.slow
@pytest.mark.parametrize("path", CORPUS_PDFS, ids=lambda p: p.name)
def test_engines_agree_on_the_corpus(path: Path):
    assert_same_report(path)
    assert_read_by_pdfium(path)


@pytest.mark.slow
def test_engines_agree_on_the_real_samples(shared):
    pdfs = sorted((shared / "real").glob("*.pdf"))
    assert pdfs
    for path in pdfs:
        assert_same_report(path)


def test_engines_agree_on_hzq2023_read_by_pdfium_itself(shared):
    # A WPS file: pdfium's box for its vertical labels is 199 pt for 9.95 pt text.
    path = shared / "real" / "hzq2023.pdf"
    _read(path.read_bytes(), None, None)
    assert_same_report(path)


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
    # back; the CID document is handed to pdfplumber; /Rotate 90 turns pdfium's boxes.
    assert_same_report(ROOT / "corpus" / "docs" / name)
    assert_read_by_pdfium(ROOT / "corpus" / "docs" / name)


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
    # (The shipped sample uses reportlab's non-embedded CID font: pdfium hands it over.)
    sample = str(ROOT / "corpus" / "docs" / "plain-ttf-102.pdf")
    fast = _imported(sample)
    assert "pypdfium2_raw" in fast
    assert not fast & {"pdfminer", "pdfplumber", "PIL"}
    assert {"pdfminer", "pdfplumber"} <= _imported(sample, "--engine", "pdfplumber")
