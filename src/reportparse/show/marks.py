"""What `show` draws: every recognised cell with the checks it is in, unreadable cells, unmatched rows."""

from __future__ import annotations

from dataclasses import dataclass, field

from reportparse.records import Record

# status → colour (RGB); a cell takes the worst status of the checks it is in.
COLOURS = {
    "failed": (220, 38, 38),
    "incomplete": (234, 140, 0),
    "passed": (22, 163, 74),
    "none": (37, 99, 235),
    "unreadable": (192, 38, 211),
    "unmatched": (192, 38, 211),
}
LEGEND = {
    "failed": "in a failed check",
    "incomplete": "in an incomplete check",
    "passed": "checks passed",
    "none": "in no check",
    "unreadable": "unreadable (not a number)",
    "unmatched": "row matched no template row",
}
_RANK = {"failed": 0, "incomplete": 1, "passed": 2}


@dataclass
class CellMark:
    id: str
    value: int | float | None
    raw: str
    page: int | None
    bbox: list[float] | None
    location: Record | None
    status: str  # failed / incomplete / passed / none / unreadable
    checks: list[tuple[str, str]] = field(default_factory=list)  # (check id, status)


@dataclass
class RowMark:
    """A printed row whose label matched no template row: its values were not read."""

    label: str
    page: int | None
    message: str


def cell_marks(report: Record) -> list[CellMark]:
    in_checks: dict[str, list[tuple[str, str]]] = {}
    for check in report["checks"]:
        for cell_id in check["cells"]:
            in_checks.setdefault(cell_id, []).append((check["id"], check["status"]))
    unreadable = {p["cell"] for p in report["problems"] if p["kind"] == "not_a_number" and p.get("cell")}
    marks = []
    for table in report["tables"].values():
        for cell_id, cell in table["cells"].items():
            checks = in_checks.get(cell_id, [])
            ranked = sorted((_RANK[s] for _, s in checks if s in _RANK))
            status = (
                "unreadable"
                if cell_id in unreadable
                else next((s for s, r in _RANK.items() if ranked and r == ranked[0]), "none")
            )
            marks.append(
                CellMark(
                    cell_id,
                    cell["value"],
                    cell["raw"],
                    cell["page"],
                    cell["bbox"],
                    cell.get("location"),
                    status,
                    checks,
                )
            )
    return marks


def row_marks(report: Record) -> list[RowMark]:
    return [
        RowMark(p.get("label") or "", p.get("page"), p["message"])
        for p in report["problems"]
        if p["kind"] == "unmatched_row"
    ]


def failed_checks(report: Record) -> list[Record]:
    return [c for c in report["checks"] if c["status"] in ("failed", "incomplete")]


def hex_colour(status: str) -> str:
    red, green, blue = COLOURS[status]
    return f"#{red:02x}{green:02x}{blue:02x}"
