"""Seed inputs built here, never read from ../shared: report PDFs from the project's
generator (corpus/generator) and the same reports written as plain text."""

from __future__ import annotations

from pathlib import Path

from corpus.generator import ReportSpec, Truth, build_content, build_pdf
from corpus.generator import layout as gen_layout
from corpus.generator.truth import from_content

# A few varied specs: CID and embedded-TTF fonts, ruled and unruled tables, 2019/2021.
SEED_SPECS = [
    ReportSpec(seed=1),
    ReportSpec(seed=2, producer="reportlab-ttf", format="2019", split="inside_group"),
    ReportSpec(seed=3, rules="none", format="mixed", blank_cells="mixed"),
    ReportSpec(seed=4, rules="hrules", page_numbers=True, running_header=True, units=True),
]


def report_pdf(path: Path, spec: ReportSpec | None = None) -> Truth:
    """Write a generated report PDF and return its truth."""
    return build_pdf(spec or SEED_SPECS[0], str(path))


def _table_lines(table) -> list[str]:
    """A generator table as tab-separated grid rows: a merged cell's text in its first slot."""
    grid = [["" for _ in range(table.ncols)] for _ in table.rows]
    for cell in table.cells:
        grid[cell.row][cell.col] = cell.text.replace("\n", "")
    return ["\t".join(row).rstrip("\t") for row in grid]


def report_text(spec: ReportSpec | None = None) -> tuple[str, Truth]:
    """The report of `spec` as a text extraction: paragraphs split by blank lines, tables as tab rows."""
    content = build_content(spec or SEED_SPECS[0])
    out: list[str] = []
    for block in gen_layout.document(content):
        if block.kind == "table":
            out.extend(_table_lines(block.table))
        elif block.lines:
            out.extend(block.lines)
        else:
            out.append(block.text)
        out.append("")
    return "\n".join(out), from_content(content, 1)


def report_docx(path: Path, spec: ReportSpec | None = None) -> Truth:
    """The report of `spec` as a Word file: paragraphs, and tables with their merged cells."""
    import docx

    content = build_content(spec or SEED_SPECS[0])
    document = docx.Document()
    for block in gen_layout.document(content):
        if block.kind != "table":
            for line in block.lines or [block.text]:
                document.add_paragraph(line)
            continue
        table = block.table
        grid = document.add_table(rows=len(table.rows), cols=table.ncols)
        for cell in table.cells:
            target = grid.cell(cell.row, cell.col)
            if cell.rowspan > 1 or cell.colspan > 1:
                target = target.merge(grid.cell(cell.row + cell.rowspan - 1, cell.col + cell.colspan - 1))
            target.text = cell.text.replace("\n", "")
    document.save(str(path))
    return from_content(content, 1)


def report_html(spec: ReportSpec | None = None) -> tuple[str, Truth]:
    """The report of `spec` as a web page: <p> paragraphs and <table>s with rowspan/colspan."""
    from html import escape

    content = build_content(spec or SEED_SPECS[0])
    out = ["<!DOCTYPE html>", '<html><head><meta charset="utf-8"><title>年度报告</title></head><body>']
    for block in gen_layout.document(content):
        if block.kind != "table":
            out.extend(f"<p>{escape(line)}</p>" for line in block.lines or [block.text])
            continue
        table = block.table
        out.append('<table border="1">')
        for r in range(len(table.rows)):
            cells = sorted((c for c in table.cells if c.row == r), key=lambda c: c.col)
            out.append(
                "<tr>"
                + "".join(
                    f'<td rowspan="{c.rowspan}" colspan="{c.colspan}">{escape(c.text.replace(chr(10), ""))}</td>'
                    for c in cells
                )
                + "</tr>"
            )
        out.append("</table>")
    out.append("</body></html>")
    return "\n".join(out), from_content(content, 1)
