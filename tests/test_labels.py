"""Row, column and heading labels matched by meaning, tolerant to real misprints."""

import subprocess
import sys

import pytest

from reportparse import vocabulary
from reportparse.recognize.headings import match_heading
from reportparse.recognize.labels import LabelMatcher


@pytest.fixture(scope="module")
def rows():
    t = vocabulary.table("requests")
    return LabelMatcher((r.id, r.labels) for r in t.rows)


@pytest.mark.parametrize(
    "printed, row_id",
    [
        ("2.其他法律行政止公开", "denied_prohibited_by_law"),  # hzq2023's misprint
        ("2、其他法律行政法规禁止公开", "denied_prohibited_by_law"),
        ("4.无正当理由大量反复 申请", "rejected_excessive"),
        ('3.危及"三安全一稳定"', "denied_security_stability"),
        ("3.危及“三安全一稳定”", "denied_security_stability"),
        ("（二）部分公开（区分处理的，只计这一情 形，不计其他情形）", "partially_granted"),
        ("(二)部分公开", "partially_granted"),
        ("2.没有现成信息需要另行制做", "unavailable_needs_creation"),
        ("（六）其他处理", "other"),
        ("3.其他", "other_other"),
        ("（七）总计", "total"),
        ("四、结转下年度继续办理", "carried_forward"),
        ("禁止公开其他法律行政法规", "denied_prohibited_by_law"),  # words reordered: jieba's word view
        ("行政机关不再处理其政府信息公开申请申请人无正当理由逾期不补正", "other_no_correction"),
    ],
)
def test_row_labels(rows, printed, row_id):
    found = rows.match(printed)
    assert found is not None and found.id == row_id


@pytest.mark.parametrize("printed", ["信息内容", "申请人情况", "其他法律", "合计金额", "本年度我局收到依申请公开 5 件"])
def test_non_rows_match_nothing(rows, printed):
    assert rows.match(printed) is None


@pytest.mark.parametrize(
    "line, number",
    [
        ("一、总体情况", 1),
        ("一.总体情况", 1),
        ("一， 总体情况", 1),
        ("二、主动公开政府信息情况", 2),
        ("四、因政府信息公开工作被申请行政复议、提起行政诉讼情况", 4),
        ("四、政府信息公开行政复议、行政诉讼情况", 4),
        ("五、政府信息公开工作存在的主要问题及改进情况", 5),
        ("五、存在问题及改进情况", 5),
        ("六 、 其 他 需 要 报 告 的 事 项", 6),
        ("三．收到和处理政府信息公开申请情况", 3),
    ],
)
def test_headings_and_their_variants(line, number):
    section = match_heading(line)
    assert section is not None and section.number == number


@pytest.mark.parametrize(
    "line",
    [
        "总体情况",  # no ordinal
        "一、总体情况良好，全年主动公开政府信息 1136 条，依申请公开办理及时。",  # a sentence, not a heading
        "根据二、主动公开政府信息情况的要求",
        "七、总体情况",
    ],
)
def test_phrases_in_running_text_are_not_headings(line):
    assert match_heading(line) is None


def test_clean_reports_never_load_jieba():
    # jieba's dictionary costs ~0.6 s; only a label that no quicker comparison matches may load it.
    code = (
        "import sys, reportparse.recognize.labels as l, reportparse.tables.requests as r\n"
        "t = r.RequestsTable()\n"
        "assert t.row_matcher.match('2.其他法律行政止公开').id == 'denied_prohibited_by_law'\n"
        "print('jieba' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"
