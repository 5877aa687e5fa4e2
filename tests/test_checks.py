"""The four identities, with the spec's rules for blank and missing cells."""

from reportparse import records
from reportparse.checks import run_checks
from reportparse.tables.result import TableResult


def _result(cells: dict, unknown: tuple[str, ...] = ()) -> TableResult:
    result = TableResult(pages=[1], unknown=list(unknown))
    for cell_id, value in cells.items():
        _, row, _ = cell_id.split(".")
        result.put(row, cell_id, records.cell(value, str(value), 1))
    return result


def _run(requests=None, appeals=None, unknown=()):
    checks = run_checks({"requests": _result(requests or {}), "appeals": _result(appeals or {}, unknown)})
    return {c["id"]: c for c in checks}


def test_appeals_statuses():
    checks = _run(
        appeals={
            "appeals.review.upheld": 10,
            "appeals.review.corrected": 1,
            "appeals.review.other": 0,
            "appeals.review.pending": 0,
            "appeals.review.total": 0,
            "appeals.lawsuit_direct.upheld": None,
            "appeals.lawsuit_direct.corrected": None,
            "appeals.lawsuit_direct.other": None,
            "appeals.lawsuit_direct.pending": None,
            "appeals.lawsuit_direct.total": None,
            "appeals.lawsuit_after_review.upheld": 2,
            "appeals.lawsuit_after_review.corrected": None,
            "appeals.lawsuit_after_review.other": 1,
            "appeals.lawsuit_after_review.pending": None,
            "appeals.lawsuit_after_review.total": 3,
        }
    )
    review = checks["appeals.review"]
    assert (review["status"], review["left"]["value"], review["right"]["value"]) == ("failed", 0, 11)
    assert review["reason"] == "0 ≠ 11"
    assert checks["appeals.lawsuit_direct"]["status"] == "skipped"  # every cell blank
    assert checks["appeals.lawsuit_after_review"]["status"] == "passed"  # a blank part counts as 0


def test_blank_total_is_incomplete_not_failed():
    checks = _run(
        appeals={
            "appeals.review.upheld": 3,
            "appeals.review.corrected": 1,
            "appeals.review.other": 0,
            "appeals.review.pending": 0,
            "appeals.review.total": None,
        }
    )
    assert checks["appeals.review"]["status"] == "incomplete"
    assert checks["appeals.review"]["left"]["value"] is None


def test_cells_not_printed_make_a_check_incomplete_or_skipped():
    checks = _run(requests={"requests.new_received.natural_person": 5, "requests.carried_over.natural_person": 0})
    assert checks["requests.balance.natural_person"]["status"] == "incomplete"
    assert (
        checks["requests.balance.natural_person"]["reason"]
        == "not printed: requests.total.natural_person, requests.carried_forward.natural_person"
    )
    assert checks["appeals.review"]["status"] == "skipped"


def test_row_identity_and_the_2019_other_row():
    cols = ["natural_person", "commercial", "research", "social_welfare", "legal_service", "other_org"]
    requests = {f"requests.granted.{c}": 1 for c in cols} | {"requests.granted.total": 6}
    requests |= {f"requests.other.{c}": 0 for c in cols} | {"requests.other.total": 1}
    checks = _run(requests=requests)
    assert checks["requests.row.granted"]["status"] == "passed"
    assert checks["requests.row.other"]["status"] == "failed"
    # The one-row 2019 （六） is summed into identity 2, not the three 2021 rows.
    assert "requests.other.total" in checks["requests.results.total"]["right"]["cells"]
    assert "requests.other_other.total" not in checks["requests.results.total"]["right"]["cells"]


def test_a_cell_not_read_for_sure_makes_its_checks_incomplete():
    appeals = {f"appeals.review.{c}": 0 for c in ("upheld", "corrected", "other", "pending", "total")}
    checks = _run(appeals=appeals, unknown=("appeals.review.total",))
    assert checks["appeals.review"]["status"] == "incomplete"
    assert checks["appeals.review"]["reason"] == "value not read for sure: appeals.review.total"
    assert checks["appeals.lawsuit_direct"]["status"] == "skipped"


def test_no_table_found_skips_every_check():
    checks = run_checks({})
    assert len(checks) == 7 + 7 + 3  # balance and results per column, no row printed, three appeals
    assert {c["status"] for c in checks} == {"skipped"}
    assert {c["reason"] for c in checks} == {"none of its cells is printed"}


def test_the_printed_rows_are_the_rows_the_recogniser_stored_cells_of():
    # A row whose cells were stored under it counts as printed, whatever its cell ids say.
    result = TableResult()
    result.put("other_other", "requests.other_other.total", records.cell(1, "1", 1))
    checks = {c["id"]: c for c in run_checks({"requests": result})}
    assert "requests.row.other_other" in checks
    assert "requests.other_other.total" in checks["requests.results.total"]["right"]["cells"]
    assert "requests.other.total" not in checks["requests.results.total"]["right"]["cells"]
