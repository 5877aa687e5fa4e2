"""`reportparse show FILE -o DIR [--page N] [--html]`: where every number was read, drawn."""

from __future__ import annotations

import argparse
from pathlib import Path

from reportparse.errors import UsageError


def _arguments() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="reportparse show",
        description="Draw every recognised cell where it was read, coloured by its checks: PNG pictures of the "
        "PDF's pages, or with --html one self-contained web page (also for HTML, Word and text sources).",
    )
    p.add_argument("file")
    p.add_argument("-o", "--output", metavar="DIR", required=True, help="folder to write the pictures or page into")
    p.add_argument("--page", type=int, action="append", metavar="N", help="only page N (repeatable; PDF)")
    p.add_argument("--html", action="store_true", help="write NAME.html: pages with cells as hover overlays")
    p.add_argument("--password", help="password of an encrypted PDF")
    p.add_argument("--input-format", choices=["pdf", "text", "html", "docx"])
    return p


def _read(path: str) -> bytes:
    try:
        return Path(path).read_bytes()
    except FileNotFoundError:
        raise UsageError(f"no such file: {path}") from None
    except IsADirectoryError:
        raise UsageError(f"is a directory, not a file: {path}") from None


def run(argv: list[str]) -> str | bytes:
    from reportparse.api import parse_to_data
    from reportparse.show import html_page, png, source_views
    from reportparse.show.marks import cell_marks, row_marks
    from reportparse.sources.detect import decode_text, sniff

    args = _arguments().parse_args(argv)
    data = _read(args.file)
    kind = args.input_format or sniff(data)
    report = parse_to_data(data, format=args.input_format, password=args.password)
    cells, rows = cell_marks(report), row_marks(report)
    pages = args.page
    total = report["meta"].get("pages") or 0
    if pages and kind == "pdf" and any(not 1 <= n <= total for n in pages):
        raise UsageError(f"--page must be between 1 and {total}: the PDF has {total} pages")
    out_dir = Path(args.output)
    out_dir.mkdir(parents=True, exist_ok=True)
    stem = Path(args.file).stem
    if not args.html:
        if kind != "pdf":
            raise UsageError(f"pictures of pages need a PDF; this is {kind}: use --html to see its cells")
        written = png.write_pngs(data, cells, rows, out_dir, stem, pages, args.password)
        return "".join(f"{p}\n" for p in written)
    if kind == "pdf":
        images = png.render_pages(data, pages, args.password, scale=html_page.ZOOM * 2)
        body = html_page.pdf_pages(images, cells, png.row_boxes(data, rows, args.password))
    elif kind == "html":
        body = source_views.html_source(data, cells)
    elif kind == "docx":
        body = source_views.word_source(data, cells)
    elif kind == "text":
        body = source_views.text_source(decode_text(data), cells)
    else:
        raise UsageError(f"show cannot draw a {kind} source")
    path = out_dir / f"{stem}.html"
    path.write_text(html_page.page(report, cells, rows, body, Path(args.file).name), encoding="utf-8")
    return f"{path}\n"


def main(argv: list[str]) -> int:
    from reportparse.cli import run_tool

    return run_tool(run, argv)
