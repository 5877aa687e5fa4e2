"""The library API: parse() takes a path, bytes or a binary file object and gives the same
report for each; parse_html() and parse_text() take decoded strings; errors carry exit codes."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import reportparse
from reportparse import NotAReportError, ReportParseError, UnreadableInputError, UnsupportedFormatError, UsageError

SHARED = Path(__file__).parents[2] / "shared"
PDF = SHARED / "real" / "hzq2023.pdf"

TEXT_REPORT = """测试区2024年政府信息公开工作年度报告

一、总体情况

本年度工作稳步推进。

二、主动公开政府信息情况

第二十条第（一）项
信息内容\t本年制发件数\t本年废止件数\t现行有效件数
规章\t1\t0\t12
行政规范性文件\t5\t2\t40
第二十条第（五）项
信息内容\t本年处理决定数量
行政许可\t310

三、收到和处理政府信息公开申请情况

本年度未收到政府信息公开申请。

四、政府信息公开行政复议、行政诉讼情况

本年度未发生政府信息公开行政复议、行政诉讼。

五、存在的主要问题及改进情况

信息公开的及时性有待提高。

六、其他需要报告的事项

无。

测试区人民政府
2025年1月15日
"""
TEXT_CELLS = {
    "active.licensing.decisions": 310,
    "active.normative_documents.in_force": 40,
    "active.normative_documents.issued": 5,
    "active.normative_documents.repealed": 2,
    "active.regulations.in_force": 12,
    "active.regulations.issued": 1,
    "active.regulations.repealed": 0,
}


def _html_page() -> bytes:
    from tests.test_html import site_page

    return site_page("gbk").encode("gbk")


def _docx() -> bytes:
    pytest.importorskip("docx")
    from tests.test_docx import build_docx

    return build_docx()


def _pdf() -> bytes:
    if not PDF.is_file():
        pytest.skip(f"the shared sample {PDF} is absent (shared/ sits beside the repository)")
    return PDF.read_bytes()


SOURCES = {
    "text": (lambda: TEXT_REPORT.encode("utf-8"), "report.txt"),
    "html": (_html_page, "report.html"),
    "docx": (_docx, "report.docx"),
    "pdf": (_pdf, "report.pdf"),
}


@pytest.fixture(scope="module", params=list(SOURCES))
def sample(request, tmp_path_factory):
    make, name = SOURCES[request.param]
    data = make()
    path = tmp_path_factory.mktemp(request.param) / name
    path.write_bytes(data)
    return request.param, data, path


def test_path_bytes_and_file_object_give_identical_json(sample):
    kind, data, path = sample
    from_path = reportparse.parse(path).model_dump_json()
    assert reportparse.parse(str(path)).model_dump_json() == from_path
    assert reportparse.parse(data).model_dump_json() == from_path
    assert reportparse.parse(bytearray(data)).model_dump_json() == from_path
    with open(path, "rb") as f:
        assert reportparse.parse(f).model_dump_json() == from_path
    assert reportparse.parse(io.BytesIO(data)).model_dump_json() == from_path
    report = json.loads(from_path)
    assert report["meta"]["source_format"] == kind
    assert len(report["sections"]) == 6 if kind != "pdf" else len(report["sections"]) >= 5


def test_format_argument_overrides_detection(sample):
    kind, data, _ = sample
    assert reportparse.parse(data, format=kind).model_dump_json() == reportparse.parse(data).model_dump_json()


def test_parse_text_matches_parse():
    from_text = reportparse.parse_text(TEXT_REPORT)
    assert from_text.model_dump_json() == reportparse.parse(TEXT_REPORT.encode("utf-8")).model_dump_json()
    assert from_text.model_dump_json() == reportparse.parse(TEXT_REPORT.encode("gbk")).model_dump_json()
    assert from_text.cells() == TEXT_CELLS
    assert from_text.meta.title == "测试区2024年政府信息公开工作年度报告"
    assert from_text.meta.publication_date == "2025-01-15"


def test_parse_html_matches_parse():
    from tests.test_html import expected_cells, site_page

    page = site_page("gbk")
    from_str = reportparse.parse_html(page)
    assert from_str.model_dump_json() == reportparse.parse(page.encode("gbk")).model_dump_json()
    assert from_str.model_dump_json() == reportparse.parse(page.encode("utf-8")).model_dump_json()
    assert from_str.cells() == expected_cells()


def test_cells_are_sorted_values():
    cells = reportparse.parse_text(TEXT_REPORT).cells()
    assert list(cells) == sorted(cells)
    assert cells == TEXT_CELLS


def test_pdf_sample_through_the_api():
    report = reportparse.parse(_pdf())
    assert report.meta.source_format == "pdf"
    assert report.cells()["appeals.review.upheld"] == 10
    assert report.cells()["appeals.review.total"] == 0
    assert "appeals.review" in {c.id for c in report.checks if c.status == "failed"}


# --- errors --------------------------------------------------------------------------


def test_errors_are_report_parse_errors_with_exit_codes():
    for error, code in ((UsageError, 2), (UnreadableInputError, 3), (UnsupportedFormatError, 3), (NotAReportError, 4)):
        assert issubclass(error, ReportParseError) and error.exit_code == code


def test_missing_file_is_a_usage_error(tmp_path):
    with pytest.raises(UsageError, match="no such file"):
        reportparse.parse(tmp_path / "absent.pdf")


def test_document_content_given_as_str_path_says_what_to_use():
    with pytest.raises(UsageError, match="parse_html"):
        reportparse.parse("<html><body><p>一、总体情况</p></body></html>")
    with pytest.raises(UsageError, match="parse_text"):
        reportparse.parse(TEXT_REPORT)


def test_text_mode_file_object_is_a_usage_error(tmp_path):
    path = tmp_path / "r.txt"
    path.write_text(TEXT_REPORT, encoding="utf-8")
    with open(path, encoding="utf-8") as f, pytest.raises(UsageError, match="text mode"):
        reportparse.parse(f)


def test_unknown_format_name_is_a_usage_error():
    with pytest.raises(UsageError, match="unknown input format"):
        reportparse.parse(TEXT_REPORT.encode(), format="rtf")


def test_unreadable_and_not_a_report():
    with pytest.raises(UnreadableInputError):
        reportparse.parse(b"")
    with pytest.raises(UnreadableInputError):
        reportparse.parse(bytes(range(256)) * 8)
    with pytest.raises(NotAReportError) as raised:
        reportparse.parse_html("<html><body><h1>通知公告</h1><p>今日无事。</p></body></html>")
    assert raised.value.exit_code == 4


# --- packaging and the command line --------------------------------------------------


def test_package_is_typed():
    assert (Path(reportparse.__file__).parent / "py.typed").is_file()
    for name in ("parse", "parse_html", "parse_text", "Report", "ReportParseError"):
        assert name in reportparse.__all__ and getattr(reportparse, name)


def test_schema_flag_prints_the_report_schema():
    run = subprocess.run([sys.executable, "-m", "reportparse", "--schema"], capture_output=True, timeout=120)
    assert run.returncode == 0, run.stderr.decode()
    schema = json.loads(run.stdout)
    assert schema == reportparse.Report.model_json_schema()
    assert {"meta", "sections", "tables", "checks", "problems"} <= set(schema["properties"])


def test_text_and_pdf_parsing_never_import_html_or_word_libraries(tmp_path):
    path = tmp_path / "r.txt"
    path.write_text(TEXT_REPORT, encoding="utf-8")
    inputs = [str(path)] + ([str(PDF)] if PDF.is_file() else [])
    code = (
        "import sys, reportparse\n"
        "for p in sys.argv[1:]: reportparse.parse(p)\n"
        "print(sorted(m for m in ('lxml.html', 'docx', 'reportparse.sources.html', 'reportparse.sources.docx')"
        " if m in sys.modules))"
    )
    run = subprocess.run(
        [sys.executable, "-c", code, *inputs], capture_output=True, text=True, timeout=300, env={**os.environ}
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "[]"
