"""The report's numbers, consistent with every accounting identity.

``generate(spec, rng)`` returns {cell_id: value} for every cell of the three tables in
the spec's format: ints for counts, strings such as "7730.28" for amounts.  Breaking
identities, blanking and truncation are applied later (identities.py, content.py).
"""

from . import labels

SCALES = {  # typical number of requests processed by the natural-person column
    "small": (3, 40),
    "medium": (80, 900),
    "large": (1500, 16000),
}

# share of each applicant column relative to natural persons
COLUMN_SHARE = {
    "natural_person": 1.0,
    "commercial": 0.06,
    "research": 0.004,
    "social_welfare": 0.01,
    "legal_service": 0.02,
    "other_org": 0.01,
}

# relative weight of each result row
RESULT_WEIGHT = {
    "granted": 30,
    "partially_granted": 9,
    "denied_state_secret": 0.3,
    "denied_prohibited_by_law": 0.4,
    "denied_security_stability": 0.3,
    "denied_third_party": 0.8,
    "denied_internal_affairs": 1.0,
    "denied_process_info": 1.0,
    "denied_enforcement_files": 1.5,
    "denied_inquiry": 1.5,
    "unavailable_not_held": 25,
    "unavailable_needs_creation": 3,
    "unavailable_unclear": 1,
    "rejected_petition": 3,
    "rejected_duplicate": 2,
    "rejected_publication": 0.2,
    "rejected_excessive": 1,
    "rejected_reconfirm": 0.3,
    "other": 8,
    "other_no_correction": 3,
    "other_no_fee": 1,
    "other_other": 6,
}


def pick_scale(spec, rng):
    drawn = rng.choice(["small", "small", "medium", "medium", "large"])  # always drawn
    if spec.scale:
        return spec.scale
    return "large" if spec.thousands_sep or spec.wrapped_numbers else drawn


def _count(rng, mean):
    """A small random count around ``mean`` (0 is common for small means)."""
    if mean <= 0:
        return 0
    if mean < 1:
        return 1 if rng.random() < mean else 0
    return max(0, int(round(rng.gauss(mean, mean * 0.35))))


def _distribute(rng, n, weights):
    """Split n into len(weights) non-negative ints, roughly proportional."""
    total = sum(weights)
    out = [0] * len(weights)
    if n <= 0:
        return out
    if n <= 60:
        for _ in range(n):
            out[_weighted_index(rng, weights, total)] += 1
        return out
    for i, w in enumerate(weights):
        out[i] = int(n * w / total * rng.uniform(0.7, 1.3))
    rest = n - sum(out)
    while rest > 0:
        out[_weighted_index(rng, weights, total)] += 1
        rest -= 1
    while rest < 0:
        i = max(range(len(out)), key=lambda k: out[k])
        take = min(out[i], -rest)
        out[i] -= take
        rest += take
    return out


def _weighted_index(rng, weights, total):
    x = rng.random() * total
    for i, w in enumerate(weights):
        x -= w
        if x < 0:
            return i
    return len(weights) - 1


def requests_numbers(spec, rng, scale):
    """{cell_id: int} for table requests, satisfying identities 1-3."""
    fmt = spec.table_format
    results = labels.result_row_ids(fmt)
    lo, hi = SCALES[scale]
    base = rng.randint(lo, hi)
    cells = {}
    for col in labels.REQUESTS_PART_COLUMNS:
        processed = _count(rng, base * COLUMN_SHARE[col])
        parts = _distribute(rng, processed, [RESULT_WEIGHT[r] for r in results])
        for r, v in zip(results, parts):
            cells[f"requests.{r}.{col}"] = v
        over = _count(rng, processed * rng.uniform(0.0, 0.08))
        forward = _count(rng, processed * rng.uniform(0.0, 0.08))
        new = processed + forward - over
        if new < 0:
            over, new = processed + forward, 0
        cells[f"requests.total.{col}"] = processed
        cells[f"requests.carried_over.{col}"] = over
        cells[f"requests.carried_forward.{col}"] = forward
        cells[f"requests.new_received.{col}"] = new
    for row in labels.requests_row_ids(fmt):
        cells[f"requests.{row}.total"] = sum(cells[f"requests.{row}.{c}"] for c in labels.REQUESTS_PART_COLUMNS)
    return cells


