"""Pages stored turned (/Rotate 90, 180 or 270) read as they are shown.

pdfminer already draws such a page in display orientation, through a rotated
transformation matrix; but the products of that matrix carry floating-point noise
(72.00000000000004 for 72), and pdfplumber's table finder joins ruling lines into
cells by exact equality of their end points: a landscape table drawn turned on a
rotated page lost 85 of its 200 cells.  Rounding every coordinate to 1/10,000 of a
point (far below any drawing's precision) makes the rotated page the same as the
upright one."""
from __future__ import annotations

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
