"""HTML source: a web page carrying a report → the layout.

Government sites publish the report inside a full page: navigation, scripts,
sidebars, footers and unrelated tables around it.  Everything the pipeline does not
need is dropped where that is easy (scripts, styles, navigation and footer blocks,
hidden elements, site furniture lines); the rest is emitted in document order, one
TextLine per block of text and one Table per data table, all on page 1.

Tables come in two kinds.  Data tables become a grid with rowspan/colspan expanded
the way a browser lays them out.  Layout tables (a table holding other tables, a
single column, or a cell holding section headings among other text) are read as
containers, so a heading inside them becomes a TextLine of its own.
"""

from __future__ import annotations

from functools import cache

import lxml.html
import regex
from lxml import etree

from reportparse import limits, records, vocabulary
from reportparse.errors import OutOfMemoryError, UnreadableInputError
from reportparse.layout.model import Block, Cell, Document, Page, TextLine
from reportparse.normalize import join_wrapped, squash_spaces
from reportparse.recognize.headings import is_heading
from reportparse.sources.grid_blocks import is_heading_text, table_blocks
from reportparse.sources.html_decode import decode_html

# Elements whose content is never report text.  (Not <form>: ASP.NET sites wrap whole pages in one.)
_DROP = frozenset(
    [
        "script",
        "style",
        "noscript",
        "head",
        "template",
        "svg",
        "math",
        "iframe",
        "object",
        "embed",
        "canvas",
        "select",
        "option",
        "button",
        "input",
        "textarea",
        "map",
        "audio",
        "video",
    ]
)
# Elements that start and end a line of text.
_BLOCK = frozenset(
    [
        "p",
        "div",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "ul",
        "ol",
        "dl",
        "dt",
        "dd",
        "blockquote",
        "pre",
        "section",
        "article",
        "main",
        "center",
        "address",
        "figure",
        "figcaption",
        "hr",
        "tr",
        "td",
        "th",
        "thead",
        "tbody",
        "tfoot",
        "caption",
        "body",
        "html",
        "title",
    ]
)
_BOLD = frozenset(("strong", "b"))
# Site chrome: elements named or roled as navigation, header, footer or sidebar.
_CHROME_TAGS = frozenset(("nav", "aside", "footer", "header"))
_CHROME_ROLES = frozenset(("navigation", "banner", "contentinfo", "search", "menu", "menubar"))
_CHROME_NAME = regex.compile(
    r"(?:^|[-_\s])(?:nav|navbar|menu|breadcrumbs?|crumbs?|footer|foot|sidebar|topbar|header|head|"
    r"copyright|share|toolbar|weizhi|dqwz)(?:$|[-_\s\d])",
    regex.I,
)
# Short lines of site furniture that stand around an article (print, share, copyright…).
_FURNITURE_LINE = regex.compile(
    r"版权所有|ICP备|网站标识码|公网安备|Copyright|©|技术支持|主办单位|承办单位|网站地图|联系我们|"
    r"打印本页|关闭窗口|上一篇|下一篇|字体[：:]|分享到|扫一扫|【\s*打印|当前位置|您的位置",
    regex.I,
)
_FURNITURE_MAX = 60  # a longer line is report text even if it names one of those
_HIDDEN_STYLE = regex.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", regex.I)
_SPACES = regex.compile(r"\s+")
_LEADING_SPACE = regex.compile(r"^\s*")
_NON_ASCII = regex.compile(r"[^\x00-\x7f]")
_YEAR = regex.compile(r"(?:19|20)\d{2}\s*年")
_MAX_SPAN = 1000  # a bigger rowspan/colspan is a typo, not a layout
_MAX_GRID = 20_000  # grid slots of one table (a report's have a few hundred)

_XML_DECLARATION = regex.compile(r"^\s*<\?xml[^>]*\?>")


# --- small helpers -------------------------------------------------------------------


def _tag(element) -> str | None:
    """The lower-case tag name, or None for comments and processing instructions."""
    return element.tag.lower() if isinstance(element.tag, str) else None


def _clean(text: str) -> str:
    """Collapse HTML whitespace; none is kept between two Chinese characters (a line break
    in the page source is no space in Chinese text)."""

    def space(m: regex.Match) -> str:
        before = text[m.start() - 1] if m.start() else ""
        after = text[m.end()] if m.end() < len(text) else ""
        return "" if _NON_ASCII.match(before or "a") and _NON_ASCII.match(after or "a") else " "

    return _SPACES.sub(space, text).strip()


