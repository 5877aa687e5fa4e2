"""Values printed once for several rows (spec: "Values printed once for several rows").

``merged_values``: the 2021 （六）其他处理's three rows share one value cell per
column (rowspan 3).  "zero": those rows hold 0 (their numbers move to （一）予以公开,
so every identity still holds) and the shared cell prints 0, which a parser reads
as 0 for each row.  "nonzero": the first row holds the three rows' sum, the shared
cell prints it, and a parser cannot split it: those cells are null in the truth
and a problem names them.  ``blank_other_row``: the 2019 one-row （六）其他处理
holds 0 (moved to （一）) and is printed blank.
"""

from . import labels

ROWS = ["other_no_correction", "other_no_fee", "other_other"]


def _columns():
    return [c for c, _, _ in labels.REQUESTS_COLUMNS]


def _move(raw, source, target):
    for c in _columns():
        raw[f"requests.{target}.{c}"] += raw[f"requests.{source}.{c}"]
        raw[f"requests.{source}.{c}"] = 0


def prepare(spec, raw, rows):
    """Adjust the numbers ({cell_id: int}) so the printed form is possible."""
    if spec.blank_other_row and "other" in rows:
        _move(raw, "other", "granted")
    if not spec.merged_values or not all(r in rows for r in ROWS):
        return
    if spec.merged_values == "zero":
        for r in ROWS:
            _move(raw, r, "granted")
        return
    for r in ROWS[1:]:
        _move(raw, r, ROWS[0])
    donor = max(
        (r for r in labels.result_row_ids("2021") if r not in ROWS), key=lambda r: raw[f"requests.{r}.natural_person"]
    )
    if raw[f"requests.{ROWS[0]}.total"] == 0 and raw[f"requests.{donor}.natural_person"] > 0:
        for c in ("natural_person", "total"):  # make one column non-zero
            raw[f"requests.{donor}.{c}"] -= 1
            raw[f"requests.{ROWS[0]}.{c}"] += 1


def merged_cells(spec, rows):
    """{column: [cell ids of the three rows]} when the values are merged."""
    if not spec.merged_values or not all(r in rows for r in ROWS):
        return {}
    return {c: [f"requests.{r}.{c}" for r in ROWS] for c in _columns()}


def unreadable(spec, values, rows):
    """The problems a parser must report for merged non-zero values."""
    out = []
    for cells in merged_cells(spec, rows).values():
        if values.get(cells[0]) not in (None, "0"):
            out.append({"kind": "merged_value", "cell": cells[0], "cells": cells})
    return out
