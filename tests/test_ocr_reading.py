"""The OCR reading's parts, on real page images and the real RapidOCR models (no mocks):
where detection looks, how a detected line is cut to its own ink, a dash found in a
table without rules, a seal's strokes taken off the print under it, and whole scans
of corpus documents whose layouts used to defeat the reading (wrapped labels in a
table printed without rules; a seal stamped over a table)."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus.scans import Scan, corpus_scans, write_scan

pytest.importorskip("rapidocr_onnxruntime", reason="the ocr extra is not installed")

import cv2
import numpy as np

from reportparse.sources.ocr import raster
from reportparse.sources.ocr.engine import engine
from reportparse.sources.ocr.pieces import _is_dash, _missed, _own_ink, _regions, _stacked, detected_lines
from reportparse.sources.ocr.raster import Box, Grid, Seal


def _page(width: int = 1654, height: int = 2339) -> np.ndarray:
    return np.full((height, width), 247, np.uint8)


def _text(image: np.ndarray, words: str, at: tuple[int, int], scale: float = 1.2) -> None:
    cv2.putText(image, words, at, cv2.FONT_HERSHEY_SIMPLEX, scale, 20, 3, cv2.LINE_AA)


def test_paper_tone_is_the_median_grey():
    rng = np.random.default_rng(3)
    for shape in [(7, 5), (8, 5), (300, 201)]:
        for _ in range(10):
            grey = rng.integers(0, 256, shape).astype(np.uint8)
            assert raster._paper(grey) == float(np.median(grey))


def test_detection_looks_only_at_inked_regions_outside_tables():
    ink = np.zeros((2339, 1654), np.uint8)
    ink[200:230, 200:900] = 255  # a line of text
    ink[240:270, 200:700] = 255  # the next line: one region with the first
    ink[900:1400, 150:1500] = 255  # a table's contents
    ink[2000:2030, 800:850] = 255  # a page number, far below
    table = Grid(Box(140.0, 880.0, 1510.0, 1420.0), [])
    regions = _regions(ink, [table], 200)
    margin = 0.08 * 200
    assert regions == [
        Box(200 - margin, 200 - margin, 900 + margin, 270 + margin),
        Box(800 - margin, 2000 - margin, 850 + margin, 2030 + margin),
    ]


def test_detected_lines_are_found_outside_a_table_and_not_inside_it():
    page = _page()
    _text(page, "Annual report 2023", (200, 300))
    _text(page, "12345", (400, 1100))
    ink = raster.ink_mask(page)
    table = Grid(Box(300.0, 1000.0, 1300.0, 1200.0), [])
    lines = detected_lines(engine(), page, ink, [table], 200)
    assert len(lines) == 1
    (line,) = lines
    assert 190 <= line.x0 <= 210 and line.top < 300 < line.bottom and line.x1 > 450


def test_a_detected_line_loses_the_next_lines_ink_at_its_edge():
    ink = np.zeros((200, 400), np.uint8)
    ink[40:44, 10:300] = 255  # the bottom of the line above reaches into the box
    ink[50:80, 10:200] = 255  # the line itself
    ink[84:86, 20:60] = 255  # a mark of its own below it, apart from the box's edge
    assert _own_ink(ink, Box(0.0, 40.0, 400.0, 95.0)) == Box(10.0, 50.0, 200.0, 86.0)
    # Ink of its own that fills the box to its edge is kept.
    assert _own_ink(ink, Box(0.0, 50.0, 400.0, 80.0)) == Box(10.0, 50.0, 200.0, 80.0)


def test_a_vertical_label_is_cut_into_its_characters_at_the_blanks_between_them():
    ink = np.zeros((400, 100), np.uint8)
    ink[10:14, 20:50] = ink[20:24, 20:50] = ink[30:34, 20:50] = 255  # 三: three strokes, one character
    ink[50:58, 25:35] = 255  # 、: small, its own
    ink[70:100, 20:50] = 255  # a character
    ink[103:140, 20:50] = 255  # the next, set close and taller
    column = Box(20.0, 10.0, 50.0, 140.0)
    assert _stacked(ink, column, 200) == [
        Box(20.0, 10.0, 50.0, 34.0),
        Box(20.0, 50.0, 50.0, 58.0),
        Box(20.0, 70.0, 50.0, 100.0),
        Box(20.0, 103.0, 50.0, 140.0),
    ]
    assert _stacked(ink, Box(20.0, 70.0, 80.0, 100.0), 200) == [Box(20.0, 70.0, 80.0, 100.0)]  # wider than tall


def test_a_dash_in_a_table_without_rules_is_read_and_dust_is_not():
    ink = np.zeros((400, 1000), np.uint8)
    ink[100:130, 100:160] = 255  # a number the detector found
    ink[114:117, 300:318] = 255  # a dash (a blank cell) it passed over
    ink[200:203, 500:503] = 255  # dust
    found = [Box(100.0, 100.0, 160.0, 130.0)]
    rules = np.zeros_like(ink)
    assert _missed(ink, found, [], rules) == [Box(300.0, 114.0, 318.0, 117.0)]
    rules[118:120, 250:600] = 255  # a rule just below it: the mark is what erasing the rule left
    assert _missed(ink, found, [], rules) == []
    assert _is_dash(Box(0.0, 0.0, 18.0, 3.0), 30.0) and not _is_dash(Box(0.0, 0.0, 3.0, 3.0), 30.0)


def test_a_seals_strokes_become_paper_and_the_print_under_it_stays():
    page = _page(800, 800)
    _text(page, "394", (330, 420), 1.5)
    print_ink = raster.ink_mask(page) > 0
    seal = np.full(page.shape, 255, np.uint8)
    cv2.circle(seal, (400, 400), 160, 125, 5, cv2.LINE_AA)
    cv2.rectangle(seal, (360, 380), (440, 440), 125, -1)  # a filled blot over the number
    stamped = np.minimum(page, seal)
    found = raster.seals(stamped, 200)
    assert len(found) == 1 and abs(found[0].x - 400) < 8 and abs(found[0].radius - 160) < 10
    clean, print_only = raster.without_seals(stamped, found)
    ink = raster.ink_mask(clean) > 0
    assert not ink[~print_ink].any() or ink[~print_ink].sum() < 0.02 * print_ink.sum()
    assert ink[print_ink].mean() > 0.9  # the number's strokes are all still there
    assert engine().recognise([clean[380:450, 320:470]])[0][0].text == "3"
    # The page the print's ink is found on keeps only what is darker than the seal.
    assert not (raster.ink_mask(print_only) > 0)[~print_ink].any()
    assert (raster.ink_mask(print_only) > 0)[print_ink].mean() > 0.6


def test_a_seal_as_dark_as_print_is_left_as_it_is():
    page = _page(800, 800)
    cv2.circle(page, (400, 400), 160, 40, 5, cv2.LINE_AA)
    found = [Seal(400.0, 400.0, 160.0)]
    assert all((kept == page).all() for kept in raster.without_seals(page, found))


def test_a_rule_wholly_inside_a_seal_is_its_ring_not_a_table():
    rules = np.zeros((800, 800), np.uint8)
    rules[378:422, 235:240] = 255  # the side of a ring
    rules[100:700, 600:603] = 255  # a table's rule crossing the seal
    kept = raster.without_seal_strokes(rules, [Seal(400.0, 400.0, 165.0)])
    assert not kept[:, 235:240].any() and kept[:, 600:603].sum() == rules[:, 600:603].sum()


def test_a_thin_one_read_as_an_exclamation_mark_is_read_among_digits():
    """The recogniser's output for a blurred 1 in which '!' comes first: decoded over digits,
    it is the 1, at the model's (low) confidence in it, so the doubt is named."""
    ocr = engine()
    steps = np.zeros((10, len(ocr.characters)), np.float32)
    steps[:, 0] = 1.0
    bang, one = ocr.characters.index("!"), ocr.characters.index("1")
    steps[4, :] = 0.0
    steps[4, bang], steps[4, one], steps[4, 0] = 0.55, 0.35, 0.10
    (char,) = ocr._decode(steps, 1.0, 8.0)
    assert (char.text, round(char.confidence, 2)) == ("1", 0.35)