def _indent(raw: str) -> float | None:
    """Leading &nbsp; / ideographic spaces, in characters (source-code whitespace does not count)."""
    lead = _LEADING_SPACE.match(raw).group(0)
    width = lead.count("\u00a0") + 2 * lead.count("\u3000")
    return width / 2 if width else None


@cache
def _section_titles() -> tuple[str, ...]:
    return tuple(squash_spaces(s.titles[0]) for s in vocabulary.load(vocabulary.Sections).sections)


def _holds_report(element) -> bool:
    """True for the article (its text names two section titles or more) and for an element
    that is just a section heading (a "card-header" holding 二、主动公开政府信息情况)."""
    text = squash_spaces(element.text_content())
    if is_heading_text(text):
        return True
    return sum(title in text for title in _section_titles()) >= 2


def _is_chrome(element, tag: str) -> bool:
    role = (element.get("role") or "").lower()
    name = f"{element.get('class') or ''} {element.get('id') or ''}".strip()
    looks = tag in _CHROME_TAGS or role in _CHROME_ROLES or bool(name and _CHROME_NAME.search(name))
    return looks and not _holds_report(element)


def _is_hidden(element) -> bool:
    return element.get("hidden") is not None or bool(_HIDDEN_STYLE.search(element.get("style") or ""))


def _span(value: str | None) -> int:
    try:
        n = int((value or "1").strip())
    except ValueError:
        return 1
    return min(max(n, 1), _MAX_SPAN) if n != 0 else 0  # 0: to the end of the table


def _rows(table) -> list:
    return table.xpath("./tr | ./thead/tr | ./tbody/tr | ./tfoot/tr")


# --- the walk ------------------------------------------------------------------------


class _Walker:
    """Turns an element tree into TextLines and Tables in document order."""

    def __init__(self, skip: set | None = None, in_cell: bool = False) -> None:
        self.blocks: list[Block] = []
        self.buffer: list[str] = []
        self.skip = skip or set()  # elements already emitted (the title)
        # Inside a data table's cell, class names such as "head" name table headers, not site chrome.
        self.in_cell = in_cell

    def flush(self) -> None:
        raw = "".join(self.buffer)
        self.buffer = []
        text = _clean(raw)
        if text:
            self.blocks.append(TextLine(text=text, page=1, indent=_indent(raw), paragraph_end=True))

    def walk(self, element) -> None:
        limits.check()
        tag = _tag(element)
        if tag is None or tag in _DROP or element in self.skip or _is_hidden(element):
            return
        if not self.in_cell and _is_chrome(element, tag):
            return
        if tag == "br":
            self.flush()
            return
        if tag == "table":
            self.flush()
            self.table(element)
            return
        # A bold run that is a whole section heading is a line of its own even when
        # the paragraph's text goes on after it.
        block = tag in _BLOCK or (tag in _BOLD and is_heading_text(element.text_content()))
        if block:
            self.flush()
        self._walk_content(element)
        if block:
            self.flush()

    def lines_of(self, element) -> list[str]:
        """The text lines inside one element, read with a walker of its own."""
        inner = _Walker(self.skip, in_cell=True)
        inner.walk_children(element)
        return [b.text for b in inner.blocks if isinstance(b, TextLine)]

    def walk_children(self, element) -> None:
        self._walk_content(element)
        self.flush()

    def _walk_content(self, element) -> None:
        """The element's own text, then each child followed by the text after it."""
        if element.text:
            self.buffer.append(element.text)
        for child in element:
            self.walk(child)
            if child.tail:
                self.buffer.append(child.tail)

    # --- tables ------------------------------------------------------------------
    def table(self, element) -> None:
        caption = element.find("caption")
        if caption is not None:
            self.walk(caption)
        rows = [tr for tr in _rows(element) if not _is_hidden(tr)]
        cells = [td for tr in rows for td in tr if _tag(td) in ("td", "th")]
        if element.xpath(".//table") or not cells:
            self._as_container(rows)
            return
        texts = {id(td): self.lines_of(td) for td in cells}
        grid = _grid(rows, texts, element)
        if grid is None:
            self._as_container(rows)  # spans claiming a huge grid: read the cells as text
            return
        if max((c.last_col for c in grid), default=0) < 1:
            self._as_container(rows)  # one column: a framed paragraph, not a table
            return
        if any(len(texts[id(td)]) > 1 and any(is_heading_text(t) for t in texts[id(td)]) for td in cells):
            self._as_container(rows)  # a page laid out in a table
            return
        self.blocks.extend(table_blocks(grid))

    def _as_container(self, rows) -> None:
        for tr in rows:
            for td in tr:
                if _tag(td) in ("td", "th"):
                    self.walk(td)


