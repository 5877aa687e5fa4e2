"""Fonts of the PDF producers.

* ``reportlab-cid``: reportlab's built-in CID font STSong-Light (Adobe-GB1), not
  embedded; every PDF reader (and pdfplumber) maps it to Unicode.
* ``reportlab-ttf``: WenQuanYi Zen Hei from Debian's ``fonts-wqy-zenhei`` package,
  embedded as TrueType subsets (with ToUnicode maps).
"""

import os

from reportlab.pdfbase import pdfmetrics

WQY_ZENHEI = "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"


class FontMissing(RuntimeError):
    pass


def register(producer):
    """Register the producer's font with reportlab and return its font name."""
    if producer == "reportlab-cid":
        from reportlab.pdfbase.cidfonts import UnicodeCIDFont

        name = "STSong-Light"
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(UnicodeCIDFont(name))
        return name
    if producer == "reportlab-ttf":
        from reportlab.pdfbase.ttfonts import TTFont

        name = "WQYZenHei"
        if name not in pdfmetrics.getRegisteredFontNames():
            if not os.path.exists(WQY_ZENHEI):
                raise FontMissing(
                    f"producer reportlab-ttf needs {WQY_ZENHEI}: install the Debian package "
                    "fonts-wqy-zenhei (apt-get install -y fonts-wqy-zenhei)"
                )
            pdfmetrics.registerFont(TTFont(name, WQY_ZENHEI, subfontIndex=0))
        return name
    raise ValueError(f"unknown producer {producer!r}")


def measurer(font):
    """measure(text, size) -> width in points."""

    def measure(text, size):
        return pdfmetrics.stringWidth(text, font, size)

    return measure


DROID_FALLBACK = "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf"
LIBERATION_SERIF = "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf"
# producer -> [(family name, reportlab name, file, Debian package)]: its CJK font, then
# the font of Latin letters and digits (None: the CJK font has its own)
PRINT_FONTS = {
    "libreoffice": [
        ("Droid Sans Fallback", "DroidSansFallback", DROID_FALLBACK, "fonts-droid-fallback"),
        ("Liberation Serif", "LiberationSerif", LIBERATION_SERIF, "fonts-liberation2"),
    ],
    "chromium": [("WenQuanYi Zen Hei", "WQYZenHei", WQY_ZENHEI, "fonts-wqy-zenhei"), None],
}


def missing_print_fonts(producer):
    """[(file, Debian package)] of the producer's fonts that are not installed."""
    return [(f[2], f[3]) for f in PRINT_FONTS[producer] if f and not os.path.exists(f[2])]


def print_measurer(producer, slack=1.05):
    """measure(text, size) with the metrics of the fonts LibreOffice / Chromium print
    with (CJK font for CJK, Latin font for ASCII), a little wider (``slack``) so that
    cells sized by it do not overflow; the CID font's metrics when a font is missing."""
    if missing_print_fonts(producer):
        return measurer(register("reportlab-cid"))
    from reportlab.pdfbase.ttfonts import TTFont

    names = []
    for f in PRINT_FONTS[producer]:
        if f is None:
            names.append(names[0])
            continue
        _, name, path, _ = f
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, path, subfontIndex=0))
        names.append(name)
    cjk, latin = names

    def measure(text, size):
        width = 0.0
        for ch in text:
            width += pdfmetrics.stringWidth(ch, latin if ord(ch) < 0x2000 else cjk, size)
        return width * slack + 0.5

    return measure
