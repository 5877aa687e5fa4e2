"""The committed regression corpus (corpus/docs, corpus/manifest.json) and its baseline
scoreboard (corpus/scoreboard.json).

* Every document that was fully right in the baseline must still be fully right: the
  failure lists the document and its cells.  (Improving the parser?  Refresh the
  baseline: `reportparse corpus score corpus/docs --json corpus/scoreboard.json`.)
* The manifest carries every axis value in at least 3 documents, every document has
  its truth beside it, each PDF stays small.
* The documents written by pure-Python producers (reportlab, .docx, .html) regenerate
  byte for byte from `corpus.cases` (`python -m corpus.build --check` checks all of
  them, LibreOffice and Chromium included, where those are installed).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from reportparse.corpus import score as scoring

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
DOCS = CORPUS / "docs"
MANIFEST = CORPUS / "manifest.json"
BASELINE = CORPUS / "scoreboard.json"


@pytest.fixture(scope="module")
def manifest() -> dict:
    return json.loads(MANIFEST.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def board() -> dict:
    return scoring.score([DOCS], jobs=min(2, os.cpu_count() or 1))


@pytest.mark.slow
def test_no_document_fully_right_in_the_baseline_regresses(board):
    baseline = json.loads(BASELINE.read_text(encoding="utf-8"))
    bad = scoring.regressions(baseline, board)
    assert not bad, "documents fully right in corpus/scoreboard.json are not any more:\n" + "\n".join(bad)


@pytest.mark.slow
def test_every_document_is_scored(board, manifest):
    scored = {r["name"] for r in board["documents"]}
    assert scored == set(manifest["documents"])
    assert board["totals"]["errors"] == 0, [r["error"] for r in board["documents"] if r["error"]]


def test_manifest_covers_every_axis_value_three_times(manifest):
    assert len(manifest["documents"]) >= 120
    counts: dict[tuple[str, str], int] = {}
    for entry in manifest["documents"].values():
        for axis, values in entry["axes"].items():
            for v in values:
                counts[axis, v] = counts.get((axis, v), 0) + 1
    assert {k: n for k, n in counts.items() if n < 3} == {}
    assert {k: n for k, n in counts.items()} == {
        (a, v): n for a, vs in manifest["coverage"].items() for v, n in vs.items()
    }
    assert len(manifest["coverage"]["producer"]) >= 3


def test_documents_have_their_truth_and_stay_small(manifest):
    total = 0
    for name, entry in manifest["documents"].items():
        doc = DOCS / entry["file"]
        assert doc.is_file(), doc
        assert (DOCS / f"{name}.cells.tsv").is_file() and (DOCS / f"{name}.truth.json").is_file(), name
        if doc.suffix == ".pdf":
            assert doc.stat().st_size < 110_000, (name, doc.stat().st_size)
    for f in DOCS.iterdir():
        total += f.stat().st_size
    assert total < 25_000_000


def test_the_truth_identities_agree_with_the_scorers_own_computation(manifest):
    """The generator's failing identities (truth.json) equal those the scorer computes
    from the truth cells: two independent implementations of the spec's rules."""
    for name in manifest["documents"]:
        cells = scoring.read_cells(DOCS / f"{name}.cells.tsv")
        truth = json.loads((DOCS / f"{name}.truth.json").read_text(encoding="utf-8"))
        unknown = {c for p in truth.get("expected_problems", []) for c in p["cells"]}
        failing, incomplete = scoring.expected_identities(cells, unknown)
        assert (failing, incomplete) == (truth["failing_identities"], truth["incomplete_identities"]), name


def _pure_python(manifest) -> list[str]:
    from corpus.generator.fonts import WQY_ZENHEI

    wanted = {"reportlab-cid", "docx", "html"} | ({"reportlab-ttf"} if os.path.exists(WQY_ZENHEI) else set())
    return [n for n, e in manifest["documents"].items() if e["producer"] in wanted]


@pytest.mark.slow
def test_pure_python_documents_regenerate_byte_for_byte(manifest, tmp_path):

    from corpus.cases import corpus_specs
    from corpus.generator import build_document, extension

    specs = dict(corpus_specs())
    assert set(specs) == set(manifest["documents"]), "corpus.cases and the committed manifest disagree"
    names = _pure_python(manifest)
    assert names
    for name in names:
        spec = specs[name]
        path = tmp_path / (name + extension(spec))
        truth = build_document(spec, str(path))
        truth.write(str(tmp_path), name)
        assert path.read_bytes() == (DOCS / path.name).read_bytes(), f"{path.name} regenerates differently"
        for suffix in (".cells.tsv", ".truth.json"):
            assert (tmp_path / (name + suffix)).read_bytes() == (DOCS / (name + suffix)).read_bytes(), name + suffix


