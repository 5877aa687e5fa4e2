"""A template table as a pandas DataFrame, laid out as printed: `Report.table()` (needs the `tables` extra)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from reportparse.extras import require
from reportparse.printed import layout_of
from reportparse.records import Number

if TYPE_CHECKING:
    import pandas


def table_frame(
    name: str,
    values: Mapping[str, Number | None],
    format_version: str | None,
    *,
    format: str | None = None,
    labels: bool = True,
) -> pandas.DataFrame:
    """Rows in printed order indexed by (id, label); columns by their printed header.

    With several header levels (requests: 自然人 | 法人或其他组织 → five kinds | 总计) the
    columns are a MultiIndex.  `labels=False` indexes rows and columns by id only.
    Numbers stay numbers (Int64, or Float64 for a column with decimals); blanks are NA.
    `values`: the table's printed cells' values by cell id.
    """
    pd = require("pandas", "tables")
    table = layout_of(name, values, format_version, format)
    data = {}
    for column in table.columns:
        column_values = []
        for row in table.rows:
            column_values.append(table.cell(row.id, column.id))
        is_float = any(isinstance(v, float) for v in column_values)
        data[column.id] = pd.array(column_values, dtype="Float64" if is_float else "Int64")
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