def _grid(rows: list, texts: dict[int, list[str]], table=None) -> list[Cell] | None:
    """Cells placed as a browser places them: each row skips the slots that spans from above occupy.
    A colspan is clamped to the table's real width (its widest row's cell count); None when
    the spans still claim more than _MAX_GRID slots (a hostile table, not a report's)."""
    tree = table.getroottree() if table is not None else None
    index = tree.xpath("//table").index(table) if tree is not None else None
    occupied: set[tuple[int, int]] = set()
    cells: list[Cell] = []
    n_rows = len(rows)
    width = max((sum(1 for td in tr if _tag(td) in ("td", "th")) for tr in rows), default=1)
    for r, tr in enumerate(rows):
        col = 0
        limits.check()
        for td in tr:
            if _tag(td) not in ("td", "th"):
                continue
            while (r, col) in occupied:
                col += 1
            rowspan = _span(td.get("rowspan"))
            rowspan = n_rows - r if rowspan == 0 else min(rowspan, n_rows - r)
            colspan = min(_span(td.get("colspan")) or 1, max(width - col, 1))
            if len(occupied) + rowspan * colspan > _MAX_GRID:
                return None
            for dr in range(rowspan):
                for dc in range(colspan):
                    occupied.add((r + dr, col + dc))
            text = join_wrapped(texts[id(td)])
            origin = records.location(table=index, row=r, col=col, path=tree.getpath(td) if tree is not None else None)
            cells.append(Cell(text=text, row=r, col=col, rowspan=rowspan, colspan=colspan, page=1, origin=origin))
            col += colspan
    return cells


# --- the page ------------------------------------------------------------------------


def _title_text(text: str) -> str:
    """A <title> is often 'report title_site name': keep the part that names the report."""
    parts = [p for p in regex.split(r"\s*(?:[_|｜]|\s[-—–]\s|--)\s*", text) if p.strip()]
    return next((p for p in parts if "年度报告" in p), text).strip()


def _title(root) -> tuple[str | None, object | None]:
    """The report title and the element it came from (None for <title>).

    A heading that names the report with its year wins (the article's own title);
    then the page's <title>; then any heading naming the report (a sidebar's
    "年度报告" column heading has no year, so it only counts when nothing else does).
    """
    headings = []
    for element in root.iter("h1", "h2", "h3"):
        text = _clean(element.text_content())
        if "年度报告" in text and not is_heading(text) and len(text) <= 80:
            headings.append((text, element))
    dated = [(text, element) for text, element in headings if _YEAR.search(text)]
    if dated:
        return dated[0]
    title = root.find(".//title")
    if title is not None:
        text = _clean(title.text_content())
        if "年度报告" in text:
            return _title_text(text), None
    return headings[0] if headings else (None, None)


def _is_furniture(line: Block) -> bool:
    return isinstance(line, TextLine) and len(line.text) <= _FURNITURE_MAX and bool(_FURNITURE_LINE.search(line.text))


def load_html(text: str) -> Document:
    """Parse an already decoded HTML page into the layout."""
    text = _XML_DECLARATION.sub("", text, count=1)  # lxml refuses str input that declares an encoding
    if not text.strip():
        raise UnreadableInputError("the HTML page is empty")
    try:
        root = lxml.html.document_fromstring(text)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as e:
        if "memory" in str(e).lower():  # lxml reports running out of memory as a parse error
            raise OutOfMemoryError("the input needs more memory than is available to read") from None
        raise UnreadableInputError(f"the HTML page cannot be read ({e})") from None
    title, source = _title(root)
    walker = _Walker(skip={source} if source is not None else None)
    body = root.find("body")
    walker.walk(body if body is not None else root)
    blocks = [b for b in walker.blocks if not _is_furniture(b)]
    if title:
        blocks.insert(0, TextLine(text=title, page=1, paragraph_end=True))
    return Document(pages=[Page(number=1, blocks=blocks)], source_format="html", pages_total=1)


def load_html_bytes(data: bytes) -> Document:
    return load_html(decode_html(data))
