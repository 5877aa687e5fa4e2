"""A cell's printed text → value: numbers as printed, blanks null (never 0), units kept in raw."""

import pytest

from reportparse.values import looks_like_value, parse_value


@pytest.mark.parametrize(
    "raw, value",
    [
        ("0", 0),
        ("21", 21),
        ("7730.28", 7730.28),
        ("96171.6", 96171.6),
        ("1,234", 1234),
        ("72,108.5", 72108.5),
        ("１２３", 123),
        ("１，２３４", 1234),
        ("177 宗", 177),
        ("7730.28万元", 7730.28),
        ("251000元", 251000),
        (" 5 件", 5),
        ("-2", -2),
        ("、２", 2),
    ],
)
def test_numbers(raw, value):
    parsed = parse_value(raw)
    assert parsed.ok and parsed.value == value and type(parsed.value) is type(value)


@pytest.mark.parametrize("raw", ["", "  ", "—", "——", "-", "－", "/", "／", "无", "\\"])
def test_blanks_are_null_never_zero(raw):
    parsed = parse_value(raw)
    assert parsed.ok and parsed.value is None


@pytest.mark.parametrize("raw", ["见附件", "1 2", "12a", "约10", "1.2.3", "宗"])
def test_unreadable_text_is_flagged(raw):
    parsed = parse_value(raw)
    assert not parsed.ok and parsed.value is None
    assert not looks_like_value(raw)


def test_labels_do_not_look_like_values():
    assert not looks_like_value("1.属于国家秘密")
    assert not looks_like_value("（一）予以公开")
    assert looks_like_value("—") and looks_like_value("1,234") and not looks_like_value("")


def test_a_layout_cell_carries_its_reading_and_reads_again_only_a_new_text():
    from reportparse.layout.model import Cell

    cell = Cell(text="1,234 件", row=0, col=0)
    assert cell.reading == parse_value("1,234 件") and cell.reading.value == 1234 and cell.is_value
    assert cell.reading is cell.reading  # kept, not read again
    cell.text = "见附件"
    assert not cell.is_value and not cell.reading.ok and cell.reading.value is None
    assert not Cell(text="、", row=0, col=0).is_value and Cell(text="—", row=0, col=0).is_value


def test_an_unruled_table_with_positions_carries_its_value_columns():
    from reportparse.layout.model import BBox, Cell, Table

    def row(r: int, label: str, values: list[tuple[str, float]]) -> list[Cell]:
        cells = [Cell(text=label, row=r, col=0, bbox=BBox(10, 20 * r, 100, 20 * r + 10))]
        return cells + [
            Cell(text=t, row=r, col=k, bbox=BBox(x, 20 * r, x + len(t) * 6, 20 * r + 10))
            for k, (t, x) in enumerate(values, 1)
        ]

    # Each row's trailing run of values and blank marks makes the columns; its label does not.
    cells = row(0, "（一）予以公开", [("12", 200), ("3", 300)]) + row(1, "（二）部分公开", [("—", 204), ("1,024", 296)])
    assert Table(cells=cells, page=1, ruled=False).value_columns == [(200, 212), (296, 326)]
    assert Table(cells=cells, page=1, ruled=True).value_columns is None  # ruled: the grid says
    unplaced = [Cell(text=c.text, row=c.row, col=c.col) for c in cells]
    assert Table(cells=unplaced, page=1, ruled=False).value_columns is None  # no positions (text source)
