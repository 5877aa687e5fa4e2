"""The four identities, with the spec's rules for blank and missing cells."""

from reportparse import records
from reportparse.checks import run_checks
from reportparse.tables.requests import RequestsTable


def _tables(requests: dict, appeals: dict) -> dict:
    wrap = lambda cells: {
        "found": True,
        "pages": [1],
        "cells": {k: records.cell(v, str(v), 1) for k, v in cells.items()},
    }  # noqa: E731
    return {"requests": wrap(requests), "appeals": wrap(appeals)}


def _run(requests=None, appeals=None):
    t = RequestsTable()
    checks = run_checks(_tables(requests or {}, appeals or {}), t.result_rows, [r.id for r in t.vocab.rows])
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
