"""Small inputs that grow huge inside a reader (issue 14's causes): PDF filter chains and
bombs in Form XObjects and object streams, lying xref /Index sizes, pages dense with
glyphs, text objects, rectangles or `q`, documents of blank pages, NUL padding; text of
millions of rows; HTML spans; Word numbering starts and lying zip sizes.  Each builder
is deterministic and cheap; tests/test_hostile_*.py asserts what the CLI makes of each,
and the fuzzer (fuzz/mutate.py) splices them into its seeds."""

from __future__ import annotations

import base64
import io
import struct
import zipfile
import zlib

from fuzz.hostile import _PAGE, _RESOURCES, _SHOW, _SONG, raw_pdf, stream

_CATALOG = b"<< /Type /Catalog /Pages 2 0 R >>"
_ONE_PAGE = b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>"


def _deflate_zeros(megabytes: int, fill: bytes = b" ") -> bytes:
    packer = zlib.compressobj(9)
    chunk = fill * 2**20
    return b"".join(packer.compress(chunk) for _ in range(megabytes)) + packer.flush()


def _page_pdf(content: bytes, extra: bytes = b"", resources: bytes = _RESOURCES, more: dict | None = None) -> bytes:
    objects = {1: _CATALOG, 2: _ONE_PAGE, 3: _PAGE % (resources, b""), 4: stream(content, extra), 5: _SONG}
    objects.update(more or {})
    return raw_pdf(objects)


def filter_chain(kind: str = "flate_flate", megabytes: int = 256) -> bytes:
    """A page content bomb behind a chain of filters, so that the first filter alone inflates little."""
    inner = _deflate_zeros(megabytes)
    if kind == "flate_flate":
        return _page_pdf(zlib.compress(inner, 9), b"/Filter [/FlateDecode /FlateDecode]")
    if kind == "hex_flate":
        return _page_pdf(inner.hex().encode() + b">", b"/Filter [/ASCIIHexDecode /FlateDecode]")
    if kind == "a85_flate":
        return _page_pdf(base64.a85encode(inner) + b"~>", b"/Filter [/ASCII85Decode /FlateDecode]")
    raise ValueError(kind)


def form_xobject_bomb(megabytes: int = 256) -> bytes:
    """The page draws a Form XObject whose own stream is the bomb."""
    resources = b"<< /Font << /F1 5 0 R >> /XObject << /X 6 0 R >> >>"
    form = stream(
        _deflate_zeros(megabytes),
        b"/Type /XObject /Subtype /Form /BBox [0 0 595 842] "
        b"/Filter /FlateDecode /Resources << /Font << /F1 5 0 R >> >>",
    )
    return _page_pdf(_SHOW + b" /X Do", resources=resources, more={6: form})


