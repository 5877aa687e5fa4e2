"""HTML input: the shared hangzhou-style page, and a full site page built here (GBK, nav,
scripts, footer, unrelated tables) — every cell compared with its expected value."""

from __future__ import annotations

import codecs
import json
import subprocess
import sys
from itertools import groupby
from pathlib import Path

import pytest

pytest.importorskip("lxml")

import reportparse  # noqa: E402
from reportparse.layout.model import Table, TextLine  # noqa: E402
from reportparse.sources.detect import sniff  # noqa: E402
from reportparse.sources.html import decode_html, load_html  # noqa: E402

SHARED = Path(__file__).parents[2] / "shared"
SAMPLE = SHARED / "real" / "hangzhou-style-2025.html"
TRUTH = SHARED / "truth" / "hangzhou-style-2025.cells.tsv"
SCORER = SHARED / "tools" / "score-cells"


# --- the shared sample ---------------------------------------------------------------


def _truth() -> dict[str, str]:
    rows = [line.split("\t", 1) for line in TRUTH.read_text(encoding="utf-8").splitlines() if line.strip()]
    return {key: value for key, value in rows}


@pytest.fixture(scope="module")
def sample():
    if not (SAMPLE.is_file() and TRUTH.is_file() and SCORER.is_file()):
        pytest.skip(f"the shared hangzhou-style sample is not at {SHARED} (shared/ sits beside the repository)")
    return SAMPLE


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "reportparse", *args], capture_output=True, timeout=300)


def test_hangzhou_sample_scores_200_of_200(sample):
    cells = _cli(str(sample), "--format", "cells")
    assert cells.returncode == 0, cells.stderr.decode()
    score = subprocess.run(
        [sys.executable, str(SCORER), str(TRUTH), "-"], input=cells.stdout, capture_output=True, timeout=60
    )
    assert score.returncode == 0, score.stdout.decode()
    assert score.stdout.decode().strip().endswith("200/200 cells (100.0%), wrong 0, missing 0")


def test_hangzhou_sample_every_cell_matches_the_truth(sample):
    truth = _truth()
    assert len(truth) == 200
    got = reportparse.parse(sample).cells()
    assert set(got) == set(truth)
    for cell_id, expected in truth.items():
        assert got[cell_id] == (int(expected) if expected else None), cell_id


def test_hangzhou_sample_checks_all_pass(sample):
    run = _cli(str(sample))
    assert run.returncode == 0, run.stderr.decode()
    data = json.loads(run.stdout)
    assert data["checks"] and {c["status"] for c in data["checks"]} == {"passed"}
    assert data["problems"] == []
    assert data["meta"]["title"] == "测试市2025年政府信息公开工作年度报告"
    assert data["meta"]["year"] == 2025 and data["meta"]["source_format"] == "html"


# --- a full site page, built here ----------------------------------------------------

