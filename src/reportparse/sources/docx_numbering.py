"""Word's automatic numbering, rebuilt: the "一、" or "1." a numbered paragraph prints.

Word often prints a heading's "一、" or a row label's "1." as list numbering, which is
not in the paragraph's text: without it 总体情况 is no heading.  The common formats
are rebuilt here from numbering.xml; counters run per list definition, as in Word.
"""

from __future__ import annotations

import regex
from docx.oxml.ns import qn

_MAX_START = 9_999  # a list numbered from further than this is a hostile file, not a report
_VAL = qn("w:val")

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


class Numbering:
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
