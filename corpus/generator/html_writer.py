"""The HTML producer: the layout as a web page.

Two uses:

* producer ``html`` — the page is the corpus document, wrapped in a little site
  furniture (a breadcrumb <nav> and a <footer>) as government sites publish it.
* producer ``chromium`` — headless Chromium prints the page (``convert.py``).

Tables are <table> grids with rowspan/colspan, <col> widths from ``pdf_tables``
(so the same narrow/wide columns as the PDF producers), borders of the three rule
kinds, the spec's paddings, alignments and font sizes; 三、本年度办理结果 one
character per line with <br>; forced table breaks are ``break-before: page`` on the
row; rows do not break across pages (``break-inside: avoid``) unless ``row_break``;
repeated headers are a <thead> (Chromium repeats it on every page), otherwise
the header rows are plain body rows; a table kept whole has ``break-inside: avoid``.
Title and headings are in the heading font at normal weight (黑体 is heavy by itself;
a bold face would embed a second font subset).  Page numbers and the running header
are CSS page-margin boxes; landscape is
``@page { size: A4 landscape }``.  No script, no external resource: the output is a
pure function of the spec.
"""

from html import escape

from . import fonts, layout
from .pdf_table_draw import WIDE_MARGIN
from .pdf_tables import measure_table

# (body, heading) font families: the web page names those of real sites; the page
# Chromium prints names WenQuanYi Zen Hei (a TrueType font Skia subsets compactly;
# the Noto CJK collections would be embedded as Type 3 glyphs, ~500 KB a report)
WEB_FONTS = ('"仿宋_GB2312", FangSong, "宋体", SimSun, serif', '"黑体", SimHei, sans-serif')
PRINT_FONTS = ('"WenQuanYi Zen Hei"', '"WenQuanYi Zen Hei"')
A4_W, A4_H = 595.28, 841.89
MARGIN = 72.0


def _e(text):
    return escape(text, quote=True)


