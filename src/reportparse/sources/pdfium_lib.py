"""pdfium's C API, loaded once.

`pypdfium2_raw` is the ctypes binding that pypdfium2 ships (pypdfium2.raw re-exports
it); importing it alone costs a third of `import pypdfium2`, whose helper classes the
engine does not use.  pdfium ignores a second FPDF_InitLibraryWithConfig, so sharing
the library with code that imports pypdfium2 is safe.
"""

from __future__ import annotations

try:
    import pypdfium2_raw as pdfium  # type: ignore[import-untyped]
except ImportError:  # an older pypdfium2 without the separate binding package
    import pypdfium2.raw as pdfium  # type: ignore[import-untyped,no-redef]


def _init() -> None:
    config = pdfium.FPDF_LIBRARY_CONFIG()
    config.version = 2
    config.m_pUserFontPaths = None
    config.m_pIsolate = None
    config.m_v8EmbedderSlot = 0
    pdfium.FPDF_InitLibraryWithConfig(config)


_init()


def text_object_address():
    """FPDFText_GetTextObject returning the object's address as an int, so objects can
    be compared cheaply (a fresh function pointer: the shared binding stays as it is);
    None when the binding does not expose its library."""
    import ctypes

    try:
        function = pdfium.bindings._libs["pdfium"]["FPDFText_GetTextObject"]
    except (AttributeError, KeyError, TypeError):
        return None
    function.argtypes = pdfium.FPDFText_GetTextObject.argtypes
    function.restype = ctypes.c_void_p
    return function


__all__ = ["pdfium", "text_object_address"]