def test_a_point_after_a_number_is_read_again_without_it():
    """Dust touching a number's last digit reads as a point (2524.): read again without
    it, the digits come back the same, and the point is dropped; no digit changes."""
    from reportparse.sources.ocr.glyphs import read_pieces

    page = _page(600, 200)
    _text(page, "2524.", (100, 120), 1.5)
    ink = raster.ink_mask(page)
    piece = Box(95.0, 80.0, 260.0, 125.0)
    first = engine().recognise([page[80:125, 95:260]])[0]
    assert "".join(c.text for c in first) == "2524."
    (chars,) = read_pieces(engine(), page, ink, [piece])
    assert "".join(c.text for c in chars) == "2524"


def _corpus_scan(name: str) -> Scan:
    return next(s for s in corpus_scans() if s.name.startswith(name))


def _score(scan: Scan, folder: Path) -> dict:
    from corpus.scans import score_scan

    return score_scan(write_scan(scan, folder), scan.truth, scan.truth_json)


@pytest.mark.slow
def test_wrapped_labels_of_a_table_without_rules_at_300_dpi(tmp_path):
    """norules-chrome-108: labels wrap onto two set-close lines and one is set vertically;
    every one of its 200 cells is read right."""
    result = _score(_corpus_scan("norules-chrome-108"), tmp_path)
    assert (result["cells_right"], result["cells_total"]) == (200, 200)
    assert result["failing"] == result["expected_failing"] == []


@pytest.mark.slow
def test_a_seal_over_a_table_leaves_no_cell_silently_wrong(tmp_path):
    """blank-mixed-lo-229, stamped over its requests table: what the seal hides may be
    wrong, but every wrong cell is named in problems; in rows whose blank mark is faint
    no value moves into a neighbour column.  Read from the scanner's own pixels, every
    cell is right."""
    scan = _corpus_scan("blank-mixed-lo-229")
    assert scan.stamp
    result = _score(scan, tmp_path)
    assert (result["cells_right"], result["cells_total"]) == (186, 186)
    assert result["silently_wrong"] == [] and result["wrong"] == {} and result["missing"] == []
    assert result["failing"] == result["expected_failing"] == []
