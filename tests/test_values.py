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
