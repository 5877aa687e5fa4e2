"""Mutations of seed inputs: byte flips, truncations, spliced and damaged PDF objects,
content-stream and text edits.  Every mutation is a pure function of (seed input,
random.Random): the same iteration number always gives the same bytes."""

from __future__ import annotations

import io
import random
import re
import zipfile
from typing import Callable

from fuzz.pdfbytes import PdfFile, PdfObject, assemble, fix_length, split

_NUMBER = re.compile(rb"-?\d+(?:\.\d+)?")
_REF = re.compile(rb"(\d+) (\d+) R")
_NAME = re.compile(rb"/[A-Za-z][A-Za-z0-9]*")
_OPERATOR = re.compile(rb"(?<=[\s\]>)])(Tj|TJ|Td|TD|Tm|Tf|BT|ET|re|m|l|S|f|q|Q|cm|Do|w|'|\")(?=\s)")
_WEIRD_NUMBERS = [
    b"0",
    b"-1",
    b"-0",
    b"1e5",
    b"99999999999999999999",
    b"0.000001",
    b"-2147483649",
    b"1.2.3",
    b"4294967296",
    b"--5",
    b"9" * 400,
    b".",
    b"nan",
    b"3.5e308",
]
_OPERATORS = [
    b"Tj",
    b"TJ",
    b"Td",
    b"TD",
    b"Tm",
    b"Tf",
    b"BT",
    b"ET",
    b"re",
    b"m",
    b"l",
    b"S",
    b"f",
    b"q",
    b"Q",
    b"cm",
    b"Do",
    b"BI",
    b"ID",
    b"EI",
    b"Tz",
    b"TL",
    b"T*",
    b"d0",
    b"d1",
    b"sh",
    b"gs",
    b"BDC",
    b"EMC",
]
_NAMES = [
    b"/Type",
    b"/Page",
    b"/Pages",
    b"/Kids",
    b"/Count",
    b"/Contents",
    b"/Resources",
    b"/Font",
    b"/Length",
    b"/Filter",
    b"/FlateDecode",
    b"/ToUnicode",
    b"/Encoding",
    b"/Widths",
    b"/W",
    b"/MediaBox",
    b"/Parent",
    b"/XObject",
    b"/DescendantFonts",
    b"/FirstChar",
    b"/Root",
    b"/Identity-H",
    b"/CIDToGIDMap",
]
_JUNK = [
    b"<<",
    b">>",
    b"[",
    b"]",
    b"(",
    b")",
    b"<",
    b">",
    b"{",
    b"}",
    b"\\",
    b"%",
    b"\x00",
    b"\xff",
    b"endobj",
    b"stream",
    b"endstream",
    b"obj",
    b"R",
    b"null",
    b"true",
    b"trailer",
    b"xref",
    b"startxref",
]


# ------------------------------------------------------------------ bytes


