"""pdfium's C API, loaded once.

`pypdfium2_raw` is the ctypes binding that pypdfium2 ships (pypdfium2.raw re-exports
it); importing it alone costs a third of `import pypdfium2`, whose helper classes the
engine does not use.  pdfium ignores a second FPDF_InitLibraryWithConfig, so sharing
the library with code that imports pypdfium2 is safe.
"""

from __future__ import annotations

import ctypes
from collections.abc import Callable
from typing import Any

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
_SAME = object()


def direct(name: str, restype: Any = _SAME) -> Callable[..., Any]:
    """A pdfium function for calls made once per character or path segment: a fresh
    function pointer without argument types, which ctypes calls in less than half the
    time of the checked binding (the shared binding stays as it is).  Arguments must be
    passed as C expects them: handles, `ctypes.byref` for out-parameters, and Python
    ints only where C takes an int (ctypes passes them as one).
    `restype` replaces the binding's result type (c_void_p: an address, as an int)."""
    binding = getattr(pdfium, name)
    try:
        function = pdfium.bindings._libs["pdfium"][name]
    except (AttributeError, KeyError, TypeError):  # a binding that does not expose its library
        if restype is _SAME:
            return binding
        return lambda *args: ctypes.cast(binding(*args), restype).value
    function.restype = binding.restype if restype is _SAME else restype
    return function


__all__ = ["direct", "pdfium"]
