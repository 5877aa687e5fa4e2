"""Tables as printed: Report.table(), the cell-id vocabulary, `reportparse ids`, CSV and Excel."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from conftest import ROOT, read_cells_tsv

import reportparse
from reportparse.ids import markdown
from reportparse.template import cell_labels, template

REQUEST_HEADER = [
    ("自然人", ""),
    ("法人或其他组织", "商业企业"),
    ("法人或其他组织", "科研机构"),
    ("法人或其他组织", "社会公益组织"),
    ("法人或其他组织", "法律服务机构"),
    ("法人或其他组织", "其他"),
    ("总计", ""),
]


@pytest.fixture(scope="module")
def hzq(request):
    shared = ROOT.parent / "shared"
    if not (shared / "real").is_dir():
        pytest.skip(f"the shared samples are not here ({shared}/real is absent)")
    return shared, reportparse.parse(shared / "real" / "hzq2023.pdf")


def _truth(shared: Path, table: str) -> dict[tuple[str, str], float | None]:
    cells = read_cells_tsv(shared / "truth" / "hzq2023.cells.tsv")
    return {
        tuple(cid.split(".")[1:]): (float(v) if v else None) for cid, v in cells.items() if cid.startswith(table + ".")
    }


def _frame_values(frame: pd.DataFrame) -> dict[tuple[str, str], float]:
    return {(row, col): float(v) for row in frame.index for col, v in frame.loc[row].items() if not pd.isna(v)}


def test_requests_table_equals_the_truth_in_printed_order(hzq):
    shared, report = hzq
    frame = report.table("requests")
    # Printed order: the template's 2019 rows (hzq2023 prints （六）其他处理 as one row).
    ids = [r.id for r in template("requests", "2019").rows]
    assert list(frame.index.get_level_values("id")) == ids
    assert frame.index.names == ["id", "label"]
    assert list(frame.columns) == REQUEST_HEADER
    labels = dict(frame.index)
    assert labels["new_received"] == "一、本年新收政府信息公开申请数量"
    assert labels["denied_state_secret"] == "（三）不予公开 / 1.属于国家秘密"
    assert labels["other"] == "三、本年度办理结果 / （六）其他处理"
    assert labels["carried_forward"] == "四、结转下年度继续办理"
    assert frame.loc[("new_received", labels["new_received"]), ("自然人", "")] == 21
    assert frame.loc[("unavailable_not_held", labels["unavailable_not_held"]), ("总计", "")] == 10
    by_id = report.table("requests", labels=False)
    assert list(by_id.columns) == [
        "natural_person",
        "commercial",
        "research",
        "social_welfare",
        "legal_service",
        "other_org",
        "total",
    ]
    assert _frame_values(by_id) == {k: v for k, v in _truth(shared, "requests").items() if v is not None}
    assert all(str(t) == "Int64" for t in by_id.dtypes)


def test_active_and_appeals_tables(hzq):
    shared, report = hzq
    active = report.table("active", labels=False)
    assert list(active.index) == ["regulations", "normative_documents", "licensing", "penalty", "coercion", "fees"]
    assert list(active.columns) == ["issued", "repealed", "in_force", "decisions", "amount"]
    assert _frame_values(active) == {k: v for k, v in _truth(shared, "active").items() if v is not None}
    assert str(active["amount"].dtype) == "Float64" and active.loc["fees", "amount"] == 7730.28
    assert pd.isna(active.loc["fees", "decisions"])  # not in the template: NA, never 0
    assert list(report.table("active").columns) == [
        "本年制发件数",
        "本年废止件数",
        "现行有效件数",
        "本年处理决定数量",
        "本年收费金额（单位：万元）",
    ]
    appeals = report.table("appeals", labels=False)
    assert _frame_values(appeals) == {k: v for k, v in _truth(shared, "appeals").items() if v is not None}
    assert list(report.table("appeals").index) == [
        ("review", "行政复议"),
        ("lawsuit_direct", "行政诉讼 / 未经复议直接起诉"),
        ("lawsuit_after_review", "行政诉讼 / 复议后起诉"),
    ]


def test_active_in_the_2019_format():
    report = reportparse.parse(ROOT / "corpus" / "docs" / "cjk-spaces-docx-201.docx")
    frame = report.table("active", labels=False)
    assert report.meta.format_version == "2019"
    assert list(frame.columns) == [
        "made",
        "published",
        "total_public",
        "prev_year",
        "change",
        "decisions",
        "projects",
        "amount",
    ]
    assert "procurement" in frame.index and "other_services" in frame.index
    truth = read_cells_tsv(ROOT / "corpus" / "docs" / "cjk-spaces-docx-201.cells.tsv")
    expected = {tuple(c.split(".")[1:]): float(v) for c, v in truth.items() if c.startswith("active.") and v}
    assert _frame_values(frame) == expected
    labels = dict(report.table("active").index)
    assert labels["normative_documents"] == "第二十条第（一）项 / 规范性文件"


def test_csv_and_xlsx_hold_the_same_numbers(hzq, cli, tmp_path):
    shared, report = hzq
    source = shared / "real" / "hzq2023.pdf"
    done = cli(source, "--format", "csv")
    assert done.returncode == 0, done.stderr
    rows = list(csv.DictReader(io.StringIO(done.stdout.decode("utf-8"))))
    assert list(rows[0]) == [
        "cell_id",
        "table",
        "row_id",
        "row_label",
        "column_id",
        "column_label",
        "value",
        "raw",
        "page",
    ]
    assert len(rows) == len(report.cells()) == 186
    first = next(r for r in rows if r["cell_id"] == "requests.denied_state_secret.natural_person")
    assert first == {
        "cell_id": "requests.denied_state_secret.natural_person",
        "table": "requests",
        "row_id": "denied_state_secret",
        "row_label": "（三）不予公开 / 1.属于国家秘密",
        "column_id": "natural_person",
        "column_label": "自然人",
        "value": "1",
        "raw": "1",
        "page": "3",
    }
    frame = pd.read_csv(io.BytesIO(done.stdout))
    assert dict(zip(frame["cell_id"], frame["value"].astype(float))) == {
        k: float(v) for k, v in read_cells_tsv(shared / "truth" / "hzq2023.cells.tsv").items()
    }

    out = tmp_path / "hzq.xlsx"
    done = cli(source, "--format", "xlsx", "-o", out)
    assert done.returncode == 0 and done.stdout == b"", done.stderr
    sheets = pd.read_excel(out, sheet_name=None, header=None)
    assert list(sheets) == ["active", "requests", "appeals", "checks", "problems"]
    requests = pd.read_excel(out, sheet_name="requests", header=[0, 1, 2], index_col=[0, 1])
    assert [c[2] for c in requests.columns] == list(report.table("requests", labels=False).columns)
    assert [c[0] for c in requests.columns] == [h[0] for h in REQUEST_HEADER]
    by_id = requests.droplevel([0, 1], axis=1).droplevel(1)
    assert by_id.equals(report.table("requests", labels=False).astype("int64"))
    book = openpyxl.load_workbook(out)
    checks = list(book["checks"].values)
    failed = [r[0] for r in checks[1:] if r[3] == "failed"]
    assert failed == ["appeals.review", "appeals.lawsuit_after_review"]
    assert book["requests"]["A4"].value == "new_received" and book["requests"]["C4"].value == 21
    assert {str(r) for r in book["requests"].merged_cells.ranges} == {"C1:C2", "D1:H1", "I1:I2"}


def test_xlsx_needs_an_output_file_and_is_byte_identical(hzq, cli, tmp_path):
    shared, _ = hzq
    done = cli(shared / "real" / "hzq2023.pdf", "--format", "xlsx")
    assert done.returncode == 2
    assert done.stderr.decode() == "reportparse: error: --format xlsx writes a workbook: give the file with -o FILE\n"
    a, b = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    for path in (a, b):
        assert cli(shared / "real" / "hzq2023.pdf", "--format", "xlsx", "-o", path).returncode == 0
    assert a.read_bytes() == b.read_bytes()


def test_missing_tables_extra_is_one_line(tmp_path):
    # pandas hidden from a fresh interpreter: Report.table() names the extra to install.
    code = (
        "import sys; sys.modules['pandas'] = None\n"
        "import reportparse\n"
        "r = reportparse.parse('corpus/sample/sample-report.pdf')\n"
        "try:\n    r.table('requests')\nexcept reportparse.ReportParseError as e:\n    print(e.message, e.exit_code)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120, check=False
    )
    assert done.stdout == "pandas is needed for this: pip install 'reportparse[tables]' 2\n", done.stderr


def test_ids_command_and_the_generated_doc(cli):
    done = cli("ids")
    assert done.returncode == 0
    lines = done.stdout.decode("utf-8").splitlines()
    assert lines[0] == "cell_id\tformats\trow_label\tcolumn_label"
    assert (
        "requests.other_no_fee.total\t2021\t（六）其他处理 / 2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请\t总计"
        in lines
    )
    assert "active.normative_documents.made\t2019\t第二十条第（一）项 / 规范性文件\t本年新制作数量" in lines
    assert (
        "active.licensing.decisions\t2019,2021\t第二十条第（五）项 / 行政许可\t本年处理决定数量 | 处理决定数量" in lines
    )
    # 29 active + 26 request rows × 7 + 15 appeals
    assert len(lines) - 1 == len(cell_labels()) == 29 + 26 * 7 + 15
    assert (ROOT / "docs" / "cell-ids.md").read_text(encoding="utf-8") == markdown(), (
        "docs/cell-ids.md is stale: run python tools/build_cell_ids_doc.py"
    )
