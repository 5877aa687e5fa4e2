"""The notebooks run under Jupyter from their own folder (notebooks/), top to bottom, as committed."""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from conftest import ROOT

pytestmark = pytest.mark.slow  # running the notebooks: left out of the quick suite

NOTEBOOKS = ROOT / "notebooks"
ALL = sorted(p.name for p in NOTEBOOKS.glob("*.ipynb"))


def _run(name: str) -> list[str]:
    """Execute a copy of the notebook in notebooks/ (a kernel of this checkout: conftest's PYTHONPATH)."""
    nb = nbformat.read(NOTEBOOKS / name, as_version=4)
    NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(NOTEBOOKS)}}).execute()
    texts = []
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            assert out["output_type"] != "error", f"{name}: {out.get('ename')}: {out.get('evalue')}"
            if "image/png" in out.get("data", {}):
                texts.append("<image>")
            texts.append(out.get("text", "") + out.get("data", {}).get("text/plain", ""))
    return texts


def test_the_notebooks_are_the_three_with_saved_outputs():
    assert ALL == ["compare.ipynb", "dataset.ipynb", "quickstart.ipynb"]
    for name in ALL:
        nb = json.loads((NOTEBOOKS / name).read_text(encoding="utf-8"))
        code = [c for c in nb["cells"] if c["cell_type"] == "code"]
        assert code and all(c["outputs"] and c["execution_count"] for c in code), f"{name} is saved without outputs"


def test_quickstart():
    out = _run("quickstart.ipynb")
    assert "agency='玉泉区生态环境局'" in out[0]
    assert out[1] == "(200, 547)"
    requests = out[2]
    assert requests.splitlines()[0].split() == ["自然人", "法人或其他组织", "总计"]
    assert "new_received               一、本年新收政府信息公开申请数量" in requests and " 547" in requests
    identity_1 = out[3]
    assert [line.split()[-1] for line in identity_1.splitlines()[:7]] == ["0"] * 7
    assert "appeals.review         4  failed     8      2  8 ≠ 2" in "\n".join(out)
    # page 3 drawn at 3 pixels a point with a legend band of 30 pixels, shown at half size
    import pypdfium2

    width, height = pypdfium2.PdfDocument(ROOT / "corpus" / "sample" / "sample-report.pdf")[2].get_size()
    size = f"{round(width * 3) // 2}x{(round(height * 3) + 30) // 2}"
    assert out[-2:] == ["<image>", f"<PIL.Image.Image image mode=RGB size={size}>"]


def test_compare():
    out = "\n".join(_run("compare.ipynb"))
    assert "'format_version': '2019'" in out and "'format_version': '2021'" in out
    assert "carry_over.total  passed          15         15" in out
    assert "[('carry_over.natural_person', 'failed', '10 ≠ 13'),\n ('carry_over.total', 'failed', '13 ≠ 16')]" in out
    assert "<image>" in out


@pytest.mark.slow
def test_dataset():
    out = _run("dataset.ipynb")
    documents = json.loads((ROOT / "corpus" / "manifest.json").read_text(encoding="utf-8"))["documents"]
    assert out[0] == str(len(documents))
    assert out[1] == (
        "['cells.parquet',\n 'checks.parquet',\n 'problems.parquet',\n 'reports.jsonl',\n"
        " 'reports.parquet',\n 'summary.json']"
    )
    assert out[2].split() == ["status", "reports", "0", "ok", str(len(documents))]
    assert out.count("<image>") == 3
    shares = next(t for t in out if "share_broken" in t)
    assert shares.splitlines()[0].split() == ["format", "share_broken", "reports"]
