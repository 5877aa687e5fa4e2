"""PDF pages rendered with pypdfium2, every recognised cell's box drawn, coloured and labelled."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reportparse.normalize import ITEM_NUMBER
from reportparse.show.marks import COLOURS, LEGEND, CellMark, RowMark

# Where a label's own numbered part starts (1. （三） 三、), to find it apart from its group labels.
_NUMBERED_PART = re.compile(f"(?={ITEM_NUMBER})")

SCALE = 3.0  # pixels per PDF point (216 dpi): the ids stay legible inside small cells


@dataclass
class PageImage:
    number: int
    width: float  # PDF points
    height: float
    image: Any  # a PIL image, SCALE pixels per point


def render_pages(
    data: bytes, pages: list[int] | None = None, password: str | None = None, scale: float = SCALE
) -> list[PageImage]:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(data, password=password)
    try:
        out = []
        for number in pages or range(1, len(pdf) + 1):
            page = pdf[number - 1]
            width, height = page.get_size()
            out.append(PageImage(number, width, height, page.render(scale=scale).to_pil().convert("RGB")))
            page.close()
        return out
    finally:
        pdf.close()


def row_boxes(
    data: bytes, rows: list[RowMark], password: str | None = None
) -> dict[int, list[tuple[RowMark, list[float]]]]:
    """Where unmatched rows' labels are printed: {page: [(row, bbox)]}, found by their text."""
    import io

    import pdfplumber
    import regex

    out: dict[int, list[tuple[RowMark, list[float]]]] = {}
    with pdfplumber.open(io.BytesIO(data), password=password or "") as pdf:
        for row in rows:
            if not row.page or not row.label or row.page > len(pdf.pages):
                continue
            # The label as printed may be wrapped over lines: look for its first characters.  It
            # may also carry the group labels it stands under (三、本年度办理结果（三）不予公开2.…),
            # printed elsewhere: then look for its own, last numbered part.
            label = "".join(row.label.split())
            own = _NUMBERED_PART.split(label)[-1]
            for key in dict.fromkeys((label[:6], own[:6])):
                pattern = r"\s*".join(regex.escape(ch) for ch in key)
                found = pdf.pages[row.page - 1].search(pattern, regex=True)[:1]
                if found:
                    box = found[0]
                    out.setdefault(row.page, []).append((row, [box["x0"], box["top"], box["x1"], box["bottom"]]))
                    break
    return out


def _font(size: int):
    from PIL import ImageFont

    return ImageFont.load_default(size=size)


def draw(page: PageImage, cells: list[CellMark], rows: list[tuple[RowMark, list[float]]], scale: float = SCALE) -> Any:
    """The page with its cells drawn; a legend band below."""
    from PIL import Image, ImageDraw

    base = page.image
    overlay = Image.new("RGBA", base.size, (0, 0, 0, 0))
    pen = ImageDraw.Draw(overlay)
    small = _font(int(3.4 * scale))
    for cell in cells:
        if cell.bbox is None:
            continue
        x0, top, x1, bottom = (v * scale for v in cell.bbox)
        colour = COLOURS[cell.status]
        pen.rectangle(
            [x0, top, x1, bottom], fill=colour + (40,), outline=colour + (255,), width=max(2, int(scale * 0.7))
        )
        _, row, column = cell.id.split(".")
        label = "\n".join(_fit(pen, part, small, x1 - x0 - 3) for part in (row, "." + column))
        pen.text((x0 + 2, top + 1), label, fill=colour + (255,), font=small, spacing=0)
        if cell.status == "unreadable":
            pen.line([x0, top, x1, bottom], fill=colour + (255,), width=2)
            pen.line([x0, bottom, x1, top], fill=colour + (255,), width=2)
    for _, box in rows:
        x0, top, _, bottom = (v * scale for v in box)
        colour = COLOURS["unmatched"]
        pen.rectangle([x0 - 3, top - 3, base.size[0] - 20, bottom + 3], outline=colour + (255,), width=3)
        pen.text((x0, bottom + 4), "unmatched row: values not read", fill=colour + (255,), font=_font(int(4 * scale)))
    image = Image.alpha_composite(base.convert("RGBA"), overlay).convert("RGB")
    return _with_legend(image, scale)


def _fit(pen, text: str, font, width: float) -> str:
    """The text cut to the cell's width (with … when cut): labels never run into the next cell."""
    if pen.textlength(text, font=font) <= width:
        return text
    while text and pen.textlength(text + "…", font=font) > width:
        text = text[:-1]
    return text + "…"


def _with_legend(image, scale: float):
    from PIL import Image, ImageDraw

    band = int(10 * scale)
    out = Image.new("RGB", (image.size[0], image.size[1] + band), "white")
    out.paste(image, (0, 0))
    pen = ImageDraw.Draw(out)
    font = _font(int(4 * scale))
    x = int(6 * scale)
    for status, meaning in LEGEND.items():
        y = image.size[1] + int(2.5 * scale)
        pen.rectangle([x, y, x + int(5 * scale), y + int(5 * scale)], fill=COLOURS[status])
        x += int(7 * scale)
        pen.text((x, y), meaning, fill="black", font=font)
        x += int(pen.textlength(meaning, font=font)) + int(6 * scale)
    return out


def write_pngs(
    data: bytes,
    cells: list[CellMark],
    rows: list[RowMark],
    out_dir: Path,
    stem: str,
    pages: list[int] | None = None,
    password: str | None = None,
) -> list[Path]:
    rows_at = row_boxes(data, rows, password)
    written = []
    for page in render_pages(data, pages, password):
        image = draw(page, [c for c in cells if c.page == page.number], rows_at.get(page.number, []))
        path = out_dir / f"{stem}-page-{page.number}.png"
        image.save(path, optimize=False)
        written.append(path)
    return written
