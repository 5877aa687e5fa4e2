"""Values read by OCR are placed only where their position says (tables/scanned.py):
on a scan a blank mark may be lost and a heading may be unreadable under a seal, so a
value under no heading is never moved into a neighbouring column, and every cell it
might belong to is named.  The rows are those OCR read from the stamped scan of
blank-mixed-lo-229 (positions in points), built as the layout's cells."""

from __future__ import annotations

from reportparse.layout.model import BBox, Cell, Table
from reportparse.tables.requests import RequestsTable

_HEADINGS = [
    [("自然人", 257, 278), ("总计", 506, 518)],
    [("商业企业", 289, 318), ("科研机构", 329, 358), ("社会公益组织", 369, 414), ("法律服务机构", 425, 469)],
]
_ROWS = [
    [("一、本年新收政府信息公开申请数量", 76, 219)]
    + [
        (v, x, x + 8)
        for v, x in [("362", 261), ("18", 300), ("2", 342), ("2", 390), ("9", 445), ("1", 485), ("394", 507)]
    ],
    # The legal_service column's blank mark (-) was lost on the scan: six values, seven columns.
    [("6.属于四类过程性信息", 169, 247)]
    + [(v, x, x + 5) for v, x in [("4", 265), ("0", 302), ("0", 342), ("无", 388), ("0", 485), ("4", 509)]],
    # Printed blank under social_welfare.
    [("（六）其他处理", 98, 157)]
    + [(v, x, x + 8) for v, x in [("35", 263), ("0", 302), ("0", 342), ("0", 446), ("1", 486), ("36", 508)]],
]


def _table(other_heading: str | None, confidence: float | None = 0.99) -> Table:
    headings = [list(row) for row in _HEADINGS]
    if other_heading is not None:
        headings[1].append((other_heading, 481, 494))
    cells = []
    for r, row in enumerate(headings + _ROWS):
        top = 100.0 + 20 * r
        for c, (text, x0, x1) in enumerate(row):
            cells.append(Cell(text, r, c, page=3, bbox=BBox(x0, top, x1, top + 9), confidence=confidence))
    return Table(cells=cells, page=3, ruled=False)


def _problems(result, kind: str) -> list[tuple[str | None, str | None]]:
    return [(p["cell"], p["label"]) for p in result.problems if p["kind"] == kind]


def test_a_value_under_no_heading_is_not_moved_and_the_cells_it_may_belong_to_are_named():
    result = RequestsTable().recognize([_table(other_heading=None)])
    values = {k: v["value"] for k, v in result.cells.items() if k.startswith("requests.denied_process_info.")}
    assert values == {
        "requests.denied_process_info.natural_person": 4,
        "requests.denied_process_info.commercial": 0,
        "requests.denied_process_info.research": 0,
        "requests.denied_process_info.social_welfare": None,  # 无: a blank mark
        "requests.denied_process_info.legal_service": None,  # not the 0 printed under the lost heading
        "requests.denied_process_info.total": 4,
    }
    assert result.cells["requests.other.social_welfare"]["value"] is None
    assert result.cells["requests.other.legal_service"]["value"] == 0
    assert _problems(result, "ocr_uncertain_column") == [("requests.denied_process_info.legal_service", "0")]
    assert [p["label"] for p in result.problems if p["kind"] == "unassigned_value"] == ["1", "0", "1"]


def test_an_unreadable_heading_between_two_columns_is_the_one_column_the_template_has_there():
    result = RequestsTable().recognize([_table(other_heading="集他", confidence=0.07)])
    assert [p["label"] for p in result.problems if p["kind"] == "ocr_unread_heading"] == ["other_org"]
    message = next(p["message"] for p in result.problems if p["kind"] == "ocr_unread_heading")
    assert "between legal_service and total was read as '集他'" in message
    assert {
        k: result.cells[f"requests.{k}.other_org"]["value"] for k in ("new_received", "denied_process_info", "other")
    } == {
        "new_received": 1,
        "denied_process_info": 0,
        "other": 1,
    }
    assert result.cells["requests.denied_process_info.legal_service"]["value"] is None
    assert result.cells["requests.other.social_welfare"]["value"] is None
    assert _problems(result, "ocr_uncertain_column") == []
    assert _problems(result, "unassigned_value") == []