COLUMNS = ["natural_person", "commercial", "research", "social_welfare", "legal_service", "other_org"]
RESULTS, DENIED, UNAVAILABLE, REJECTED, OTHER = (
    "三、本年度办理结果",
    "（三）不予公开",
    "（四）无法提供",
    "（五）不予处理",
    "（六）其他处理",
)
# (group, subgroup, label, row id, the six applicant columns); totals are computed below.
RESULT_ROWS = [
    (RESULTS, None, "（一）予以公开", "granted", [210, 31, 2, 5, 7, 3]),
    (
        RESULTS,
        None,
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
        "partially_granted",
        [44, 6, 0, 1, 2, 0],
    ),
    (RESULTS, DENIED, "1.属于国家秘密", "denied_state_secret", [1, 0, 0, 0, 0, 0]),
    (RESULTS, DENIED, "2.其他法律行政法规禁止公开", "denied_prohibited_by_law", [2, 1, 0, 0, 0, 0]),
    (RESULTS, DENIED, "3.危及“三安全一稳定”", "denied_security_stability", [0, 0, 0, 0, 0, 0]),
    (RESULTS, DENIED, "4.保护第三方合法权益", "denied_third_party", [5, 2, 0, 0, 0, 1]),
    (RESULTS, DENIED, "5.属于三类内部事务信息", "denied_internal_affairs", [3, 0, 0, 0, 0, 0]),
    (RESULTS, DENIED, "6.属于四类过程性信息", "denied_process_info", [4, 1, 0, 0, 0, 0]),
    (RESULTS, DENIED, "7.属于行政执法案卷", "denied_enforcement_files", [9, 0, 0, 0, 1, 0]),
    (RESULTS, DENIED, "8.属于行政查询事项", "denied_inquiry", [12, 0, 0, 0, 0, 0]),
    (RESULTS, UNAVAILABLE, "1.本机关不掌握相关政府信息", "unavailable_not_held", [96, 8, 1, 0, 3, 2]),
    (RESULTS, UNAVAILABLE, "2.没有现成信息需要另行制作", "unavailable_needs_creation", [17, 1, 0, 0, 0, 0]),
    (RESULTS, UNAVAILABLE, "3.补正后申请内容仍不明确", "unavailable_unclear", [6, 0, 0, 0, 0, 0]),
    (RESULTS, REJECTED, "1.信访举报投诉类申请", "rejected_petition", [23, 0, 0, 0, 0, 0]),
    (RESULTS, REJECTED, "2.重复申请", "rejected_duplicate", [15, 1, 0, 0, 0, 0]),
    (RESULTS, REJECTED, "3.要求提供公开出版物", "rejected_publication", [1, 0, 0, 0, 0, 0]),
    (RESULTS, REJECTED, "4.无正当理由大量反复申请", "rejected_excessive", [8, 0, 0, 0, 0, 0]),
    (RESULTS, REJECTED, "5.要求行政机关确认或重新出具已获取信息", "rejected_reconfirm", [2, 0, 0, 0, 0, 0]),
    (
        RESULTS,
        OTHER,
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        "other_no_correction",
        [27, 2, 0, 0, 0, 0],
    ),
    (
        RESULTS,
        OTHER,
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        "other_no_fee",
        [3, 0, 0, 0, 0, 0],
    ),
    (RESULTS, OTHER, "3.其他", "other_other", [38, 4, 0, 1, 1, 0]),
]
CARRIED_OVER = [30, 2, 0, 0, 1, 0]
CARRIED_FORWARD = [41, 3, 1, 0, 2, 1]
ACTIVE = {
    "regulations": {"issued": 2, "repealed": 1, "in_force": 36},
    "normative_documents": {"issued": 48, "repealed": 12, "in_force": 305},
    "licensing": {"decisions": 52311},
    "penalty": {"decisions": 8870},
    "coercion": {"decisions": 143},
    "fees": {"amount": 1234.56},
}
APPEALS = {"review": [3, 1, 0, 2, 6], "lawsuit_direct": [1, 0, 1, 0, 2], "lawsuit_after_review": [0, 0, 0, 1, 1]}


def _requests_rows() -> list[tuple]:
    """Every printed row of table requests, with identity-consistent totals."""
    total = [sum(r[4][c] for r in RESULT_ROWS) for c in range(6)]
    new = [t + f - o for t, f, o in zip(total, CARRIED_FORWARD, CARRIED_OVER)]
    rows = [
        (None, None, "一、本年新收政府信息公开申请数量", "new_received", new),
        (None, None, "二、上年结转政府信息公开申请数量", "carried_over", CARRIED_OVER),
        *RESULT_ROWS,
        (RESULTS, None, "（七）总计", "total", total),
        (None, None, "四、结转下年度继续办理", "carried_forward", CARRIED_FORWARD),
    ]
    return [(g, s, label, row_id, values + [sum(values)]) for g, s, label, row_id, values in rows]


def expected_cells() -> dict[str, int | float]:
    cells = {f"active.{row}.{col}": v for row, columns in ACTIVE.items() for col, v in columns.items()}
    for *_, row_id, values in _requests_rows():
        cells.update({f"requests.{row_id}.{col}": v for col, v in zip(COLUMNS + ["total"], values)})
    for row_id, values in APPEALS.items():
        cells.update(
            {
                f"appeals.{row_id}.{col}": v
                for col, v in zip(["upheld", "corrected", "other", "pending", "total"], values)
            }
        )
    return dict(sorted(cells.items()))


