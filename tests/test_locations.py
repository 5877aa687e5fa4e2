"""Every cell of an HTML, Word or text source says where it stands in its source."""

from __future__ import annotations

import docx
import lxml.html
import pytest
from conftest import ROOT

from reportparse.api import parse_to_data
from reportparse.sources.html import decode_html

DOCS = ROOT / "corpus" / "docs"


def _cells(data: dict) -> dict:
    return {cid: c for t in data["tables"].values() for cid, c in t["cells"].items() if c["raw"]}


def _squash(text: str) -> str:
    return "".join(text.split())


@pytest.mark.parametrize(
    "path", [DOCS / "shaded-html-114.html", DOCS / "wrapped-headers-html-166.html"], ids=lambda p: p.name
)
def test_html_cells_name_their_table_row_column_and_element(path):
    data = parse_to_data(path)
    root = lxml.html.fromstring(decode_html(path.read_bytes()))
    tables = root.getroottree().xpath("//table")
    cells = _cells(data)
    assert len(cells) > 150
    for cid, cell in cells.items():
        loc = cell["location"]
        element = root.getroottree().xpath(loc["path"])[0]
        assert _squash(element.text_content()) == _squash(cell["raw"]), cid
        assert element.getparent().getparent() in (tables[loc["table"]], tables[loc["table"]].find("tbody"))
        assert (loc["line"], loc["start"], loc["end"]) == (None, None, None)
    first = cells["requests.new_received.natural_person"]["location"]
    assert first["table"] == 1 and first["col"] >= 1


def test_html_real_page(shared):
    data = parse_to_data(shared / "real" / "ptscj2023.html")
    loc = data["tables"]["requests"]["cells"]["requests.granted.natural_person"]["location"]
    assert loc == {
        "table": 1,
        "row": 5,
        "col": 3,
        "path": "/html/body/div/div[2]/div/table[2]/tbody/tr[6]/td[3]",
        "line": None,
        "start": None,
        "end": None,
    }


def test_word_cells_name_their_table_row_and_column():
    path = DOCS / "blank-docx-219.docx"
    data = parse_to_data(path)
    tables = docx.Document(str(path)).tables
    cells = _cells(data)
    assert len(cells) > 150
    for cid, cell in cells.items():
        loc = cell["location"]
        assert _squash(tables[loc["table"]].cell(loc["row"], loc["col"]).text) == _squash(cell["raw"]), cid
        assert loc["path"] is None and loc["line"] is None
    assert {c["location"]["table"] for cid, c in cells.items() if cid.startswith("requests.")} == {1}


def test_text_cells_name_their_line_and_characters(shared):
    path = shared / "real" / "longgang2023.txt"
    data = parse_to_data(path)
    lines = path.read_text(encoding="utf-8").replace("\r\n", "\n").split("\n")
    cells = _cells(data)
    assert len(cells) > 40
    for cid, cell in cells.items():
        loc = cell["location"]
        assert lines[loc["line"] - 1][loc["start"] : loc["end"]] == cell["raw"], cid
        assert loc["table"] is None and loc["path"] is None


def test_text_lines_count_over_pages():
    text = "一、总体情况\n\n很好。\n\f四、政府信息公开行政复议、行政诉讼情况\n行政复议\t\t\t\t\n结果维持\t结果纠正\t其他结果\t尚未审结\t总计\n1\t0\t0\t0\t1\n"
    data = parse_to_data(text.encode())
    cell = data["tables"]["appeals"]["cells"]["appeals.review.total"]
    assert (cell["page"], cell["location"]["line"], cell["location"]["start"], cell["location"]["end"]) == (2, 7, 8, 9)


def test_pdf_cells_keep_page_and_box_only(shared):
    data = parse_to_data(shared / "real" / "hzq2023.pdf")
    cell = data["tables"]["requests"]["cells"]["requests.new_received.total"]
    assert cell["location"] is None and cell["page"] == 3 and len(cell["bbox"]) == 4
