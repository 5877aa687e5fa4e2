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
                    "fonts-wqy-zenhei (apt-get install -y fonts-wqy-zenhei)")
            pdfmetrics.registerFont(TTFont(name, WQY_ZENHEI, subfontIndex=0))
        return name
    raise ValueError(f"unknown producer {producer!r}")


def measurer(font):
    """measure(text, size) -> width in points."""
    def measure(text, size):
        return pdfmetrics.stringWidth(text, font, size)
    return measure
