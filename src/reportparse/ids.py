"""`reportparse ids`: every cell id of the template with its printed labels (both formats)."""

from __future__ import annotations

import argparse

from reportparse.template import cell_labels, template
from reportparse.vocabulary import TABLE_NAMES


def tsv() -> str:
    lines = ["cell_id\tformats\trow_label\tcolumn_label"]
    lines += [f"{c.id}\t{','.join(c.formats)}\t{c.row_label}\t{c.column_label}" for c in cell_labels()]
    return "\n".join(lines) + "\n"


def markdown() -> str:
    """docs/cell-ids.md: generated from patterns/tables/ by tools/build_cell_ids_doc.py."""
    out = [
        "# Cell ids",
        "",
        (
            "Every cell of the three template tables, `table.row.column`, with the labels the "
            "template prints, in printed order.  Generated from `patterns/tables/` by "
            "`python tools/build_cell_ids_doc.py` (a test keeps it current); `reportparse ids` "
            "prints the same list.  Where the 2019 format prints another label, it follows a `|`."
        ),
        "",
    ]
    for name in TABLE_NAMES:
        out += [
            f"## `{name}` — {template(name).title}",
            "",
            "| cell id | formats | row | column |",
            "|---|---|---|---|",
        ]
        out += [
            f"| `{c.id}` | {', '.join(c.formats)} | {c.row_label} | {c.column_label} |" for c in cell_labels([name])
        ]
        out.append("")
    return "\n".join(out)


def main(argv: list[str]) -> int:
    p = argparse.ArgumentParser(
        prog="reportparse ids", description="Print every cell id with its formats and printed row and column labels."
    )
    p.add_argument("--format", choices=["tsv", "markdown"], default="tsv")
    args = p.parse_args(argv)
    print(tsv() if args.format == "tsv" else markdown(), end="")
    return 0
