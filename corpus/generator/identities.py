"""The four accounting identities of the spec: naming, checking, breaking.

Identity instance names (the strings in ``Truth.failing_identities``):

* ``requests.balance.<col>`` — identity 1 for requests column <col>:
  new_received + carried_over = total + carried_forward
* ``requests.results.<col>`` — identity 2 for column <col>:
  total = sum of the printed result rows (granted ... other / other_*)
* ``requests.row.<row>`` — identity 3 for requests row <row>:
  total column = natural_person + commercial + research + social_welfare + legal_service + other_org
* ``appeals.<row>`` — identity 4 for appeals row <row>: total = upheld + corrected + other + pending

<col> is any requests column id including ``total``.
"""

from decimal import Decimal

from . import labels

APPEAL_PARTS = ["upheld", "corrected", "other", "pending"]
REQUEST_COLUMNS = [c for c, _, _ in labels.REQUESTS_COLUMNS]


def instances(table_format):
    """[(name, left cell ids, right cell ids)] for every identity instance."""
    out = []
    results = labels.result_row_ids(table_format)
    for c in REQUEST_COLUMNS:
        out.append(
            (
                f"requests.balance.{c}",
                [f"requests.new_received.{c}", f"requests.carried_over.{c}"],
                [f"requests.total.{c}", f"requests.carried_forward.{c}"],
            )
        )
        out.append((f"requests.results.{c}", [f"requests.total.{c}"], [f"requests.{r}.{c}" for r in results]))
    for r in labels.requests_row_ids(table_format):
        out.append(
            (f"requests.row.{r}", [f"requests.{r}.total"], [f"requests.{r}.{c}" for c in labels.REQUESTS_PART_COLUMNS])
        )
    for r, _ in labels.APPEALS_ROWS:
        out.append((f"appeals.{r}", [f"appeals.{r}.total"], [f"appeals.{r}.{c}" for c in APPEAL_PARTS]))
    return out


def all_names(table_format):
    return [name for name, _, _ in instances(table_format)]


def evaluate(cells, table_format, unknown=()):
    """Check every identity on printed cells ({cell_id: value string or None}; a cell
    that is not printed counts as null).  Returns (failing, incomplete), sorted lists.

    Rules of the spec: all cells null -> skipped; one side all null while the other
    is not -> incomplete; otherwise nulls count as 0 and unequal sides fail.  A check
    that needs a cell in ``unknown`` (null because the parser cannot read it for sure:
    a merged non-zero value, digits run together) is incomplete."""
    failing, incomplete = [], []
    for name, left, right in instances(table_format):
        lv = [cells.get(k) for k in left]
        rv = [cells.get(k) for k in right]
        if any(k in unknown for k in left + right) and any(k in cells for k in left + right):
            incomplete.append(name)
            continue
        if all(v is None for v in lv + rv):
            continue
        if all(v is None for v in lv) or all(v is None for v in rv):
            incomplete.append(name)
            continue
        total = lambda vs: sum((Decimal(v) for v in vs if v is not None), Decimal(0))
        if total(lv) != total(rv):
            failing.append(name)
    return sorted(failing), sorted(incomplete)


def apply_breaks(values, names, table_format, rng, printed_rows):
    """Perturb ``values`` ({cell_id: int}) in place so that each named identity fails.

    Requests identities are linearly dependent (the sum of the column identities
    equals a sum of row identities), so no single requests identity can fail alone;
    the smallest perturbation is used and its companion failure is expected:

    * requests.balance.C: carried_forward[C] and carried_forward[total] += d
      (also fails requests.balance.total; for C=total: requests.row.carried_forward)
    * requests.results.C: one result row r, cells [r][C] and [r][total] += d
      (also fails requests.results.total; for C=total: requests.row.r)
    * requests.row.R: [R][total] += d (also fails an identity of column total)
    * appeals.R: [R][total] += d (fails alone)

    Returns the set of cell ids touched (they are never blanked afterwards)."""
    known = set(all_names(table_format))
    touched = set()
    for name in names:
        if name not in known:
            raise ValueError(f"unknown identity {name!r}; see identities.py for the names")
        d = rng.randint(1, 9)
        parts = name.split(".")
        cells = []
        if parts[0] == "appeals":
            cells = [f"appeals.{parts[1]}.total"]
        elif parts[1] == "row":
            row = parts[2]
            if row not in printed_rows:
                raise ValueError(f"{name}: row {row} is not printed")
            cells = [f"requests.{row}.total"]
        else:
            kind, col = parts[1], parts[2]
            if kind == "balance":
                row = "carried_forward"
            else:
                candidates = [r for r in labels.result_row_ids(table_format) if r in printed_rows]
                row = rng.choice(candidates)
            if row not in printed_rows:
                raise ValueError(f"{name}: row {row} is not printed")
            cells = [f"requests.{row}.{col}"]
            if col != "total":
                cells.append(f"requests.{row}.total")
        for cell in cells:
            values[cell] = values[cell] + d
            touched.add(cell)
    return touched
