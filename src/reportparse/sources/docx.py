"""Word source: a .docx (or an old .doc, through LibreOffice) → the layout.

Body paragraphs and tables are read in document order straight from the body XML.
Tables are rebuilt from their w:tc elements: python-docx's `table.cell()` repeats a
merged cell in every slot it covers, while the recognisers need one cell with the
right rowspan (w:vMerge restart/continue) and colspan (w:gridSpan).
"""

from __future__ import annotations

import io
import shutil
import tempfile
import zipfile
import zlib
from pathlib import Path

import docx
import regex
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from lxml import etree

from reportparse import limits, records
from reportparse.errors import OutOfMemoryError, UnreadableInputError, UnsupportedFormatError
from reportparse.layout.model import Block, Cell, Document, Page, TextLine
from reportparse.normalize import join_wrapped
from reportparse.sources.html import _is_heading_text, table_blocks
from reportparse.sources.word_files import check_inflated_sizes, convert_doc

_MAX_START = 9_999  # a list numbered from further than this is a hostile file, not a report

_P, _TBL, _TR, _TC = qn("w:p"), qn("w:tbl"), qn("w:tr"), qn("w:tc")
_T, _TAB, _BR, _CR = qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:cr")
_NO_BREAK_HYPHEN = qn("w:noBreakHyphen")
_SDT, _SDT_CONTENT, _CUSTOM_XML = qn("w:sdt"), qn("w:sdtContent"), qn("w:customXml")
_VAL = qn("w:val")
# Never text of the paragraph: properties, deleted or moved-away runs, field codes,
# drawings (a text box's text would otherwise be read twice, from mc:Choice and mc:Fallback).
_MARKUP_COMPATIBILITY = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_NOT_TEXT = frozenset(
    [
        qn(t)
        for t in (
            "w:pPr",
            "w:rPr",
            "w:del",
            "w:moveFrom",
            "w:instrText",
            "w:delText",
            "w:drawing",
            "w:pict",
            "w:object",
        )
    ]
    + [f"{{{_MARKUP_COMPATIBILITY}}}AlternateContent"]
)


# --- automatic numbering --------------------------------------------------------------
# Word often prints a heading's "一、" or a row label's "1." as list numbering, which is
# not in the paragraph's text: without it 总体情况 is no heading.  The common formats
# are rebuilt here from numbering.xml; counters run per list definition, as in Word.

_CHINESE = "〇一二三四五六七八九"
_STEMS = "甲乙丙丁戊己庚辛壬癸"
_ROMAN = (
    (1000, "m"),
    (900, "cm"),
    (500, "d"),
    (400, "cd"),
    (100, "c"),
    (90, "xc"),
    (50, "l"),
    (40, "xl"),
    (10, "x"),
    (9, "ix"),
    (5, "v"),
    (4, "iv"),
    (1, "i"),
)


def _chinese_count(n: int) -> str:
    if n < 10:
        return _CHINESE[n]
    if n >= 100:
        return str(n)
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else _CHINESE[tens]) + "十" + (_CHINESE[ones] if ones else "")


def _roman(n: int) -> str:
    out = ""
    for value, letters in _ROMAN:
        while n >= value:
            out, n = out + letters, n - value
    return out


def _format_number(n: int, fmt: str) -> str:
    if fmt in (
        "chineseCounting",
        "chineseCountingThousand",
        "japaneseCounting",
        "taiwaneseCounting",
        "chineseLegalSimplified",
    ):
        return _chinese_count(n)
    if fmt in ("ideographDigital", "taiwaneseDigital", "japaneseDigitalTenThousand"):
        return "".join(_CHINESE[int(d)] for d in str(n))
    if fmt == "ideographTraditional":
        return _STEMS[(n - 1) % 10]
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and 1 <= n <= 20:
        return chr(0x2460 + n - 1)
    if fmt in ("decimalFullWidth", "decimalFullWidth2"):
        return "".join(chr(0xFF10 + int(d)) for d in str(n))
    if fmt == "decimalZero":
        return f"{n:02d}"
    if n > _MAX_START or n < 0:
        return str(n)
    if fmt in ("lowerLetter", "upperLetter"):
        letter = chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return letter if fmt == "lowerLetter" else letter.upper()
    if fmt in ("lowerRoman", "upperRoman"):
        return _roman(n) if fmt == "lowerRoman" else _roman(n).upper()
    if fmt == "none":
        return ""
    return str(n)


