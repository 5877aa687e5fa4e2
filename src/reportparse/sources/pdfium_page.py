"""One page through pdfium's C API: characters as `Glyph`s, paths as `Rule`s, in
pdfplumber's coordinates (points from the top-left of the MediaBox).

pdfplumber (pdfminer) puts a character's box at its origin, as wide as its advance
and exactly one font size tall above its font's descent; pdfium's "loose" box has
the same left, right and bottom, but its height comes from the font's ascent, so the
top is recomputed from the size.  Paths are split into subpaths and named line,
rectangle or curve by pdfminer's own rules, so both engines find the same rules.
A page whose text pdfium cannot give as pdfminer would raises `NeedsReference`,
and the document is then read by the pdfplumber engine.
"""

from __future__ import annotations

import ctypes
import re
from dataclasses import dataclass, field
from typing import Any

from reportparse.layout.lines import Glyph
from reportparse.sources.pdf_rules import Rule
from reportparse.sources.pdfium_lib import direct, pdfium

_IMPLAUSIBLE = 3.0  # a glyph box wider or taller than this many font sizes is pdfium's error
_SURROGATE = re.compile("[\ud800-\udfff]")
_MADE_UP = frozenset(" \r\n")
_SPACE = 0.25  # the width of a space put back, in font sizes
_EMPTY = 0.01  # pdfium's text page skips a text object narrower than this (kSizeEpsilon)


class NeedsReference(Exception):
    """pdfium cannot give this document's text as pdfminer reads it (the reason is the message)."""


@dataclass
class PageContent:
    glyphs: list[Glyph] = field(default_factory=list)
    rules: list[Rule] = field(default_factory=list)
    has_images: bool = False
    width: float = 0.0
    height: float = 0.0

    @property
    def texts(self) -> list[str]:
        """Every glyph's text, spaces included."""
        return [g.text for g in self.glyphs]


_Matrix = tuple[float, float, float, float, float, float]
# Called once per object, path segment or character: direct calls (see pdfium_lib.direct).
_GET_OBJECT, _OBJECT_TYPE, _BOUNDS, _MATRIX, _FONT_SIZE = (
    direct("FPDFPage_GetObject"),
    direct("FPDFPageObj_GetType"),
    direct("FPDFPageObj_GetBounds"),
    direct("FPDFPageObj_GetMatrix"),
    direct("FPDFTextObj_GetFontSize"),
)
_DRAW_MODE, _SEGMENTS, _STROKE_COLOR, _FILL_COLOR = (
    direct("FPDFPath_GetDrawMode"),
    direct("FPDFPath_CountSegments"),
    direct("FPDFPageObj_GetStrokeColor"),
    direct("FPDFPageObj_GetFillColor"),
)
_SEGMENT_CALLS = (
    direct("FPDFPath_GetPathSegment"),
    direct("FPDFPathSegment_GetPoint"),
    direct("FPDFPathSegment_GetType"),
    direct("FPDFPathSegment_GetClose"),
)
_UNICODE, _GENERATED, _UNMAPPED, _LOOSE_BOX = (
    direct("FPDFText_GetUnicode"),
    direct("FPDFText_IsGenerated"),
    direct("FPDFText_HasUnicodeMapError"),
    direct("FPDFText_GetLooseCharBox"),
)
_OBJECT_OF = direct("FPDFText_GetTextObject", ctypes.c_void_p)  # a character's text object, by address
_MOVETO, _LINETO = pdfium.FPDF_SEGMENT_MOVETO, pdfium.FPDF_SEGMENT_LINETO
_IDENTITY: _Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def _compose(inner: _Matrix, outer: _Matrix) -> _Matrix:
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