def test_two_headings_read_run_together_are_cut_into_their_columns():
    headings = [_HEADINGS[0], [("商业企业", 289, 318), ("科研机构", 329, 358), ("社会公益组织法律服务机构", 369, 469)]]
    headings[1].append(("其他", 481, 494))
    rows = [r for r in _ROWS if not r[0][0].startswith("6.")]
    cells = [
        Cell(text, r, c, page=3, bbox=BBox(x0, 100.0 + 20 * r, x1, 109.0 + 20 * r), confidence=0.99)
        for r, row in enumerate(headings + rows)
        for c, (text, x0, x1) in enumerate(row)
    ]
    result = RequestsTable().recognize([Table(cells=cells, page=3, ruled=False)])
    values = {k.split(".")[-1]: v["value"] for k, v in result.cells.items() if k.startswith("requests.new_received.")}
    assert values == {
        "natural_person": 362,
        "commercial": 18,
        "research": 2,
        "social_welfare": 2,
        "legal_service": 9,
        "other_org": 1,
        "total": 394,
    }
    kinds = {p["kind"] for p in result.problems}  # the rows left out of this excerpt are missing, no more
    assert kinds == {"missing_row", "table_cut_off"}


def _appeals_table(group_name: str, confidence: float | None) -> Table:
    kinds = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    width = 30.0

    def cell(text, row, col, span=1, rowspan=1, conf=confidence):
        x0 = 73.0 + width * col
        return Cell(
            text,
            row,
            col,
            rowspan,
            span,
            4,
            BBox(x0, 100.0 + 20 * row, x0 + width * span, 120.0 + 20 * row),
            confidence=conf,
        )

    cells = [cell("行政复议", 0, 0, 5), cell("行政诉讼", 0, 5, 10)]
    # 尚未审结 over the review group misread (a character read wrong): 尚米审结.
    cells += [cell(k if i != 3 else "尚米审结", 1, i, rowspan=2) for i, k in enumerate(kinds)]
    cells += [cell(group_name, 1, 5, 5, conf=0.2 if confidence is not None else None), cell("复议后起诉", 1, 10, 5)]
    cells += [cell(k, 2, 5 + i) for i, k in enumerate(kinds * 2)]
    cells += [cell(v, 3, i) for i, v in enumerate("1 0 0 1 2 1 0 0 0 1 0 2 0 0 2".split())]
    return Table(cells=cells, page=4, ruled=True)


def test_an_unreadable_group_name_of_the_appeals_table_is_the_one_row_left_for_it():
    from reportparse.tables.appeals import AppealsTable

    result = AppealsTable().recognize([_appeals_table("未经V自起顶", 0.99)])
    assert [(p["kind"], p["label"]) for p in result.problems] == [
        ("ocr_unread_heading", "pending"),
        ("ocr_unread_heading", "lawsuit_direct"),
    ]
    assert "between other and total was read as '尚米审结'" in result.problems[0]["message"]
    assert "read as 未经V自起顶, no row's name" in result.problems[1]["message"]
    got = {k: v["value"] for k, v in result.cells.items()}
    assert [got[f"appeals.review.{c}"] for c in ("upheld", "corrected", "other", "pending", "total")] == [1, 0, 0, 1, 2]
    assert [got[f"appeals.lawsuit_direct.{c}"] for c in ("upheld", "corrected", "other", "pending", "total")] == [
        1,
        0,
        0,
        0,
        1,
    ]
    assert [got[f"appeals.lawsuit_after_review.{c}"] for c in ("upheld", "corrected", "other", "pending", "total")] == [
        0,
        2,
        0,
        0,
        2,
    ]


def test_a_garbled_group_name_in_a_text_layer_is_not_inferred():
    from reportparse.tables.appeals import AppealsTable

    result = AppealsTable().recognize([_appeals_table("未经V自起顶", None)])
    assert [p["kind"] for p in result.problems][:1] == ["no_header"]
    assert not any(k.startswith("appeals.lawsuit_direct.") for k in result.cells)


def test_four_headings_read_run_together_are_cut_where_their_names_end():
    from reportparse.tables.appeals import AppealsTable
    from reportparse.tables.rows import RowView
    from reportparse.tables.scanned import split_headings

    def row(text: str, confidence: float | None) -> RowView:
        cell = Cell(text, 2, 0, page=5, bbox=BBox(75.0, 300.0, 187.0, 309.0), confidence=confidence)
        return RowView(cells=[cell], fragment=0, positioned=True, ruled=False)

    columns = AppealsTable().column_matcher
    (cut,) = split_headings([row("结果维持结果纠正其他结果尚未审结", 0.98)], columns)
    assert [(c.text, c.bbox.x0, c.bbox.x1) for c in cut.cells] == [
        ("结果维持", 75.0, 103.0),
        ("结果纠正", 103.0, 131.0),
        ("其他结果", 131.0, 159.0),
        ("尚未审结", 159.0, 187.0),
    ]
    # A heading that is one name, or that no names make up, stays as read; a text layer's too.
    for text, confidence in [("尚未审结", 0.98), ("尚米审结", 0.6), ("结果维持结果纠正", None)]:
        (same,) = split_headings([row(text, confidence)], columns)
        assert [c.text for c in same.cells] == [text]
