"""What the parser could not do is listed, with where — never dropped, never guessed."""

from reportparse.api import parse_to_data

HEADER = (
    "三、收到和处理政府信息公开申请情况\n\n"
    "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\t\t申请人情况\t\t\t\t\t\t总计\n"
    "\t\t自然人\t法人或其他组织\t\t\t\t\t\n"
    "\t\t\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t\n"
)


def _parse(rows: str) -> dict:
    text = "一、总体情况\n\n良好。\n\n" + HEADER + rows + "\n五、存在的主要问题及改进情况\n\n无。\n"
    return parse_to_data(text.encode("utf-8"))


def test_a_row_that_matches_nothing_is_reported_with_its_label():
    data = _parse(
        "一、本年新收政府信息公开申请数量\t\t5\t0\t0\t0\t0\t0\t5\n九、莫名其妙的统计项目\t\t1\t0\t0\t0\t0\t0\t1\n"
    )
    unmatched = [p for p in data["problems"] if p["kind"] == "unmatched_row"]
    assert [(p["label"], p["message"]) for p in unmatched] == [
        (
            "九、莫名其妙的统计项目",
            "table requests: row '九、莫名其妙的统计项目' matches no row of the template; its values were not read",
        )
    ]
    assert not any(".九" in cid for cid in data["tables"]["requests"]["cells"])
    assert data["tables"]["requests"]["cells"]["requests.new_received.total"]["value"] == 5


def test_a_cell_that_is_not_a_number_is_null_and_reported():
    data = _parse("一、本年新收政府信息公开申请数量\t\t5\t见附件\t0\t0\t0\t0\t5\n")
    cell = data["tables"]["requests"]["cells"]["requests.new_received.commercial"]
    assert cell == {
        "value": None,
        "raw": "见附件",
        "page": 1,
        "bbox": None,
        "location": {"table": None, "row": None, "col": None, "path": None, "line": 10, "start": 20, "end": 23},
    }
    problem = next(p for p in data["problems"] if p["kind"] == "not_a_number")
    assert (problem["cell"], problem["label"], problem["message"]) == (
        "requests.new_received.commercial",
        "见附件",
        "cell requests.new_received.commercial: '见附件' is not a number; it is left null",
    )


def test_blank_marks_are_null_and_a_row_printed_twice_is_reported():
    data = _parse(
        "一、本年新收政府信息公开申请数量\t\t5\t—\t/\t无\t\t0\t5\n"
        "一、本年新收政府信息公开申请数量\t\t6\t0\t0\t0\t0\t0\t6\n"
    )
    cells = data["tables"]["requests"]["cells"]
    assert [
        cells[f"requests.new_received.{c}"]["value"]
        for c in ("natural_person", "commercial", "research", "social_welfare", "legal_service", "other_org", "total")
    ] == [5, None, None, None, None, 0, 5]
    duplicate = next(p for p in data["problems"] if p["kind"] == "duplicate_row")
    assert duplicate["message"] == "table requests: row new_received is printed twice; the first one is kept"
