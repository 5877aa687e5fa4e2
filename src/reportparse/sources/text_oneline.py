"""Text whose line breaks were lost (a crawler's page text: the report on one line) → the layout.

Spec "Sections": the six headings are found inline, in order (一、 before 二、 …).  In
the sections of the three tables the rows are cut by their labels, found in the order
the template prints them; the words between rows name the columns of the rows after
them.  Each data row becomes a label cell and one cell holding all its value text,
spaces and all: the table engine reads it, splitting digits that ran together
(tables/digit_split.py).
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from functools import cache

import regex

from reportparse import vocabulary
from reportparse.layout.model import Cell, Document, Page, Table, TextLine
from reportparse.normalize import fold, label_key

LONG_LINE = 600  # a line this long holds several paragraphs: its breaks were lost
MAX_SKIPPED_LABELS = 50  # row labels without values a table may hold (group labels, words in prose)
MAX_TABLE_TEXT = 100_000  # a table's text is far shorter: past this it is not one (and stays cheap)
_ORDINALS = "一二三四五六"
_WORD = regex.compile(r"[\p{L}\p{N}]")
# The values of a row: numbers, spaces, blank marks; 无 only where no word follows it.
_VALUES = regex.compile(r"(?:[\s0-9.,\-—/]|无(?![\p{Han}]))*")
# The numbering of the next label, swallowed by the values before it (00000002.其他…).
_NEXT_NUMBERING = regex.compile(r"[0-9][.、]\s*$")
_CLOSING = regex.compile(r"[)\]}\"'》」】]*")
# Tables whose header has several levels print their columns out of order when
# flattened (自然人 法人或其他组织 总计 商业企业 …): their columns go in template order.
_PRINTED_ORDER = {"active"}


@dataclass(frozen=True)
class _Hit:
    start: int  # in the text
    end: int
    id: str
    printed: str
    values: str  # the value text after the label


def applies(text: str) -> bool:
    return any(len(line) >= LONG_LINE for line in text.split("\n"))


@cache
def _heading_patterns() -> list[tuple[int, regex.Pattern]]:
    out = []
    for s in vocabulary.load(vocabulary.Sections).sections:
        titles = sorted(s.titles, key=len, reverse=True)
        body = "|".join(_loose(fold(t)) for t in titles)
        ordinal = _ORDINALS[s.number - 1]
        out.append((s.number, regex.compile(rf"{ordinal}\s*[、.,:：]\s*(?:{body})")))
    return out


def _loose(title: str) -> str:
    """A title's words with any spaces between them and its punctuation optional."""
    parts = []
    for ch in title:
        parts.append(r"[、,，\s]?" if not _WORD.match(ch) else regex.escape(ch) + r"\s*")
    return "".join(parts)


def _headings(text: str) -> list[tuple[int, int, int]]:
    """(section number, start, end) of each heading found, in order."""
    found = []
    cursor = 0
    for number, pattern in _heading_patterns():
        m = pattern.search(text, cursor)
        if m:
            found.append((number, m.start(), m.end()))
            cursor = m.end()
    return found


class _Keyed:
    """A text with its word characters only, mapped back to the text: labels are
    found whatever spaces or punctuation the crawler left in them."""

    def __init__(self, text: str, start: int = 0, end: int | None = None) -> None:
        self.text = text
        self.index = [i for i in range(start, len(text) if end is None else end) if _WORD.match(text[i])]
        self.key = "".join(text[i] for i in self.index)

    def find(self, word: str, at: int) -> tuple[int, int] | None:
        """(start, end) in the text of `word`'s first occurrence starting at or after `at`."""
        k = bisect_left(self.index, at)
        pos = self.key.find(word, k)
        if pos < 0 or not word:
            return None
        return self.index[pos], self.index[pos + len(word) - 1] + 1


