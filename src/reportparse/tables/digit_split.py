"""Digits whose cell boundaries were lost → numbers (spec: "Numbers whose cell boundaries were lost").

A run is what a row printed for several cells once the separators were lost
(`640020470` for 64 | 0 | 0 | 2 | 0 | 4 | 70).  Its tokens — cut at the spaces that
survived — each make one or more numbers, none with a leading zero, and together
exactly as many numbers as the run has cells.  A run with one such split is read so
whatever the identities say (they may fail: that is a finding).  Between several
splits only the identities over the whole table decide: exactly one combination
that makes every identity hold gives values; several leave the differing runs
ambiguous; none leaves them impossible.  The search is bounded in nodes and seconds;
past the bound the runs it was working on are too hard.  A guess is never made.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field

from reportparse.values import Value, read_run

Equation = tuple[tuple[str, ...], tuple[str, ...]]  # sum(left) == sum(right)

MAX_DIGITS = 15  # no printed count is longer (values.py refuses longer numbers too)
MAX_CANDIDATES = 4_000  # splits kept per run before the identities between runs are tried
MAX_SOLUTIONS = 64  # combinations collected per group of linked runs
NODES = 300_000  # search steps for a whole table
SECONDS = 0.5


@dataclass(frozen=True)
class Run:
    cells: tuple[str, ...]  # cell ids, left to right
    text: str  # as printed


@dataclass
class Outcome:
    values: dict[str, Value] = field(default_factory=dict)
    # Runs left unread, with why: "ambiguous", "impossible", "too_hard", "too_few_digits".
    unresolved: dict[Run, str] = field(default_factory=dict)
    splits: dict[Run, int] = field(default_factory=dict)  # how many splits fit, where known


class _OutOfBudget(Exception):
    pass


class _Budget:
    def __init__(self, nodes: int, seconds: float) -> None:
        self.nodes = nodes
        self.deadline = time.monotonic() + seconds

    def spend(self) -> None:
        self.nodes -= 1
        if self.nodes < 0 or (self.nodes % 512 == 0 and time.monotonic() > self.deadline):
            raise _OutOfBudget


def _splits(
    tokens: Sequence[str | Value],
    n: int,
    budget: _Budget,
    local: list[tuple[int, Equation]],
    known: dict[str, Value],
    cells: tuple[str, ...],
    limit: int,
):
    """Every split of the tokens into n values (up to `limit`), keeping only those under
    which each local equation holds once its last cell is placed."""
    digits_after = [0] * (len(tokens) + 1)
    for i in range(len(tokens) - 1, -1, -1):
        t = tokens[i]
        digits_after[i] = digits_after[i + 1] + (len(t) if isinstance(t, str) else 1)
    checks: dict[int, list[Equation]] = {}
    for last, eq in local:
        checks.setdefault(last, []).append(eq)
    out: list[tuple[Value, ...]] = []
    values: list[Value] = []

    def holds(position: int) -> bool:
        for left, right in checks.get(position, ()):
            lv = [_value(c, values, cells, known) for c in left]
            rv = [_value(c, values, cells, known) for c in right]
            if any(v is None for v in lv + rv):
                continue
            if abs(sum(lv) - sum(rv)) > 1e-6:  # type: ignore[arg-type]
                return False
        return True

    def place(token_index: int, offset: int) -> None:
        budget.spend()
        if len(out) >= limit:
            return
        left = n - len(values)
        if token_index == len(tokens):
            if left == 0:
                out.append(tuple(values))
            return
        token = tokens[token_index]
        tokens_left = len(tokens) - token_index
        if left < tokens_left or left > digits_after[token_index] - offset:
            return
        if not isinstance(token, str):
            values.append(token)
            if holds(len(values) - 1):
                place(token_index + 1, 0)
            values.pop()
            return
        rest = token[offset:]
        longest = 1 if rest[0] == "0" else min(len(rest), MAX_DIGITS)
        for size in range(1, longest + 1):
            values.append(int(rest[:size]))
            if holds(len(values) - 1):
                if size == len(rest):
                    place(token_index + 1, 0)
                else:
                    place(token_index, offset + size)
            values.pop()

    place(0, 0)
    return out


def _value(cell: str, values: list[Value], cells: tuple[str, ...], known: dict[str, Value]) -> Value:
    if cell in known:
        return known[cell]
    return values[cells.index(cell)]


def split_runs(
    runs: list[Run], known: dict[str, Value], equations: list[Equation], *, nodes: int = NODES, seconds: float = SECONDS
) -> Outcome:
    """Read the runs of one table; `known` holds the table's other cells (None: blank)."""
    outcome = Outcome()
    budget = _Budget(nodes, seconds)
    fixed: dict[str, Value] = dict(known)
    open_runs: dict[Run, list[tuple[Value, ...]]] = {}
    owner = {cell: run for run in runs for cell in run.cells}
    for run in runs:
        tokens = read_run(run.text).tokens
        if tokens is None:
            outcome.unresolved[run] = "unreadable"
            continue
        try:
            shapes = _splits(tokens, len(run.cells), budget, [], {}, run.cells, 2)
            if len(shapes) == 1:
                fixed.update(zip(run.cells, shapes[0]))
                outcome.values.update(zip(run.cells, shapes[0]))
                outcome.splits[run] = 1
                continue
            if not shapes:
                outcome.unresolved[run] = "too_few_digits"
                continue
            local = [
                (max(run.cells.index(c) for c in l + r if c in run.cells), (l, r))
                for l, r in equations
                if any(c in run.cells for c in l + r)
                and all(c in run.cells or (c in fixed and fixed[c] is not None) for c in l + r)
            ]
            candidates = _splits(tokens, len(run.cells), budget, local, fixed, run.cells, MAX_CANDIDATES + 1)
        except _OutOfBudget:
            outcome.unresolved[run] = "too_hard"
            continue
        if len(candidates) > MAX_CANDIDATES:
            outcome.unresolved[run] = "too_hard"
        else:
            open_runs[run] = candidates
    _link(open_runs, fixed, owner, equations, budget, outcome)
    return outcome


