"""Pagination and drawing of one table on the reportlab writer.

A merged cell that a page break cuts becomes one segment per page, each with its
own borders.  Its text goes to the first segment when it fits there (as Word does),
otherwise it flows on; a cell with ``cut_after_line`` prints its first lines at the
bottom of one page and the rest at the top of the next (（四）无 / 法提供).
"""

from .pdf_tables import measure_table

SHADE = (0.80, 0.87, 0.95)
WIDE_MARGIN = 30.0  # a wide table (spec.wide_tables) runs this close to the paper's edges


def _plan(w, table, h):
    """[(page offset, {row: y_top}, repeated header rows {row: y_top})]."""
    n = len(h)
    first = min(table.breaks) if table.breaks else n
    head = min(n, table.header_rows + 2)  # never leave a header alone at a page end
    need = sum(h[:first]) if (table.breaks or table.keep_together) else sum(h[:head])
    if need > w.bottom - w.top:
        need = sum(h[: min(head, first)])
    if w.y + need > w.bottom and w.y > w.top + 1:
        w.new_page()
    pages = [({}, {})]
    y = w.y
    for i in range(n):
        rows, _ = pages[-1]
        natural = y + h[i] > w.bottom and i >= table.header_rows
        if rows and (i in table.breaks or natural):
            pages.append(({}, {}))
            y = w.top
            if table.repeat_header and i >= table.header_rows:
                for r in range(table.header_rows):
                    pages[-1][1][r] = y
                    y += h[r]
        pages[-1][0][i] = y
        y += h[i]
    return pages, y


def _segments(box, pages, h):
    """[(page index, top, height)] of a box's original (not repeated) rows."""
    segs = []
    for p, (rows, _) in enumerate(pages):
        mine = [r for r in range(box.cell.row, box.cell.row + box.cell.rowspan) if r in rows]
        if mine:
            segs.append((p, rows[mine[0]], sum(h[r] for r in mine)))
    return segs


def _distribute(box, segs, pad):
    """[(lines, valign)] per segment."""
    lines = box.lines
    if len(segs) == 1:
        return [(lines, "middle")]
    out = [([], "middle") for _ in segs]
    k = box.cell.cut_after_line
    if k is not None:
        out[0] = (lines[:k], "bottom")
        out[1] = (lines[k:], "top")
        return out
    if len(lines) * box.leading + 2 * pad <= segs[0][2]:
        out[0] = (lines, "middle")
        return out
    rest = list(lines)
    for i, (_, _, height) in enumerate(segs):
        fit = max(1, int((height - 2 * pad) // box.leading))
        take, rest = rest[:fit], rest[fit:]
        out[i] = (take, "top")
        if not rest:
            break
    if rest:
        out[-1] = (out[-1][0] + rest, "top")
    return out


def draw_table(w, table):
    spec = w.spec
    pad = spec.cell_padding
    left, right = (WIDE_MARGIN, w.page_w - WIDE_MARGIN) if table.wide else (w.left, w.right)
    geom = measure_table(table, spec, right - left, w.measure)
    h = geom.row_h
    x0 = left + max(0.0, (right - left - geom.width) / 2)
    pages, end_y = _plan(w, table, h)
    per_page = [[] for _ in pages]  # (box, top, height, lines, valign)
    for box in geom.boxes:
        segs = _segments(box, pages, h)
        for (p, top, height), (lines, valign) in zip(segs, _distribute(box, segs, pad)):
            per_page[p].append((box, top, height, lines, valign))
        for p, (_, repeated) in enumerate(pages):
            if box.cell.row in repeated and box.cell.row + box.cell.rowspan <= table.header_rows:
                height = sum(h[r] for r in range(box.cell.row, box.cell.row + box.cell.rowspan))
                per_page[p].append((box, repeated[box.cell.row], height, box.lines, "middle"))
    for p, items in enumerate(per_page):
        if p:
            w.new_page()
        _draw_page(w, items, geom, x0, pad)
    w.y = end_y


def _draw_page(w, items, geom, x0, pad):
    spec = w.spec
    hlines, vlines = {}, {}
    for box, top, height, lines, valign in items:
        cell = box.cell
        left = x0 + geom.col_x[cell.col]
        right = x0 + geom.col_x[cell.col + cell.colspan]
        if cell.role == "title" and spec.shade_titles and spec.rules != "none":
            w.fill_rect(left, top, right - left, height, SHADE)
        block = len(lines) * box.leading
        if valign == "middle":
            y = top + (height - block) / 2
        elif valign == "top":
            y = top + pad
        else:
            y = top + height - pad - block
        for line in lines:
            width = w.measure(line, box.size)
            if cell.align == "left":
                x = left + pad
            elif cell.align == "right":
                x = right - pad - width
            else:
                x = (left + right - width) / 2
            baseline = y + (box.leading - box.size) / 2 + box.size * 0.86
            w.draw_text(x, baseline, line, box.size)
            y += box.leading
        hlines.setdefault(round(top, 2), []).append((left, right))
        hlines.setdefault(round(top + height, 2), []).append((left, right))
        vlines.setdefault(round(left, 2), []).append((top, top + height))
        vlines.setdefault(round(right, 2), []).append((top, top + height))
    if spec.rules == "none":
        return
    for y, spans in sorted(hlines.items()):
        for a, b in _merge(spans):
            w.rule(a, y, b, y)
    if spec.rules == "grid":
        for x, spans in sorted(vlines.items()):
            for a, b in _merge(spans):
                w.rule(x, a, x, b)


def _merge(spans, eps=0.05):
    out = []
    for a, b in sorted(spans):
        if out and a <= out[-1][1] + eps:
            out[-1][1] = max(out[-1][1], b)
        else:
            out.append([a, b])
    return out
