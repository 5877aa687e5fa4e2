"""The digit-split solver (spec: "Numbers whose cell boundaries were lost"): every
split the rules allow, the identities deciding between them, and its bounds."""

from __future__ import annotations

import time

from reportparse.tables.digit_split import Run, split_runs
from reportparse.values import read_run

COLUMNS = ["natural_person", "commercial", "research", "social_welfare", "legal_service", "other_org", "total"]
APPEAL_COLUMNS = ["upheld", "corrected", "other", "pending", "total"]
APPEAL_ROWS = ["review", "lawsuit_direct", "lawsuit_after_review"]


def _row(row: str, text: str) -> Run:
    return Run(tuple(f"requests.{row}.{c}" for c in COLUMNS), text)


def _row_identity(row: str):
    return ((f"requests.{row}.total",), tuple(f"requests.{row}.{c}" for c in COLUMNS[:-1]))


def _appeals(text: str) -> tuple[Run, list]:
    run = Run(tuple(f"appeals.{r}.{c}" for r in APPEAL_ROWS for c in APPEAL_COLUMNS), text)
    equations = [((f"appeals.{r}.total",), tuple(f"appeals.{r}.{c}" for c in APPEAL_COLUMNS[:-1])) for r in APPEAL_ROWS]
    return run, equations


def test_a_run_with_one_split_is_read_without_any_identity():
    run = Run(("a", "b", "c", "d"), "0012")  # no leading zero: 0 | 0 | 1 | 2
    assert split_runs([run], {}, []).values == {"a": 0, "b": 0, "c": 1, "d": 2}
    run = Run(("a", "b", "c"), "0012")  # three cells: 0 | 0 | 12, never 0 | 012
    assert split_runs([run], {}, []).values == {"a": 0, "b": 0, "c": 12}
    run = Run(("a", "b", "c"), "0 0 0")
    assert split_runs([run], {}, []).values == {"a": 0, "b": 0, "c": 0}


def test_spaces_that_survived_cut_the_run():
    # 500000 5: the first token holds six cells, the second one
    outcome = split_runs([_row("partially_granted", "500000 5")], {}, [])
    assert [outcome.values[f"requests.partially_granted.{c}"] for c in COLUMNS] == [5, 0, 0, 0, 0, 0, 5]
    assert outcome.unresolved == {}


def test_the_row_identity_decides_a_row():
    run = _row("new_received", "640020470")
    outcome = split_runs([run], {}, [_row_identity("new_received")])
    assert [outcome.values[c] for c in run.cells] == [64, 0, 0, 2, 0, 4, 70]
    assert outcome.unresolved == {}
    assert outcome.splits[run] == 1


def test_without_an_identity_several_splits_leave_the_cells_unread():
    run = Run(
        (
            "active.normative_documents.issued",
            "active.normative_documents.repealed",
            "active.normative_documents.in_force",
        ),
        "693665",
    )
    outcome = split_runs([run], {}, [])
    assert outcome.values == {}
    assert outcome.unresolved == {run: "ambiguous"}
    assert outcome.splits[run] == 10  # 6|9|3665, 6|93|665, … 69|3|665, … 6936|6|5


def test_column_identities_link_the_rows():
    # Each row alone fits two splits (27|0|0|2|0|1|30 and 2|7|0|0|2|0|11); the column
    # identity total = the sum of the results keeps one combination.
    rows = {"granted": "270020130", "total": "270020130"}
    runs = [_row(r, t) for r, t in rows.items()]
    equations = [_row_identity(r) for r in rows]
    alone = split_runs(runs[:1], {}, equations[:1])
    assert alone.unresolved == {runs[0]: "ambiguous"}
    equations += [((f"requests.total.{c}",), (f"requests.granted.{c}",)) for c in COLUMNS]
    linked = split_runs(runs, {}, equations)
    # Both rows still fit the same two splits together: the identities leave them ambiguous.
    assert linked.unresolved == {runs[0]: "ambiguous", runs[1]: "ambiguous"}
    # A third row fixed by its digits breaks the tie.
    runs.append(_row("partially_granted", "0000000"))
    known = {f"requests.carried_over.{c}": 0 for c in COLUMNS}
    equations += [
        ((f"requests.new_received.{c}", f"requests.carried_over.{c}"), (f"requests.total.{c}",)) for c in COLUMNS
    ]
    runs.append(_row("new_received", "27 0 0 2 0 1 30"))
    solved = split_runs(runs, known, equations)
    assert solved.unresolved == {}
    assert [solved.values[f"requests.granted.{c}"] for c in COLUMNS] == [27, 0, 0, 2, 0, 1, 30]


def test_no_split_that_holds_is_impossible():
    run = _row("granted", "11111111")  # 1 1 1 1 1 1 11 and more, totals never match
    known = {}
    outcome = split_runs([run], known, [_row_identity("granted")])
    assert outcome.unresolved == {run: "impossible"}
    assert outcome.values == {}


def test_too_few_digits_for_the_cells():
    run = _row("granted", "12345")
    assert split_runs([run], {}, []).unresolved == {run: "too_few_digits"}


def test_the_real_appeals_row_splits_uniquely():
    run, equations = _appeals("10203120001200000")
    outcome = split_runs([run], {}, equations)
    assert [outcome.values[c] for c in run.cells] == [1, 0, 2, 0, 3, 12, 0, 0, 0, 12, 0, 0, 0, 0, 0]


def test_a_sixty_digit_run_stops_at_the_bound():
    run, equations = _appeals("1" * 60)
    start = time.monotonic()
    outcome = split_runs([run], {}, equations, seconds=0.3)
    assert time.monotonic() - start < 2.0
    assert outcome.unresolved == {run: "too_hard"}
    assert outcome.values == {}
    outcome = split_runs([run], {}, equations, nodes=1000)
    assert outcome.unresolved == {run: "too_hard"}


def is_run_text(raw: str) -> bool:
    return read_run(raw).is_run


def test_run_text():
    assert is_run_text("640020470") and is_run_text("500000 5") and is_run_text("10203120001200000")
    assert is_run_text("0 — 3") and not is_run_text("行政许可 3") and not is_run_text("")
