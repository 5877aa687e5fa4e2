"""`reportparse show`: pictures of the pages with every cell drawn, and the HTML view in a real browser."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from conftest import ROOT
from PIL import Image

from reportparse.show.marks import COLOURS

pytestmark = pytest.mark.slow  # page pictures and a real browser: left out of the quick suite

CHROMIUM = "/usr/bin/chromium"
APPEALS = ["upheld", "corrected", "other", "pending", "total"]


@pytest.fixture(scope="module")
def browser():
    playwright = pytest.importorskip("playwright.sync_api")
    if not os.path.exists(CHROMIUM):
        pytest.skip(f"no Chromium at {CHROMIUM}")
    with playwright.sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield b
        b.close()


def _report(cli, path: Path) -> dict:
    return json.loads(cli(path).stdout)


def test_png_draws_the_failed_appeals_checks_in_the_failed_colour(cli, shared, tmp_path):
    source = shared / "real" / "hzq2023.pdf"
    done = cli("show", source, "-o", tmp_path, "--page", "4")
    assert done.returncode == 0, done.stderr
    assert done.stdout.decode() == f"{tmp_path}/hzq2023-page-4.png\n"
    image = Image.open(tmp_path / "hzq2023-page-4.png").convert("RGB")
    cells = _report(cli, source)["tables"]["appeals"]["cells"]
    expected = {"review": "failed", "lawsuit_direct": "passed", "lawsuit_after_review": "failed"}
    for row, status in expected.items():
        for column in APPEALS:
            x0, top, _, bottom = cells[f"appeals.{row}.{column}"]["bbox"]
            left_edge = (int(x0 * 3) + 1, int((top + bottom) / 2 * 3))
            assert image.getpixel(left_edge) == COLOURS[status], (row, column)
    # Table 三 is on page 3: with --page 4 nothing else was drawn.
    assert sorted(p.name for p in tmp_path.iterdir()) == ["hzq2023-page-4.png"]


def test_html_view_in_a_real_browser(cli, shared, tmp_path, browser):
    source = shared / "real" / "hzq2023.pdf"
    done = cli("show", source, "-o", tmp_path, "--html")
    assert done.returncode == 0, done.stderr
    page_file = tmp_path / "hzq2023.html"
    report = _report(cli, source)
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(page_file.as_uri())
    cell = report["tables"]["appeals"]["cells"]["appeals.review.total"]
    overlay = page.locator('[data-id="appeals.review.total"]')
    page_box = page.locator(f'.page[data-page="{cell["page"]}"]').bounding_box()
    box = overlay.bounding_box()
    x0, top, x1, bottom = cell["bbox"]
    assert box["x"] - page_box["x"] == pytest.approx(x0 * 1.5, abs=1)
    assert box["y"] - page_box["y"] == pytest.approx(top * 1.5, abs=1)
    assert box["width"] == pytest.approx((x1 - x0) * 1.5, abs=1)
    assert box["height"] == pytest.approx((bottom - top) * 1.5, abs=1)
    assert overlay.get_attribute("data-status") == "failed"
    assert page.locator(".cell").count() == len(report["tables"]["active"]["cells"]) + len(
        report["tables"]["requests"]["cells"]
    ) + len(report["tables"]["appeals"]["cells"])
    # Hover: the id, value, raw text and checks of the cell.
    overlay.scroll_into_view_if_needed()
    overlay.hover()
    tip = overlay.locator(".tip")
    assert tip.is_visible()
    assert tip.inner_text() == ("appeals.review.total\nvalue: 0\nraw: '0'\nchecks:\n  appeals.review: failed")
    # The failed identities, listed; a click highlights exactly their cells.
    links = page.locator("a.check")
    assert links.all_inner_texts() == ["appeals.review", "appeals.lawsuit_after_review"]
    links.nth(1).click()
    highlighted = page.locator(".cell.hl")
    assert sorted(highlighted.evaluate_all("els => els.map(e => e.dataset.id)")) == sorted(
        f"appeals.lawsuit_after_review.{c}" for c in APPEALS
    )
    page.screenshot(path=str(tmp_path / "view.png"))
    assert Image.open(tmp_path / "view.png").size == (1400, 1000)
    page.close()


def test_html_view_of_an_html_source_marks_the_pages_own_table(cli, browser, tmp_path):
    source = ROOT / "corpus" / "docs" / "shaded-html-114.html"
    assert cli("show", source, "-o", tmp_path, "--html").returncode == 0
    report = _report(cli, source)
    page = browser.new_page()
    page.goto((tmp_path / "shaded-html-114.html").as_uri())
    cells = {cid: c for t in report["tables"].values() for cid, c in t["cells"].items() if c["raw"]}
    marked = page.locator("table.src td.cell")
    assert marked.count() == len(cells)
    td = page.locator('td[data-id="requests.new_received.total"]')
    assert td.evaluate("e => e.firstChild.textContent") == cells["requests.new_received.total"]["raw"]
    row = cells["requests.new_received.total"]["location"]["row"]
    # the page's own table: the marked cell is the one in the grid row its location names
    assert td.evaluate("e => e.parentElement.rowIndex") == row
    page.close()


def test_html_view_of_word_and_text_sources(cli, shared, tmp_path):
    word = ROOT / "corpus" / "docs" / "blank-docx-219.docx"
    assert cli("show", word, "-o", tmp_path, "--html").returncode == 0
    text = (tmp_path / "blank-docx-219.html").read_text(encoding="utf-8")
    cells = _report(cli, word)
    n = sum(1 for t in cells["tables"].values() for c in t["cells"].values() if c["location"])
    assert text.count('<td id="cell:') == n
    txt = shared / "real" / "longgang2023.txt"
    assert cli("show", txt, "-o", tmp_path, "--html").returncode == 0
    page = (tmp_path / "longgang2023.html").read_text(encoding="utf-8")
    report = _report(cli, txt)
    n = sum(1 for t in report["tables"].values() for c in t["cells"].values() if c["location"])
    assert page.count('<span id="cell:') == n


def test_show_errors(cli, shared, tmp_path):
    done = cli("show", ROOT / "corpus" / "docs" / "shaded-html-114.html", "-o", tmp_path)
    assert (done.returncode, done.stderr.decode()) == (
        2,
        "reportparse: error: pictures of pages need a PDF; this is html: use --html to see its cells\n",
    )
    done = cli("show", shared / "real" / "hzq2023.pdf", "-o", tmp_path, "--page", "9")
    assert (done.returncode, done.stderr.decode()) == (
        2,
        "reportparse: error: --page must be between 1 and 5: the PDF has 5 pages\n",
    )
    done = cli("show", tmp_path / "missing.pdf", "-o", tmp_path)
    assert (done.returncode, done.stderr.decode()) == (2, f"reportparse: error: no such file: {tmp_path}/missing.pdf\n")


def test_png_marks_a_row_that_matched_nothing(cli, tmp_path, monkeypatch):
    # A generated report whose row 2.其他法律行政法规禁止公开 is printed as a label no template row has.
    from corpus.generator import ReportSpec, build_pdf, labels

    monkeypatch.setitem(labels.MISPRINTS, "denied_prohibited_by_law", "2.天气晴朗适合出游")
    source = tmp_path / "odd-row.pdf"
    build_pdf(ReportSpec(seed=11, rules="grid", label_misprint=True), str(source))
    problems = [p for p in _report(cli, source)["problems"] if p["kind"] == "unmatched_row"]
    assert [p["label"] for p in problems] == ["三、本年度办理结果（三）不予公开2.天气晴朗适合出游"]
    page = problems[0]["page"]
    assert cli("show", source, "-o", tmp_path, "--page", "1", "--page", str(page)).returncode == 0
    import pdfplumber

    with pdfplumber.open(source) as pdf:
        (found,) = pdf.pages[page - 1].search("天气晴朗")[:1]
    for number, expected in ((1, 0), (page, 1)):
        image = Image.open(tmp_path / f"odd-row-page-{number}.png").convert("RGB")
        legend_top = image.height - 30
        purple = [
            xy
            for xy in ((x, y) for x in range(0, image.width, 2) for y in range(0, legend_top, 2))
            if image.getpixel(xy) == COLOURS["unmatched"]
        ]
        assert bool(purple) == bool(expected), number
        if expected:
            # the frame stands around the row where its label is printed
            row_y = int((found["top"] + found["bottom"]) / 2 * 3)
            assert any(abs(y - row_y) <= 40 for _, y in purple)