def _row_hits(keyed: _Keyed, vocab: vocabulary.TableVocabulary, start: int, end: int) -> list[_Hit]:
    """Row labels in template order: each next one is the earliest printed of the rows
    still to come (the longest at one place: 其他处理 before 其他).  A label with no
    values after it (a group label such as the 2021 （六）其他处理, or the words in a
    sentence) is passed over and its row stays to come."""
    rows = list(vocab.rows)
    hits: list[_Hit] = []
    cursor = start
    found: dict[str, tuple[int, int] | None] = {}  # each label's next place (None: no more)

    def next_place(word: str) -> tuple[int, int] | None:
        span = found.get(word, (-1, -1))
        if span is not None and span[0] < cursor:
            span = found[word] = keyed.find(word, cursor)
        return span

    skipped = 0
    while rows and skipped <= MAX_SKIPPED_LABELS:
        best: tuple[int, int, int] | None = None  # start, -length, row index
        best_span: tuple[int, int] | None = None
        for k, row in enumerate(rows):
            for label in row.labels:
                span = next_place(_label_key(label))
                if span and (best is None or (span[0], -(span[1] - span[0]), k) < best):
                    best, best_span = (span[0], -(span[1] - span[0]), k), span
            if not hits and best is not None:
                break  # the first row: the first of the template printed
        if best is None or best_span is None:
            break
        row = rows[best[2]]
        label_end = _CLOSING.match(keyed.text, best_span[1]).end()  # the label's closing bracket or quote
        cursor = label_end
        values = _values(keyed.text, label_end, end)
        if values:
            hits.append(_Hit(best_span[0], label_end, row.id, keyed.text[best_span[0] : label_end], values))
            rows = rows[best[2] + 1 :]
        else:
            skipped += 1
    return hits


@cache
def _label_key(label: str) -> str:
    return label_key(label)


def _columns(text: str, vocab: vocabulary.TableVocabulary, template_order: bool) -> list[str]:
    """The column labels printed in a piece of header text (words that are header
    words or group labels are masked first: 法人或其他组织 is no 其他)."""
    keyed = _Keyed(text)
    key = list(keyed.key)
    masks = [label_key(w) for w in vocab.header_words]
    masks += [label_key(label) for entry in vocab.groups for label in entry.labels]
    for word in sorted(set(masks), key=len, reverse=True):
        _mask(key, word)
    found: list[tuple[int, int, str]] = []
    labels = sorted(
        ((label_key(label), n, c.id) for n, c in enumerate(vocab.columns) for label in c.labels),
        key=lambda item: len(item[0]),
        reverse=True,
    )
    for word, order, column in labels:
        for pos in _mask(key, word):
            found.append((pos, order, column))
    found.sort(key=lambda item: item[1] if template_order else item[0])
    return [column for _, _, column in found]


def _mask(key: list[str], word: str) -> list[int]:
    """Blank out every occurrence of word in key; return where they started."""
    out: list[int] = []
    if not word:
        return out
    text = "".join(key)
    pos = text.find(word)
    while pos >= 0:
        out.append(pos)
        key[pos : pos + len(word)] = ["\0"] * len(word)
        pos = text.find(word, pos + len(word))
    return out


def _values(text: str, start: int, stop: int) -> str:
    # A number never ends in a point: a digit and point at the end number the next label.
    return _NEXT_NUMBERING.sub("", _VALUES.match(text, start, stop).group(0)).strip()


def _column_names(table: str, columns: list[str]) -> list[Cell]:
    vocab = vocabulary.table(table)
    names = {c.id: c.labels[0] for c in vocab.columns}
    return [Cell(text=names[c], row=0, col=1 + k) for k, c in enumerate(columns)]