class _Numbering:
    """List labels of numbered paragraphs, counted in document order."""

    def __init__(self, document) -> None:
        self.lists: dict[str, tuple[str, dict[int, tuple[int, str, str]]]] = {}  # numId → (abstract id, levels)
        self.style_numbers: dict[str, tuple[str | None, int | None]] = {}
        self.style_parent: dict[str, str] = {}
        self.counters: dict[str, dict[int, int]] = {}
        try:
            numbering = document.part.numbering_part.element
        except (NotImplementedError, KeyError, AttributeError):
            numbering = None
        if numbering is not None:
            abstract = {a.get(qn("w:abstractNumId")): self._levels(a) for a in numbering.findall(qn("w:abstractNum"))}
            for num in numbering.findall(qn("w:num")):
                ref = num.find(qn("w:abstractNumId"))
                abstract_id = ref.get(_VAL) if ref is not None else None
                levels = dict(abstract.get(abstract_id, {}))
                for override in num.findall(qn("w:lvlOverride")):
                    levels.update(self._levels(override))
                self.lists[num.get(qn("w:numId"))] = (abstract_id or "", levels)
        for style in document.styles.element.findall(qn("w:style")):
            style_id = style.get(qn("w:styleId"))
            based = style.find(qn("w:basedOn"))
            if based is not None:
                self.style_parent[style_id] = based.get(_VAL)
            found = self._number_properties(style.find(qn("w:pPr")))
            if found != (None, None):
                self.style_numbers[style_id] = found

    @staticmethod
    def _levels(element) -> dict[int, tuple[int, str, str]]:
        levels = {}
        for lvl in element.findall(qn("w:lvl")):

            def val(name: str, default: str, lvl=lvl) -> str:
                child = lvl.find(qn(name))
                return child.get(_VAL, default) if child is not None else default

            try:
                start = min(max(int(val("w:start", "1")), 0), _MAX_START)  # Word's own range is 0–32767
                levels[int(lvl.get(qn("w:ilvl"), "0"))] = (start, val("w:numFmt", "decimal"), val("w:lvlText", ""))
            except ValueError:
                continue
        return levels

    @staticmethod
    def _number_properties(ppr) -> tuple[str | None, int | None]:
        num_pr = ppr.find(qn("w:numPr")) if ppr is not None else None
        if num_pr is None:
            return None, None
        num_id, ilvl = num_pr.find(qn("w:numId")), num_pr.find(qn("w:ilvl"))
        try:
            level = int(ilvl.get(_VAL)) if ilvl is not None else None
        except (TypeError, ValueError):
            level = None
        return (num_id.get(_VAL) if num_id is not None else None), level

    def _resolve(self, p) -> tuple[str | None, int]:
        ppr = p.find(qn("w:pPr"))
        num_id, level = self._number_properties(ppr)
        style = ppr.find(qn("w:pStyle")) if ppr is not None else None
        style_id, seen = (style.get(_VAL) if style is not None else None), set()
        while (num_id is None or level is None) and style_id and style_id not in seen:
            seen.add(style_id)
            style_num, style_level = self.style_numbers.get(style_id, (None, None))
            num_id = num_id if num_id is not None else style_num
            level = level if level is not None else style_level
            style_id = self.style_parent.get(style_id)
        return num_id, level or 0

    def label(self, p) -> str:
        if not self.lists:
            return ""
        num_id, level = self._resolve(p)
        if not num_id or num_id not in self.lists:
            return ""  # numId 0 switches numbering off
        abstract_id, levels = self.lists[num_id]
        if level not in levels or levels[level][1] == "bullet":
            return ""
        counters = self.counters.setdefault(abstract_id, {})
        counters[level] = counters.get(level, levels[level][0] - 1) + 1
        for deeper in [k for k in counters if k > level]:
            del counters[deeper]  # a new item restarts the levels below it

        def number(m: regex.Match) -> str:
            k = int(m.group(1)) - 1
            start, fmt, _ = levels.get(k, (1, "decimal", ""))
            return _format_number(counters.get(k, start), fmt)

        text = regex.sub(r"%([1-9])", number, levels[level][2])
        return text + " " if text and text[-1].isalnum() else text


