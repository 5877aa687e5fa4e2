"""One self-contained web page per report: the page images with every cell as an overlay.

Hovering a cell shows its id, value, raw text and checks; the failed and incomplete
identities are listed with links that highlight their cells.  For an HTML, Word or
text source the page shows the source's own tables (or lines) with the cells marked.
"""

from __future__ import annotations

import base64
import html
import io

from reportparse.records import Record
from reportparse.show.marks import (
    COLOURS,
    LEGEND,
    CellMark,
    RowMark,
    failed_checks,
    hex_colour,
)

ZOOM = 1.5  # CSS pixels per PDF point

_STYLE = """
body{font-family:sans-serif;margin:0;display:flex}
#side{width:340px;flex:none;height:100vh;overflow:auto;padding:8px 12px;box-sizing:border-box;
      border-right:1px solid #ccc;font-size:13px;position:sticky;top:0}
#main{padding:12px;flex:1}
.page{position:relative;margin:0 0 16px;box-shadow:0 0 4px #888}
.page img{display:block;width:100%;height:100%}
.cell{position:absolute;box-sizing:border-box;border:2px solid;cursor:pointer}
.cell .tip,td.cell .tip,span.cell .tip{display:none;position:absolute;left:0;top:100%;z-index:10;background:#fffbe6;
      color:#000;border:1px solid #888;padding:4px 6px;font:12px monospace;white-space:pre;pointer-events:none}
.cell:hover .tip{display:block}
.cell.hl{outline:4px solid #000;outline-offset:1px;z-index:5}
.row-mark{position:absolute;border:3px dashed;box-sizing:border-box}
.legend span{display:inline-block;width:12px;height:12px;margin-right:4px;vertical-align:middle}
table.src{border-collapse:collapse;margin:0 0 16px;font-size:13px}
table.src td,table.src th{border:1px solid #999;padding:2px 5px}
td.cell,span.cell{position:relative;border-width:2px}
pre.src{font-size:13px;line-height:1.5}
"""
_STATUS_CSS = "".join(f".s-{s}{{border-color:{hex_colour(s)};background:rgba{COLOURS[s] + (0.18,)}}}" for s in COLOURS)
_SCRIPT = """
document.querySelectorAll('a.check').forEach(function (link) {
  link.addEventListener('click', function (event) {
    event.preventDefault();
    document.querySelectorAll('.cell.hl').forEach(function (e) { e.classList.remove('hl'); });
    var first = null;
    link.dataset.cells.split(' ').forEach(function (id) {
      var e = document.getElementById('cell:' + id);
      if (e) { e.classList.add('hl'); first = first || e; }
    });
    if (first) first.scrollIntoView({block: 'center'});
  });
});
"""


def _tip(cell: CellMark) -> str:
    checks = "\n".join(f"  {cid}: {status}" for cid, status in cell.checks) or "  (none)"
    value = "null" if cell.value is None else cell.value
    return f"{cell.id}\nvalue: {value}\nraw: {cell.raw!r}\nchecks:\n{checks}"


def _attrs(cell: CellMark) -> str:
    return (
        f'id="cell:{html.escape(cell.id)}" class="cell s-{cell.status}" data-id="{html.escape(cell.id)}" '
        f'data-status="{cell.status}"'
    )


def _overlay(cell: CellMark) -> str:
    x0, top, x1, bottom = (v * ZOOM for v in cell.bbox or [0, 0, 0, 0])
    return (
        f'<div {_attrs(cell)} style="left:{x0:.2f}px;top:{top:.2f}px;width:{x1 - x0:.2f}px;'
        f'height:{bottom - top:.2f}px"><span class="tip">{html.escape(_tip(cell))}</span></div>'
    )


def pdf_pages(images: list, cells: list[CellMark], rows: dict[int, list[tuple[RowMark, list[float]]]]) -> str:
    parts = []
    for page in images:
        buffer = io.BytesIO()
        page.image.save(buffer, format="PNG")
        png = base64.b64encode(buffer.getvalue()).decode("ascii")
        overlays = [_overlay(c) for c in cells if c.page == page.number and c.bbox]
        for row, box in rows.get(page.number, []):
            x0, top, _, bottom = (v * ZOOM for v in box)
            overlays.append(
                f'<div class="row-mark" title="{html.escape(row.message)}" style="left:{x0 - 3:.2f}px;'
                f"top:{top - 3:.2f}px;width:{page.width * ZOOM - x0 - 20:.2f}px;height:{bottom - top + 6:.2f}px;"
                f'border-color:{hex_colour("unmatched")}"></div>'
            )
        parts.append(
            f'<div class="page" id="page-{page.number}" data-page="{page.number}" '
            f'style="width:{page.width * ZOOM:.2f}px;height:{page.height * ZOOM:.2f}px">'
            f'<img alt="page {page.number}" src="data:image/png;base64,{png}">{"".join(overlays)}</div>'
        )
    return "\n".join(parts)


def _side(report: Record, cells: list[CellMark], rows: list[RowMark], source: str) -> str:
    meta = report["meta"]
    out = [
        f"<h3>{html.escape(meta.get('agency') or '')} {meta.get('year') or ''}</h3>",
        f"<p>{html.escape(source)} · {meta.get('source_format')} · {len(cells)} cells</p>",
        '<div class="legend">'
        + "<br>".join(f'<span style="background:{hex_colour(s)}"></span>{html.escape(m)}' for s, m in LEGEND.items())
        + "</div>",
        "<h4>Identities that do not hold</h4>",
    ]
    found = failed_checks(report)
    if not found:
        out.append("<p>none: every check passed or was skipped</p>")
    out.append('<ul id="checks">')
    for c in found:
        out.append(
            f'<li><a href="#" class="check" id="check:{html.escape(c["id"])}" '
            f'data-cells="{html.escape(" ".join(c["cells"]))}">{html.escape(c["id"])}</a> '
            f'<b style="color:{hex_colour(c["status"])}">{c["status"]}</b>: '
            f"{html.escape(c['reason'] or c['description'])}</li>"
        )
    out.append("</ul><h4>Problems</h4><ul>")
    out += [f"<li>{html.escape(p['message'])}</li>" for p in report["problems"]]
    out.append("</ul>")
    return "\n".join(out)


def page(report: Record, cells: list[CellMark], rows: list[RowMark], body: str, source: str) -> str:
    title = html.escape(f"{report['meta'].get('agency') or ''} {report['meta'].get('year') or ''} — reportparse show")
    return (
        f'<!DOCTYPE html>\n<html lang="zh"><head><meta charset="utf-8"><title>{title}</title>'
        f"<style>{_STYLE}{_STATUS_CSS}</style></head><body>"
        f'<div id="side">{_side(report, cells, rows, source)}</div><div id="main">{body}</div>'
        f"<script>{_SCRIPT}</script></body></html>\n"
    )


def marked_span(cell: CellMark, text: str, tag: str = "span") -> str:
    return f'<{tag} {_attrs(cell)}>{text}<span class="tip">{html.escape(_tip(cell))}</span></{tag}>'