class _Reader:
    def __init__(self, page, height: float, device: _Matrix):
        self.page = page
        self.height = height  # of the page as shown (turned by /Rotate)
        self.device = device  # PDF user space → the page as shown, y up (pdfminer's)
        self.matrix = pdfium.FS_MATRIX()
        self.at_matrix = ctypes.byref(self.matrix)
        self.x, self.y = ctypes.c_float(), ctypes.c_float()
        self.origin_x, self.origin_y = ctypes.c_double(), ctypes.c_double()
        self.fill_mode, self.stroke = ctypes.c_int(), ctypes.c_int()
        self.at_modes = (ctypes.byref(self.fill_mode), ctypes.byref(self.stroke))
        self.bounds = [ctypes.c_float() for _ in range(4)]
        self.at_bounds = [ctypes.byref(v) for v in self.bounds]
        self.font_size = ctypes.c_float()
        self.at_font_size = ctypes.byref(self.font_size)
        self.rgba = [ctypes.c_uint() for _ in range(4)]
        self.at_rgba = [ctypes.byref(v) for v in self.rgba]
        self.content = PageContent()
        self.text_objects: dict[int, tuple[Any, _Matrix]] = {}  # by address

    # --- page objects ----------------------------------------------------------
    def walk(self, count: int, get, holder, outer: _Matrix, depth: int = 0) -> None:
        if depth > 16:
            raise NeedsReference("form XObjects nested too deeply")
        for i in range(count):
            obj = get(holder, i)
            kind = _OBJECT_TYPE(obj)
            if kind == pdfium.FPDF_PAGEOBJ_TEXT:
                self.text_objects[ctypes.addressof(obj.contents)] = (obj, outer)
                self.unhide(obj)
            elif kind == pdfium.FPDF_PAGEOBJ_IMAGE:
                self.content.has_images = True
            elif kind == pdfium.FPDF_PAGEOBJ_PATH:
                self.path(obj, self.object_matrix(obj, outer))
            elif kind == pdfium.FPDF_PAGEOBJ_FORM:
                inner = self.object_matrix(obj, outer)
                self.walk(pdfium.FPDFFormObj_CountObjects(obj), pdfium.FPDFFormObj_GetObject, obj, inner, depth + 1)

    def unhide(self, obj) -> None:
        """pdfium's text page skips a text object it measures as empty.  In a font that
        is not embedded and that pdfium has no outlines for (reportlab's built-in
        STSong-Light, without a CJK system font) every glyph measures empty, so an object
        of one character (a lone digit in a cell) vanishes, while pdfminer reads it from
        its advance width (so does a whole line turned upright on the page).  Outlining
        it with a 1 pt stroke gives it a box, so the text page keeps its characters, boxed
        like every other (advance width, font size).  Such a line of horizontal writing
        measures as a segment from the object's origin; vertical writing measures from
        its vertical origin, off the object's: it is left alone, stays dropped, and
        `dropped` hands the document over (pdfium boxes it unlike pdfminer)."""
        left, bottom, right, top = self.bounds
        if not _BOUNDS(obj, *self.at_bounds) or right.value - left.value >= _EMPTY:
            return
        m = self.matrix
        if not _MATRIX(obj, self.at_matrix):
            return
        if min(abs(left.value - m.e), abs(right.value - m.e)) >= _EMPTY:
            return
        if min(abs(bottom.value - m.f), abs(top.value - m.f)) >= _EMPTY:
            return
        font = pdfium.FPDFTextObj_GetFont(obj)
        if font and not pdfium.FPDFFont_GetIsEmbedded(font):
            pdfium.FPDFTextObj_SetTextRenderMode(obj, pdfium.FPDF_TEXTRENDERMODE_STROKE)
            pdfium.FPDFPageObj_SetStrokeWidth(obj, 1.0)
            pdfium.FPDFPageObj_Transform(obj, *_IDENTITY)  # pdfium measures the object again

    def object_matrix(self, obj, outer: _Matrix) -> _Matrix:
        m = self.matrix
        if not _MATRIX(obj, self.at_matrix):
            return outer
        return _compose((m.a, m.b, m.c, m.d, m.e, m.f), outer)

    def color(self, getter, obj) -> tuple[float, float, float] | None:
        r, g, b, _ = self.rgba
        if not getter(obj, *self.at_rgba):
            return None
        return (r.value / 255, g.value / 255, b.value / 255)

    def path(self, obj, matrix: _Matrix) -> None:
        if not _DRAW_MODE(obj, *self.at_modes):
            return
        fill, stroke = self.fill_mode.value != 0, bool(self.stroke.value)
        a, b, c, d, e, f = matrix
        subpaths: list[tuple[str, list[tuple[float, float]]]] = []
        shape = ""
        points: list[tuple[float, float]] = []
        x, y = self.x, self.y
        at_x, at_y = ctypes.byref(x), ctypes.byref(y)
        get_segment, get_point, get_type, get_close = _SEGMENT_CALLS
        for i in range(_SEGMENTS(obj)):
            segment = get_segment(obj, i)
            get_point(segment, at_x, at_y)
            px, py = x.value, y.value
            kind = get_type(segment)
            if kind == _MOVETO:
                if shape:
                    subpaths.append((shape, points))
                shape, points = "m", []
            else:
                shape += "l" if kind == _LINETO else "c"
            points.append((a * px + c * py + e, b * px + d * py + f))
            if get_close(segment):
                shape += "h"
                points.append(points[0])
        if shape:
            subpaths.append((shape, points))
        if not subpaths:
            return
        stroking = self.color(_STROKE_COLOR, obj)
        filling = self.color(_FILL_COLOR, obj)
        for shape, points in subpaths:
            rule = self.rule(shape, points, stroke, fill, stroking, filling)
            if rule is not None:
                self.content.rules.append(rule)

    def rule(
        self, shape: str, pts: list[tuple[float, float]], stroke: bool, fill: bool, stroking, filling
    ) -> Rule | None:
        """pdfminer's paint_path: a line, a rectangle, or (None) a curve."""
        if "c" in shape or shape[:1] != "m":  # a Bézier segment: a curve
            return None
        if len(shape) > 3 and shape.endswith("lh") and pts[-2] == pts[0]:
            shape = shape[:-2] + "h"
            pts = pts[:-2] + pts[-1:]
        if shape in ("ml", "mlh"):
            (x0, y0), (x1, y1) = pts[0], pts[1]
            return self.box("line", x0, y0, x1, y1, stroke, fill, stroking, filling)
        if shape in ("mlllh", "mllll") and len(pts) == 5 and pts[0] == pts[4]:
            (x0, y0), (x1, y1), (x2, y2), (x3, y3) = pts[:4]
            if (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0):
                return self.box("rect", x0, y0, x2, y2, stroke, fill, stroking, filling)
        return None

    def box(
        self, kind: str, xa: float, ya: float, xb: float, yb: float, stroke: bool, fill: bool, stroking, filling
    ) -> Rule:
        x0, x1 = min(xa, xb), max(xa, xb)
        y0, y1 = min(ya, yb), max(ya, yb)
        return Rule(x0, self.height - y1, x1, self.height - y0, x1 - x0, y1 - y0, kind, stroke, fill, stroking, filling)

    @staticmethod
    def all_text(text_page, count: int) -> str | None:
        """Every character's text at once, one per character index; None when a
        character outside the BMP (two UTF-16 units) breaks the one-to-one count."""
        buffer = (ctypes.c_ushort * (count + 1))()
        written = pdfium.FPDFText_GetText(text_page, 0, count, buffer)
        text = bytes(buffer)[: max(0, written - 1) * 2].decode("utf-16-le", "surrogatepass")
        return text if len(text) == count and not _SURROGATE.search(text) else None

    def on_page(self, x: float, y: float) -> tuple[float, float]:
        a, b, c, d, e, f = self.device
        return a * x + c * y + e, b * x + d * y + f

    def box_on_page(self, x0: float, y0: float, x1: float, y1: float) -> tuple[float, float, float, float]:
        (ax, ay), (bx, by) = self.on_page(x0, y0), self.on_page(x1, y1)
        return min(ax, bx), min(ay, by), max(ax, bx), max(ay, by)

    # --- characters ---------------------------------------------------------------
    def chars(self, text_page) -> None:
        count = max(0, pdfium.FPDFText_CountChars(text_page))
        rect = pdfium.FS_RECTF()
        box = ctypes.byref(rect)
        turned = self.device != _IDENTITY
        glyphs = self.content.glyphs
        sizes: dict[int, float] = {}  # the font size on the page, by text object
        every = self.all_text(text_page, count)
        for i in range(count):
            text = every[i] if every is not None else chr(_UNICODE(text_page, i))
            # pdfium makes up only spaces and line breaks (between words and lines).
            if text in _MADE_UP and _GENERATED(text_page, i):
                continue
            if _UNMAPPED(text_page, i):
                raise NeedsReference("a font without a usable ToUnicode map")
            address = _OBJECT_OF(text_page, i)
            size = sizes.get(address)
            if size is None:
                size = sizes[address] = self.upright_size(address)
            _LOOSE_BOX(text_page, i, box)
            left, low, right, high = (
                self.box_on_page(rect.left, rect.bottom, rect.right, rect.top)
                if turned
                else (rect.left, rect.bottom, rect.right, rect.top)
            )
            if right - left > _IMPLAUSIBLE * size or high - low > _IMPLAUSIBLE * size:
                # Broken font metrics (WPS: a 199 pt box for 9.95 pt text): one em
                # square on the baseline, as pdfminer measures such a font.
                pdfium.FPDFText_GetCharOrigin(text_page, i, self.origin_x, self.origin_y)
                left, low = self.on_page(self.origin_x.value, self.origin_y.value)
                right = left + size
            bottom = self.height - low
            glyphs.append(Glyph(text, left, right, bottom - size, bottom, size))
        # The text objects pdfium gave no character.
        for address, (obj, outer) in self.text_objects.items():
            if address not in sizes:
                self.dropped(obj, outer)

    def upright_size(self, address: int | None) -> float:
        """The font size on the page of a text object's characters (a character's matrix
        is its object's): pdfminer's boxes are read from upright text only."""
        found = self.text_objects.get(address) if address is not None else None
        if found is None:
            raise NeedsReference("a character of no text object on the page")
        obj, outer = found
        m = self.matrix
        if outer is _IDENTITY and _MATRIX(obj, self.at_matrix):
            a, b, c, d = m.a, m.b, m.c, m.d  # composing with the identity changes neither the tests nor d
        else:
            a, b, c, d = self.object_matrix(obj, outer)[:4]
        if b != 0 or c != 0 or a <= 0 or d <= 0:
            raise NeedsReference("rotated or mirrored text")
        _FONT_SIZE(obj, self.at_font_size)
        return self.font_size.value * d

    def dropped(self, obj, outer: _Matrix) -> None:
        """A text object pdfium gives no characters for.  In an embedded font with an
        empty box it is white space (Chromium and LibreOffice set spaces apart), which
        pdfminer keeps: it separates words, so it is put back.  Anything else (an object
        `unhide` could not give a box, or whose character the text page still drops)
        only pdfminer reads."""
        left, bottom, right, top = (ctypes.c_float() for _ in range(4))
        pdfium.FPDFPageObj_GetBounds(obj, left, bottom, right, top)
        font = pdfium.FPDFTextObj_GetFont(obj)
        if not font or not pdfium.FPDFFont_GetIsEmbedded(font) or right.value > left.value or top.value > bottom.value:
            raise NeedsReference("text objects pdfium gives no characters for")
        _, _, _, d, e, f = self.object_matrix(obj, outer)
        font_size = ctypes.c_float()
        pdfium.FPDFTextObj_GetFontSize(obj, font_size)
        size = font_size.value * d
        descent = ctypes.c_float()
        pdfium.FPDFFont_GetDescent(font, ctypes.c_float(size), descent)
        low = self.height - (f + descent.value)
        self.content.glyphs.append(Glyph(" ", e, e + _SPACE * size, low - size, low, size))


