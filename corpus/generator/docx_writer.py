"""The Word producer: the layout as a .docx written with python-docx.

Two uses:

* producer ``docx`` — the .docx is the corpus document.  A forced table break is a
  Word "page break before" on the row (Word honours it, a docx reader sees one table).
* producer ``libreoffice`` — LibreOffice prints the .docx to PDF (``convert.py``).
  LibreOffice ignores "page break before" inside a table, so a forced break splits
  the table into two tables with a page break between them (as people do by hand);
  a merged cell cut by the break becomes one cell in each part, its text where the
  reportlab producer puts it (``pdf_table_draw._distribute``), the header rows are
  copied into the second part when ``repeat_header``.

Everything else comes from the layout model: column widths from ``pdf_tables``
(measured with the CID font's metrics), merged cells as gridSpan/vMerge, the 1-char
column of 三、本年度办理结果 with one character per paragraph, wrapped headers as
line breaks, borders of the three rule kinds, paddings, alignments, font sizes,
page numbers as a PAGE field in the footer, the running header in the page header.

Fonts: the ``docx`` document names 仿宋_GB2312 and 黑体 as real reports do; the .docx
printed by LibreOffice names Droid Sans Fallback (Debian's ``fonts-droid-fallback``),
whose subsets keep the PDF small (Noto CJK would be converted to Type 1, ~160 KB), and
Liberation Serif (``fonts-liberation2``) for digits and Latin letters, as reports set
digits in Times New Roman.  Column widths are measured with these fonts' metrics.

Deterministic: fixed core properties and a zip rewritten with fixed timestamps.
"""

import datetime
import io
import zipfile

from . import fonts, layout
from .pdf_table_draw import WIDE_MARGIN, _distribute
from .pdf_tables import measure_table

# (body font, heading font): the .docx document names the fonts of real reports; the
# one LibreOffice prints names a font it has (Droid Sans Fallback embeds compactly)
# (body, heading, Latin letters and digits)
WORD_FONTS = ("仿宋_GB2312", "黑体", "Times New Roman")
PRINT_FONTS = ("Droid Sans Fallback", "Droid Sans Fallback", "Liberation Serif")
A4_W, A4_H = 595.28, 841.89
MARGIN = 72.0
FIXED_TIME = datetime.datetime(2024, 1, 15, 9, 0, 0)
ZIP_TIME = (2024, 1, 15, 9, 0, 0)
SHADE = "CCDDF2"
_PPR_AFTER_KEEPNEXT = (
    "w:keepLines",
    "w:pageBreakBefore",
    "w:framePr",
    "w:widowControl",
    "w:numPr",
    "w:suppressLineNumbers",
    "w:pBdr",
    "w:shd",
    "w:tabs",
    "w:suppressAutoHyphens",
    "w:kinsoku",
    "w:wordWrap",
    "w:overflowPunct",
    "w:topLinePunct",
    "w:autoSpaceDE",
    "w:autoSpaceDN",
    "w:bidi",
    "w:adjustRightInd",
    "w:snapToGrid",
    "w:spacing",
    "w:ind",
    "w:contextualSpacing",
    "w:mirrorIndents",
    "w:suppressOverlap",
    "w:jc",
    "w:textDirection",
    "w:textAlignment",
    "w:textboxTightWrap",
    "w:outlineLvl",
    "w:divId",
    "w:cnfStyle",
    "w:rPr",
    "w:sectPr",
    "w:pPrChange",
)


def _docx():
    try:
        import docx  # noqa: F401
    except ImportError as e:  # pragma: no cover
        raise RuntimeError("the docx and libreoffice producers need python-docx (pip install python-docx)") from e
    return docx


def _el(tag, **attrs):
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    e = OxmlElement(tag)
    for k, v in attrs.items():
        e.set(qn(k), str(v))
    return e


def _child(parent, tag):
    """The first child ``tag`` of parent, created (appended) when absent."""
    from docx.oxml.ns import qn

    found = parent.find(qn(tag))
    if found is None:
        found = _el(tag)
        parent.append(found)
    return found


