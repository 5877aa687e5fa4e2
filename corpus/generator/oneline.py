"""A crawler's one-line page text (producer ``text``): which value cells of a row run
together, and which runs a parser cannot split for sure.

``text_cells``: "spaces" keeps a space between every two cells.  "joined" runs a row's
value cells together (`640020470`), keeping a space only where the row's digits would
otherwise split more than one way (as `500000 5` in a real page), so every run has
exactly one split that its row's identity allows.  "joined_ambiguous" does the same
for tables 三 and 四, but leaves table 二's rows fully joined: a table without
identities, so a run such as `101010` splits several ways and its cells are null in
the truth, with a problem expected.  A number with a decimal point always stands
apart (a parser reads it as one number).

Written independently of reportparse's solver: it enumerates the splits itself.
"""

import random
import unicodedata

from . import labels

MAX_GROUP_DIGITS = 12  # a joined run longer than this gets a space first (keeps enumeration small)
NODES = 200_000


def _fold(text):
    return unicodedata.normalize("NFKC", text)


def runs(spec, rows):
    """[(table, [cell ids])] of every printed row of values, in printed order."""
    out = []
    subs = labels.ACTIVE_2019 if spec.active_format == "2019" else labels.ACTIVE_2021
    for _, cols, active_rows in subs:
        for row_id, _ in active_rows:
            out.append(("active", [f"active.{row_id}.{c}" for c, _ in cols]))
    columns = [c for c, _, _ in labels.REQUESTS_COLUMNS]
    for row_id in rows:
        out.append(("requests", [f"requests.{row_id}.{c}" for c in columns]))
    appeal_columns = [c for c, _, _ in labels.APPEALS_COLUMNS]
    out.append(("appeals", [f"appeals.{r}.{c}" for r, _ in labels.APPEALS_ROWS for c in appeal_columns]))
    return out


def _identities(table, cells):
    """(total index, part indexes) of the identities inside one run."""
    if table == "requests":
        return [(6, list(range(6)))]
    if table == "appeals":
        return [(5 * g + 4, [5 * g + k for k in range(4)]) for g in range(3)]
    return []


def _pieces(digits, k):
    """Every way to cut a digit string into k numbers without leading zeros."""
    if k == 1:
        if len(digits) == 1 or digits[0] != "0":
            yield [digits]
        return
    longest = 1 if digits[0] == "0" else len(digits) - (k - 1)
    for size in range(1, longest + 1):
        for rest in _pieces(digits[size:], k - 1):
            yield [digits[:size]] + rest


def _splits(groups, n, limit):
    """Up to `limit` splits of the groups' texts into n numbers (a group that is not
    all digits is one number); None when the enumeration is too long."""
    out = []
    nodes = [0]

    def rec(i, acc):
        nodes[0] += 1
        if nodes[0] > NODES or len(out) >= limit:
            return
        if i == len(groups):
            if len(acc) == n:
                out.append(tuple(acc))
            return
        text = groups[i]
        left = n - len(acc) - (len(groups) - i - 1)
        if not text.isdigit():
            rec(i + 1, acc + [text])
            return
        for k in range(1, min(left, len(text)) + 1):
            for parts in _pieces(text, k):
                rec(i + 1, acc + parts)

    rec(0, [])
    return None if nodes[0] > NODES else out


def count_splits(table, groups, n, limit=50):
    """How many splits fit the run's own identities (capped), or None if too many to tell."""
    found = _splits(groups, n, 10_000)
    if found is None:
        return None
    checks = _identities(table, None)
    ok = 0
    for split in found:
        values = [float(v) for v in split]
        if all(values[t] == sum(values[p] for p in parts) for t, parts in checks):
            ok += 1
            if ok >= limit:
                break
    return ok


def _texts(cells, printed):
    return [_fold(printed[c]).strip() for c in cells]


def groups(spec, table, cells, printed):
    """The run's cells cut into the groups printed without a space between them."""
    texts = _texts(cells, printed)
    if spec.text_cells == "spaces":
        return [[c] for c in cells]
    rng = random.Random(f"{spec.seed}:oneline:{cells[0]}")
    cut = set()  # a space before cells[i]
    for i, text in enumerate(texts):
        if not text.isdigit():
            cut.update({i, i + 1})
    cut.discard(0)
    cut.discard(len(cells))

    def grouped():
        out, current = [], []
        for i, cell in enumerate(cells):
            if i in cut and current:
                out.append(current)
                current = []
            current.append(cell)
        out.append(current)
        return out

    def long_group():
        return any(sum(len(texts[cells.index(c)]) for c in g) > MAX_GROUP_DIGITS and len(g) > 1 for g in grouped())

    while long_group():
        g = max(grouped(), key=lambda g: sum(len(texts[cells.index(c)]) for c in g))
        cut.add(cells.index(g[rng.randrange(1, len(g))]))
    if spec.text_cells == "joined_ambiguous" and table == "active":
        return grouped()
    while True:
        gs = grouped()
        n = count_splits(table, ["".join(texts[cells.index(c)] for c in g) for g in gs], len(cells))
        if n == 1:
            return gs
        inner = [cells.index(c) for g in gs if len(g) > 1 for c in g[1:]]
        cut.add(rng.choice(inner))


def unreadable(spec, values, printed, rows):
    """The runs a parser cannot split for sure: {"kind", "cell", "cells"} each."""
    out = []
    if spec.text_cells == "spaces":
        return out
    for table, cells in runs(spec, rows):
        if not all(c in printed for c in cells):
            continue
        texts = _texts(cells, printed)
        gs = groups(spec, table, cells, printed)
        if count_splits(table, ["".join(texts[cells.index(c)] for c in g) for g in gs], len(cells)) != 1:
            out.append({"kind": "digits_run_together", "cell": cells[0], "cells": list(cells)})
    return out
