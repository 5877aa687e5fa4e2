"""Word input: a report built here with python-docx, merged cells and all, parses to every cell.

The numbers mirror the hangzhou-style sample (a 2021-format report whose identities
all hold), but the document and the expected cells come from the tables below, not
from ../shared.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
import textwrap
from itertools import groupby
from pathlib import Path

import pytest

docx = pytest.importorskip("docx")

from conftest import SECTION_HEADINGS  # noqa: E402

import reportparse  # noqa: E402
from reportparse.errors import UnreadableInputError, UnsupportedFormatError  # noqa: E402

TITLE = "测试市2025年政府信息公开工作年度报告"

# table active: (sub-table title, column header, [(label, row id, {column id: value})])
ACTIVE = [
    (
        "第二十条第（一）项",
        ["本年制发件数", "本年废止件数", "现行有效件数"],
        [
            ("规章", "regulations", {"issued": 3, "repealed": 5, "in_force": 74}),
            ("行政规范性文件", "normative_documents", {"issued": 564, "repealed": 984, "in_force": 4185}),
        ],
    ),
    ("第二十条第（五）项", ["本年处理决定数量"], [("行政许可", "licensing", {"decisions": 11398889})]),
    (
        "第二十条第（六）项",
        ["本年处理决定数量"],
        [
            ("行政处罚", "penalty", {"decisions": 6937489}),
            ("行政强制", "coercion", {"decisions": 166105}),
        ],
    ),
    ("第二十条第（八）项", ["本年收费金额（单位：万元）"], [("行政事业性收费", "fees", {"amount": 316441})]),
]

REQUEST_COLUMNS = ["natural_person", "commercial", "research", "social_welfare", "legal_service", "other_org", "total"]
RESULTS, DENIED, UNAVAILABLE, REJECTED, OTHER = (
    "三、本年度办理结果",
    "（三）不予公开",
    "（四）无法提供",
    "（五）不予处理",
    "（六）其他处理",
)
# table requests: (group, subgroup, label, row id, values in REQUEST_COLUMNS order)
REQUESTS = [
    (None, None, "一、本年新收政府信息公开申请数量", "new_received", [13612, 252, 0, 45, 128, 32, 14069]),
    (None, None, "二、上年结转政府信息公开申请数量", "carried_over", [535, 6, 0, 1, 18, 0, 560]),
    (RESULTS, None, "（一）予以公开", "granted", [5345, 129, 0, 41, 19, 14, 5548]),
    (
        RESULTS,
        None,
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
        "partially_granted",
        [2120, 39, 0, 1, 6, 2, 2168],
    ),
    (RESULTS, DENIED, "1.属于国家秘密", "denied_state_secret", [13, 0, 0, 0, 0, 0, 13]),
    (RESULTS, DENIED, "2.其他法律行政法规禁止公开", "denied_prohibited_by_law", [30, 0, 0, 0, 0, 0, 30]),
    (RESULTS, DENIED, "3.危及“三安全一稳定”", "denied_security_stability", [11, 0, 0, 0, 0, 0, 11]),
    (RESULTS, DENIED, "4.保护第三方合法权益", "denied_third_party", [49, 2, 0, 0, 0, 0, 51]),
    (RESULTS, DENIED, "5.属于三类内部事务信息", "denied_internal_affairs", [103, 1, 0, 0, 0, 0, 104]),
    (RESULTS, DENIED, "6.属于四类过程性信息", "denied_process_info", [84, 1, 0, 0, 0, 0, 85]),
    (RESULTS, DENIED, "7.属于行政执法案卷", "denied_enforcement_files", [282, 4, 0, 0, 0, 0, 286]),
    (RESULTS, DENIED, "8.属于行政查询事项", "denied_inquiry", [147, 0, 0, 0, 1, 2, 150]),
    (RESULTS, UNAVAILABLE, "1.本机关不掌握相关政府信息", "unavailable_not_held", [3075, 50, 0, 0, 89, 8, 3222]),
    (RESULTS, UNAVAILABLE, "2.没有现成信息需要另行制作", "unavailable_needs_creation", [177, 3, 0, 0, 0, 0, 180]),
    (RESULTS, UNAVAILABLE, "3.补正后申请内容仍不明确", "unavailable_unclear", [19, 0, 0, 0, 0, 0, 19]),
    (RESULTS, REJECTED, "1.信访举报投诉类申请", "rejected_petition", [199, 1, 0, 0, 3, 0, 203]),
    (RESULTS, REJECTED, "2.重复申请", "rejected_duplicate", [147, 1, 0, 0, 0, 0, 148]),
    (RESULTS, REJECTED, "3.要求提供公开出版物", "rejected_publication", [0, 0, 0, 0, 0, 0, 0]),
    (RESULTS, REJECTED, "4.无正当理由大量反复申请", "rejected_excessive", [100, 1, 0, 0, 0, 0, 101]),
    (RESULTS, REJECTED, "5.要求行政机关确认或重新出具已获取信息", "rejected_reconfirm", [5, 0, 0, 0, 0, 0, 5]),
    (
        RESULTS,
        OTHER,
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        "other_no_correction",
        [315, 3, 0, 0, 0, 0, 318],
    ),
    (
        RESULTS,
        OTHER,
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        "other_no_fee",
        [202, 0, 0, 1, 0, 0, 203],
    ),
    (RESULTS, OTHER, "3.其他", "other_other", [941, 17, 0, 1, 3, 3, 965]),
    (RESULTS, None, "（七）总计", "total", [13364, 252, 0, 44, 121, 29, 13810]),
    (None, None, "四、结转下年度继续办理", "carried_forward", [783, 6, 0, 2, 25, 3, 819]),
]

APPEAL_COLUMNS = ["upheld", "corrected", "other", "pending", "total"]
APPEALS = {
    "review": [376, 97, 196, 121, 790],
    "lawsuit_direct": [16, 1, 12, 27, 56],
    "lawsuit_after_review": [74, 1, 30, 51, 156],
}


def expected_cells() -> dict[str, int]:
    cells = {}
    for _, _, rows in ACTIVE:
        for _, row_id, values in rows:
            cells.update({f"active.{row_id}.{col}": v for col, v in values.items()})
    for *_, row_id, values in REQUESTS:
        cells.update({f"requests.{row_id}.{col}": v for col, v in zip(REQUEST_COLUMNS, values)})
    for row_id, values in APPEALS.items():
        cells.update({f"appeals.{row_id}.{col}": v for col, v in zip(APPEAL_COLUMNS, values)})
    return dict(sorted(cells.items()))


# --- building the .docx ------------------------------------------------------------


def _merge(table, r0: int, c0: int, r1: int, c1: int, text: str):
    cell = table.cell(r0, c0).merge(table.cell(r1, c1)) if (r0, c0) != (r1, c1) else table.cell(r0, c0)
    cell.text = text
    return cell


def _active_table(document) -> None:
    n_rows = sum(2 + len(rows) for _, _, rows in ACTIVE)
    table = document.add_table(rows=n_rows, cols=4)
    r = 0
    for title, header, rows in ACTIVE:
        _merge(table, r, 0, r, 3, title)
        table.cell(r + 1, 0).text = "信息内容"
        if len(header) == 3:
            for c, text in enumerate(header):
                table.cell(r + 1, c + 1).text = text
        else:
            _merge(table, r + 1, 1, r + 1, 3, header[0])
        for i, (label, _, values) in enumerate(rows):
            row = r + 2 + i
            table.cell(row, 0).text = label
            if len(values) == 3:
                for c, v in enumerate(values.values()):
                    table.cell(row, c + 1).text = str(v)
            else:
                _merge(table, row, 1, row, 3, str(next(iter(values.values()))))
        r += 2 + len(rows)


def _requests_table(document) -> None:
    table = document.add_table(rows=3 + len(REQUESTS), cols=10)
    _merge(table, 0, 0, 2, 2, "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）")
    _merge(table, 0, 3, 0, 9, "申请人情况")
    _merge(table, 1, 3, 2, 3, "自然人")  # merged down: w:vMerge
    _merge(table, 1, 4, 1, 8, "法人或其他组织")
    _merge(table, 1, 9, 2, 9, "总计")
    for c, text in enumerate(["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]):
        table.cell(2, 4 + c).text = text
    # A header wrapped with a manual line break, as editors do for narrow columns.
    research = table.cell(2, 5).paragraphs[0]
    research.text = "科研"
    research.add_run().add_break()
    research.add_run("机构")
    for i, (group, subgroup, label, _, values) in enumerate(REQUESTS):
        row = 3 + i
        first_label_col = 0 if group is None else 1 if subgroup is None else 2
        _merge(table, row, first_label_col, row, 2, label)
        for c, v in enumerate(values):
            table.cell(row, 3 + c).text = str(v)
    # Group labels merged down over their rows: w:vMerge restart / continue.
    for column in (0, 1):
        for name, run in groupby(enumerate(REQUESTS), key=lambda entry: entry[1][column]):
            run = list(run)
            if name is not None:
                _merge(table, 3 + run[0][0], column, 3 + run[-1][0], column, name)


def _appeals_table(document) -> None:
    table = document.add_table(rows=4, cols=15)
    _merge(table, 0, 0, 0, 4, "行政复议")
    _merge(table, 0, 5, 0, 14, "行政诉讼")
    for c, text in enumerate(["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]):
        _merge(table, 1, c, 2, c, text)
        table.cell(2, 5 + c).text = text
        table.cell(2, 10 + c).text = text
    _merge(table, 1, 5, 1, 9, "未经复议直接起诉")
    _merge(table, 1, 10, 1, 14, "复议后起诉")
    values = APPEALS["review"] + APPEALS["lawsuit_direct"] + APPEALS["lawsuit_after_review"]
    for c, v in enumerate(values):
        table.cell(3, c).text = str(v)


def build_docx() -> bytes:
    from docx import Document

    document = Document()
    document.add_heading(TITLE, level=1)
    document.add_paragraph(
        "根据《中华人民共和国政府信息公开条例》规定编制本报告。本报告中所列数据统计期限为2025年1月1日至12月31日。"
    )
    document.add_paragraph("一、总体情况")
    document.add_paragraph("2025年，全市各级行政机关扎实推进政务公开工作。")
    document.add_paragraph("二、主动公开政府信息情况")
    _active_table(document)
    heading = document.add_paragraph()
    heading.add_run("三、收到和处理政府信息公开申请情况").bold = True
    _requests_table(document)
    document.add_paragraph("四、政府信息公开行政复议、行政诉讼情况")
    _appeals_table(document)
    document.add_paragraph("五、存在问题及改进情况")
    document.add_paragraph("对照新要求新任务，仍存在以下短板：一是主动公开工作还需进一步规范。")
    # A heading after a manual line break, in the same paragraph as the text before it.
    paragraph = document.add_paragraph("下一步将持续改进。")
    paragraph.add_run().add_break()
    paragraph.add_run("六、其他需要报告的事项")
    document.add_paragraph("2025年全市实际收取信息处理费共计400元。")
    document.add_paragraph("测试市人民政府办公室")
    document.add_paragraph("2026年1月20日")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@pytest.fixture(scope="module")
def docx_bytes() -> bytes:
    return build_docx()


# --- tests ---------------------------------------------------------------------------


def test_every_cell_of_a_docx_report(docx_bytes):
    report = reportparse.parse(docx_bytes)
    assert report.cells() == expected_cells()
    assert len(report.cells()) == 200


def test_docx_checks_meta_and_sections(docx_bytes):
    report = reportparse.parse(docx_bytes)
    assert report.checks and all(c.status == "passed" for c in report.checks), [
        (c.id, c.status) for c in report.checks if c.status != "passed"
    ]
    assert report.problems == []
    assert report.meta.source_format == "docx"
    assert report.meta.title == TITLE
    assert report.meta.year == 2025
    assert report.meta.format_version == "2021"
    assert report.meta.publication_date == "2026-01-20"
    assert [s.number for s in report.sections] == [1, 2, 3, 4, 5, 6]
    texts = {s.number: s.text for s in report.sections}
    assert "下一步将持续改进。" in texts[5] and "六、" not in texts[5]
    assert texts[6].startswith("2025年全市实际收取信息处理费共计400元。")


def test_merged_cells_become_single_spanning_cells(docx_bytes):
    from reportparse.sources.docx import load_docx
    from reportparse.layout.model import Table

    tables = [b for b in load_docx(docx_bytes).blocks() if isinstance(b, Table)]
    assert len(tables) == 3
    requests = tables[1]
    by_text = {c.text: c for c in requests.cells}
    corner = by_text["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"]
    assert (corner.row, corner.col, corner.rowspan, corner.colspan) == (0, 0, 3, 3)
    assert (by_text["自然人"].rowspan, by_text["自然人"].colspan) == (2, 1)
    assert (by_text["法人或其他组织"].col, by_text["法人或其他组织"].colspan) == (4, 5)
    assert by_text["科研机构"].col == 5  # "科研" <w:br/> "机构" joined
    results = by_text[RESULTS]
    assert (results.row, results.col, results.rowspan) == (5, 0, 22)
    assert (by_text[DENIED].rowspan, by_text[UNAVAILABLE].rowspan, by_text[OTHER].rowspan) == (8, 3, 3)
    # Every grid slot is covered exactly once.
    slots = [(c.row + dr, c.col + dc) for c in requests.cells for dr in range(c.rowspan) for dc in range(c.colspan)]
    assert len(slots) == len(set(slots)) == 28 * 10


def test_corrupt_docx_is_unreadable():
    with pytest.raises(UnreadableInputError):
        reportparse.parse(b"PK\x03\x04" + b"word/document.xml" + b"\x00" * 200)


def _numbered_docx() -> bytes:
    """Headings numbered by Word (一、 from numbering.xml, not in the text), sub-items （一）."""
    from docx import Document
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls, qn

    document = Document()
    numbering = document.part.numbering_part.element
    levels = [("chineseCounting", "%1、"), ("chineseCounting", "（%2）")]
    abstract = parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90">'
        + "".join(
            f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/></w:lvl>'
            for i, (fmt, text) in enumerate(levels)
        )
        + "</w:abstractNum>"
    )
    numbering.find(qn("w:num")).addprevious(abstract)  # abstract definitions come before w:num
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))

    def numbered(text: str, level: int = 0):
        paragraph = document.add_paragraph(text)
        paragraph._p.get_or_add_pPr().append(
            parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>')
        )

    document.add_paragraph(TITLE)
    numbered("总体情况")
    numbered("主动公开。", 1)
    numbered("依申请公开。", 1)
    numbered("主动公开政府信息情况")
    _active_table(document)
    for title in (
        "收到和处理政府信息公开申请情况",
        "政府信息公开行政复议、行政诉讼情况",
        "存在的主要问题及改进情况",
        "其他需要报告的事项",
    ):
        numbered(title)
    document.add_paragraph("无。")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_word_list_numbering_is_part_of_the_text():
    report = reportparse.parse(_numbered_docx())
    assert [s.heading for s in report.sections] == SECTION_HEADINGS
    assert report.sections[0].text == "（一）主动公开。\n（二）依申请公开。"
    assert report.cells() == {k: v for k, v in expected_cells().items() if k.startswith("active.")}


@pytest.mark.parametrize(
    "n, fmt, text",
    [
        (1, "chineseCounting", "一"),
        (10, "chineseCounting", "十"),
        (12, "chineseCountingThousand", "十二"),
        (21, "chineseCounting", "二十一"),
        (3, "decimal", "3"),
        (2, "decimalEnclosedCircle", "②"),
        (4, "lowerRoman", "iv"),
        (28, "upperLetter", "BB"),
        (3, "ideographTraditional", "丙"),
        (105, "ideographDigital", "一〇五"),
        (7, "decimalFullWidth", "７"),
    ],
)
def test_number_formats(n, fmt, text):
    from reportparse.sources.docx_numbering import _format_number

    assert _format_number(n, fmt) == text


# --- old .doc files ------------------------------------------------------------------

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def test_doc_without_libreoffice_exits_3(tmp_path):
    doc = tmp_path / "report.doc"
    doc.write_bytes(OLE_MAGIC + b"\x00" * 4096)
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    run = subprocess.run(
        [sys.executable, "-m", "reportparse", str(doc)],
        capture_output=True,
        text=True,
        env={**os.environ, "PATH": str(empty)},
        timeout=120,
    )
    assert run.returncode == 3, run.stderr
    assert run.stdout == ""
    assert "convert the file to .docx or PDF" in run.stderr
    assert "LibreOffice" in run.stderr


def test_doc_without_libreoffice_raises(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(UnsupportedFormatError) as raised:
        reportparse.parse(OLE_MAGIC + b"\x00" * 4096)
    assert raised.value.exit_code == 3


def test_doc_is_converted_by_soffice_when_present(monkeypatch, tmp_path, docx_bytes):
    """A stand-in soffice that 'converts' by writing the docx built above: checks the call and the plumbing."""
    converted = tmp_path / "converted.docx"
    converted.write_bytes(docx_bytes)
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    soffice = bin_dir / "soffice"
    soffice.write_text(
        textwrap.dedent(f"""\
        #!{sys.executable}
        import shutil, sys
        from pathlib import Path
        args = sys.argv[1:]
        assert "--headless" in args and args[args.index("--convert-to") + 1] == "docx", args
        outdir, source = Path(args[args.index("--outdir") + 1]), Path(args[-1])
        assert source.read_bytes().startswith({OLE_MAGIC!r})
        shutil.copy({str(converted)!r}, outdir / (source.stem + ".docx"))
        """)
    )
    soffice.chmod(0o755)
    monkeypatch.setenv("PATH", str(bin_dir))
    report = reportparse.parse(OLE_MAGIC + b"\x00" * 4096)
    assert report.meta.source_format == "doc"
    assert report.cells() == expected_cells()


def test_sniffing_sends_docx_and_doc_to_the_word_source(docx_bytes):
    from reportparse.sources.detect import sniff

    assert sniff(docx_bytes) == "docx"
    assert sniff(OLE_MAGIC + b"\x00" * 100) == "doc"


def test_docx_file_path(tmp_path, docx_bytes):
    path = Path(tmp_path) / "report.docx"
    path.write_bytes(docx_bytes)
    assert reportparse.parse(path).cells() == expected_cells()
