"""The text producer: the page text a web crawler saves (as `shared/real/ptjjf2020.txt`,
`pingtan2021.txt`): a header block of `field: value` lines, then the whole report on
one line — headings inline, table cells in reading order, separated by spaces or run
together (see oneline.py for which value cells run together)."""

from . import layout, oneline

RULE = "==================== 正文 ===================="


def _flat(text):
    return "".join(text.split("\n"))


def _table(t, content, sep):
    spec = content.spec
    by_row = {}
    for cell in t.cells:
        by_row.setdefault(cell.row, []).append(cell)
    out = []
    for r in range(len(t.rows)):
        cells = sorted(by_row.get(r, []), key=lambda c: c.col)
        words = [_flat(c.text) for c in cells if c.role != "value" and c.text.strip()]
        values = [c.cell_id for c in cells if c.role == "value"]
        if values:
            groups = oneline.groups(spec, t.name, values, content.printed)
            words.append(" ".join("".join(content.printed[c].strip() for c in g) for g in groups))
        if words:
            out.append(sep.join(words))
    return sep.join(out)


def text(content):
    spec = content.spec
    sep = " " if spec.text_cells == "spaces" else ""
    title = "".join(content.title_lines)
    parts = ["当前位置： 首页 政务公开 政府信息公开年报", title]
    for b in layout.document(content):
        if b.kind in ("intro", "heading", "paragraph", "subheading"):
            parts.append(b.text)
        elif b.kind == "table":
            parts.append(_table(b.table, content, sep))
        elif b.kind == "signature":
            parts.append(" ".join(b.lines))
    parts.append("附件下载")
    header = [
        f"标题: {title}",
        f"发布时间: {content.year + 1}-01-{10 + spec.seed % 18:02d} 09:30",
        "文号: ",
        "发布机构: ",
        "栏目: 政府信息公开年报",
        f"原文链接: https://www.example.gov.cn/zwgk/nb/{spec.seed}.htm",
        "页面链接与图片详见 links.tsv(同目录)",
        RULE,
    ]
    return "\n".join(header) + "\n" + sep.join(parts[:2]) + " " + sep.join(parts[2:]) + "\n"


def render(content, path):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text(content))
