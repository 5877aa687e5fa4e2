"""A document's truth: its `cell_id<TAB>value` listing and the identities it implies.

Written independently of the parser on purpose (its own lists of rows and columns,
not the vocabulary's): the scorer checks the parser against it, so it must not share
the parser's mistakes.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from pathlib import Path


def read_cells(path: Path) -> dict[str, str]:
    cells = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        key, _, value = line.partition("\t")
        cells[key.strip()] = value.strip()
    return cells


def _number(text: str | None) -> Decimal | None:
    if text is None or text == "":
        return None
    try:
        return Decimal(text.replace(",", ""))
    except InvalidOperation:
        return None


def same_value(expected: str, got: str) -> bool:
    if expected == got:
        return True
    a, b = _number(expected), _number(got)
    return a is not None and b is not None and a == b


_REQ_COLUMNS = ["natural_person", "commercial", "research", "social_welfare", "legal_service", "other_org", "total"]
_RESULT_ROWS = [
    "granted",
    "partially_granted",
    "denied_state_secret",
    "denied_prohibited_by_law",
    "denied_security_stability",
    "denied_third_party",
    "denied_internal_affairs",
    "denied_process_info",
    "denied_enforcement_files",
    "denied_inquiry",
    "unavailable_not_held",
    "unavailable_needs_creation",
    "unavailable_unclear",
    "rejected_petition",
    "rejected_duplicate",
    "rejected_publication",
    "rejected_excessive",
    "rejected_reconfirm",
    "other",
    "other_no_correction",
    "other_no_fee",
    "other_other",
]
_APPEAL_ROWS = ["review", "lawsuit_direct", "lawsuit_after_review"]
_APPEAL_PARTS = ["upheld", "corrected", "other", "pending"]


def expected_identities(
    cells: dict[str, str], unknown: frozenset[str] | set[str] = frozenset()
) -> tuple[list[str], list[str]]:
    """(failing, incomplete) identity ids of a truth listing, by the spec's rules:
    all cells null → skipped; one side all null while the other is not → incomplete;
    otherwise a null counts as 0.  A check that needs a cell of `unknown` (null in the
    truth because no parser can read it for sure) is incomplete.  Written
    independently of the parser's checks."""

    def value(cell: str) -> Decimal | None:
        return _number(cells.get(cell))

    instances: list[tuple[str, list[str], list[str]]] = []
    rows = {c.split(".")[1] for c in cells if c.startswith("requests.")}
    for c in _REQ_COLUMNS:
        instances.append(
            (
                f"requests.balance.{c}",
                [f"requests.new_received.{c}", f"requests.carried_over.{c}"],
                [f"requests.total.{c}", f"requests.carried_forward.{c}"],
            )
        )
        instances.append(
            (f"requests.results.{c}", [f"requests.total.{c}"], [f"requests.{r}.{c}" for r in _RESULT_ROWS])
        )
    for r in sorted(rows):
        instances.append(
            (f"requests.row.{r}", [f"requests.{r}.total"], [f"requests.{r}.{c}" for c in _REQ_COLUMNS[:-1]])
        )
    for r in _APPEAL_ROWS:
        instances.append((f"appeals.{r}", [f"appeals.{r}.total"], [f"appeals.{r}.{p}" for p in _APPEAL_PARTS]))
    failing, incomplete = [], []
    for name, left, right in instances:
        lv, rv = [value(c) for c in left], [value(c) for c in right]
        if any(c in unknown for c in left + right) and any(c in cells for c in left + right):
            incomplete.append(name)
            continue
        if all(v is None for v in lv + rv):
            continue
        if all(v is None for v in lv) or all(v is None for v in rv):
            incomplete.append(name)
        elif sum(v or 0 for v in lv) != sum(v or 0 for v in rv):
            failing.append(name)
    return sorted(failing), sorted(incomplete)
