"""Value columns of a table drawn without rules, from the x-intervals its values take."""

from __future__ import annotations

from reportparse.layout.geometry import merge_intervals


def value_columns(intervals: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Intervals that overlap sideways are one column.  Narrow values go first: a wide
    one (75394432.52元) that reaches across two columns already found joins neither,
    so two narrow columns side by side stay two."""
    columns: list[list[float]] = []
    for x0, x1 in sorted(intervals, key=lambda span: (span[1] - span[0], span[0])):
        hits = [c for c in columns if x0 <= c[1] and c[0] <= x1]
        if len(hits) > 1:
            continue
        if hits:
            hits[0][0], hits[0][1] = min(hits[0][0], x0), max(hits[0][1], x1)
        else:
            columns.append([x0, x1])
    # Widened columns may now touch: join them.
    return merge_intervals((a, b) for a, b in columns)
