"""A template table as a pandas DataFrame, laid out as printed (needs the `tables` extra)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from reportparse.export.printed import printed_table
from reportparse.extras import require
from reportparse.records import Record

if TYPE_CHECKING:
    import pandas


def table_frame(report: Record, name: str, *, format: str | None = None, labels: bool = True) -> pandas.DataFrame:
    """Rows in printed order indexed by (id, label); columns by their printed header.

    With several header levels (requests: 自然人 | 法人或其他组织 → five kinds | 总计) the
    columns are a MultiIndex.  `labels=False` indexes rows and columns by id only.
    Numbers stay numbers (Int64, or Float64 for a column with decimals); blanks are NA.
    """
    pd = require("pandas", "tables")
    table = printed_table(report, name, format)
    data = {}
    for column in table.columns:
        values = []
        for row in table.rows:
            cell = table.cell(row.id, column.id)
            values.append(None if cell is None else cell["value"])
        is_float = any(isinstance(v, float) for v in values)
        data[column.id] = pd.array(values, dtype="Float64" if is_float else "Int64")
    frame = pd.DataFrame(data, index=pd.Index([r.id for r in table.rows], name="id"))
    if not labels:
        return frame
    frame.index = pd.MultiIndex.from_tuples([(r.id, r.full_label) for r in table.rows], names=["id", "label"])
    depth = max(len(c.header) for c in table.columns)
    if depth == 1:
        frame.columns = pd.Index([c.header[0] for c in table.columns])
    else:
        frame.columns = pd.MultiIndex.from_tuples(
            [tuple(c.header) + ("",) * (depth - len(c.header)) for c in table.columns]
        )
    return frame
