"""A PDF as a list of objects the mutators can edit, and back to bytes with a correct xref.

Mutating the generator's PDFs byte by byte mostly breaks their Flate streams, which
pdfminer then rejects early.  Splitting a PDF into its objects, inflating the streams
and reassembling it with a fresh cross-reference table lets mutations reach the
content-stream interpreter, the fonts and the page tree.
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass

_OBJECT = re.compile(rb"(\d+) (\d+) obj\r?\n?(.*?)\r?\n?endobj", re.S)
_TRAILER = re.compile(rb"trailer\s*(<<.*?>>)\s*startxref", re.S)
_STREAM = re.compile(rb"^(<<.*>>)\s*stream\r?\n(.*?)\r?\n?endstream\s*$", re.S)
_FILTER = re.compile(rb"/Filter\s*(\[[^\]]*\]|/\w+)")
_LENGTH = re.compile(rb"/Length\s+\d+(\s+\d+\s+R)?")


@dataclass
class PdfObject:
    number: int
    generation: int
    body: bytes


@dataclass
class PdfFile:
    header: bytes
    objects: list[PdfObject]
    trailer: bytes  # the trailer dictionary, "<< ... >>"

    def find(self, number: int) -> PdfObject | None:
        return next((o for o in self.objects if o.number == number), None)


def _inflate(body: bytes) -> bytes:
    """A stream object's body with its Flate (and ASCII85) filters undone."""
    m = _STREAM.match(body)
    if not m:
        return body
    head, data = m.group(1), m.group(2)
    filters = _FILTER.search(head)
    if not filters:
        return body
    names = re.findall(rb"/(\w+)", filters.group(1))
    try:
        for name in names:
            if name in (b"ASCII85Decode", b"A85"):
                from pdfminer.ascii85 import ascii85decode

                data = ascii85decode(data)
            elif name in (b"FlateDecode", b"Fl"):
                data = zlib.decompress(data)
            else:
                return body  # an image codec: leave it as it is
    except Exception:  # noqa: BLE001 - a seed we cannot inflate stays compressed
        return body
    head = _FILTER.sub(b"", head)
    head = _LENGTH.sub(b"/Length %d" % len(data), head)
    return head + b"\nstream\n" + data + b"\nendstream"


def split(pdf: bytes, inflate: bool = True) -> PdfFile:
    objects = [PdfObject(int(m.group(1)), int(m.group(2)), m.group(3)) for m in _OBJECT.finditer(pdf)]
    if inflate:
        for o in objects:
            o.body = _inflate(o.body)
    trailer = _TRAILER.findall(pdf)
    return PdfFile(
        pdf[: pdf.index(b"\n") + 1] if b"\n" in pdf else b"%PDF-1.4\n",
        objects,
        trailer[-1] if trailer else b"<< /Root 1 0 R >>",
    )


def fix_length(body: bytes) -> bytes:
    """Make a stream's /Length match its data again (after a mutation changed the data)."""
    m = _STREAM.match(body)
    if not m:
        return body
    head, data = m.group(1), m.group(2)
    head = _LENGTH.sub(b"/Length %d" % len(data), head)
    return head + b"\nstream\n" + data + b"\nendstream"


def assemble(pdf: PdfFile) -> bytes:
    out = bytearray(pdf.header)
    offsets: dict[int, tuple[int, int]] = {}
    for o in pdf.objects:
        offsets[o.number] = (len(out), o.generation)
        out += b"%d %d obj\n%s\nendobj\n" % (o.number, o.generation, o.body)
    size = max(offsets, default=0) + 1
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    for number in range(1, size):
        if number in offsets:
            out += b"%010d %05d n \n" % (offsets[number][0] % 10**10, offsets[number][1] % 10**5)
        else:
            out += b"0000000000 65535 f \n"
    out += b"trailer\n%s\nstartxref\n%d\n%%%%EOF\n" % (pdf.trailer, xref)
    return bytes(out)