# --- paragraphs ----------------------------------------------------------------------


def _paragraph_text(p) -> str:
    parts: list[str] = []

    def visit(element) -> None:
        for child in element:
            tag = child.tag
            if tag in _NOT_TEXT:
                continue
            if tag == _T:
                parts.append(child.text or "")
            elif tag == _TAB:
                parts.append(" ")
            elif tag in (_BR, _CR):
                parts.append("\n")
            elif tag == _NO_BREAK_HYPHEN:
                parts.append("-")
            else:
                visit(child)

    visit(p)
    return "".join(parts)


def _lines(p, numbering: _Numbering) -> list[TextLine]:
    """A paragraph's lines: a manual line break (w:br) starts a new line, as a heading may follow it."""
    out = []
    for raw in (numbering.label(p) + _paragraph_text(p)).split("\n"):
        text = raw.strip()
        if text:
            lead = raw[: len(raw) - len(raw.lstrip())]
            width = lead.count(" ") + lead.count("\u00a0") + 2 * lead.count("\u3000")
            out.append(TextLine(text=text, page=1, indent=width / 2 or None, paragraph_end=True))
    return out


def _children(element):
    """Block children, looking through content controls and custom XML wrappers."""
    for child in element:
        if child.tag == _SDT:
            content = child.find(_SDT_CONTENT)
            if content is not None:
                yield from _children(content)
        elif child.tag == _CUSTOM_XML:
            yield from _children(child)
        else:
            yield child


def _blocks(container, numbering: _Numbering) -> list[Block]:
    """TextLines and Tables of a body (or of a table cell read as a container), in order."""
    out: list[Block] = []
    for child in _children(container):
        limits.check()
        if child.tag == _P:
            out.extend(_lines(child, numbering))
        elif child.tag == _TBL:
            out.extend(_table(child, numbering))
    return out


# --- tables --------------------------------------------------------------------------


def _property(tc, name: str):
    props = tc.find(qn("w:tcPr"))
    return None if props is None else props.find(qn(name))


def _int_value(element, default: int) -> int:
    try:
        return max(1, int(element.get(_VAL))) if element is not None else default
    except (TypeError, ValueError):
        return default


def _merge_state(element) -> str | None:
    """'restart', 'continue' or None for a w:vMerge / w:hMerge element (no w:val means continue)."""
    if element is None:
        return None
    return "restart" if element.get(_VAL) == "restart" else "continue"


def _cell_text(tc, numbering: _Numbering) -> str:
    return join_wrapped([line.text for p in _children(tc) if p.tag == _P for line in _lines(p, numbering)])


def _grid(tbl, numbering: _Numbering) -> list[Cell]:
    index = list(tbl.getroottree().iter(_TBL)).index(tbl)
    cells: list[Cell] = []
    above: dict[int, Cell] = {}  # grid column → the cell that reaches the row above
    for r, tr in enumerate(child for child in _children(tbl) if child.tag == _TR):
        props = tr.find(qn("w:trPr"))
        col = _int_value(props.find(qn("w:gridBefore")), 0) if props is not None else 0
        reached: dict[int, Cell] = {}
        previous: Cell | None = None
        for tc in (c for c in _children(tr) if c.tag == _TC):
            span = _int_value(_property(tc, "w:gridSpan"), 1)
            if _merge_state(_property(tc, "w:hMerge")) == "continue" and previous is not None:
                previous.colspan += span  # old-style horizontal merge
                col += span
                continue
            upper = above.get(col)
            if _merge_state(_property(tc, "w:vMerge")) == "continue" and upper is not None:
                upper.rowspan = r - upper.row + 1
                cell = upper
            else:
                cell = Cell(
                    text=_cell_text(tc, numbering),
                    row=r,
                    col=col,
                    colspan=span,
                    page=1,
                    origin=records.location(table=index, row=r, col=col),
                )
                cells.append(cell)
            reached[col] = cell
            previous = cell
            col += span
        above = reached
    return cells


