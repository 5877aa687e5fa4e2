"""Small hand-made PDFs for hostile structures: objects nested absurdly deep or referring to
themselves, a decompression bomb, a page of one enormous line.  Built from raw object
bodies with a correct cross-reference table (tests/test_bad_inputs.py; fuzz donors)."""

from __future__ import annotations

import zlib


def raw_pdf(objects: dict[int, bytes], trailer: bytes = b"") -> bytes:
    """A PDF from raw object bodies (object 1 the catalog), with a correct xref table."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = {}
    for oid in sorted(objects):
        offsets[oid] = len(out)
        out += b"%d 0 obj\n%s\nendobj\n" % (oid, objects[oid])
    xref, size = len(out), max(objects) + 1
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    for oid in range(1, size):
        out += b"%010d 00000 n \n" % offsets[oid] if oid in offsets else b"0000000000 65535 f \n"
    out += b"trailer\n<< /Size %d /Root 1 0 R %s >>\nstartxref\n%d\n%%%%EOF\n" % (size, trailer, xref)
    return bytes(out)


def stream(data: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s >>\nstream\n%s\nendstream" % (len(data), extra, data)


_SONG = (
    b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts "
    b"[<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo "
    b"<< /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> >>] >>"
)
# "关于做好安全生产工作的通知各单位请认真贯彻落实" in UCS-2: readable Chinese text that is not a report.
_WORDS = "关于做好安全生产工作的通知各单位请认真贯彻落实"
_SHOW = b"BT /F1 12 Tf 72 700 Td <" + _WORDS.encode("utf-16-be").hex().encode() + b"> Tj ET"
_PAGE = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources %s /Contents 4 0 R %s >>"
_RESOURCES = b"<< /Font << /F1 5 0 R >> >>"


def hostile(kind: str) -> bytes:
    """Small PDFs whose objects are nested absurdly deep or refer to themselves."""
    objects = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: _PAGE % (_RESOURCES, b""),
        4: stream(_SHOW),
        5: _SONG,
    }
    if kind == "page_tree_cycle":
        objects[2] = b"<< /Type /Pages /Kids [2 0 R 3 0 R 2 0 R] /Count 3 >>"
    elif kind == "reference_cycle":  # 6 → 7 → 6: pdfminer's resolve1 would loop for ever
        objects[3] = _PAGE % (b"<< /Font << /F1 6 0 R >> >>", b"")
        objects.update({6: b"7 0 R", 7: b"6 0 R"})
    elif kind == "self_reference":
        objects[3] = b"<< /Type /Page /Parent 2 0 R /MediaBox 6 0 R /Resources 6 0 R /Contents 6 0 R >>"
        objects[6] = b"6 0 R"
    elif kind == "nested_arrays":
        objects[3] = _PAGE % (_RESOURCES, b"/Deep " + b"[" * 100_000 + b"]" * 100_000)
    elif kind == "nested_dicts":
        objects[3] = _PAGE % (_RESOURCES, b"/Deep " + b"<< /A " * 50_000 + b"1" + b" >>" * 50_000)
    elif kind == "nested_content":
        objects[4] = stream(b"q " * 100_000 + _SHOW + b" Q" * 100_000)
    elif kind == "xobject_loop":  # a form that draws itself
        objects[3] = _PAGE % (b"<< /Font << /F1 5 0 R >> /XObject << /X 6 0 R >> >>", b"")
        objects[4] = stream(_SHOW + b" /X Do")
        objects[6] = stream(
            b"/X Do " + _SHOW,
            b"/Type /XObject /Subtype /Form /BBox [0 0 595 842] "
            b"/Resources << /Font << /F1 5 0 R >> /XObject << /X 6 0 R >> >>",
        )
    return raw_pdf(objects)


def dense_page() -> bytes:
    """One line of 52,000 glyphs (pathological for anything quadratic in a line's length)."""
    words = ("关于做好安全生产工作的通知" * 4000).encode("utf-16-be").hex().encode()
    objects = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: _PAGE % (_RESOURCES, b""),
        4: stream(b"BT /F1 1 Tf 10 700 Td <" + words + b"> Tj ET"),
        5: _SONG,
    }
    return raw_pdf(objects)


def bomb() -> bytes:
    """One page whose content stream inflates from ~200 KB to 256 MB."""
    inflater = zlib.compressobj(9)
    chunk = b" " * 2**20
    packed = b"".join(inflater.compress(chunk) for _ in range(256)) + inflater.flush()
    objects = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: _PAGE % (_RESOURCES, b""),
        4: stream(packed, b"/Filter /FlateDecode"),
        5: _SONG,
    }
    return raw_pdf(objects)


KINDS = [
    "page_tree_cycle",
    "reference_cycle",
    "self_reference",
    "nested_arrays",
    "nested_dicts",
    "nested_content",
    "xobject_loop",
]
