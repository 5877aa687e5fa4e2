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
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from lxml import etree

from reportparse import limits, records
from reportparse.errors import OutOfMemoryError, UnreadableInputError, UnsupportedFormatError
from reportparse.layout.model import Block, Cell, Document, Page, TextLine
from reportparse.normalize import join_wrapped
from reportparse.sources.docx_numbering import Numbering
from reportparse.sources.grid_blocks import is_heading_text, table_blocks
from reportparse.sources.word_files import check_inflated_sizes, convert_doc

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


def _lines(p, numbering: Numbering) -> list[TextLine]:
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


def _blocks(container, numbering: Numbering) -> list[Block]:
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


def _cell_text(tc, numbering: Numbering) -> str:
    return join_wrapped([line.text for p in _children(tc) if p.tag == _P for line in _lines(p, numbering)])


def _grid(tbl, numbering: Numbering) -> list[Cell]:
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


def _holds_headings(tcs: list, numbering: Numbering) -> bool:
    for tc in tcs:
        lines = [line.text for p in _children(tc) if p.tag == _P for line in _lines(p, numbering)]
        if len(lines) > 1 and any(is_heading_text(t) for t in lines):
            return True
    return False


def _table(tbl, numbering: Numbering) -> list[Block]:
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
    blocks = _blocks(document.element.body, Numbering(document))
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