def _css_string(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


class HtmlWriter:
    def __init__(self, content, web):
        self.content = content
        self.spec = content.spec
        self.web = web
        self.body_font, self.heading_font = WEB_FONTS if web else PRINT_FONTS
        # the web page must not depend on the fonts installed here: CID metrics
        self.measure = fonts.measurer(fonts.register("reportlab-cid")) if web else fonts.print_measurer("chromium")
        landscape = self.spec.orientation != "portrait"
        self.page_w = A4_H if landscape else A4_W
        self.out = []

    def css(self):
        s = self.spec
        fs, tfs, pad = s.font_size, s.table_font_size, s.cell_padding
        boxes = []
        if s.running_header and self.content.running_header:
            boxes.append(
                f"@top-center {{ content: {_css_string(self.content.running_header)}; "
                f"font-size: 9pt; font-family: {self.body_font}; }}"
            )
        if s.page_numbers:
            boxes.append(
                f'@bottom-center {{ content: "- " counter(page) " -"; font-size: 10.5pt; '
                f"font-family: {self.body_font}; }}"
            )
        size = "A4 landscape" if s.orientation != "portrait" else "A4"
        border = "0.5pt solid #000"
        if s.rules == "grid":
            td = f"border: {border};"
        elif s.rules == "hrules":
            td = f"border-top: {border}; border-bottom: {border}; border-left: none; border-right: none;"
        else:
            td = "border: none;"
        return f"""
@page {{ size: {size}; margin: {MARGIN}pt; {" ".join(boxes)} }}
body {{ font-family: {self.body_font}; font-size: {fs}pt; line-height: 1.6; margin: 0; color: #000; }}
p {{ margin: 0; text-indent: 2em; text-align: justify; }}
.title {{ text-align: center; text-indent: 0; font-family: {self.heading_font}; font-weight: normal;
          font-size: {fs * 1.5}pt; }}
.title.last {{ margin-bottom: {fs * 0.6}pt; }}
h2 {{ font-family: {self.heading_font}; font-size: {fs + 1}pt; font-weight: normal; margin: 4pt 0 0 0;
      text-indent: 2em; line-height: 1.6; break-after: avoid; }}
.signature {{ text-align: right; text-indent: 0; }}
.signature.first {{ margin-top: {fs * 1.6}pt; }}
table {{ border-collapse: collapse; table-layout: fixed; font-size: {tfs}pt; line-height: 1.25;
         margin-top: 4pt; margin-bottom: {fs * 0.8}pt; }}
.keep {{ break-inside: avoid; }}
td {{ {td} padding: {pad}pt; vertical-align: middle; text-align: center; overflow-wrap: anywhere; }}
td.l {{ text-align: left; }}
td.r {{ text-align: right; }}
td.shade {{ background: #ccddf2; }}
td.v {{ line-height: 1.15; }}
{"" if s.row_break else "tr { break-inside: avoid; }"}
tr.break {{ break-before: page; }}
nav, footer {{ font-size: 9pt; color: #333; }}
"""

    def block(self, b):
        o = self.out
        if b.kind == "title":
            for i, line in enumerate(b.lines):
                last = " last" if i == len(b.lines) - 1 else ""
                o.append(f'<p class="title{last}">{_e(line)}</p>')
        elif b.kind == "intro":
            o.append(f"<p>{_e(b.text)}</p>")
        elif b.kind == "heading":
            o.append(f"<h2>{_e(b.text)}</h2>")
        elif b.kind in ("paragraph", "subheading"):
            o.append(f"<p>{_e(b.text)}</p>")
        elif b.kind == "table":
            self.table(b.table)
        elif b.kind == "signature":
            for i, line in enumerate(b.lines):
                first = " first" if i == 0 else ""
                o.append(f'<p class="signature{first}">{_e(line)}</p>')
        else:
            raise ValueError(b.kind)

    def table(self, t):
        s = self.spec
        text_w = self.page_w - 2 * MARGIN
        avail = self.page_w - 2 * WIDE_MARGIN if t.wide else text_w
        geom = measure_table(t, s, avail, self.measure)
        width = geom.width
        if t.wide and width > text_w and self.web:
            left = WIDE_MARGIN + max(0.0, (avail - width) / 2) - MARGIN
            style = f"width: {width:.2f}pt; margin-left: {left:.2f}pt;"
        elif t.wide and width > text_w:
            # printed: runs over the right margin (Chromium then shrinks the page to fit)
            style = f"width: {width:.2f}pt; margin-left: 0;"
        else:
            style = f"width: {width:.2f}pt; margin-left: auto; margin-right: auto;"
        keep = ' class="keep"' if t.keep_together and not t.breaks else ""
        if self.spec.split is not None and t.name == "requests" and t.breaks:
            style += " break-before: page;"  # the rows before the break must fit on one page
        o = self.out
        if keep:
            o.append('<div class="keep">')
        o.append(f'<table{keep} style="{style}">')
        o.append(
            "<colgroup>"
            + "".join(f'<col style="width: {geom.col_x[i + 1] - geom.col_x[i]:.2f}pt">' for i in range(t.ncols))
            + "</colgroup>"
        )
        by_row = {}
        for box in geom.boxes:
            by_row.setdefault(box.cell.row, []).append(box)
        head = t.header_rows if t.repeat_header else 0
        for i, row in enumerate(t.rows):
            if i == 0 and head:
                o.append("<thead>")
            if i == head:
                if head:
                    o.append("</thead>")
                o.append("<tbody>")
            cls = ' class="break"' if i in t.breaks else ""
            o.append(f"<tr{cls}>")
            for box in sorted(by_row.get(i, []), key=lambda b: b.cell.col):
                o.append(self.cell(box))
            o.append("</tr>")
        o.append("</tbody></table>")
        if keep:
            o.append("</div>")

    def cell(self, box):
        c = box.cell
        classes = []
        if c.align == "left":
            classes.append("l")
        elif c.align == "right":
            classes.append("r")
        if c.vertical:
            classes.append("v")
        if c.role == "title" and self.spec.shade_titles and self.spec.rules != "none":
            classes.append("shade")
        attrs = ""
        if c.rowspan > 1:
            attrs += f' rowspan="{c.rowspan}"'
        if c.colspan > 1:
            attrs += f' colspan="{c.colspan}"'
        if classes:
            attrs += f' class="{" ".join(classes)}"'
        if abs(box.size - self.spec.table_font_size) > 0.01:  # headers shrunk to fit one line
            attrs += f' style="font-size: {box.size:g}pt"'
        if c.vertical:
            inner = "<br>".join(_e(ch) for ch in c.text if not ch.isspace())
        else:
            inner = "<br>".join(_e(line) for line in c.text.split("\n"))
        return f"<td{attrs}>{inner}</td>"

    def page(self):
        title = self.content.title_lines[-1]
        agency = self.content.agency
        head = (
            f'<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
            f"<title>{_e(agency + title)}</title>\n<style>{self.css()}</style>\n</head>\n<body>\n"
        )
        body = "\n".join(self.out)
        if self.web:
            body = (
                f'<nav class="breadcrumb">首页 &gt; 政务公开 &gt; 政府信息公开年报</nav>\n'
                f'<div class="article">\n{body}\n</div>\n'
                f"<footer>主办单位：{_e(agency)}　网站标识码：{1000000000 + self.spec.seed}</footer>"
            )
        return head + body + "\n</body>\n</html>\n"


def render(content, path, web=False):
    """Write the HTML page of ``content`` to ``path``.  ``web``: add site furniture."""
    w = HtmlWriter(content, web)
    for b in layout.document(content):
        w.block(b)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(w.page())
