"""Write docs/cell-ids.md from patterns/tables/ (tests/test_tables.py checks it is current)."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from reportparse.ids import markdown

if __name__ == "__main__":
    (ROOT / "docs" / "cell-ids.md").write_text(markdown(), encoding="utf-8")