def _table(text: str, start: int, end: int, table: str) -> Table | None:
    vocab = vocabulary.table(table)
    grid: list[Cell] = []

    def add_row(cells: list[Cell]) -> None:
        row = max((c.last_row for c in grid), default=-1) + 1
        for cell in cells:
            cell.row = row
            grid.append(cell)

    if table == "appeals":
        columns = _columns(text[start:end], vocab, template_order=False)
        keyed = _Keyed(text, start, end)
        last = max((span[1] for label in ("总计", "合计", "尚未审结") if (span := _last(keyed, label))), default=None)
        if last is None or len(columns) % 5:
            return None
        names = [r.labels[0] for r in vocab.rows][: len(columns) // 5]
        add_row([Cell(text=name, row=0, col=5 * k, colspan=5) for k, name in enumerate(names)])
        add_row(
            [
                Cell(text=vocab.columns[[c.id for c in vocab.columns].index(c)].labels[0], row=0, col=k)
                for k, c in enumerate(columns)
            ]
        )
        values = _values(text, last, end)
        if values:
            add_row([Cell(text=values, row=0, col=0, colspan=len(columns))])
        return Table(cells=grid, page=1, ruled=False, runs=True) if values else None
    keyed = _Keyed(text, start, end)
    hits = _row_hits(keyed, vocab, start, end)
    if not hits:
        return None
    width = 1
    previous_end = start
    for hit in hits:
        columns = _columns(text[previous_end : hit.start], vocab, template_order=table not in _PRINTED_ORDER)
        if columns:
            add_row([Cell(text="", row=0, col=0)] + _column_names(table, columns))
            width = len(columns)
        previous_end = hit.end + len(_VALUES.match(text, hit.end, end).group(0))
        add_row([Cell(text=hit.printed, row=0, col=0), Cell(text=hit.values, row=0, col=1, colspan=width)])
    return Table(cells=grid, page=1, ruled=False, runs=True)


def _last(keyed: _Keyed, word: str) -> tuple[int, int] | None:
    pos = keyed.key.rfind(word)
    if pos < 0:
        return None
    return keyed.index[pos], keyed.index[pos + len(word) - 1] + 1


def _table_start(text: str, start: int, end: int, table: str) -> int:
    """Where a section's table starts: its first header word, column or row label."""
    vocab = vocabulary.table(table)
    keyed = _Keyed(text, start, min(end, start + MAX_TABLE_TEXT))
    words = [label_key(w) for w in vocab.header_words]
    words += [label_key(label) for entry in vocab.columns + vocab.rows for label in entry.labels]
    words += ["第二十条"]
    spans = [span for w in words if (span := keyed.find(w, start))]
    return min((s[0] for s in spans), default=end)


def load_oneline(text: str) -> Document | None:
    """The layout of a text whose line breaks were lost, or None when its headings
    are not found inline (then it is read as ordinary text)."""
    text = fold(text)
    headings = _headings(text)
    if len(headings) < 3:
        return None
    tables = {vocabulary.table(name).section: name for name in vocabulary.TABLE_NAMES}
    blocks: list[TextLine | Table] = []
    fields = vocabulary.load(vocabulary.Metadata).title_fields
    title_field = regex.compile(rf"^\s*(?:{'|'.join(map(regex.escape, fields))})\s*:\s*(\S.*)$")
    for line in text[: headings[0][1]].split("\n"):
        m = title_field.match(line)  # 标题: … in the crawler's header block is the title
        if line.strip():
            blocks.append(TextLine(text=(m.group(1) if m else line).strip(), page=1, paragraph_end=True))
    for k, (number, start, end) in enumerate(headings):
        stop = headings[k + 1][1] if k + 1 < len(headings) else len(text)
        blocks.append(TextLine(text=text[start:end].strip(), page=1, paragraph_end=True))
        table_name = tables.get(number)
        body_end = _table_start(text, end, stop, table_name) if table_name else stop
        body = text[end:body_end].strip()
        if _WORD.search(body):
            blocks.append(TextLine(text=body, page=1, paragraph_end=True))
        if table_name and body_end < stop:
            table = _table(text, body_end, min(stop, body_end + MAX_TABLE_TEXT), table_name)
            if table is not None:
                blocks.append(table)
    return Document(pages=[Page(number=1, blocks=blocks)], source_format="text", pages_total=1)
