"""Values read by OCR that the parser doubts, named in `problems` (spec: "Values read by OCR").

A cell read with low confidence is named with its confidence.  A failed identity
that one other reading of a doubtful digit would repair — so that every identity
the cell takes part in holds — names the cell and that reading.  The printed
reading is never replaced: the alternative is a lead for a person to check.
"""
from __future__ import annotations

from reportparse import records
from reportparse.records import Record
from reportparse.tables.values import parse_value

LOW_CONFIDENCE = 0.9        # a cell whose least sure character is below this is named


def _holds(check: Record, values: dict[str, int | float | None]) -> bool:
    left = sum(values.get(c) or 0 for c in check["left"]["cells"])
    right = sum(values.get(c) or 0 for c in check["right"]["cells"])
    return abs(left - right) <= 1e-6


def _repairs(cell_id: str, alternative: str, checks: list[Record], values: dict) -> list[str] | None:
    """The failed checks that the reading `alternative` of `cell_id` makes hold, or None
    when it leaves one of the cell's identities failing (or breaks one that held)."""
    parsed = parse_value(alternative)
    if not parsed.ok or parsed.value is None:
        return None
    trial = dict(values)
    trial[cell_id] = parsed.value
    involved = [c for c in checks if cell_id in c["cells"] and c["status"] in ("passed", "failed")]
    if not all(_holds(c, trial) for c in involved):
        return None
    return [c["id"] for c in involved if c["status"] == "failed"]


def ocr_doubts(tables: dict[str, Record], checks: list[Record],
               alternatives: dict[str, tuple[str, ...]]) -> list[Record]:
    cells = {cid: (name, rec) for name, table in tables.items() for cid, rec in table["cells"].items()}
    values = {cid: rec["value"] for cid, (_, rec) in cells.items()}
    failed = {cid for c in checks if c["status"] == "failed" for cid in c["cells"]}
    out: list[Record] = []
    for cell_id, (table, rec) in cells.items():
        confidence = rec.get("confidence")
        if confidence is None:
            continue
        others = alternatives.get(cell_id, ())
        repair = next(((alt, fixed) for alt in others if cell_id in failed
                       for fixed in [_repairs(cell_id, alt, checks, values)] if fixed), None)
        if repair is not None:
            alt, fixed = repair
            out.append(records.problem(
                "ocr_doubtful_digit",
                f"cell {cell_id}: OCR read '{rec['raw']}' (confidence {confidence:.2f}); reading a doubtful digit "
                f"as '{alt}' instead would make {', '.join(fixed)} hold — check the page; the printed reading is kept",
                table=table, page=rec["page"], cell=cell_id, label=alt))
        elif confidence < LOW_CONFIDENCE:
            other = f"; another reading: '{others[0]}'" if others else ""
            out.append(records.problem(
                "ocr_low_confidence",
                f"cell {cell_id}: OCR read '{rec['raw']}' with confidence {confidence:.2f} "
                f"(below {LOW_CONFIDENCE}){other} — check the page",
                table=table, page=rec["page"], cell=cell_id, label=others[0] if others else None))
    return out
