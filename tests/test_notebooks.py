"""The notebooks run as written, top to bottom, from the repository root."""
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("notebook", sorted((ROOT / "notebooks").glob("*.ipynb")), ids=lambda p: p.name)
def test_notebook_runs(notebook, monkeypatch, capsys):
    monkeypatch.chdir(ROOT)
    scope: dict = {}
    for cell in json.loads(notebook.read_text(encoding="utf-8"))["cells"]:
        if cell["cell_type"] == "code":
            exec(compile("".join(cell["source"]), f"{notebook.name}", "exec"), scope)
    out = capsys.readouterr().out
    assert "appeals.review" in out and "new_received" in out
    assert scope["report"].meta.agency and len(scope["cells"]) == 200
