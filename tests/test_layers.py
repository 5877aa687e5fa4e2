"""Imports follow the data path: sources → layout → recognize → tables → checks → model → export.

The layout is the seam every stage shares, so each stage may import it and the
foundation modules (errors, limits, vocabulary, values, records, normalize); beyond
that a stage imports only the stages before it.  One allowance: a source decides
where a table ends, so it may ask recognize's text rules (headings, page furniture).
The layers above the parse (api, cli, runner, corpus scorer) may import anything.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "reportparse"

FOUNDATION = {
    "errors",
    "limits",
    "normalize",
    "pattern_fields",
    "vocabulary",
    "values",
    "records",
    "identities",
    "template",
    "printed",
    "extras",
}
# modules outside the stage folders that belong to a stage
STAGE_OF = {"doubts": "checks", "frames": "model"}
# stage → the stages (besides itself, the layout and the foundation) it may import
ALLOWED = {
    "layout": set(),
    "sources": {"recognize.headings", "recognize.furniture"},
    "recognize": set(),
    "tables": {"recognize"},
    "checks": {"tables"},
    "pipeline": {"sources", "recognize", "tables", "checks", "doubts"},
    "model": set(),
    "export": {"model"},
}


def _stage(module: str) -> str | None:
    """'tables.base' → 'tables'; a module of the foundation → None; above the parse → 'top'."""
    head = module.split(".")[0]
    head = STAGE_OF.get(head, head)
    if head in FOUNDATION:
        return None
    return head if head in ALLOWED else "top"


def _imports(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("reportparse."):
            found.append((node.lineno, node.module.removeprefix("reportparse.")))
        elif isinstance(node, ast.ImportFrom) and node.module == "reportparse":
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.Import):
            found += [
                (node.lineno, a.name.removeprefix("reportparse."))
                for a in node.names
                if a.name.startswith("reportparse.")
            ]
    return found


def _allowed(stage: str, target: str) -> bool:
    target_stage = _stage(target)
    if target_stage is None or target_stage in (stage, "layout"):
        return True
    return any(target == a or target.startswith(a + ".") for a in ALLOWED[stage])


def test_no_import_goes_backwards_against_the_data_path():
    wrong = []
    for path in sorted(PACKAGE.rglob("*.py")):
        module = ".".join(path.relative_to(PACKAGE).with_suffix("").parts)
        stage = _stage(module)
        if stage in (None, "top"):
            if stage is None:  # the foundation imports nothing of the stages
                wrong += [f"{module}:{line} imports {t}" for line, t in _imports(path) if _stage(t) is not None]
            continue
        wrong += [f"{module}:{line} imports {t}" for line, t in _imports(path) if not _allowed(stage, t)]
    assert wrong == []


def test_the_rule_catches_a_backward_import():
    assert not _allowed("layout", "tables.values")
    assert not _allowed("model", "export.formats")
    assert not _allowed("model", "tables.base")
    assert not _allowed("sources", "tables.base")
    assert _allowed("tables", "recognize.labels")
    assert _allowed("export", "model")