LATIN = {"font": None}  # the writer in use sets the font of Latin letters and digits


def _set_run_font(run, name, size, bold=False):
    """Size, weight and fonts of a run (eastAsia: ``name``; ascii/hAnsi: the Latin font)."""
    from docx.shared import Pt

    run.font.size = Pt(size)
    run.font.bold = bold or None
    rpr = run._r.get_or_add_rPr()
    fonts_el = rpr.find(_qn("w:rFonts"))
    if fonts_el is None:
        fonts_el = _el("w:rFonts")
        rpr.insert(0, fonts_el)
    latin = LATIN["font"] or name
    for k, v in (("w:ascii", latin), ("w:hAnsi", latin), ("w:eastAsia", name), ("w:cs", latin)):
        fonts_el.set(_qn(k), v)


def _qn(tag):
    from docx.oxml.ns import qn

    return qn(tag)


class DocxWriter:
    def __init__(self, content, for_pdf):
        self.body_font, self.heading_font, self.latin_font = PRINT_FONTS if for_pdf else WORD_FONTS
        docx = _docx()
        from docx.enum.section import WD_ORIENT
        from docx.shared import Pt

        self.content = content
        self.spec = content.spec
        self.for_pdf = for_pdf
        self.doc = docx.Document()
        # the .docx document must not depend on the fonts installed here: CID metrics
        self.measure = (
            fonts.print_measurer("libreoffice") if for_pdf else fonts.measurer(fonts.register("reportlab-cid"))
        )
        LATIN["font"] = self.latin_font
        sec = self.doc.sections[0]
        landscape = self.spec.orientation != "portrait"
        self.page_w, self.page_h = (A4_H, A4_W) if landscape else (A4_W, A4_H)
        if landscape:
            sec.orientation = WD_ORIENT.LANDSCAPE
        sec.page_width, sec.page_height = Pt(self.page_w), Pt(self.page_h)
        for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
            setattr(sec, side, Pt(MARGIN))
        sec.header_distance, sec.footer_distance = Pt(34), Pt(30)
        # python-docx's template names theme fonts in docDefaults; theme fonts win over
        # explicit names in LibreOffice, so the defaults become explicit names
        defaults = self.doc.styles.element.find(_qn("w:docDefaults"))
        if defaults is not None:
            for rf in defaults.iter(_qn("w:rFonts")):
                for k in list(rf.attrib):
                    del rf.attrib[k]
                for k, v in (
                    ("w:ascii", self.latin_font),
                    ("w:hAnsi", self.latin_font),
                    ("w:eastAsia", self.body_font),
                    ("w:cs", self.latin_font),
                ):
                    rf.set(_qn(k), v)
        normal = self.doc.styles["Normal"]
        normal.font.size = Pt(self.spec.font_size)
        rpr = normal.element.get_or_add_rPr()
        rf = _child(rpr, "w:rFonts")
        for k, v in (
            ("w:ascii", self.latin_font),
            ("w:hAnsi", self.latin_font),
            ("w:eastAsia", self.body_font),
            ("w:cs", self.latin_font),
        ):
            rf.set(_qn(k), v)
        props = self.doc.core_properties
        props.title = content.title_lines[-1]
        props.author = props.last_modified_by = content.agency
        props.created = props.modified = props.last_printed = FIXED_TIME
        props.revision = 1
        props.comments = props.subject = props.keywords = props.category = ""
        self._furniture(sec)
        self.last_was_table = False

    # ---------------------------------------------------------- furniture
    def _furniture(self, sec):
        from docx.enum.text import WD_ALIGN_PARAGRAPH

        if self.spec.running_header and self.content.running_header:
            p = sec.header.paragraphs[0]
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            _set_run_font(p.add_run(self.content.running_header), self.body_font, 9.0)
        else:
            sec.header.is_linked_to_previous = True
        if self.spec.page_numbers:
            p = sec.footer.paragraphs[0]
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            _set_run_font(p.add_run("- "), self.body_font, 10.5)
            for kind, text in (("begin", None), ("instr", " PAGE "), ("separate", None), ("text", "1"), ("end", None)):
                run = p.add_run()
                _set_run_font(run, self.body_font, 10.5)
                if kind == "instr":
                    it = _el("w:instrText")
                    it.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
                    it.text = text
                    run._r.append(it)
                elif kind == "text":
                    run.text = text
                else:
                    run._r.append(_el("w:fldChar", **{"w:fldCharType": kind}))
            _set_run_font(p.add_run(" -"), self.body_font, 10.5)
        else:
            sec.footer.is_linked_to_previous = True

    # ---------------------------------------------------------- paragraphs
    def paragraph(
        self,
        text,
        size,
        font=None,
        bold=False,
        indent_chars=2.0,
        align="justify",
        keep_next=False,
        space_before=0.0,
        space_after=0.0,
        line=1.6,
    ):
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Pt

        p = self.doc.add_paragraph()
        pf = p.paragraph_format
        pf.alignment = {
            "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
            "left": WD_ALIGN_PARAGRAPH.LEFT,
            "center": WD_ALIGN_PARAGRAPH.CENTER,
            "right": WD_ALIGN_PARAGRAPH.RIGHT,
        }[align]
        pf.first_line_indent = Pt(indent_chars * size) if indent_chars else None
        pf.space_before, pf.space_after = Pt(space_before), Pt(space_after)
        pf.line_spacing = Pt(size * line)
        pf.widow_control = True
        if keep_next:
            pf.keep_with_next = True
        if text:
            _set_run_font(p.add_run(text), font or self.body_font, size, bold)
        self.last_was_table = False
        return p

    def page_break(self):
        """A 1pt paragraph that starts a new page (between two parts of a table)."""
        p = self.paragraph("", 1.0, indent_chars=0, line=1.0)
        p.paragraph_format.page_break_before = True
        _set_run_font(p.add_run(""), self.body_font, 1.0)
        return p

    def block(self, b):
        fs = self.spec.font_size
        if b.kind == "title":
            for i, line in enumerate(b.lines):
                self.paragraph(
                    line,
                    fs * 1.5,
                    bold=True,
                    indent_chars=0,
                    align="center",
                    space_before=6 if i == 0 else 0,
                    space_after=fs * 0.6 if i == len(b.lines) - 1 else 0,
                )
        elif b.kind == "intro":
            self.paragraph(b.text, fs)
        elif b.kind == "heading":
            self.paragraph(b.text, fs + 1, font=self.heading_font, bold=True, keep_next=True, space_before=4)
        elif b.kind in ("paragraph", "subheading"):
            self.paragraph(b.text, fs)
        elif b.kind == "table":
            self.table(b.table)
            self.paragraph("", fs * 0.5, indent_chars=0, line=1.2)  # space after the table
        elif b.kind == "signature":
            for i, line in enumerate(b.lines):
                self.paragraph(line, fs, indent_chars=0, align="right", space_before=fs * 1.6 if i == 0 else 0)
        else:
            raise ValueError(b.kind)

    # ---------------------------------------------------------- tables
    def table(self, t):
        spec = self.spec
        text_w = self.page_w - 2 * MARGIN
        avail = self.page_w - 2 * WIDE_MARGIN if t.wide else text_w
        geom = measure_table(t, spec, avail, self.measure)
        indent = 0.0
        if t.wide and geom.width > text_w:
            indent = WIDE_MARGIN + max(0.0, (avail - geom.width) / 2) - MARGIN
        parts = self._parts(t) if self.for_pdf else [([], list(range(len(t.rows))))]
        if self.for_pdf and t.breaks and t.name == "requests":
            self.page_break()  # the rows before the break must fit on one page
        for k, part in enumerate(parts):
            if k:
                self.page_break()
            self._table_part(t, geom, part, k, parts, indent)
        self.last_was_table = True

    def _parts(self, t):
        """[(repeated header rows, own rows)] per part of the table."""
        cuts = [0] + sorted(t.breaks) + [len(t.rows)]
        parts = []
        for a, b in zip(cuts, cuts[1:]):
            repeated = list(range(t.header_rows)) if parts and t.repeat_header and a >= t.header_rows else []
            parts.append((repeated, list(range(a, b))))
        return parts

    def _table_part(self, t, geom, part, k, parts, indent):
        from docx.shared import Pt  # noqa: F401

        spec = self.spec
        pad = spec.cell_padding
        h = geom.row_h
        repeated, own = part
        rows = repeated + own
        local = {r: i for i, r in enumerate(rows)}
        tbl = self.doc.add_table(rows=len(rows), cols=t.ncols)
        widths = [geom.col_x[i + 1] - geom.col_x[i] for i in range(t.ncols)]
        self._table_props(tbl, widths, indent)
        min_h = spec.table_font_size * 1.3 + 2 * pad + 2
        for i, r in enumerate(rows):
            trpr = tbl.rows[i]._tr.get_or_add_trPr()
            if not spec.row_break:
                trpr.append(_el("w:cantSplit"))
            trpr.append(_el("w:trHeight", **{"w:val": int(round(min_h * 20)), "w:hRule": "atLeast"}))
            if t.repeat_header and r < t.header_rows and i < t.header_rows:
                trpr.append(_el("w:tblHeader"))
        grid = [[tbl.cell(i, j) for j in range(t.ncols)] for i in range(len(rows))]
        first_in_row = {}
        for box in geom.boxes:
            cell = box.cell
            span = list(range(cell.row, cell.row + cell.rowspan))
            if repeated and span[-1] < t.header_rows:
                piece = (span, box.lines, "middle")
            else:
                segs = [(p, [r for r in o if r in span]) for p, (_, o) in enumerate(parts)]
                segs = [(p, rs) for p, rs in segs if rs]
                mine = [i for i, (p, _) in enumerate(segs) if p == k]
                if not mine:
                    continue
                if len(segs) > 1:
                    dist = _distribute(box, [(p, 0.0, sum(h[r] for r in rs)) for p, rs in segs], pad)
                    lines, valign = dist[mine[0]]
                else:
                    lines, valign = box.lines, "middle"
                piece = (segs[mine[0]][1], lines, valign)
            span_rows, lines, valign = piece
            r0, r1 = local[span_rows[0]], local[span_rows[-1]]
            c1 = cell.col + cell.colspan - 1
            target = grid[r0][cell.col]
            if (r0, cell.col) != (r1, c1):
                target = target.merge(grid[r1][c1])
            self._fill(target, cell, box, lines, len(lines) == len(box.lines), valign)
            r = span_rows[0]
            if r not in first_in_row or cell.col < first_in_row[r][0]:
                first_in_row[r] = (cell.col, target)
        # "keep with next" on every paragraph of a row keeps it on the page of the next
        # row (Word's recipe): always for the header rows, for every row of a table kept whole
        for i, r in enumerate(rows[:-1]):
            if r < t.header_rows or (t.keep_together and not t.breaks):
                for p in tbl.rows[i]._tr.iter(_qn("w:p")):
                    ppr = p.get_or_add_pPr()
                    ppr.insert_element_before(_el("w:keepNext"), *_PPR_AFTER_KEEPNEXT)
        if not self.for_pdf:
            for r in t.breaks:  # Word: "page break before" on the row
                if r in first_in_row:
                    first_in_row[r][1].paragraphs[0].paragraph_format.page_break_before = True
        self._fill_empty(tbl)

    def _table_props(self, tbl, widths, indent):
        spec = self.spec
        tblpr = tbl._tbl.tblPr
        for tag in ("w:tblStyle", "w:tblW", "w:tblLook"):
            old = tblpr.find(_qn(tag))
            if old is not None:
                tblpr.remove(old)
        total = sum(widths)
        tblpr.append(_el("w:tblW", **{"w:w": int(round(total * 20)), "w:type": "dxa"}))
        if indent:
            tblpr.append(_el("w:tblInd", **{"w:w": int(round(indent * 20)), "w:type": "dxa"}))
        else:
            tblpr.append(_el("w:jc", **{"w:val": "center"}))
        borders = _el("w:tblBorders")
        on = {
            "grid": {"top", "left", "bottom", "right", "insideH", "insideV"},
            "hrules": {"top", "bottom", "insideH"},
            "none": set(),
        }[spec.rules]
        for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
            if side in on:
                borders.append(_el(f"w:{side}", **{"w:val": "single", "w:sz": 4, "w:space": 0, "w:color": "000000"}))
            else:
                borders.append(_el(f"w:{side}", **{"w:val": "nil"}))
        tblpr.append(borders)
        tblpr.append(_el("w:tblLayout", **{"w:type": "fixed"}))
        mar = _el("w:tblCellMar")
        pad = int(round(spec.cell_padding * 20))
        for side in ("top", "left", "bottom", "right"):
            mar.append(_el(f"w:{side}", **{"w:w": pad, "w:type": "dxa"}))
        tblpr.append(mar)
        grid = tbl._tbl.tblGrid
        for gc, w in zip(grid.findall(_qn("w:gridCol")), widths):
            gc.set(_qn("w:w"), str(int(round(w * 20))))
        for row in tbl.rows:
            for tc, w in zip(row._tr.findall(_qn("w:tc")), widths):
                tcw = tc.get_or_add_tcPr().get_or_add_tcW()
                tcw.set(_qn("w:w"), str(int(round(w * 20))))
                tcw.set(_qn("w:type"), "dxa")

    def _fill(self, target, cell, box, lines, full, valign):
        from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT as V
        from docx.enum.text import WD_ALIGN_PARAGRAPH as A
        from docx.shared import Pt

        tc = target._tc
        for p in tc.findall(_qn("w:p")):
            tc.remove(p)
        target.vertical_alignment = {"middle": V.CENTER, "top": V.TOP, "bottom": V.BOTTOM}[valign]
        if cell.role == "title" and self.spec.shade_titles and self.spec.rules != "none":
            tcpr = tc.get_or_add_tcPr()
            tcpr.append(_el("w:shd", **{"w:val": "clear", "w:color": "auto", "w:fill": SHADE}))
        if cell.vertical:
            paras = list(lines) or [""]
            leading = box.size * 1.15
        elif full:
            paras = [cell.text]
            leading = box.size * 1.25
        else:
            paras = ["".join(lines)]
            leading = box.size * 1.25
        align = {"left": A.LEFT, "center": A.CENTER, "right": A.RIGHT}[cell.align]
        for text in paras:
            p = target.add_paragraph()
            pf = p.paragraph_format
            pf.alignment = align
            pf.space_before = pf.space_after = Pt(0)
            pf.line_spacing = Pt(leading)
            pf.first_line_indent = None
            for i, piece in enumerate(text.split("\n")):
                run = p.add_run()
                _set_run_font(run, self.body_font, box.size)
                if i:
                    run.add_break()
                run.add_text(piece)

    def _fill_empty(self, tbl):
        """Cells never filled keep python-docx's empty paragraph: give it the table size."""
        from docx.shared import Pt

        size = self.spec.table_font_size
        for p in tbl._tbl.iter(_qn("w:p")):
            ppr = p.find(_qn("w:pPr"))
            if ppr is None:
                from docx.text.paragraph import Paragraph

                Paragraph(p, None).paragraph_format.line_spacing = Pt(size * 1.25)

    # ---------------------------------------------------------- output
    def save(self, path):
        if self.last_was_table:
            self.paragraph("", self.spec.font_size, indent_chars=0)
        buf = io.BytesIO()
        self.doc.save(buf)
        write_zip_fixed(buf.getvalue(), path)


def write_zip_fixed(data, path):
    """Rewrite a zip (docx) with fixed timestamps and permissions: same input, same bytes."""
    src = zipfile.ZipFile(io.BytesIO(data))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            out.writestr(fixed, src.read(info.filename))


def render(content, path, for_pdf=False):
    """Write the .docx of ``content`` to ``path``.  ``for_pdf``: split tables at forced
    breaks (LibreOffice ignores page breaks inside a table)."""
    w = DocxWriter(content, for_pdf)
    for b in layout.document(content):
        w.block(b)
    w.save(path)