def object_stream_bomb(megabytes: int = 64, fill: bytes = b"[]") -> bytes:
    """An object stream (PDF 1.5) that inflates to `megabytes` MB of `[]` (millions of empty arrays)."""
    header = b"7 0 "
    packer = zlib.compressobj(9)
    chunk = fill * (2**20 // len(fill))
    packed = packer.compress(header) + b"".join(packer.compress(chunk) for _ in range(megabytes)) + packer.flush()
    objstm = b"<< /Type /ObjStm /N 1 /First %d /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream" % (
        len(header),
        len(packed),
        packed,
    )
    resources = b"<< /Font << /F1 5 0 R >> /Extra 7 0 R >>"
    return _page_pdf(_SHOW, resources=resources, more={6: objstm})


def xref_stream_index(count: int = 104_857_612) -> bytes:
    """A cross-reference stream whose /Index claims `count` objects (its data holds a few)."""
    objects = {1: _CATALOG, 2: _ONE_PAGE, 3: _PAGE % (_RESOURCES, b""), 4: stream(_SHOW), 5: _SONG}
    out = bytearray(b"%PDF-1.5\n")
    offsets = {}
    for oid in sorted(objects):
        offsets[oid] = len(out)
        out += b"%d 0 obj\n%s\nendobj\n" % (oid, objects[oid])
    xref_at = len(out)
    rows = b"".join(struct.pack(">BIH", 1, offsets.get(i, 0), 0) for i in range(7))
    out += (
        b"6 0 obj\n<< /Type /XRef /Size %d /Index [0 %d] /W [1 4 2] /Root 1 0 R /Length %d >>\nstream\n%s\n"
        b"endstream\nendobj\nstartxref\n%d\n%%%%EOF\n" % (count, count, len(rows), rows, xref_at)
    )
    return bytes(out)


def dense(kind: str, count: int) -> bytes:
    """One page whose content stream is small when deflated but holds `count` of one thing."""
    if kind == "glyphs":  # one Tj of `count` glyphs
        content = b"BT /F1 1 Tf 10 700 Td <" + b"4E00" * count + b"> Tj ET"
    elif kind == "text_objects":
        content = b"BT /F1 1 Tf 10 700 Td <4E00> Tj ET\n" * count
    elif kind == "rectangles":
        content = b"".join(b"%d %d 2 2 re S\n" % (i % 500, i // 500 % 800) for i in range(count))
    elif kind == "q":
        content = b"q " * count + _SHOW
    else:
        raise ValueError(kind)
    return _page_pdf(zlib.compress(content, 9), b"/Filter /FlateDecode")


def blank_pages(count: int = 100_000) -> bytes:
    """A document of `count` blank pages sharing one empty content stream (a flat page tree)."""
    objects = {1: _CATALOG, 4: stream(b""), 5: _SONG}
    kids = b" ".join(b"%d 0 R" % (10 + i) for i in range(count))
    objects[2] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, count)
    for i in range(count):
        objects[10 + i] = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>"
    return raw_pdf(objects)


def shared_bomb_pages(count: int = 41, megabytes: int = 40) -> bytes:
    """`count` pages all drawing one shared content stream that inflates to `megabytes` MB
    (a long document's skim would inflate it once per page)."""
    objects = {1: _CATALOG, 4: stream(_deflate_zeros(megabytes), b"/Filter /FlateDecode"), 5: _SONG}
    kids = b" ".join(b"%d 0 R" % (10 + i) for i in range(count))
    objects[2] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, count)
    for i in range(count):
        objects[10 + i] = _PAGE % (_RESOURCES, b"")
    return raw_pdf(objects)


def nul_padded(pdf: bytes, megabytes: int = 50) -> bytes:
    """A valid PDF followed by NUL padding (a broken download or a pre-allocated file)."""
    return pdf + b"\0" * (megabytes * 2**20)


def text_rows(count: int = 5_000_000) -> bytes:
    """A text "report" of `count` short table rows (30 MB for 5 M: under the text size limit)."""
    return "一、总体情况\n".encode() + b"a\t1\t2\n" * count


def html_spans(cells: int = 30_000, span: int = 1000) -> bytes:
    """A table of one-cell rows each spanning `span` columns and rows: the grid the spans claim is huge."""
    row = b'<tr><td colspan="%d" rowspan="%d">1</td></tr>' % (span, span)
    return (
        b"<html><body><p>\xe4\xb8\x80\xe3\x80\x81\xe6\x80\xbb\xe4\xbd\x93\xe6\x83\x85\xe5\x86\xb5</p><table>"
        + row * cells
        + b"</table></body></html>"
    )


def docx_numbering(base: bytes, start: str, fmt: str = "lowerLetter") -> bytes:
    """The .docx `base` with every paragraph in a list whose numbering starts at `start`
    (negative, or 2*10^10) in format `fmt`."""
    numbering = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        f'<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="{start}"/>'
        f'<w:numFmt w:val="{fmt}"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum>'
        '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>'
    ).encode()
    return _rezip(base, {"word/numbering.xml": numbering}, numbered=True)


def _rezip(data: bytes, replace: dict[str, bytes], numbered: bool = False) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            body = replace.pop(item.filename, None) or source.read(item.filename)
            if numbered and item.filename == "word/document.xml":
                body = body.replace(b"<w:pPr>", b'<w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>')
            if numbered and item.filename == "[Content_Types].xml" and b"numbering" not in body:
                body = body.replace(
                    b"</Types>",
                    b'<Override PartName="/word/numbering.xml" ContentType='
                    b'"application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>'
                    b"</Types>",
                )
            if numbered and item.filename == "word/_rels/document.xml.rels" and b"numbering" not in body:
                body = body.replace(
                    b"</Relationships>",
                    b'<Relationship Id="rIdNum" Type="http://schemas.'
                    b'openxmlformats.org/officeDocument/2006/relationships/numbering" '
                    b'Target="numbering.xml"/></Relationships>',
                )
            target.writestr(item, body)
        for name, body in replace.items():
            target.writestr(name, body)
    return out.getvalue()


def lying_zip(base: bytes, megabytes: int = 300) -> bytes:
    """The .docx `base` whose document.xml inflates to `megabytes` MB (its own text, then
    blanks) while the zip's local header and central directory say 1 KB."""
    source = zipfile.ZipFile(io.BytesIO(base))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for item in source.infolist():
            if item.filename != "word/document.xml":
                z.writestr(item, source.read(item.filename))
                continue
            body = source.read(item.filename)
            cut = body.rfind(b"</w:body>")
            with z.open("word/document.xml", "w", force_zip64=True) as member:
                member.write(body[:cut])
                blank = b" " * 2**20
                for _ in range(megabytes):
                    member.write(blank)
                member.write(body[cut:])
    data = bytearray(out.getvalue())
    name = b"word/document.xml"
    at = data.find(b"PK\x03\x04")
    while at >= 0:  # each local header (size at +22) and central directory entry (size at +24)
        if data[at + 30 : at + 30 + len(name)] == name:
            data[at + 22 : at + 26] = struct.pack("<I", 1024)
        at = data.find(b"PK\x03\x04", at + 4)
    at = data.find(b"PK\x01\x02")
    while at >= 0:
        if data[at + 46 : at + 46 + len(name)] == name:
            data[at + 24 : at + 28] = struct.pack("<I", 1024)
        at = data.find(b"PK\x01\x02", at + 4)
    return bytes(data)