def appeals_numbers(rng, scale):
    mean = {"small": 0.6, "medium": 2.5, "large": 40}[scale]
    cells = {}
    for row, _ in labels.APPEALS_ROWS:
        share = {"review": 1.0, "lawsuit_direct": 0.4, "lawsuit_after_review": 0.3}[row]
        parts = {
            c: _count(rng, mean * share * w)
            for c, w in (("upheld", 0.6), ("corrected", 0.15), ("other", 0.2), ("pending", 0.2))
        }
        for c, v in parts.items():
            cells[f"appeals.{row}.{c}"] = v
        cells[f"appeals.{row}.total"] = sum(parts.values())
    return cells


def _amount(rng, lo, hi):
    """An amount printed with 0, 1 or 2 decimals (never a trailing zero decimal)."""
    cents = rng.randint(int(lo * 100), int(hi * 100))
    decimals = rng.choice([0, 1, 2, 2, 2])
    if decimals == 0:
        return str(cents // 100)
    if decimals == 1:
        tenths = cents // 10
        if tenths % 10 == 0:
            tenths += 1
        return f"{tenths // 10}.{tenths % 10}"
    if cents % 10 == 0:
        cents += 1
    return f"{cents // 100}.{cents % 100:02d}"


def active_numbers(spec, rng, scale):
    k = {"small": 0.1, "medium": 1.0, "large": 10.0}[scale]
    cells = {}
    if spec.active_format == "2021":
        cells["active.regulations.issued"] = _count(rng, 0.4 * min(k, 3))
        cells["active.regulations.repealed"] = _count(rng, 0.3 * min(k, 3))
        cells["active.regulations.in_force"] = _count(rng, 3 * min(k, 10))
        cells["active.normative_documents.issued"] = _count(rng, 6 * k)
        cells["active.normative_documents.repealed"] = _count(rng, 3 * k)
        cells["active.normative_documents.in_force"] = _count(rng, 40 * k) + 1
        cells["active.licensing.decisions"] = _count(rng, 900 * k)
        cells["active.penalty.decisions"] = _count(rng, 500 * k)
        cells["active.coercion.decisions"] = _count(rng, 40 * k)
        cells["active.fees.amount"] = _amount(rng, 10, 9000 * k) if rng.random() < 0.8 else "0"
        return cells
    cells["active.regulations.made"] = _count(rng, 0.4 * min(k, 3))
    cells["active.regulations.published"] = cells["active.regulations.made"]
    cells["active.regulations.total_public"] = _count(rng, 3 * min(k, 10))
    made = _count(rng, 6 * k)
    cells["active.normative_documents.made"] = made
    cells["active.normative_documents.published"] = made
    cells["active.normative_documents.total_public"] = _count(rng, 40 * k) + made
    for row, mean in (("licensing", 60), ("other_services", 20), ("penalty", 15), ("coercion", 5), ("fees", 6)):
        prev = _count(rng, mean * min(k, 3))
        change = rng.randint(-min(prev, 4), 6) if rng.random() < 0.5 else 0
        cells[f"active.{row}.prev_year"] = prev
        cells[f"active.{row}.change"] = change
        if row != "fees":
            cells[f"active.{row}.decisions"] = _count(rng, mean * 12 * k)
    cells["active.procurement.projects"] = _count(rng, 8 * k)
    cells["active.procurement.amount"] = _amount(rng, 5, 3000 * k)
    return cells


def generate(spec, rng):
    scale = pick_scale(spec, rng)
    cells = {}
    cells.update(active_numbers(spec, rng, scale))
    cells.update(requests_numbers(spec, rng, scale))
    cells.update(appeals_numbers(rng, scale))
    return scale, cells
