"""Optional dependencies (extras), imported only on the path that uses them."""

from __future__ import annotations

import importlib
from types import ModuleType

from reportparse.errors import UsageError


class MissingExtraError(UsageError, kind="missing_extra"):
    """An optional part is not installed; the message names the pip command."""


def require(module: str, extra: str) -> ModuleType:
    """Import `module`, or fail in one line naming `pip install 'reportparse[extra]'`."""
    try:
        return importlib.import_module(module)
    except ImportError:
        raise MissingExtraError(f"{module} is needed for this: pip install 'reportparse[{extra}]'") from None
