"""Values read by OCR that the parser doubts, named in `problems` (spec: "Values read by OCR").

For each cell read by OCR, at most one problem, the strongest that applies:
- `ocr_doubtful_digit`: an identity the cell takes part in fails, and one other
  reading of a doubtful character (the model's next choice for a digit, a comma for
  a point, a / for a lone 7) would make it hold without breaking one that holds —
  named with that reading;
- `ocr_low_confidence`: the least sure character was read with less than 0.9;
- `ocr_separator`: the number holds a point or comma between digits, which a scan
  does not tell apart (7,343 and 7.343).
The printed reading is never replaced: an alternative is a lead for a person to check.
"""

from __future__ import annotations

import regex

from reportparse import records
from reportparse.records import CellRecord, CheckRecord, ProblemKind, ProblemRecord, TableRecord
from reportparse.values import ParsedValue

LOW_CONFIDENCE = 0.9  # a cell whose least sure character is below this is named
_SEPARATOR = regex.compile(r"\d[.,，．]\d")
Alternatives = tuple[tuple[str, ParsedValue], ...]  # other readings of a cell, each with its value


def _holds(check: CheckRecord, values: dict[str, int | float | None]) -> bool:
    left = sum(values.get(c) or 0 for c in check["left"]["cells"])
    right = sum(values.get(c) or 0 for c in check["right"]["cells"])
    return abs(left - right) <= 1e-6


def _repairs(cell_id: str, parsed: ParsedValue, checks: list[CheckRecord], values: dict) -> list[str] | None:
    """The failed checks that the other reading `parsed` of `cell_id` makes hold, or None
    when it repairs none or breaks one that held.  (Other misread cells may keep some
    of the cell's identities failing: each repair is a lead of its own.)"""
    if not parsed.ok:
        return None
    trial = dict(values)
    trial[cell_id] = parsed.value
    involved = [c for c in checks if cell_id in c["cells"] and c["status"] in ("passed", "failed")]
    if not all(_holds(c, trial) for c in involved if c["status"] == "passed"):
        return None
    fixed = [c["id"] for c in involved if c["status"] == "failed" and _holds(c, trial)]
    return fixed or None


def _doubt(
    cell_id: str, rec: CellRecord, others: Alternatives, failed: bool, checks: list[CheckRecord], values: dict
) -> tuple[ProblemKind, str, str | None] | None:
    """(kind, message, alternative) of the cell's strongest doubt, or None.  `others`:
    the OCR's other readings of the cell, each with its value (read in the layout)."""
    confidence = rec["confidence"]
    read = f"cell {cell_id}: OCR read '{rec['raw']}'"
    if failed:
        for alt, parsed in others:
            fixed = _repairs(cell_id, parsed, checks, values)
            if fixed:
                return (
                    "ocr_doubtful_digit",
                    (
                        f"{read} (confidence {confidence:.2f}); reading a doubtful character as '{alt}' instead "
                        f"would make {', '.join(fixed)} hold — check the page; the printed reading is kept"
                    ),
                    alt,
                )
    if confidence < LOW_CONFIDENCE:
        other = f"; another reading: '{others[0][0]}'" if others else ""
        return (
            "ocr_low_confidence",
            f"{read} with confidence {confidence:.2f} (below {LOW_CONFIDENCE}){other} — check the page",
            others[0][0] if others else None,
        )
    if _SEPARATOR.search(rec["raw"]):
        return (
            "ocr_separator",
            f"{read}: a point and a comma between digits look alike on a scan (7.343 or 7,343) — check the page",
            None,
        )
    return None


def ocr_doubts(
    tables: dict[str, TableRecord], checks: list[CheckRecord], alternatives: dict[str, Alternatives]
) -> list[ProblemRecord]:
    cells = {cid: (name, rec) for name, table in tables.items() for cid, rec in table["cells"].items()}
    values = {cid: rec["value"] for cid, (_, rec) in cells.items()}
    failed = {cid for c in checks if c["status"] == "failed" for cid in c["cells"]}
    out: list[ProblemRecord] = []
    for cell_id, (table, rec) in cells.items():
        if rec.get("confidence") is None:
            continue
        found = _doubt(cell_id, rec, alternatives.get(cell_id, ()), cell_id in failed, checks, values)
        if found is not None:
            kind, message, alt = found
            out.append(records.problem(kind, message, table=table, page=rec["page"], cell=cell_id, label=alt))
    return out
