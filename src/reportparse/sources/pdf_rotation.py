"""Pages stored turned (/Rotate 90, 180 or 270) read as they are shown.

pdfminer already draws such a page in display orientation, through a rotated
transformation matrix; but the products of that matrix carry floating-point noise
(72.00000000000004 for 72), and pdfplumber's table finder joins ruling lines into
cells by exact equality of their end points: a landscape table drawn turned on a
rotated page lost 85 of its 200 cells.  Rounding every coordinate to 1/10,000 of a
point (far below any drawing's precision) makes the rotated page the same as the
upright one.

A page whose text is drawn turned a quarter without a /Rotate to show it upright is
displayed sideways: its lines cannot be read in order, and the report says so in
`problems` rather than presenting what came out as the page's content."""

from __future__ import annotations

from reportparse import records

_KEYS = ("x0", "x1", "y0", "y1", "top", "bottom", "doctop", "width", "height")
_PLACES = 4


def round_coordinates(page) -> None:
    """Round, in place, the coordinates of every object of a pdfplumber page whose /Rotate is not 0."""
    if not getattr(page, "rotation", 0):
        return
    for objects in page.objects.values():
        for obj in objects:
            for key in _KEYS:
                value = obj.get(key)
                if isinstance(value, float):
                    obj[key] = round(value, _PLACES)
            if obj.get("pts"):
                obj["pts"] = [(round(x, _PLACES), round(y, _PLACES)) for x, y in obj["pts"]]


_MIN_GLYPHS = 20


def _turned(char: dict) -> bool:
    """Whether a glyph's baseline does not run left to right as displayed.  (pdfminer's own
    `upright` tests `a * d > 0`, which a quarter turn's 6e-17 rounding noise passes.)"""
    matrix = char.get("matrix")
    if not matrix:
        return not char.get("upright", True)
    a, b = matrix[0], matrix[1]
    return not a > abs(b)


def sideways_problem(chars: list, number: int) -> records.ProblemRecord | None:
    """A problem record when most of a page's glyphs are not upright as displayed."""
    turned = sum(1 for c in chars if _turned(c))
    if len(chars) < _MIN_GLYPHS or turned * 2 <= len(chars):
        return None
    return records.problem(
        "sideways_text",
        f"page {number}: its text runs sideways ({turned} of {len(chars)} "
        "glyphs are turned and the page does not say to show it turned back): it cannot be "
        "read in order, so the lines and tables of this page may be missing or wrong",
        page=number,
    )