def flip_bits(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(rng.choice([1, 2, 4, 8, 32])):
        if out:
            out[rng.randrange(len(out))] ^= 1 << rng.randrange(8)
    return bytes(out)


def set_bytes(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(rng.choice([1, 3, 10])):
        if out:
            out[rng.randrange(len(out))] = rng.choice(
                [0, 0xFF, 0x7F, 0x80, 0x20, 0x0A, 0x25, 0x28, 0x3C, rng.randrange(256)]
            )
    return bytes(out)


def truncate(data: bytes, rng: random.Random) -> bytes:
    return data[: rng.randrange(len(data) + 1)] if data else data


def cut_range(data: bytes, rng: random.Random) -> bytes:
    if len(data) < 2:
        return data
    a = rng.randrange(len(data))
    b = min(len(data), a + rng.choice([1, 8, 64, 512, 4096]))
    return data[:a] + data[b:]


def duplicate_range(data: bytes, rng: random.Random) -> bytes:
    if len(data) < 2:
        return data
    a = rng.randrange(len(data))
    b = min(len(data), a + rng.choice([1, 16, 256, 4096]))
    at = rng.randrange(len(data))
    return data[:at] + data[a:b] * rng.choice([1, 2, 50]) + data[at:]


def insert_junk(data: bytes, rng: random.Random) -> bytes:
    at = rng.randrange(len(data) + 1)
    junk = rng.choice([rng.choice(_JUNK), rng.randbytes(rng.choice([1, 16, 256]))])
    return data[:at] + junk + data[at:]


BYTE_MUTATIONS: list[Callable[[bytes, random.Random], bytes]] = [
    flip_bits,
    set_bytes,
    truncate,
    cut_range,
    duplicate_range,
    insert_junk,
]


def mutate_bytes(data: bytes, rng: random.Random) -> bytes:
    for _ in range(rng.choice([1, 1, 2, 3])):
        data = rng.choice(BYTE_MUTATIONS)(data, rng)
    return data


# ------------------------------------------------------------------ PDF objects


def _replace_random(pattern: re.Pattern, body: bytes, rng: random.Random, make: Callable[[bytes], bytes]) -> bytes:
    matches = list(pattern.finditer(body))
    if not matches:
        return body
    m = rng.choice(matches)
    return body[: m.start()] + make(m.group(0)) + body[m.end() :]


def _edit_object(o: PdfObject, pdf: PdfFile, rng: random.Random, donors: list[PdfFile]) -> None:
    numbers = [x.number for x in pdf.objects]
    kind = rng.randrange(9)
    if kind == 0:
        o.body = _replace_random(_NUMBER, o.body, rng, lambda _: rng.choice(_WEIRD_NUMBERS))
    elif kind == 1:
        o.body = _replace_random(_OPERATOR, o.body, rng, lambda _: rng.choice(_OPERATORS + [b""]))
    elif kind == 2:
        target = rng.choice([o.number, 0, 99999, rng.choice(numbers)])
        o.body = _replace_random(_REF, o.body, rng, lambda _: b"%d 0 R" % target)
    elif kind == 3:
        o.body = _replace_random(_NAME, o.body, rng, lambda _: rng.choice(_NAMES + [b"/X"]))
    elif kind == 4:  # another object's body, from this file or another seed
        donor = rng.choice(donors + [pdf])
        if donor.objects:
            o.body = rng.choice(donor.objects).body
    elif kind == 5:
        o.body = mutate_bytes(o.body, rng)
    elif kind == 6:  # repeat a slice of a content stream many times
        if len(o.body) > 2:
            a = rng.randrange(len(o.body))
            piece = o.body[a : a + rng.choice([8, 64, 512])]
            o.body = o.body[:a] + piece * rng.choice([2, 100, 2000]) + o.body[a:]
    elif kind == 7:
        o.body = o.body.replace(b"stream", b"stream\n" + rng.randbytes(rng.choice([1, 100])), 1)
    else:
        o.body = b"%d 0 R" % rng.choice(numbers)  # a bare reference, maybe to itself
    if rng.random() < 0.8:
        o.body = fix_length(o.body)


def mutate_pdf(data: bytes, rng: random.Random, donors: list[PdfFile]) -> bytes:
    pdf = split(data)
    if not pdf.objects:
        return mutate_bytes(data, rng)
    for _ in range(rng.choice([1, 1, 2, 3, 5])):
        action = rng.randrange(10)
        if action < 6:
            _edit_object(rng.choice(pdf.objects), pdf, rng, donors)
        elif action == 6:
            pdf.objects.remove(rng.choice(pdf.objects))
        elif action == 7:  # splice in an object from another seed, under a number of this file
            donor = rng.choice(donors)
            if donor.objects:
                spliced = rng.choice(donor.objects)
                pdf.objects.append(PdfObject(rng.choice(pdf.objects).number, 0, spliced.body))
        elif action == 8:
            a, b = rng.sample(range(len(pdf.objects)), 2) if len(pdf.objects) > 1 else (0, 0)
            pdf.objects[a].number, pdf.objects[b].number = pdf.objects[b].number, pdf.objects[a].number
        else:
            pdf.trailer = _replace_random(_REF, pdf.trailer, rng, lambda _: b"%d 0 R" % rng.randrange(30))
    out = assemble(pdf)
    if rng.random() < 0.25:  # and sometimes damage the file around the objects too (xref, trailer)
        out = mutate_bytes(out, rng)
    return out


# ------------------------------------------------------------------ text, HTML, Word

_TEXT_NOISE = [
    "\t",
    "\f",
    "\x00",
    "\u3000",
    "  ",
    "１２３",
    "1,234",
    "—",
    "-",
    "/",
    "无",
    "9" * 40,
    "1e999",
    "（七）总计",
    "三、收到和处理政府信息公开申请情况",
    "六、其他需要报告的事项",
    "<p>",
    "&nbsp;",
    "\ud7ff",
    "\U0010ffff",
    "\u202e",
    "\r",
    "12.34.56",
    "-0",
    "٣",
]


def mutate_text(text: str, rng: random.Random) -> str:
    lines = text.split("\n")
    for _ in range(rng.choice([1, 2, 4, 8])):
        if not lines:
            lines = [""]
        i = rng.randrange(len(lines))
        kind = rng.randrange(6)
        if kind == 0:
            del lines[i]
        elif kind == 1:
            lines.insert(i, lines[rng.randrange(len(lines))])
        elif kind == 2:
            lines[i], lines[-1 - i] = lines[-1 - i], lines[i]
        elif kind == 3:
            at = rng.randrange(len(lines[i]) + 1)
            lines[i] = lines[i][:at] + rng.choice(_TEXT_NOISE) + lines[i][at:]
        elif kind == 4:
            lines[i] = re.sub(
                r"\d+", lambda _: rng.choice(["0", "-1", "9" * 30, "１", "", "1.5", "—"]), lines[i], count=1
            )
        else:
            lines[i] = lines[i].replace("\t", rng.choice(["", "  ", "\t\t", " "]))
    return "\n".join(lines)


def mutate_docx(data: bytes, rng: random.Random) -> bytes:
    """Edit word/document.xml inside the archive (as text or bytes), or damage the archive itself."""
    if rng.random() < 0.2:
        return mutate_bytes(data, rng)
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "word/document.xml":
                if rng.random() < 0.5:
                    content = mutate_text(content.decode("utf-8"), rng).encode("utf-8")
                else:
                    content = mutate_bytes(content, rng)
            target.writestr(item, content)
    return out.getvalue()
