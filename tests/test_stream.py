"""The unruled-table engine (layout/stream*.py) on glyphs placed by hand: which lines
form a table, and the exact cells of its grid."""

from __future__ import annotations

from reportparse.layout.lines import Glyph, group_lines
from reportparse.layout.model import BBox, Table
from reportparse.layout.stream import split_tables
from reportparse.layout.stream_words import cells_of, is_value_row

SIZE = 10.0


def words(top: float, *placed: tuple[float, str]) -> list[Glyph]:
    """Glyphs of one printed line: each (x, text) set from x on, CJK a font size wide,
    ASCII half of one."""
    out = []
    for x, text in placed:
        for ch in text:
            width = SIZE / 2 if ch.isascii() else SIZE
            out.append(Glyph(ch, x, x + width, top, top + SIZE, SIZE))
            x += width
    return out


def split(*lines: list[Glyph]) -> list[str | Table]:
    positioned = group_lines([g for line in lines for g in line])
    return [
        item if isinstance(item, Table) else item.text()
        for item in split_tables(positioned, 1, 400.0, lambda text: text.startswith("一、"))
    ]


def cells(table: str | Table) -> list[tuple[int, int, str]]:
    assert isinstance(table, Table)
    return sorted((c.row, c.col, c.text) for c in table.cells)


def test_three_by_three_table_cut_at_space_gaps():
    found = split(
        words(100, (50, "项目"), (200, "甲"), (300, "乙")),
        words(120, (50, "收到申请"), (200, "12"), (300, "34")),
        words(140, (50, "办结"), (200, "5"), (300, "6")),
    )
    assert len(found) == 1
    table = found[0]
    assert cells(table) == [
        (0, 0, "项目"),
        (0, 1, "甲"),
        (0, 2, "乙"),
        (1, 0, "收到申请"),
        (1, 1, "12"),
        (1, 2, "34"),
        (2, 0, "办结"),
        (2, 1, "5"),
        (2, 2, "6"),
    ]
    assert isinstance(table, Table) and not table.ruled
    assert table.bbox == BBox(50, 100, 310, 150)
    assert [c.bbox for c in table.cells if c.row == 1] == [
        BBox(50, 120, 90, 130),
        BBox(200, 120, 210, 130),
        BBox(300, 120, 310, 130),
    ]


def test_multi_level_header_broken_over_lines_keeps_one_row_per_line():
    found = split(
        words(100, (50, "项目"), (220, "行政复议")),
        words(114, (200, "维持"), (260, "纠正"), (320, "总")),
        words(126, (320, "计")),
        words(145, (50, "件数"), (205, "1"), (265, "2"), (325, "3")),
        words(165, (50, "比例"), (205, "4"), (265, "5"), (325, "9")),
    )
    assert len(found) == 1
    assert cells(found[0]) == [
        (0, 0, "项目"),
        (0, 1, "行政复议"),
        (1, 0, "维持"),
        (1, 1, "纠正"),
        (1, 2, "总"),
        (2, 0, "计"),
        (3, 0, "件数"),
        (3, 1, "1"),
        (3, 2, "2"),
        (3, 3, "3"),
        (4, 0, "比例"),
        (4, 1, "4"),
        (4, 2, "5"),
        (4, 3, "9"),
    ]


def test_a_gap_inside_a_label_narrower_than_a_cell_gap_does_not_split_it_and_a_value_only_row_stays():
    # 8 pt between 本年新 and 收申请: wider than a space, narrower than a cell gap (0.9 font sizes).
    found = split(
        words(100, (50, "（一）本年新"), (118, "收申请"), (300, "12"), (350, "13")),
        words(120, (50, "（二）上年"), (300, "1"), (350, "2")),
        words(140, (300, "13"), (350, "15")),
    )
    assert len(found) == 1
    assert cells(found[0]) == [
        (0, 0, "（一）本年新 收申请"),
        (0, 1, "12"),
        (0, 2, "13"),
        (1, 0, "（二）上年"),
        (1, 1, "1"),
        (1, 2, "2"),
        (2, 0, "13"),
        (2, 1, "15"),
    ]


def test_wrapped_label_joins_its_row_and_prose_and_headings_stay_outside():
    found = split(
        words(80, (50, "一、情况概述")),
        words(100, (50, "申请人"), (200, "自然人"), (300, "法人")),
        words(120, (50, "（一）予以"), (200, "7"), (300, "8")),
        words(132, (50, "公开")),
        words(150, (50, "（二）不予公开"), (200, "1"), (300, "无")),
        words(180, (50, "这是一段正文，说明表格之后的情况。")),
    )
    assert found[0] == "一、情况概述"
    assert found[2] == "这是一段正文，说明表格之后的情况。"
    assert len(found) == 3
    assert cells(found[1]) == [
        (0, 0, "申请人"),
        (0, 1, "自然人"),
        (0, 2, "法人"),
        (1, 0, "（一）予以公开"),
        (1, 1, "7"),
        (1, 2, "8"),
        (2, 0, "（二）不予公开"),
        (2, 1, "1"),
        (2, 2, "无"),
    ]


def test_a_number_wrapped_in_a_narrow_column_is_read_whole():
    found = split(
        words(100, (50, "项目"), (200, "甲"), (300, "乙")),
        words(114, (300, "1234")),
        words(120, (50, "收到申请"), (200, "12")),
        words(126, (300, "56")),
        words(145, (50, "办结"), (200, "5"), (300, "6")),
    )
    assert len(found) == 1
    assert cells(found[0]) == [
        (0, 0, "项目"),
        (0, 1, "甲"),
        (0, 2, "乙"),
        (1, 0, "收到申请"),
        (1, 1, "12"),
        (1, 2, "123456"),
        (2, 0, "办结"),
        (2, 1, "5"),
        (2, 2, "6"),
    ]


def test_header_lines_at_the_page_end_are_a_table_of_their_own():
    found = split(
        words(80, (50, "正文之后是表格：")),
        words(100, (50, "行政复议"), (250, "行政诉讼")),
        words(120, (200, "维持"), (250, "纠正"), (300, "总计")),
    )
    assert found[0] == "正文之后是表格："
    assert len(found) == 2
    assert cells(found[1]) == [(0, 0, "行政复议"), (0, 1, "行政诉讼"), (1, 0, "维持"), (1, 1, "纠正"), (1, 2, "总计")]


def test_value_rows_need_two_numbers_or_a_label_beside_one():
    (line,) = group_lines(words(100, (50, "收到申请"), (200, "12"), (300, "34")))
    assert [c.text for c in cells_of(line)] == ["收到申请", "12", "34"]
    assert is_value_row(cells_of(line))
    (sentence,) = group_lines(words(100, (50, "共收到申请")))
    assert not is_value_row(cells_of(sentence))
    (lone,) = group_lines(words(100, (200, "12")))
    assert not is_value_row(cells_of(lone))


def test_no_value_line_no_table():
    assert split(words(100, (50, "情况说明")), words(120, (50, "本年度无"))) == ["情况说明", "本年度无"]
