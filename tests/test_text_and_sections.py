"""Text source, section spans, paragraphs and metadata."""

from reportparse.api import parse_to_data, parse_text
from reportparse.layout.model import TextLine
from reportparse.recognize.paragraphs import paragraphs

TEXT = """\
某市人民政府
2023年政府信息公开工作年度报告

一、总体情况

2023年，某市坚持以人民为中心，深入推进政务公开，全年主动公开政府信息1136条，并在政府网站开设专栏，持续推进决策公开和

- 2 -

执行公开。

二、主动公开政府信息情况

表格略。

六、其他需要报告的事项

本年度未收取信息处理费。

某市人民政府
2024年1月15日
"""


def test_sections_text_page_furniture_and_meta():
    data = parse_to_data(TEXT.encode("utf-8"))
    sections = {s["number"]: s for s in data["sections"]}
    assert sections[1]["text"] == (
        "2023年，某市坚持以人民为中心，深入推进政务公开，全年主动公开政府信息1136条，"
        "并在政府网站开设专栏，持续推进决策公开和执行公开。"
    )
    assert sections[6]["text"] == "本年度未收取信息处理费。\n某市人民政府\n2024年1月15日"
    assert sections[2]["heading"] == "二、主动公开政府信息情况"
    assert data["meta"] == {
        "title": "某市人民政府2023年政府信息公开工作年度报告",
        "agency": "某市人民政府",
        "year": 2023,
        "publication_date": "2024-01-15",
        "format_version": None,
        "source_format": "text",
        "pages": 1,
    }
    missing = [p["section"] for p in data["problems"] if p["kind"] == "missing_section"]
    assert missing == [3, 4, 5]


def test_parse_text_returns_the_validated_model():
    report = parse_text(TEXT)
    assert report.meta.year == 2023 and report.sections[0].key == "overview"
    assert report.model_dump(mode="json") == parse_to_data(TEXT.encode("utf-8"))


def _line(text, indent=0.0, full=True, end=False, page=1):
    return TextLine(text=text, page=page, indent=indent, full_width=full, paragraph_end=end)


def test_pdf_paragraphs_follow_indents_and_short_lines():
    lines = [
        _line("第一段第一行，内容很长一直写到", indent=2.0),
        _line("右边。第一段第二行结束了。", full=False),
        _line("第二段开头缩进两个字，一直写", indent=2.0),
        _line("到页面末尾，跨页"),
        _line("继续写完。", full=False, page=2),
        _line("（一）小标题", indent=2.0, full=False),
    ]
    assert paragraphs(lines) == [
        "第一段第一行，内容很长一直写到右边。第一段第二行结束了。",
        "第二段开头缩进两个字，一直写到页面末尾，跨页继续写完。",
        "（一）小标题",
    ]


def test_latin_words_keep_their_space_when_joined():
    lines = [_line("联系邮箱 hzzwgk@126.com 与电话 0517", indent=2.0), _line("87222589 均可。", full=False)]
    assert paragraphs(lines) == ["联系邮箱 hzzwgk@126.com 与电话 0517 87222589 均可。"]
