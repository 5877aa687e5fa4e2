"""`reportparse show`: where every number came from, drawn on the page (PNG) or in a web page (HTML)."""

from __future__ import annotations

from pathlib import Path
from typing import Any


def picture(path: str | Path, page: int, *, password: str | None = None) -> Any:
    """Page `page` of the PDF at `path` with every recognised cell drawn (a PIL image), as `show` draws it."""
    from reportparse.api import parse_to_data
    from reportparse.show.marks import cell_marks, row_marks
    from reportparse.show.png import draw, render_pages, row_boxes

    data = Path(path).read_bytes()
    report = parse_to_data(data, password=password)
    cells = [c for c in cell_marks(report) if c.page == page]
    (image,) = render_pages(data, [page], password)
    return draw(image, cells, row_boxes(data, row_marks(report), password).get(page, []))