def read_page(document, index: int) -> PageContent:
    page = pdfium.FPDF_LoadPage(document, index)
    if not page:
        raise NeedsReference(f"pdfium cannot load page {index + 1}")
    text_page = None
    try:
        media = _box(pdfium.FPDFPage_GetMediaBox, page)
        if media is None or media[:2] != (0, 0) or _box(pdfium.FPDFPage_GetCropBox, page) not in (None, media):
            raise NeedsReference("a MediaBox not at the origin, or cropped")
        media_width, media_height = media[2], media[3]
        turns = pdfium.FPDFPage_GetRotation(page) % 4
        # pdfminer's page matrix for /Rotate 0, 90, 180, 270 (MediaBox at the origin).
        device = [
            _IDENTITY,
            (0.0, -1.0, 1.0, 0.0, 0.0, media_width),
            (-1.0, 0.0, 0.0, -1.0, media_width, media_height),
            (0.0, 1.0, -1.0, 0.0, media_height, 0.0),
        ][turns]
        width, height = (media_height, media_width) if turns % 2 else (media_width, media_height)
        reader = _Reader(page, height, device)
        reader.content.width, reader.content.height = width, height
        reader.walk(pdfium.FPDFPage_CountObjects(page), _GET_OBJECT, page, device)
        text_page = pdfium.FPDFText_LoadPage(page)
        reader.chars(text_page)
        return reader.content
    finally:
        if text_page:
            pdfium.FPDFText_ClosePage(text_page)
        pdfium.FPDF_ClosePage(page)


def _box(getter, page) -> tuple[float, float, float, float] | None:
    """(left, bottom, right, top) of a page box, None when the page does not set it."""
    values = [ctypes.c_float() for _ in range(4)]
    if not getter(page, *values):
        return None
    return tuple(float(v.value) for v in values)  # type: ignore[return-value]


def page_text(document, index: int) -> str:
    """The page's text as pdfium extracts it, lines apart (to skim a long document)."""
    page = pdfium.FPDF_LoadPage(document, index)
    if not page:
        return ""
    text_page = pdfium.FPDFText_LoadPage(page)
    try:
        count = pdfium.FPDFText_CountChars(text_page)
        buffer = (ctypes.c_ushort * (count + 1))()
        written = pdfium.FPDFText_GetText(text_page, 0, count, buffer)
        return bytes(buffer)[: max(0, written - 1) * 2].decode("utf-16-le", "replace")
    finally:
        pdfium.FPDFText_ClosePage(text_page)
        pdfium.FPDF_ClosePage(page)