def test_scoring_the_real_samples(shared, tmp_path, capsys):
    from reportparse.corpus.cli import main

    out = tmp_path / "board.json"
    md = tmp_path / "board.md"
    assert main(["score", str(shared / "real"), "--json", str(out), "--markdown", str(md)]) == 0
    text = capsys.readouterr().out
    board = json.loads(out.read_text(encoding="utf-8"))
    got = {r["file"]: (r["cells_right"], r["cells_total"], r["ok"]) for r in board["documents"]}
    assert got == {
        "hzq2023.pdf": (186, 186, True),
        "longgang2023.txt": (59, 59, True),
        "hangzhou-style-2025.html": (200, 200, True),
        "ptjjf2020.txt": (198, 198, True),
        "ptscj2023.html": (197, 197, True),
        "pingtan2019-noborder.pdf": (198, 198, True),
        "pingtan2019-lo.pdf": (198, 198, True),
        # 693665 splits ten ways and table 二 has no identity: the spec wants those three
        # cells null with a problem, the hand-written truth has the page's 69 | 3 | 665
        "pingtan2021.txt": (197, 200, False),
    }
    pingtan = next(r for r in board["documents"] if r["file"] == "pingtan2021.txt")
    assert pingtan["wrong"] == {
        "active.normative_documents.in_force": ["", "665"],
        "active.normative_documents.issued": ["", "69"],
        "active.normative_documents.repealed": ["", "3"],
    }
    assert not pingtan["missing"] and not pingtan["extra"] and pingtan["error"] is None
    assert pingtan["problems"] == ["digits_run_together:active:693665"]
    # identity findings as printed: hzq2023's two broken appeal totals, nothing on the others
    assert all(r["identities"]["match"] for r in board["documents"])
    assert {r["file"]: r["identities"]["found"] for r in board["documents"] if r["identities"]["found"]} == {
        "hzq2023.pdf": ["appeals.lawsuit_after_review", "appeals.review"]
    }
    hzq = next(r for r in board["documents"] if r["file"] == "hzq2023.pdf")
    # no truth.json there: the expected identities come from the truth cells themselves
    assert hzq["identities"]["expected"] == ["appeals.lawsuit_after_review", "appeals.review"]
    assert hzq["identities"]["match"]
    assert any(line.split()[:3] == ["hzq2023.pdf", "186/186", "ok"] for line in text.splitlines())
    assert md.read_text(encoding="utf-8").startswith("# Corpus scoreboard")


def test_the_gate_names_a_regressed_document_and_its_cells(shared, tmp_path, capsys):
    from reportparse.corpus.cli import main

    good = tmp_path / "good.json"
    assert main(["score", str(shared / "real"), "--json", str(good), "--quiet"]) == 0
    # a copy of a real sample whose truth now disagrees with one printed cell
    real = tmp_path / "real"
    truth = tmp_path / "truth"
    real.mkdir()
    truth.mkdir()
    (real / "longgang2023.txt").write_bytes((shared / "real" / "longgang2023.txt").read_bytes())
    cells = (shared / "truth" / "longgang2023.cells.tsv").read_text(encoding="utf-8").splitlines()
    key, value = cells[0].split("\t")
    cells[0] = f"{key}\t{int(value or 0) + 1}"
    (truth / "longgang2023.cells.tsv").write_text("\n".join(cells) + "\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["score", str(real), "--baseline", str(good), "--quiet"]) == 1
    text = capsys.readouterr().out
    assert "REGRESSIONS" in text and f"longgang2023: was fully right, now 58/59 cells; wrong {key}" in text


def test_the_scorer_is_not_loaded_on_the_normal_path(shared):
    import subprocess
    import sys

    # --debug: the same parse in this process (not the supervised child), so its imports show here.
    code = (
        "import sys\n"
        "from reportparse.cli import main\n"
        f"main([{str(shared / 'real' / 'longgang2023.txt')!r}, '--format', 'cells', '--debug'])\n"
        "print(sorted(m for m in sys.modules if m.startswith('reportparse.corpus') or m == 'corpus'),"
        " file=sys.stderr)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("active.") or done.stdout.startswith("requests.")
    assert done.stderr.strip().splitlines()[-1] == "[]"
