"""The report as an Excel workbook: a sheet per table laid out as printed, then checks and problems."""

from __future__ import annotations

import datetime
import io
import re
import zipfile

from reportparse.extras import require
from reportparse.printed import PrintedTable, printed_table
from reportparse.records import Record
from reportparse.vocabulary import TABLE_NAMES

CHECK_COLUMNS = [
    "id",
    "identity",
    "table",
    "status",
    "left_cells",
    "left_value",
    "right_cells",
    "right_value",
    "reason",
    "description",
]
PROBLEM_COLUMNS = ["kind", "message", "table", "section", "page", "cell", "label"]
# A fixed timestamp: the same report gives the same workbook.
_EPOCH = datetime.datetime(2000, 1, 1)


def _table_rows(table: PrintedTable) -> list[list]:
    """Header rows (one per header level, id and label columns first), then one row per printed row."""
    depth = max(len(c.header) for c in table.columns)
    rows: list[list] = []
    for level in range(depth):
        first = ["id", "label"] if level == depth - 1 else ["", ""]
        rows.append(first + [c.header[level] if level < len(c.header) else "" for c in table.columns])
    rows.append(["", ""] + [c.id for c in table.columns])
    for row in table.rows:
        values = []
        for column in table.columns:
            cell = table.cell(row.id, column.id)
            values.append(None if cell is None else cell["value"])
        rows.append([row.id, row.full_label] + values)
    return rows


def _merge_header(sheet, table: PrintedTable) -> None:
    """Header cells merged as printed: 法人或其他组织 over its five kinds, 自然人 and 总计 down their levels."""
    depth = max(len(c.header) for c in table.columns)
    for level in range(depth - 1):
        first = 0
        for k in range(1, len(table.columns) + 1):
            same = k < len(table.columns) and table.columns[k].header[level] == table.columns[first].header[level]
            if same and table.columns[first].header[level]:
                continue
            if k - first > 1:
                sheet.merge_cells(start_row=level + 1, end_row=level + 1, start_column=first + 3, end_column=k + 2)
            first = k
    for k, column in enumerate(table.columns):
        blank_below = [h for h in column.header[1:] if not h]
        if depth > 1 and column.header[0] and len(blank_below) == depth - 1:
            sheet.merge_cells(start_row=1, end_row=depth, start_column=k + 3, end_column=k + 3)


def to_xlsx(report: Record) -> bytes:
    openpyxl = require("openpyxl", "tables")
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name in TABLE_NAMES:
        sheet = book.create_sheet(name)
        table = printed_table(report, name)
        for row in _table_rows(table):
            sheet.append(row)
        _merge_header(sheet, table)
        sheet.freeze_panes = "C1"
    checks = book.create_sheet("checks")
    checks.append(CHECK_COLUMNS)
    for c in report["checks"]:
        checks.append(
            [
                c["id"],
                c["identity"],
                c["table"],
                c["status"],
                " ".join(c["left"]["cells"]),
                c["left"]["value"],
                " ".join(c["right"]["cells"]),
                c["right"]["value"],
                c["reason"],
                c["description"],
            ]
        )
    problems = book.create_sheet("problems")
    problems.append(PROBLEM_COLUMNS)
    for p in report["problems"]:
        problems.append([p[k] for k in PROBLEM_COLUMNS])
    book.properties.created = book.properties.modified = _EPOCH
    out = io.BytesIO()
    book.save(out)
    return _fixed_times(out.getvalue())


def _fixed_times(data: bytes) -> bytes:
    """The zip entries without the time they were written: the same report, the same bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            content = src.read(info)
            if info.filename == "docProps/core.xml":  # openpyxl stamps the save time here
                content = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>2000-01-01T00:00:00Z", content)
            dst.writestr(
                zipfile.ZipInfo(info.filename, date_time=_EPOCH.timetuple()[:6]),
                content,
                compress_type=zipfile.ZIP_DEFLATED,
            )
    return out.getvalue()
