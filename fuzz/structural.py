"""Structural mutations: inputs that are well-formed but built to amplify inside a reader
(fuzz/amplifiers.py) with sizes drawn at random around the limits, and seeds rewritten
with odd structural values: spans, numbering starts, line ends, NUL padding."""

from __future__ import annotations

import random
import re

from fuzz import amplifiers as amp

_SPANS = [b"0", b"-1", b"1", b"2", b"999", b"1000", b"65535", b"1000000000", b"abc", b""]
_STARTS = ["-5", "-2147483648", "0", "1", "32767", "20000000000", "1000000000000", "x"]
_FORMATS = [
    "lowerLetter",
    "upperLetter",
    "lowerRoman",
    "chineseCounting",
    "decimalFullWidth",
    "decimalEnclosedCircle",
    "ideographTraditional",
    "decimal",
]
_LINE_ENDS = ["\r", "\r\n", "\u2028", "\u2029", "\x85", "\n\r"]
_TD = re.compile(rb"<t[dh]\b")


def structural_pdf(rng: random.Random, seed_pdf: bytes) -> bytes:
    choice = rng.randrange(8)
    if choice == 0:
        return amp.filter_chain(rng.choice(["flate_flate", "hex_flate", "a85_flate"]), rng.choice([1, 8, 40]))
    if choice == 1:
        return amp.form_xobject_bomb(rng.choice([1, 8, 40]))
    if choice == 2:
        return amp.object_stream_bomb(rng.choice([1, 4, 9, 40]), rng.choice([b"[]", b"<<>>", b"0 ", b"()"]))
    if choice == 3:
        return amp.xref_stream_index(rng.choice([7, 1000, 10**6, 3 * 10**6, 104_857_612]))
    if choice == 4:
        kind = rng.choice(["glyphs", "text_objects", "rectangles", "q"])
        return amp.dense(kind, rng.choice([100, 5_000, 60_000, 300_000, 1_000_000]))
    if choice == 5:
        return amp.blank_pages(rng.choice([1, 45, 4_000, 6_000]))
    if choice == 6:
        return amp.nul_padded(seed_pdf, rng.choice([1, 4, 12]))
    return amp.shared_bomb_pages(rng.choice([2, 41, 45]), rng.choice([1, 40]))


def structural_text(rng: random.Random, seed_text: str) -> str:
    if rng.random() < 0.25:
        return amp.text_rows(rng.choice([10, 10_000, 29_000, 150_000])).decode("utf-8")
    ending = rng.choice(_LINE_ENDS)
    lines = seed_text.split("\n")
    if rng.random() < 0.5:
        return ending.join(lines)
    return "".join(line + rng.choice(_LINE_ENDS + ["\n"]) for line in lines)


def structural_html(rng: random.Random, seed_html: bytes) -> bytes:
    if rng.random() < 0.25:
        return amp.html_spans(rng.choice([10, 1_000, 30_000]), rng.choice([2, 50, 1000]))

    def spans(m: re.Match) -> bytes:
        if rng.random() < 0.3:
            attribute = rng.choice([b"colspan", b"rowspan"])
            return m.group(0) + b' %s="%s"' % (attribute, rng.choice(_SPANS))
        return m.group(0)

    return _TD.sub(spans, seed_html)


def structural_docx(rng: random.Random, seed_docx: bytes) -> bytes:
    if rng.random() < 0.3:
        return amp.lying_zip(seed_docx, rng.choice([1, 20, 40]))
    return amp.docx_numbering(seed_docx, rng.choice(_STARTS), rng.choice(_FORMATS))
