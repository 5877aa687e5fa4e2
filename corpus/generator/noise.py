"""Printed variants of labels, headings and cell values (the "noise" of real reports).

Each function takes the canonical text / value and the spec and returns what is
printed.  Randomness comes from the rng passed in, so the same spec prints the same.
"""

import re

from . import labels

FULLWIDTH_DIGITS = str.maketrans("0123456789", "０１２３４５６７８９")
HALF_BRACKETS = str.maketrans({"（": "(", "）": ")"})
STRAIGHT_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"})
BLANKS = {"blank": [""], "dash": ["—"], "wu": ["无"], "mixed": ["", "—", "-", "/", "无"]}


def text_variant(text, spec):
    """Bracket and quote style, applied to every printed label and heading."""
    if spec.brackets == "half":
        text = text.translate(HALF_BRACKETS)
    if spec.quotes == "straight":
        text = text.translate(STRAIGHT_QUOTES)
    return text


def _wide(ch):
    return ord(ch) >= 0x2E80


def spaced(text):
    """A space between every two adjacent characters when one of them is CJK
    ("三、本年度" -> "三 、 本 年 度"), as text extracted from WPS PDFs with wide
    character spacing reads; line breaks stay."""
    out = []
    for i, ch in enumerate(text):
        if i and not ch.isspace() and not text[i - 1].isspace() and (_wide(ch) or _wide(text[i - 1])):
            out.append(" ")
        out.append(ch)
    return "".join(out)


def label_text(text, spec):
    """Final touch for every printed table label, header and heading."""
    return spaced(text) if spec.cjk_spaces else text


def row_label(text, row_id, spec, rng):
    """Printed label of a table row (or item) with the spec's label noise."""
    if spec.label_misprint and row_id in labels.MISPRINTS:
        text = labels.MISPRINTS[row_id]
    if spec.item_mark != ".":
        text = re.sub(r"^(\d)\.", lambda m: m.group(1) + spec.item_mark, text)
    text = text_variant(text, spec)
    if spec.label_spaces and len(text) > 4 and rng.random() < 0.35:
        i = rng.randint(2, len(text) - 2)
        text = text[:i] + " " + text[i:]
    return text


def heading(number, spec, rng):
    """Printed heading line of section ``number`` (1..6)."""
    title, variants = labels.SECTION_TITLES[number]
    if spec.heading_variant and variants:
        title = variants[rng.randrange(len(variants))]
    mark = spec.heading_mark
    numeral = labels.NUMERALS[number - 1]
    if spec.heading_spaces:
        if rng.random() < 0.5:
            return label_text(text_variant(f"{numeral}{mark} {title}", spec), spec)
        return label_text(text_variant(f"{numeral}{mark}{' '.join(title[:4])}{title[4:]}", spec), spec)
    return label_text(text_variant(f"{numeral}{mark}{title}", spec), spec)


def blank_text(spec, rng):
    """What a null cell prints."""
    choices = BLANKS.get(spec.blank_cells or "blank")
    return choices[rng.randrange(len(choices))]


def _with_separators(value):
    if "." in value:
        whole, frac = value.split(".")
        return f"{int(whole):,}.{frac}"
    return f"{int(value):,}"


def cell_text(value, cell_id, spec, rng):
    """Printed text of a cell whose truth value is ``value`` (a string, or None)."""
    if value is None:
        return blank_text(spec, rng)
    text = value
    if spec.thousands_sep and abs(int(float(value))) >= 1000:
        text = _with_separators(value) if not value.startswith("-") else "-" + _with_separators(value[1:])
    if spec.fullwidth_digits:
        text = text.translate(FULLWIDTH_DIGITS)
    if spec.units and cell_id.startswith("active.") and not cell_id.endswith(".change"):
        if cell_id.endswith(".amount"):
            unit = "万元"
        elif ".decisions" in cell_id:
            unit = "宗" if rng.random() < 0.5 else "件"
        else:
            unit = "件"
        text = text + (" " if rng.random() < 0.5 else "") + unit
    return text