def _requests_html() -> str:
    rows = _requests_rows()
    out = [
        """<table class="MsoTableGrid" border="1"><thead>
      <tr><th colspan="3" rowspan="3">（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</th>
          <th colspan="7">申请人情况</th></tr>
      <tr><th rowspan="2"><span style="font-family:宋体">自然人</span></th><th colspan="5">法人或其他组织</th>
          <th rowspan="2">总<br>计</th></tr>
      <tr><th>商业<br/>企业</th><th>科研<br>机构</th><th>社会公益<br>组织</th><th>法律服务<br>机构</th><th>其他</th></tr>
      </thead><tbody>"""
    ]
    spans: dict[tuple[int, int], int] = {}
    for column in (0, 1):
        start = 0
        for name, run in groupby(rows, key=lambda r: r[column]):
            n = len(list(run))
            if name is not None:
                spans[(start, column)] = n
            start += n
    for i, (group, subgroup, label, _, values) in enumerate(rows):
        cells = []
        if (i, 0) in spans:
            cells.append(f'<td rowspan="{spans[(i, 0)]}"><p><span>{group}</span></p></td>')
        if (i, 1) in spans:
            cells.append(f'<td rowspan="{spans[(i, 1)]}">{subgroup}</td>')
        width = 3 if group is None else 2 if subgroup is None else 1
        cells.append(
            f'<td colspan="{width}"><p align="left"><span lang="EN-US">{label}</span></p></td>'
            if width > 1
            else f"<td>{label}</td>"
        )
        cells += [f"<td><p><span>{v}</span></p></td>" for v in values]
        out.append("<tr>" + "".join(cells) + "</tr>")
    out.append("</tbody></table>")
    return "\n".join(out)


def _active_html() -> str:
    a = ACTIVE
    return f"""<table border="1" cellspacing="0">
      <tr><td colspan="4">第二十条第（一）项</td></tr>
      <tr><td>信息内容</td><td>本年制发件数</td><td>本年废止件数</td><td>现行有效件数</td></tr>
      <tr><td>规章</td><td>{a["regulations"]["issued"]}</td><td>{a["regulations"]["repealed"]}</td><td>{a["regulations"]["in_force"]}</td></tr>
      <tr><td>行政规范性文件</td><td>{a["normative_documents"]["issued"]}</td><td>{a["normative_documents"]["repealed"]}</td>
          <td>{a["normative_documents"]["in_force"]}</td></tr>
      <tr><td colspan="4">第二十条第（五）项</td></tr>
      <tr><td>信息内容</td><td colspan="3">本年处理决定数量</td></tr>
      <tr><td>行政许可</td><td colspan="3">{a["licensing"]["decisions"]}</td></tr>
      <tr><td colspan="4">第二十条第（六）项</td></tr>
      <tr><td>信息内容</td><td colspan="3">本年处理决定数量</td></tr>
      <tr><td>行政处罚</td><td colspan="3">{a["penalty"]["decisions"]}</td></tr>
      <tr><td>行政强制</td><td colspan="3">{a["coercion"]["decisions"]}</td></tr>
      <tr><td colspan="4">第二十条第（八）项</td></tr>
      <tr><td>信息内容</td><td colspan="3">本年收费金额（单位：万元）</td></tr>
      <tr><td>行政事业性收费</td><td colspan="3">{a["fees"]["amount"]}</td></tr>
    </table>"""


