"""The reportlab producer: draws the layout with reportlab's canvas (manual drawing:
full control over rules, positions and page breaks).

A4 portrait (or landscape, or landscape shown through /Rotate 90), Word-like
margins.  Paragraphs are wrapped by measured width with a
two-character first-line indent and justified lines; headings are lines of their
own; tables are drawn by ``pdf_table_draw``.  ``invariant=1`` makes the output
byte-identical for the same spec.
"""

from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfgen import canvas

from . import fonts, layout
from .pdf_table_draw import draw_table
from .wrap import wrap

MARGIN_X = 72.0
MARGIN_TOP = 72.0
MARGIN_BOTTOM = 72.0
RULE_WIDTH = 0.5


class Writer:
    def __init__(self, path, spec, running_header=""):
        self.spec = spec
        self.font = fonts.register(spec.producer)
        self._measure = fonts.measurer(self.font)
        self.rotated = spec.orientation == "rotated"
        self.page_w, self.page_h = landscape(A4) if spec.orientation != "portrait" else A4
        self.left, self.right = MARGIN_X, self.page_w - MARGIN_X
        self.top, self.bottom = MARGIN_TOP, self.page_h - MARGIN_BOTTOM
        # rotated: a portrait page (MediaBox) with /Rotate 90 whose content is drawn
        # turned by -90 degrees, so that a viewer shows an upright landscape page
        # (reportlab swaps the MediaBox's sides itself when /Rotate is 90)
        self.c = canvas.Canvas(path, pagesize=(self.page_w, self.page_h), invariant=1, pageCompression=1)
        self.c.setCreator("corpus.generator")
        self.running_header = running_header
        self.page = 1
        self.y = self.top
        self._start_page()

    # ------------------------------------------------------------ primitives
    def measure(self, text, size):
        return self._measure(text, size)

    def draw_text(self, x, baseline, text, size, char_space=0.0, bold=False):
        t = self.c.beginText()
        t.setTextOrigin(x, self.page_h - baseline)
        t.setFont(self.font, size)
        if char_space:
            t.setCharSpace(char_space)
        if not bold:
            t.textOut(text)
            self.c.drawText(t)
            return
        # fake bold (the CID font has no bold face): fill + stroke, inside q/Q so
        # that the text render mode does not leak into later text
        self.c.saveState()
        self.c.setLineWidth(size * 0.03)
        t.setTextRenderMode(2)
        t.textOut(text)
        self.c.drawText(t)
        self.c.restoreState()

    def rule(self, x0, y0, x1, y1):
        H = self.page_h
        if self.spec.rule_style == "rects":
            if y0 == y1:
                self.c.rect(x0, H - y0 - RULE_WIDTH / 2, x1 - x0, RULE_WIDTH, stroke=0, fill=1)
            else:
                self.c.rect(x0 - RULE_WIDTH / 2, H - y1, RULE_WIDTH, y1 - y0, stroke=0, fill=1)
            return
        self.c.setLineWidth(RULE_WIDTH)
        self.c.line(x0, H - y0, x1, H - y1)

    def fill_rect(self, x, top, width, height, rgb):
        self.c.setFillColorRGB(*rgb)
        self.c.rect(x, self.page_h - top - height, width, height, stroke=0, fill=1)
        self.c.setFillColorRGB(0, 0, 0)

    # ----------------------------------------------------------------- pages
    def _start_page(self):
        if self.rotated:
            self.c.setPageRotation(90)
            self.c.transform(0, 1, -1, 0, A4[0], 0)
        if self.spec.running_header and self.running_header:
            size = 9.0
            w = self.measure(self.running_header, size)
            self.draw_text((self.page_w - w) / 2, 45.0, self.running_header, size)

    def _finish_page(self):
        if self.spec.page_numbers:
            text, size = f"- {self.page} -", 10.5
            w = self.measure(text, size)
            self.draw_text((self.page_w - w) / 2, self.page_h - 42.0, text, size)

    def new_page(self):
        self._finish_page()
        self.c.showPage()
        self.page += 1
        self.y = self.top
        self._start_page()

    def ensure(self, height):
        if self.y + height > self.bottom + 0.01 and self.y > self.top + 0.01:
            self.new_page()

    def finish(self):
        self._finish_page()
        self.c.showPage()
        self.c.save()
        return self.page

    # ---------------------------------------------------------------- blocks
    def paragraph(self, text, size, indent_chars=2.0, justify=True, bold=False, align="left", keep_lines=1):
        leading = size * 1.6
        width = self.right - self.left
        indent = indent_chars * size
        lines = wrap(text, width, lambda t: self.measure(t, size), first_indent=indent)
        self.ensure(leading * min(keep_lines, len(lines)))
        for i, line in enumerate(lines):
            self.ensure(leading)
            lw = self.measure(line, size)
            x = self.left + (indent if i == 0 else 0.0)
            avail = width - (indent if i == 0 else 0.0)
            char_space = 0.0
            if align == "center":
                x = self.left + (width - lw) / 2
            elif align == "right":
                x = self.right - lw
            elif justify and i < len(lines) - 1 and 0 < avail - lw < size * 2 and len(line) > 1:
                char_space = (avail - lw) / len(line)
            baseline = self.y + (leading - size) / 2 + size * 0.86
            self.draw_text(x, baseline, line, size, char_space, bold)
            self.y += leading

    def block(self, b):
        fs = self.spec.font_size
        if b.kind == "title":
            self.y += 6
            for line in b.lines:
                self.paragraph(line, fs * 1.5, indent_chars=0, bold=True, align="center")
            self.y += fs * 0.6
        elif b.kind == "intro":
            self.paragraph(b.text, fs)
        elif b.kind == "heading":
            self.ensure(fs * 1.6 * 3)
            self.y += 4
            self.paragraph(b.text, fs + 1, bold=True, keep_lines=1)
        elif b.kind in ("paragraph", "subheading"):
            self.paragraph(b.text, fs, keep_lines=2)
        elif b.kind == "table":
            self.y += 4
            draw_table(self, b.table)
            self.y += fs * 0.8
        elif b.kind == "signature":
            self.ensure(fs * 1.6 * 4)
            self.y += fs * 1.6
            for line in b.lines:
                self.paragraph(line, fs, indent_chars=0, align="right")
        else:
            raise ValueError(b.kind)


def render(content, path):
    """Write the PDF of ``content`` to ``path``; return the number of pages."""
    w = Writer(path, content.spec, content.running_header)
    w.c.setTitle(content.title_lines[-1])
    w.c.setAuthor(content.agency)
    for b in layout.document(content):
        w.block(b)
    return w.finish()
