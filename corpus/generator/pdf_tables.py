"""Table geometry for the PDF producer: column widths, wrapped cell lines, row heights.

Widths are chosen per table the way a Word template looks: narrow value columns
sized to their header (or to the header's forced line breaks when
``wrapped_headers``) and their widest number, label columns taking the rest.  With
``wrapped_numbers`` table 三's value columns are 1.6 characters wide: headers wrap by
width and numbers of four digits or more wrap inside their cells.  When single-line headers do not
fit, the header font shrinks (by up to 3pt, not below 6pt) and then headers wrap by width.
"""

from dataclasses import dataclass
from typing import List

from .wrap import wrap

MIN_HEADER_SIZE = 6.0


@dataclass
class Box:
    cell: object  # layout.Cell
    lines: List[str]
    size: float
    leading: float


@dataclass
class Geometry:
    col_x: List[float]  # x of each column's left edge, relative; len ncols + 1
    row_h: List[float]
    boxes: List[Box]

    @property
    def width(self):
        return self.col_x[-1]


def _line_widths(text, size, measure):
    return [measure(line, size) for line in text.split("\n")]


def _value_col_widths(table, cols, hs, fs, pad, measure):
    need = {c: 0.0 for c in cols}
    for cell in table.cells:
        if cell.colspan != 1 or cell.col not in need:
            continue
        if cell.role == "header":
            w = max(_line_widths(cell.text, hs, measure))
        elif cell.role == "value":
            w = measure(cell.text, fs)
        else:
            continue
        need[cell.col] = max(need[cell.col], w + 2 * pad + 2)
    return need


def column_widths(table, spec, avail, measure):
    """(list of column widths, header font size)."""
    fs, pad = spec.table_font_size, spec.cell_padding
    hs = fs
    min_hs = max(MIN_HEADER_SIZE, fs - 3)
    if table.name == "appeals":
        w = avail / 15
        while not spec.wrapped_headers and hs > min_hs and measure("结果维持", hs) + 2 * pad > w:
            hs -= 0.5
        return [w] * 15, hs
    if table.name == "active":
        label_w = max([measure(c.text, fs) for c in table.cells if c.col == 0 and c.colspan == 1] + [0]) + 2 * pad + 4
        label_w = min(label_w, 0.4 * avail)
        rest = (avail - label_w) / 3
        return [label_w, rest, rest, rest], hs
    # requests
    value_cols = list(range(3, 10))
    if table.cells and any(c.vertical for c in table.cells if c.role == "vlabel"):
        c0 = fs + 2 * pad + 4
    else:
        c0 = measure("三、本年", fs) + 2 * pad + 2
    groups = [c.text for c in table.cells if c.role == "group" and c.colspan == 1]
    if table.narrow_groups:
        c1 = measure("（四）无", fs) + 2 * pad + 1
    else:
        c1 = max([measure(g, fs) for g in groups] + [measure("（三）不予公开", fs)]) + 2 * pad + 2
    while spec.wrapped_numbers:  # cramped value columns: numbers of 4+ digits wrap
        need = {c: 1.6 * fs + 2 * pad + 1 for c in value_cols}
        c2 = avail - c0 - c1 - sum(need.values())
        break
    while not spec.wrapped_numbers:
        need = _value_col_widths(table, value_cols, hs, fs, pad, measure)
        c2 = avail - c0 - c1 - sum(need.values())
        if c2 >= 8 * fs + 2 * pad or hs <= min_hs:
            break
        hs -= 0.5
    narrow = 7 * fs + 2 * pad + 2
    if table.narrow_labels and c2 > narrow:  # long item labels wrap over 3 lines
        total = sum(need.values())
        need = {c: w + (c2 - narrow) * w / total for c, w in need.items()}
        c2 = narrow
    if c2 < 5 * fs:  # give the labels room; headers will wrap by width
        short = 5 * fs - c2
        total = sum(need.values())
        need = {c: w - short * w / total for c, w in need.items()}
        c2 = 5 * fs
    return [c0, c1, c2] + [need[c] for c in value_cols], hs


def _size(cell, fs, hs):
    if cell.role == "header":
        return hs
    if cell.role == "corner":
        return min(fs, hs) - 0.5
    return fs


def measure_table(table, spec, avail, measure):
    widths, hs = column_widths(table, spec, avail, measure)
    fs, pad = spec.table_font_size, spec.cell_padding
    col_x = [0.0]
    for w in widths:
        col_x.append(col_x[-1] + w)
    boxes = []
    for cell in table.cells:
        size = _size(cell, fs, hs)
        width = col_x[cell.col + cell.colspan] - col_x[cell.col] - 2 * pad
        if cell.vertical:
            lines = [ch for ch in cell.text if not ch.isspace()]
            leading = size * 1.15
        else:
            lines = wrap(cell.text, width, lambda t, s=size: measure(t, s))
            leading = size * 1.25
        boxes.append(Box(cell, lines, size, leading))
    min_h = fs * 1.3 + 2 * pad + 2
    row_h = [min_h] * len(table.rows)
    for b in boxes:  # single-row cells first
        if b.cell.rowspan == 1:
            need = len(b.lines) * b.leading + 2 * pad
            row_h[b.cell.row] = max(row_h[b.cell.row], need)
    for b in sorted(boxes, key=lambda b: b.cell.rowspan):
        if b.cell.rowspan > 1:
            rows = range(b.cell.row, b.cell.row + b.cell.rowspan)
            need = len(b.lines) * b.leading + 2 * pad
            have = sum(row_h[r] for r in rows)
            if need > have:
                for r in rows:
                    row_h[r] += (need - have) / b.cell.rowspan
    for i, row in enumerate(table.rows):
        if row.kind == "title":
            row_h[i] += 4
    return Geometry(col_x, row_h, boxes)
