"""The real published reports in ../shared, against their hand-written truth."""

from __future__ import annotations

import json
import re

from conftest import read_cells_tsv

from reportparse.api import parse_to_data
from reportparse.export.formats import cell_values, format_value


def _listing(data) -> dict[str, str]:
    return {k: format_value(v) for k, v in cell_values(data).items()}


def test_hzq2023_every_cell(shared):
    data = parse_to_data(shared / "real" / "hzq2023.pdf")
    truth = read_cells_tsv(shared / "truth" / "hzq2023.cells.tsv")
    assert _listing(data) == truth  # 186 cells, every one, nothing extra


def test_hzq2023_checks_find_exactly_the_two_broken_appeal_totals(shared):
    data = parse_to_data(shared / "real" / "hzq2023.pdf")
    failed = [c for c in data["checks"] if c["status"] == "failed"]
    assert [(c["id"], c["left"]["value"], c["right"]["value"]) for c in failed] == [
        ("appeals.review", 0, 11),
        ("appeals.lawsuit_after_review", 0, 5),
    ]
    assert failed[0]["cells"] == [
        "appeals.review.total",
        "appeals.review.upheld",
        "appeals.review.corrected",
        "appeals.review.other",
        "appeals.review.pending",
    ]
    assert {c["status"] for c in data["checks"] if c not in failed} == {"passed"}
    assert len(data["checks"]) == 7 + 7 + 23 + 3  # identities 1, 2, 3 (one per printed row) and 4


def test_hzq2023_sections_meta_and_problems(shared):
    data = parse_to_data(shared / "real" / "hzq2023.pdf")
    sections = {s["number"]: s for s in data["sections"]}
    assert sorted(sections) == [1, 2, 3, 4, 5, 6]
    assert sections[1]["text"].startswith("2023 年，洪泽区人民政府坚持")
    # The paragraph cut by the page 1/2 break is one paragraph again.
    assert "执行信息审核发布制度。严格执行“分级审核、先审后发”程序" in sections[1]["text"]
    assert "信息处理费 0 元" in sections[6]["text"]
    for s in data["sections"]:
        assert not re.search(r"^\s*-\s*\d+\s*-\s*$", s["text"], re.M), s["number"]
        assert "- 3 -" not in s["text"]
    assert (sections[1]["page_start"], sections[1]["page_end"]) == (1, 2)
    assert (sections[6]["page_start"], sections[6]["page_end"]) == (5, 5)
    assert data["meta"] == {
        "title": "洪泽区人民政府2023年政府信息公开工作年度报告",
        "agency": "洪泽区人民政府",
        "year": 2023,
        "publication_date": None,
        "format_version": "mixed",
        "source_format": "pdf",
        "pages": 5,
    }
    assert data["problems"] == []
    cell = data["tables"]["active"]["cells"]["active.fees.amount"]
    assert cell["value"] == 7730.28 and cell["raw"] == "7730.28" and cell["page"] == 3
    assert len(cell["bbox"]) == 4 and cell["bbox"][0] < cell["bbox"][2]


def test_longgang2023_every_cell_and_what_is_missing(shared):
    data = parse_to_data(shared / "real" / "longgang2023.txt")
    truth = read_cells_tsv(shared / "truth" / "longgang2023.cells.tsv")
    assert _listing(data) == truth
    kinds = [(p["kind"], p.get("table"), p.get("section"), p.get("label")) for p in data["problems"]]
    assert kinds == [
        ("missing_section", None, 4, None),
        ("table_cut_off", "requests", None, "denied_security_stability"),
        ("missing_table", "appeals", 4, None),
    ]
    assert data["problems"][1]["message"].startswith(
        "table requests stops after row denied_security_stability: rows denied_third_party, "
    )
    assert data["problems"][0]["message"] == "section 四、政府信息公开行政复议、行政诉讼情况 is missing"


def test_longgang2023_sections(shared):
    data = parse_to_data(shared / "real" / "longgang2023.txt")
    sections = {s["number"]: s for s in data["sections"]}
    assert sorted(sections) == [1, 2, 3, 5, 6]
    assert all(s["text"] for s in sections.values())
    assert "及时发布政策解读和热点问题回应，增强了与群众的互动交流" in sections[1]["text"]
    assert "直播互动等方式对我局主动公开的政策性文件进行解读" in sections[5]["text"]
    # Sub-headings stay paragraphs of their own.
    assert sections[1]["text"].split("\n")[0] == "（一）加强组织领导，完善工作机制"
    assert data["meta"]["publication_date"] == "2024-01-02"
    assert data["meta"]["format_version"] == "2021"
    statuses = {c["id"]: c["status"] for c in data["checks"]}
    assert statuses["requests.balance.total"] == "incomplete"
    assert statuses["requests.row.granted"] == "passed"
    assert statuses["appeals.review"] == "skipped"


def test_cli_cells_listing_matches_truth_and_json_is_unescaped(shared, cli):
    done = cli(shared / "real" / "hzq2023.pdf", "--format", "cells")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.decode("utf-8").splitlines()
    assert dict(line.split("\t") for line in lines) == read_cells_tsv(shared / "truth" / "hzq2023.cells.tsv")
    assert lines == sorted(lines)
    done = cli(shared / "real" / "longgang2023.txt")
    assert done.returncode == 0 and done.stderr == b""
    assert "总体情况".encode() in done.stdout and b"\\u" not in done.stdout
    assert json.loads(done.stdout)["meta"]["agency"] == "龙岗区人力资源局"
