"""The report's cells as one long CSV table, in printed order, with their labels and where printed."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from reportparse.export.formats import format_value
from reportparse.printed import printed_table
from reportparse.records import Record
from reportparse.vocabulary import TABLE_NAMES

HEADER = ["cell_id", "table", "row_id", "row_label", "column_id", "column_label", "value", "raw", "page"]


def labelled_cells(report: Record) -> Iterator[tuple[str, str, str, str, str, str, Record]]:
    """(cell id, table, row id, row label, column id, column label, cell) of every printed cell."""
    for name in TABLE_NAMES:
        table = printed_table(report, name)
        for row in table.rows:
            for column in table.columns:
                cell = table.cell(row.id, column.id)
                if cell is not None:
                    yield (f"{name}.{row.id}.{column.id}", name, row.id, row.full_label, column.id, column.label, cell)


def to_csv(report: Record) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER)
    for cell_id, name, row_id, row_label, column_id, column_label, cell in labelled_cells(report):
        writer.writerow(
            [
                cell_id,
                name,
                row_id,
                row_label,
                column_id,
                column_label,
                format_value(cell["value"]),
                cell["raw"],
                "" if cell["page"] is None else cell["page"],
            ]
        )
    return out.getvalue()
