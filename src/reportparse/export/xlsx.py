"""The report as an Excel workbook: a sheet per table laid out as printed, then checks and problems."""
from __future__ import annotations

import datetime
import io
import re
import zipfile

from reportparse.export.printed import PrintedTable, printed_table
from reportparse.extras import require
from reportparse.records import Record
from reportparse.vocabulary import TABLE_NAMES

CHECK_COLUMNS = ["id", "identity", "table", "status", "left_cells", "left_value", "right_cells", "right_value",
                 "reason", "description"]
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


def to_xlsx(report: Record) -> bytes:
    openpyxl = require("openpyxl", "tables")
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name in TABLE_NAMES:
        sheet = book.create_sheet(name)
        for row in _table_rows(printed_table(report, name)):
            sheet.append(row)
        sheet.freeze_panes = "C1"
    checks = book.create_sheet("checks")
    checks.append(CHECK_COLUMNS)
    for c in report["checks"]:
        checks.append([c["id"], c["identity"], c["table"], c["status"], " ".join(c["left"]["cells"]),
                       c["left"]["value"], " ".join(c["right"]["cells"]), c["right"]["value"], c["reason"],
                       c["description"]])
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
            if info.filename == "docProps/core.xml":    # openpyxl stamps the save time here
                content = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>2000-01-01T00:00:00Z", content)
            dst.writestr(zipfile.ZipInfo(info.filename, date_time=_EPOCH.timetuple()[:6]), content,
                         compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()