def _appeals_html() -> str:
    heads = "".join(f"<td>{h}</td>" for h in ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"])
    values = "".join(f"<td>{v}</td>" for row in APPEALS.values() for v in row)
    # The section heading printed as the table's first, full-width row; &nbsp; blanks under 行政复议.
    return f"""<table border="1">
      <tr><td colspan="15"><strong>四、政府信息公开行政复议、行政诉讼情况</strong></td></tr>
      <tr><td colspan="5">行政复议</td><td colspan="10">行政诉讼</td></tr>
      <tr>{heads}<td colspan="5">未经复议直接起诉</td><td colspan="5">复议后起诉</td></tr>
      <tr>{"<td>&nbsp;</td>" * 5}{heads}{heads}</tr>
      <tr>{values}</tr>
    </table>"""


TITLE = "测试县2025年政府信息公开工作年度报告"


def site_page(charset: str | None = "gb2312") -> str:
    """A whole county-government page with the report inside its article cell."""
    meta = f'<meta http-equiv="Content-Type" content="text/html; charset={charset}">' if charset else ""
    return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN">
<html><head>{meta}
<title>{TITLE}_测试县人民政府门户网站</title>
<style>.nav {{ color: red }} /* 一、总体情况 */</style>
<script>var s = "二、主动公开政府信息情况"; document.write("<table><tr><td>1</td><td>2</td></tr></table>");</script>
</head>
<body><form id="form1">
<div class="header"><img src="logo.png"><span>测试县人民政府</span></div>
<ul class="nav"><li><a href="/">首页</a></li><li><a href="/zwgk">政务公开</a></li>
  <li><a href="/nb">政府信息公开年度报告</a></li></ul>
<div class="position">当前位置：首页 &gt; 政务公开 &gt; 年度报告</div>
<div><a href="/">首页</a> | <a href="/xxgk">信息公开</a> | <a href="/nb">政府信息公开工作年度报告</a></div>
<table><tr><td>文件名称</td><td>发布日期</td></tr>
  <tr><td>关于做好2025年春耕工作的通知</td><td>2025-03-01</td></tr>
  <tr><td>测试县2024年政府信息公开工作年度报告</td><td>2025-01-20</td></tr>
  <tr><td>访问量</td><td>123456</td></tr></table>
<table width="100%"><tr><td width="200">
  <div class="left-menu"><p>机构概况</p><p>政策文件</p><p>一、总体情况</p></div>
</td><td>
<div class="article">
<h1 style="text-align:center">{TITLE}</h1>
<div class="info">发布时间：2026-01-20 来源：县政府办 【字体：大 中 小】</div>
<p style="text-indent:2em">&nbsp;&nbsp;本报告根据《中华人民共和国政府信息公开条例》编制，由王堃同志审核。</p>
<h2>一、总体情况</h2>
<p>　　2025年，全县坚持以公开为常态，
   不公开为例外。</p>
<p style="display:none">三、收到和处理政府信息公开申请情况（隐藏的旧稿）</p>
<table class="layout"><tr><td><p><b>二、主动公开政府信息情况</b></p></td></tr></table>
{_active_html()}
<p><strong>三、收到和处理政府信息公开申请情况</strong></p>
{_requests_html()}
{_appeals_html()}
<div><span style="font-weight:bold">五、</span><span style="font-weight:bold">存在的主要问题及改进情况</span></div>
<div>主要问题：一是公开内容不够全面。<br>改进措施：加强培训。</div>
<p><b>六、其他需要报告的事项</b>本年度未收取信息处理费。</p>
<p style="text-align:right">测试县人民政府办公室</p>
<p style="text-align:right">2026年1月20日</p>
</div>
<div class="share">分享到：微信 微博</div>
<p>【打印本页】 【关闭窗口】</p>
</td></tr></table>
<table class="links"><tr><td>国务院</td><td>省政府</td><td>市政府</td></tr></table>
<div class="footer">版权所有：测试县人民政府 主办：测试县人民政府办公室 网站标识码：1234567890 苏ICP备12345678号</div>
<footer><p>联系我们 | 网站地图</p></footer>
</form>
<script>window.foo = "六、其他需要报告的事项";</script>
</body></html>"""


def test_gbk_site_page_every_cell():
    data = site_page("gb2312").encode("gbk")
    assert sniff(data) == "html"
    report = reportparse.parse(data)
    assert report.cells() == expected_cells()


def test_gbk_site_page_text_checks_and_meta():
    report = reportparse.parse(site_page("gbk").encode("gbk"))
    assert report.problems == []
    assert report.checks and all(c.status == "passed" for c in report.checks), [
        (c.id, c.status) for c in report.checks if c.status != "passed"
    ]
    assert report.meta.title == TITLE
    assert report.meta.year == 2025
    assert report.meta.agency == "测试县"
    assert report.meta.publication_date == "2026-01-20"
    assert report.meta.format_version == "2021"
    texts = {s.number: s.text for s in report.sections}
    assert [s.number for s in report.sections] == [1, 2, 3, 4, 5, 6]
    assert texts[1] == "2025年，全县坚持以公开为常态，不公开为例外。"
    assert [s.heading for s in report.sections][4] == "五、存在的主要问题及改进情况"
    assert texts[5] == "主要问题：一是公开内容不够全面。\n改进措施：加强培训。"
    # The bold heading is a line of its own; site furniture after the article is gone.
    assert texts[6] == "本年度未收取信息处理费。\n测试县人民政府办公室\n2026年1月20日"
    everything = report.model_dump_json()
    for chrome in ("首页", "版权所有", "关闭窗口", "分享到", "document.write", "隐藏的旧稿", "网站地图"):
        assert chrome not in everything, chrome


@pytest.mark.parametrize(
    "encoding, charset",
    [
        ("gb18030", None),  # no declaration at all: UTF-8 fails, GB18030 is tried
        ("utf-8", "utf-8"),
        ("utf-8", None),
        ("utf-8-sig", None),  # BOM
        ("gbk", "utf-8"),  # declared UTF-8 but saved as GBK: the bytes win
        ("utf-8", "iso-8859-1"),  # a Western label on a UTF-8 page
        ("utf-8", "gb2312"),  # re-saved as UTF-8 but still declaring GB2312
        ("utf-16", None),  # UTF-16 with its BOM
        ("gbk", "iso-8859-1"),  # a Western label on a GBK page
    ],
)
def test_encodings(encoding, charset):
    data = site_page(charset).encode(encoding)
    assert reportparse.parse(data).cells() == expected_cells()


def test_gbk_only_character_in_page_declared_gb2312():
    page = site_page("gb2312")
    assert "堃" in page  # not in GB2312: such pages are really GBK
    assert decode_html(page.encode("gbk")) == page


def test_parse_html_string_matches_bytes():
    page = site_page("gbk")
    assert reportparse.parse_html(page).model_dump_json() == reportparse.parse(page.encode("gbk")).model_dump_json()


# --- grid and text details -------------------------------------------------------------


def _layout(body: str):
    return list(load_html(f"<html><body>{body}</body></html>").blocks())


def test_rowspan_and_colspan_fill_the_grid_like_a_browser():
    blocks = _layout("""<table>
        <tr><td rowspan="2" colspan="2">A</td><td>B</td><td rowspan="3">C</td></tr>
        <tr><td>D</td></tr>
        <tr><td>E</td><td colspan="2">F</td></tr>
        <tr><td>G</td><td>&nbsp;</td><td> &#160; </td><td>H</td></tr>
    </table>""")
    [table] = blocks
    cells = {c.text or f"blank{c.col}": (c.row, c.col, c.rowspan, c.colspan) for c in table.cells}
    assert cells == {
        "A": (0, 0, 2, 2),
        "B": (0, 2, 1, 1),
        "C": (0, 3, 3, 1),
        "D": (1, 2, 1, 1),
        "E": (2, 0, 1, 1),
        "F": (2, 1, 1, 2),
        "G": (3, 0, 1, 1),
        "blank1": (3, 1, 1, 1),
        "blank2": (3, 2, 1, 1),
        "H": (3, 3, 1, 1),
    }


def test_cell_text_joins_line_breaks_and_nested_tags():
    [table] = _layout(
        "<table><tr><td>本年新收政府<br>信息公开<span><b>申请</b>数量</span></td>"
        "<td><p>12</p><p>345</p></td><td>Total<br>count</td></tr></table>"
    )
    assert [c.text for c in table.cells] == ["本年新收政府信息公开申请数量", "12 345", "Total count"]


def test_headings_become_lines_wherever_they_stand():
    blocks = _layout("""
        <table><tr><td><h3>一、总体情况</h3></td></tr></table>
        <div>正文一。<br>二、主动公开政府信息情况<br>正文二。</div>
        <p><strong>三、收到和处理政府信息公开申请情况</strong>正文三。</p>
        <table><tr><td colspan="2">四、政府信息公开行政复议、行政诉讼情况</td></tr>
               <tr><td>行政复议</td><td>1</td></tr></table>""")
    lines = [b.text if isinstance(b, TextLine) else "<table>" for b in blocks]
    assert lines == [
        "一、总体情况",
        "正文一。",
        "二、主动公开政府信息情况",
        "正文二。",
        "三、收到和处理政府信息公开申请情况",
        "正文三。",
        "四、政府信息公开行政复议、行政诉讼情况",
        "<table>",
    ]
    table = blocks[-1]
    assert isinstance(table, Table) and min(c.row for c in table.cells) == 0
    assert all(isinstance(b, TextLine) and b.paragraph_end and b.page == 1 for b in blocks[:-1])


def test_title_comes_first_from_the_page_title():
    blocks = _layout("<div class='nav'>首页</div><p>一、总体情况</p>")
    assert blocks[0].text == "一、总体情况"
    doc = load_html(
        f"<html><head><title>{TITLE} - 测试县人民政府</title></head><body><p>导航</p><p>一、总体情况</p></body></html>"
    )
    assert [b.text for b in doc.blocks()][:2] == [TITLE, "导航"]
    # A sidebar's undated "年度报告" column heading loses to the article's dated title.
    doc = load_html(f"<body><h3>政府信息公开年度报告</h3><p>导航</p><h1>{TITLE}</h1><p>一、总体情况</p></body>")
    assert [b.text for b in doc.blocks()] == [TITLE, "政府信息公开年度报告", "导航", "一、总体情况"]


def test_sniff_still_tells_formats_apart():
    assert sniff(b"%PDF-1.7\n") == "pdf"
    assert sniff("一、总体情况\n本年度……".encode("gbk")) == "text"
    assert sniff(b"\n\n<!-- saved from url -->\n<HTML><BODY>x</BODY></HTML>") == "html"
    assert sniff(codecs.BOM_UTF8 + "<p>一、总体情况</p>".encode()) == "html"