def _holds_headings(tcs: list, numbering: _Numbering) -> bool:
    for tc in tcs:
        lines = [line.text for p in _children(tc) if p.tag == _P for line in _lines(p, numbering)]
        if len(lines) > 1 and any(_is_heading_text(t) for t in lines):
            return True
    return False


def _table(tbl, numbering: _Numbering) -> list[Block]:
    tcs = list(tbl.iter(_TC))
    nested = any(tc.find(".//" + _TBL) is not None for tc in tcs)
    grid = [] if nested else _grid(tbl, numbering)
    if nested or max((c.last_col for c in grid), default=0) < 1 or _holds_headings(tcs, numbering):
        # A table holding tables, a single column, or a page laid out in a table (a cell of
        # several lines among which a section heading): a layout frame, read as running text.
        out: list[Block] = []
        for tr in (c for c in _children(tbl) if c.tag == _TR):
            for tc in (c for c in _children(tr) if c.tag == _TC):
                out.extend(_blocks(tc, numbering))
        return out
    return table_blocks(grid)


# --- files ---------------------------------------------------------------------------


def _title_line(document, blocks: list[Block]) -> TextLine | None:
    """The file's Title property, when it names the report and the first lines do not."""
    title = (document.core_properties.title or "").strip()
    early = [b.text for b in blocks[:6] if isinstance(b, TextLine)]
    if "年度报告" in title and not any("年度报告" in t for t in early):
        return TextLine(text=title, page=1, paragraph_end=True)
    return None


def load_docx(data: bytes) -> Document:
    try:
        check_inflated_sizes(data)  # python-docx inflates whole parts: refuse a zip bomb before it does
        document = docx.Document(io.BytesIO(data))
    except etree.XMLSyntaxError as e:
        if "memory" in str(e).lower():  # lxml reports running out of memory as a syntax error
            raise OutOfMemoryError("the input needs more memory than is available to read") from None
        raise UnreadableInputError(f"the Word file is corrupt or not a .docx ({type(e).__name__})") from None
    except (
        PackageNotFoundError,
        zipfile.BadZipFile,
        KeyError,
        ValueError,
        zlib.error,
        EOFError,
        NotImplementedError,
    ) as e:
        raise UnreadableInputError(f"the Word file is corrupt or not a .docx ({type(e).__name__})") from None
    blocks = _blocks(document.element.body, _Numbering(document))
    title = _title_line(document, blocks)
    if title is not None:
        blocks.insert(0, title)
    return Document(pages=[Page(number=1, blocks=blocks)], source_format="docx", pages_total=1)


def load_doc(data: bytes) -> Document:
    """An old binary .doc: converted to .docx by LibreOffice when it is installed."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise UnsupportedFormatError(
            "this is an old Word .doc file, which can only be read through LibreOffice, and LibreOffice "
            "(soffice) is not installed: convert the file to .docx or PDF, or install LibreOffice"
        )
    with tempfile.TemporaryDirectory(prefix="reportparse-") as tmp:
        folder = Path(tmp)
        source = folder / "report.doc"
        source.write_bytes(data)
        # A profile of its own, so a LibreOffice already open on the desktop does not swallow the job.
        command = [
            soffice,
            f"-env:UserInstallation={(folder / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "docx",
            "--outdir",
            str(folder),
            str(source),
        ]
        convert_doc(command, temp=folder)
        converted = folder / "report.docx"
        if not converted.is_file():
            raise UnreadableInputError(
                "LibreOffice could not convert the .doc file (is it corrupt?): convert it to .docx or PDF"
            )
        document = load_docx(converted.read_bytes())
    document.source_format = "doc"
    return document