def _link(
    open_runs: dict[Run, list[tuple[Value, ...]]],
    fixed: dict[str, Value],
    owner: dict[str, Run],
    equations: list[Equation],
    budget: _Budget,
    outcome: Outcome,
) -> None:
    """Choose one split per open run so that every identity among them holds."""
    usable: list[tuple[Equation, set[Run]]] = []
    for left, right in equations:
        cells = left + right
        involved = {owner[c] for c in cells if c in owner and owner[c] in open_runs}
        if involved and all(
            (c in fixed and fixed[c] is not None) or (c in owner and owner[c] in open_runs) for c in cells
        ):
            usable.append(((left, right), involved))
    # Runs tied by an identity are solved together; each group on its own.
    group_of = {run: i for i, run in enumerate(open_runs)}
    for _, involved in usable:
        ids = {group_of[r] for r in involved}
        target = min(ids)
        for run, g in group_of.items():
            if g in ids:
                group_of[run] = target
    groups: dict[int, list[Run]] = {}
    for run, g in group_of.items():
        groups.setdefault(g, []).append(run)
    for members in groups.values():
        members.sort(key=lambda r: len(open_runs[r]))
        checks = [(eq, involved) for eq, involved in usable if involved <= set(members)]
        try:
            solutions = _solve(members, open_runs, fixed, checks, budget)
        except _OutOfBudget:
            for run in members:
                outcome.unresolved[run] = "too_hard"
            continue
        for k, run in enumerate(members):
            splits = {s[k] for s in solutions}
            outcome.splits[run] = len(splits)
            if len(splits) == 1 and len(solutions) < MAX_SOLUTIONS:
                outcome.values.update(zip(run.cells, next(iter(splits))))
            else:
                outcome.unresolved[run] = "impossible" if not solutions else "ambiguous"


def _solve(
    members: list[Run],
    open_runs: dict[Run, list[tuple[Value, ...]]],
    fixed: dict[str, Value],
    checks: list[tuple[Equation, set[Run]]],
    budget: _Budget,
) -> list[tuple[tuple[Value, ...], ...]]:
    position = {run: k for k, run in enumerate(members)}
    at: dict[int, list[Equation]] = {}
    for eq, involved in checks:
        at.setdefault(max(position[r] for r in involved), []).append(eq)
    chosen: list[tuple[Value, ...]] = []
    where = {cell: (k, i) for k, run in enumerate(members) for i, cell in enumerate(run.cells)}
    solutions: list[tuple[tuple[Value, ...], ...]] = []

    def value(cell: str) -> Value:
        if cell in where:
            k, i = where[cell]
            return chosen[k][i]
        return fixed[cell]

    def holds(k: int) -> bool:
        for left, right in at.get(k, ()):
            lv, rv = [value(c) for c in left], [value(c) for c in right]
            if any(v is None for v in lv + rv):
                continue
            if abs(sum(lv) - sum(rv)) > 1e-6:  # type: ignore[arg-type]
                return False
        return True

    def step(k: int) -> None:
        if len(solutions) >= MAX_SOLUTIONS:
            return
        if k == len(members):
            solutions.append(tuple(chosen))
            return
        for candidate in open_runs[members[k]]:
            budget.spend()
            chosen.append(candidate)
            if holds(k):
                step(k + 1)
            chosen.pop()

    step(0)
    return solutions
