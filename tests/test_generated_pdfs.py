"""Report PDFs built by the project's generator (corpus/generator), each parsed and
compared cell by cell with the truth the generator wrote while drawing it."""

from __future__ import annotations

import pdfplumber
import pytest

from corpus.generator import ReportSpec, build_pdf
from reportparse.api import parse_to_data
from reportparse.export.formats import cell_values, format_value


def _parse(spec: ReportSpec, tmp_path):
    path = tmp_path / "report.pdf"
    truth = build_pdf(spec, str(path))
    return path, truth, parse_to_data(path)


def _assert_every_cell(truth, data):
    got = {k: format_value(v) for k, v in cell_values(data).items()}
    expected = {k: "" if v is None else v for k, v in truth.cells.items()}
    assert got == expected
    failed = sorted(c["id"] for c in data["checks"] if c["status"] == "failed")
    assert failed == sorted(truth.failing_identities)


def _requests_pages(data) -> list[int]:
    return data["tables"]["requests"]["pages"]


def test_ruled_table(tmp_path):
    path, truth, data = _parse(ReportSpec(seed=11, rules="grid"), tmp_path)
    with pdfplumber.open(path) as pdf:
        assert any(p.lines for p in pdf.pages)
    _assert_every_cell(truth, data)
    assert data["problems"] == []
    assert len(truth.cells) == 200


def test_table_without_ruling_lines(tmp_path):
    path, truth, data = _parse(ReportSpec(seed=12, rules="none"), tmp_path)
    with pdfplumber.open(path) as pdf:
        assert not any(p.lines or p.rects for p in pdf.pages)
    _assert_every_cell(truth, data)
    assert data["problems"] == []


def test_horizontal_rules_only(tmp_path):
    path, truth, data = _parse(ReportSpec(seed=13, rules="hrules", wrapped_headers=True), tmp_path)
    with pdfplumber.open(path) as pdf:
        edges = [l for p in pdf.pages for l in p.lines]
        assert edges and all(abs(l["top"] - l["bottom"]) < 1 for l in edges)  # no vertical rule
    _assert_every_cell(truth, data)


@pytest.mark.parametrize("rules", ["grid", "none"])
def test_table_split_across_two_pages_inside_a_group(tmp_path, rules):
    path, truth, data = _parse(ReportSpec(seed=14, rules=rules, split="inside_group"), tmp_path)
    pages = _requests_pages(data)
    assert len(pages) == 2 and pages[1] == pages[0] + 1
    # The break falls between two rows of the same group: both pages print a denied_* row.
    on_page = {}
    for cid, cell in data["tables"]["requests"]["cells"].items():
        on_page.setdefault(cell["page"], set()).add(cid.split(".")[1])
    assert any(r.startswith("denied_") for r in on_page[pages[0]])
    assert any(r.startswith("denied_") for r in on_page[pages[1]])
    _assert_every_cell(truth, data)


@pytest.mark.parametrize("rules", ["grid", "hrules", "none"])
def test_group_label_split_by_the_page_break(tmp_path, rules):
    path, truth, data = _parse(ReportSpec(seed=15, rules=rules, split="group_label_split"), tmp_path)
    with pdfplumber.open(path) as pdf:
        texts = [p.extract_text() for p in pdf.pages]
    assert any("（四）无" in t and "法提供" not in t.split("（四）无")[1][:3] for t in texts)
    assert any(t.lstrip().startswith("法提供") or "\n法提供" in t or " 法提供" in t for t in texts)
    _assert_every_cell(truth, data)


def test_vertical_merged_label(tmp_path):
    path, truth, data = _parse(ReportSpec(seed=16, vertical_merged_label=True), tmp_path)
    columns: dict[tuple[int, int], list] = {}
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            for c in page.chars:
                columns.setdefault((page.page_number, round(c["x0"])), []).append(c)
    stacked = ["".join(c["text"] for c in sorted(chars, key=lambda c: c["top"])) for chars in columns.values()]
    assert any("三、本年度办理结果" in s for s in stacked)  # one character per line, top to bottom
    _assert_every_cell(truth, data)


@pytest.mark.parametrize("rules", ["grid", "none"])
def test_wrapped_header_cells(tmp_path, rules):
    path, truth, data = _parse(ReportSpec(seed=17, rules=rules, wrapped_headers=True), tmp_path)
    with pdfplumber.open(path) as pdf:
        text = "\n".join(p.extract_text() for p in pdf.pages)
    assert "商业企业" not in text.replace(" ", "")  # printed as 商业 / 企业
    _assert_every_cell(truth, data)


@pytest.mark.parametrize("rules", ["grid", "none"])
def test_2019_table_2_with_procurement_subtable(tmp_path, rules):
    path, truth, data = _parse(ReportSpec(seed=18, format="2019", rules=rules), tmp_path)
    assert {
        "active.procurement.projects",
        "active.procurement.amount",
        "active.other_services.prev_year",
        "active.licensing.change",
        "requests.other.total",
    } <= set(truth.cells)
    _assert_every_cell(truth, data)
    assert data["meta"]["format_version"] == "2019"


def test_mixed_format_and_repeated_header_after_a_break(tmp_path):
    spec = ReportSpec(seed=19, format="mixed", split="after_header", repeat_header=True)
    path, truth, data = _parse(spec, tmp_path)
    _assert_every_cell(truth, data)
    assert data["meta"]["format_version"] == "mixed"


def test_noise_blanks_units_fullwidth_and_misprints(tmp_path):
    spec = ReportSpec(
        seed=20,
        rules="none",
        page_numbers=True,
        running_header=True,
        fullwidth_digits=True,
        units=True,
        blank_cells="mixed",
        label_misprint=True,
        label_spaces=True,
        heading_variant=True,
        quotes="straight",
        brackets="half",
        item_mark="、",
    )
    path, truth, data = _parse(spec, tmp_path)
    _assert_every_cell(truth, data)
    assert None in truth.cells.values()  # blanks stay null, never 0
    for section in data["sections"]:
        assert "2023年政府信息公开工作年度报告" not in section["text"]  # the running header


def test_identities_broken_on_purpose_are_reported(tmp_path):
    spec = ReportSpec(seed=21, break_identities=["appeals.review", "requests.row.granted"])
    path, truth, data = _parse(spec, tmp_path)
    assert "appeals.review" in truth.failing_identities and "requests.row.granted" in truth.failing_identities
    _assert_every_cell(truth, data)


def test_thousands_separators(tmp_path):
    path, truth, data = _parse(ReportSpec(seed=22, thousands_sep=True, rules="none"), tmp_path)
    assert any("," in raw for raw in truth.raw_cells.values())
    _assert_every_cell(truth, data)


def test_table_cut_off_at_the_end_of_the_document(tmp_path):
    spec = ReportSpec(seed=23, truncate_after_row="denied_third_party", truncate_mode="end")
    path, truth, data = _parse(spec, tmp_path)
    _assert_every_cell(truth, data)
    kinds = {(p["kind"], p["table"]) for p in data["problems"]}
    assert ("table_cut_off", "requests") in kinds and ("missing_table", "appeals") in kinds
    cut = next(p for p in data["problems"] if p["kind"] == "table_cut_off")
    assert cut["message"].startswith("table requests stops after row denied_third_party: rows denied_internal_affairs")
