"""Page images of a PDF or of image files → the layout's `Document`, through OCR."""

from __future__ import annotations

import io
import os

import numpy as np

from reportparse import limits
from reportparse.errors import NoTextLayerError, UnreadableInputError
from reportparse.layout.model import Document, Page
from reportparse.sources.ocr import image_files
from reportparse.sources.ocr.page import read_page

_DEFAULT_DPI = 200  # pages without a scanned image (a garbled text layer) are rendered at this
_MIN_DPI, _MAX_DPI = 150, 300
# Pages are read at no more than this: every step of reading a page costs in proportion to
# its pixels.  (200 would halve the cost of a 300 dpi scan, but a table's 6 pt headings set
# an em apart then run together into one detected line: measured on the scan axis.)
_READ_DPI = 300
_A4_WIDTH_INCHES = 8.27  # an image without a resolution is taken to be an A4 page's width


def _scan_dpi(page) -> float:
    """The resolution the page's largest image was scanned at (clamped), else the default."""
    import pypdfium2.raw as pdfium_c

    best = 0.0
    for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=2):
        left, _, right, _ = obj.get_bounds()
        width_px, _ = obj.get_px_size()
        if right - left > page.get_width() * 0.5 and width_px:
            best = max(best, width_px / ((right - left) / 72.0))
    return float(min(_MAX_DPI, max(_MIN_DPI, round(best)))) if best else float(_DEFAULT_DPI)


def _grey(pixels: np.ndarray) -> np.ndarray:
    return np.ascontiguousarray(pixels[:, :, 0] if pixels.ndim == 3 else pixels)


def _scanned_image(page) -> tuple[np.ndarray, float] | None:
    """A scanner's page: one upright grey image covering the page and nothing else.  Its
    own pixels are read (rendering would resample them: a scan PDF then reads the same
    as its page images given as files), with the resolution it was scanned at."""
    import pypdfium2.raw as pdfium_c

    objects = list(page.get_objects(max_depth=1))
    if len(objects) != 1 or objects[0].type != pdfium_c.FPDF_PAGEOBJ_IMAGE or page.get_rotation():
        return None
    image = objects[0]
    width, height = page.get_size()
    matrix = image.get_matrix()
    upright = matrix.b == matrix.c == 0 and abs(matrix.a - width) < 1 and abs(matrix.d - height) < 1
    if not upright or abs(matrix.e) > 1 or abs(matrix.f) > 1:
        return None
    # Only 8-bit grey pixels as stored: colour, a bilevel scan or a decode array are left
    # to pdfium's rendering, the one conversion.
    meta = image.get_metadata()
    if meta.bits_per_pixel != 8 or meta.colorspace != pdfium_c.FPDF_COLORSPACE_DEVICEGRAY:
        return None
    bitmap = image.get_bitmap(render=False)
    if bitmap.format != pdfium_c.FPDFBitmap_Gray:
        return None
    grey = _grey(bitmap.to_numpy())
    dpi = grey.shape[1] / (width / 72.0)
    return (grey, dpi) if dpi >= _MIN_DPI else None


def pdf_pages(data: bytes, password: str | bytes | None, numbers: list[int]) -> dict[int, Page]:
    """OCR of the given 1-based pages of a PDF, rendered as grey images."""
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(data, password=password or None)
    except Exception as e:
        raise UnreadableInputError(f"the PDF's pages cannot be rendered for OCR ({type(e).__name__})") from None
    out: dict[int, Page] = {}
    try:
        for number in numbers:
            limits.check()
            try:
                page = document[number - 1]
                scanned = _scanned_image(page)
                if scanned is not None:
                    grey, dpi = _at_reading_resolution(*scanned)
                else:
                    dpi = min(_scan_dpi(page), _READ_DPI)
                    grey = _grey(page.render(scale=dpi / 72.0, grayscale=True).to_numpy())
            except pdfium.PdfiumError as e:  # pdfplumber read the page; pdfium cannot draw it
                raise UnreadableInputError(f"page {number} of the PDF cannot be rendered for OCR ({e})") from None
            try:
                out[number] = read_page(grey, dpi, number)
            except MemoryError:
                raise UnreadableInputError(
                    "the page images need more memory than is available to read them by OCR"
                ) from None
            page.close()
    finally:
        document.close()
    return out


def _pil_pages(data: bytes, name: str) -> list[tuple[np.ndarray, float]]:
    from PIL import Image, ImageSequence, UnidentifiedImageError

    try:
        image = Image.open(io.BytesIO(data))
        frames = []
        for frame in ImageSequence.Iterator(image):
            limits.check()
            dpi = frame.info.get("dpi", (0, 0))[0] or image.info.get("dpi", (0, 0))[0]
            grey = np.array(frame.convert("L"))
            if not dpi or not _MIN_DPI / 2 <= float(dpi) <= _MAX_DPI * 2:
                dpi = grey.shape[1] / _A4_WIDTH_INCHES
            frames.append((grey, float(dpi)))
        return frames
    except (UnidentifiedImageError, OSError, ValueError, EOFError, Image.DecompressionBombError) as e:
        raise UnreadableInputError(f"the image {name}cannot be read ({type(e).__name__})") from None


def _document(pages: list[Page], source_format: str) -> Document:
    if not any(p.blocks for p in pages):
        raise NoTextLayerError("OCR found no text on the page images")
    return Document(pages=pages, source_format=source_format, pages_total=len(pages))


def _at_reading_resolution(grey: np.ndarray, dpi: float) -> tuple[np.ndarray, float]:
    """A page image scanned finer than `_READ_DPI`, reduced to it."""
    if dpi <= _READ_DPI:
        return grey, dpi
    import cv2

    scale = _READ_DPI / dpi
    return cv2.resize(grey, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA), float(_READ_DPI)


def _read_images(images: list[tuple[np.ndarray, float]], max_pages: int | None) -> list[Page]:
    chosen = images[:max_pages] if max_pages else images
    return [read_page(*_at_reading_resolution(grey, dpi), n) for n, (grey, dpi) in enumerate(chosen, 1)]


def load_image(data: bytes, max_pages: int | None = None) -> Document:
    """A PNG, JPEG or TIFF file (every frame of a multi-page TIFF is a page)."""
    return _document(_read_images(_pil_pages(data, ""), max_pages), "image")


def load_image_folder(folder: str | os.PathLike, max_pages: int | None = None) -> Document:
    """A folder of page images, one page per file (a multi-page TIFF gives all its pages)."""
    files = image_files(folder)
    images = [frame for f in files for frame in _pil_pages(f.read_bytes(), f"{f.name} ")]
    return _document(_read_images(images, max_pages), "image")
