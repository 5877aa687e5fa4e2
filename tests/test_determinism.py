"""The same input gives byte-identical output: parsed twice, in separate processes with
different hash seeds (so set and dict-of-set ordering cannot leak into the output), from
different folders and under different file names (so no path can), for generated PDFs,
texts, web pages and Word files, and for every document of the committed corpus."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from fuzz.samples import SEED_SPECS, report_docx, report_html, report_pdf, report_text

pytestmark = pytest.mark.slow  # determinism over generated inputs: left out of the quick suite

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus" / "docs"


def _cli(args: list[str], cwd: Path, hashseed: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONHASHSEED": hashseed}
    return subprocess.run(
        [sys.executable, "-m", "reportparse", *args], cwd=cwd, env=env, capture_output=True, timeout=120
    )


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> list[Path]:
    d = tmp_path_factory.mktemp("determinism")
    paths = []
    for i, spec in enumerate(SEED_SPECS):
        report_pdf(d / f"report-{i}.pdf", spec)
        paths.append(d / f"report-{i}.pdf")
    for i, spec in enumerate(SEED_SPECS[:2]):
        (d / f"report-{i}.txt").write_text(report_text(spec)[0], encoding="utf-8")
        (d / f"report-{i}.html").write_text(report_html(spec)[0], encoding="utf-8")
        paths += [d / f"report-{i}.txt", d / f"report-{i}.html"]
    report_docx(d / "report.docx", SEED_SPECS[0])
    paths.append(d / "report.docx")
    return paths


@pytest.mark.parametrize("fmt", ["json", "cells"])
def test_generated_inputs_give_identical_bytes(inputs: list[Path], fmt: str, tmp_path: Path):
    other = tmp_path / "elsewhere"
    other.mkdir()
    for path in inputs:
        copy = other / f"renamed{path.suffix}"
        shutil.copyfile(path, copy)
        first = _cli([str(path), "--format", fmt], cwd=path.parent, hashseed="1")
        second = _cli([copy.name, "--format", fmt], cwd=other, hashseed="2")
        assert first.returncode == 0, first.stderr
        assert first.stdout == second.stdout, path.name
        text = first.stdout.decode("utf-8")
        assert str(path.parent) not in text and path.stem not in text and "renamed" not in text


_BATCH = """
import hashlib, sys
from reportparse.api import parse_to_data
from reportparse.errors import ReportParseError
from reportparse.export.formats import to_cells, to_json
for path in sys.argv[1:]:
    try:
        data = parse_to_data(path)
        out = to_json(data) + "\\n" + to_cells(data)
    except ReportParseError as e:
        out = type(e).__name__ + ": " + e.message
    print(hashlib.sha256(out.encode("utf-8")).hexdigest())
"""


@pytest.mark.slow
def test_every_corpus_document_gives_identical_bytes():
    docs = sorted(p for p in CORPUS.iterdir() if p.suffix in (".pdf", ".docx", ".html", ".txt"))
    assert len(docs) >= 120
    sample = [str(p) for p in docs]
    runs = [
        subprocess.Popen(
            [sys.executable, "-c", _BATCH, *sample],
            env={**os.environ, "PYTHONHASHSEED": seed},
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for seed in ("3", "4")
    ]
    outputs = [run.communicate(timeout=600) for run in runs]
    for run, (_, err) in zip(runs, outputs):
        assert run.returncode == 0, err.decode()
    first, second = (out.decode().split() for out, _ in outputs)
    assert len(first) == len(sample)
    differing = [name for name, a, b in zip(sample, first, second) if a != b]
    assert not differing


def test_output_has_no_timestamp(inputs: list[Path]):
    """Nothing in the output depends on when it was made: two runs a second apart match (above),
    and no field holds today's date."""
    import datetime

    result = _cli([str(inputs[0])], cwd=inputs[0].parent, hashseed="0")
    today = datetime.date.today()
    for form in (today.isoformat(), f"{today.year}年{today.month}月{today.day}日"):
        assert form not in result.stdout.decode("utf-8")
    assert (
        hashlib.sha256(result.stdout).hexdigest()
        == hashlib.sha256(_cli([str(inputs[0])], cwd=inputs[0].parent, hashseed="5").stdout).hexdigest()
    )
