"""Cost per table row: one ruled table of 25 to 400 rows, all on one (tall) page.

Each document is a report whose section 二 holds one ruled table of N rows × 6 columns
(a label and five numbers per row, every label different), drawn by reportlab with an
embedded TrueType font.  For each N the parse is timed (median of --runs) with each
engine, and divided by N.  Flat milliseconds per row from 25 to 400 rows mean linear
time; pdfplumber's own `find_tables` on the same page is timed too, for reference
(it compares every corner with every later corner).

usage: python benchmarks/bench_rows.py [--runs N] [--rows 25,50,100,200,400]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "src")]

from corpus.generator.fonts import register
from reportparse.api import parse_to_data

sys.path.insert(0, str(ROOT / "benchmarks"))
from bench_speed import timed

from reportparse.recognize.headings import sections

ROW_HEIGHT = 16.0
COLUMNS = [40.0, 200.0, 270.0, 340.0, 410.0, 480.0, 550.0]
HEADINGS = [section.canonical for _, section in sorted(sections().items())]


def build(path: Path, rows: int) -> None:
    from reportlab.pdfgen import canvas

    font = register("reportlab-ttf")
    height = 260 + ROW_HEIGHT * (rows + 1)
    c = canvas.Canvas(str(path), pagesize=(595, height))
    y = height - 40

    def line(text: str, size: float = 11) -> None:
        nonlocal y
        c.setFont(font, size)
        c.drawString(40, y, text)
        y -= size * 1.8

    line("某区人民政府2023年政府信息公开工作年度报告", 14)
    line(HEADINGS[0])
    line("本年度依法公开政府信息，办理申请，答复及时。")
    line(HEADINGS[1])
    top = y
    bottom = top - ROW_HEIGHT * (rows + 1)
    c.setLineWidth(0.5)
    for i in range(rows + 2):
        c.line(COLUMNS[0], top - i * ROW_HEIGHT, COLUMNS[-1], top - i * ROW_HEIGHT)
    for x in COLUMNS:
        c.line(x, top, x, bottom)
    c.setFont(font, 9)
    for j, name in enumerate(["事项", "本年制发件数", "本年废止件数", "现行有效件数", "处理决定数量", "收费金额"]):
        c.drawString(COLUMNS[j] + 3, top - ROW_HEIGHT + 4, name)
    for i in range(rows):
        base = top - (i + 2) * ROW_HEIGHT + 4
        c.drawString(COLUMNS[0] + 3, base, f"第{i + 1}类事项办理情况")
        for j in range(1, 6):
            c.drawString(COLUMNS[j] + 3, base, str((i * 7 + j * 13) % 997))
    y = bottom - 24
    for heading in HEADINGS[2:]:
        line(heading)
        line("无。")
    c.save()


def plumber_find_tables(path: Path) -> None:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        page = pdf.pages[0]
        edges = page.lines + page.rects
        page.find_tables(
            {
                "vertical_strategy": "explicit",
                "horizontal_strategy": "explicit",
                "explicit_vertical_lines": edges,
                "explicit_horizontal_lines": edges,
                "snap_tolerance": 3,
                "intersection_tolerance": 3,
            }
        )


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--rows", default="25,50,100,200,400")
    args = ap.parse_args()
    counts = [int(n) for n in args.rows.split(",")]
    with tempfile.TemporaryDirectory() as tmp:
        paths = {}
        for n in counts:
            paths[n] = Path(tmp) / f"rows-{n}.pdf"
            build(paths[n], n)
        parse_to_data(paths[counts[0]], engine="pdfplumber")  # imports and caches warm
        parse_to_data(paths[counts[0]], engine="pdfium")
        print(f"runs: {args.runs} (medians); ms per table row")
        print(f"{'rows':>5} {'pdfium':>8} {'pdfplumber':>11} {'find_tables':>12}")
        first = None
        for n in counts:
            data = parse_to_data(paths[n], engine="pdfium")
            unmatched = sum(1 for p in data["problems"] if p["kind"] == "unmatched_row")
            per_row = [
                timed(lambda e=e, p=paths[n]: parse_to_data(p, engine=e), args.runs) * 1000 / n
                for e in ("pdfium", "pdfplumber")
            ]
            reference = timed(lambda p=paths[n]: plumber_find_tables(p), args.runs) * 1000 / n
            first = first or (per_row[0], per_row[1], reference)
            print(
                f"{n:>5} {per_row[0]:>8.2f} {per_row[1]:>11.2f} {reference:>12.2f}  "
                f"({unmatched} rows matched against the vocabulary, none known)"
            )
            last = (per_row[0], per_row[1], reference)
        print(
            f"cost per row, {counts[-1]} rows vs {counts[0]}: pdfium {last[0] / first[0]:.2f}x, "
            f"pdfplumber engine {last[1] / first[1]:.2f}x, pdfplumber find_tables alone "
            f"{last[2] / first[2]:.2f}x (flat: about 1)"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
