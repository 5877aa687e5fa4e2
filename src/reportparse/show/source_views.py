"""The `show --html` body for sources without pages: the source's own tables (HTML, Word) or
lines (text), with every recognised cell marked where its location says it stands."""

from __future__ import annotations

import html
import io

from reportparse.show.html_page import marked_span
from reportparse.show.marks import CellMark


def _by_location(cells: list[CellMark]) -> dict[tuple, CellMark]:
    out = {}
    for c in cells:
        loc = c.location or {}
        if loc.get("table") is not None:
            out[(loc["table"], loc["row"], loc["col"])] = c
    return out


def html_source(data: bytes, cells: list[CellMark]) -> str:
    """The page's own tables, each cell read marked (found by its element path)."""
    import lxml.html
    from lxml import etree

    from reportparse.sources.html_decode import decode_html

    root = lxml.html.fromstring(decode_html(data))
    tree = root.getroottree()
    for bad in root.xpath("//script | //style"):
        bad.drop_tree()
    tables = tree.xpath("//table")
    used = sorted({c.location["table"] for c in cells if c.location and c.location.get("table") is not None})
    for cell in cells:
        path = (cell.location or {}).get("path")
        found = tree.xpath(path) if path else []
        if not found:
            continue
        td = found[0]
        marked = lxml.html.fragment_fromstring(
            marked_span(cell, html.escape(td.text_content().strip())), create_parent=False
        )
        for child in list(td):
            td.remove(child)
        td.text = None
        for name, value in marked.attrib.items():
            td.set(name, value)
        td.text = marked.text
        for child in marked:
            td.append(child)
    parts = []
    for index in used:
        table = tables[index]
        table.set("class", "src")
        table.attrib.pop("style", None)
        parts.append(f"<h4>table {index}</h4>" + etree.tostring(table, encoding="unicode", method="html"))
    return "\n".join(parts)


def word_source(data: bytes, cells: list[CellMark]) -> str:
    """The Word file's tables as grids, each cell read marked (by table, row and column)."""
    import docx
    from docx.oxml.ns import qn
    from docx.table import Table

    document = docx.Document(io.BytesIO(data))
    elements = list(document.element.body.iter(qn("w:tbl")))
    marks = _by_location(cells)
    parts = []
    for index in sorted({k[0] for k in marks}):
        table = Table(elements[index], document)
        rows = []
        for r, row in enumerate(table.rows):
            tds = []
            for c, cell in enumerate(row.cells):
                text = html.escape(cell.text.strip())
                mark = marks.get((index, r, c))
                tds.append(marked_span(mark, text, "td") if mark else f"<td>{text}</td>")
            rows.append("<tr>" + "".join(tds) + "</tr>")
        parts.append(f'<h4>table {index}</h4><table class="src">' + "".join(rows) + "</table>")
    return "\n".join(parts)


def text_source(text: str, cells: list[CellMark]) -> str:
    """The text's lines that hold cells (and those between them), each cell's characters marked."""
    lines = text.replace("\r\n", "\n").split("\n")
    by_line: dict[int, list[CellMark]] = {}
    for c in cells:
        loc = c.location or {}
        if loc.get("line") is not None:
            by_line.setdefault(loc["line"], []).append(c)
    if not by_line:
        return "<p>no cell of this text has a location</p>"
    out = []
    for number in range(min(by_line), max(by_line) + 1):
        line = lines[number - 1] if number <= len(lines) else ""
        pos, pieces = 0, []
        for c in sorted(by_line.get(number, []), key=lambda c: (c.location or {})["start"]):
            start, end = (c.location or {})["start"], (c.location or {})["end"]
            pieces.append(html.escape(line[pos:start]) + marked_span(c, html.escape(line[start:end])))
            pos = end
        pieces.append(html.escape(line[pos:]))
        out.append(f'<span class="ln">{number:5d}</span>  ' + "".join(pieces))
    return '<pre class="src">' + "\n".join(out) + "</pre>"
