"""Shared fixtures: the ../shared samples (skipped, saying so, when absent) and
report PDFs built by the project's own generator (corpus/generator)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

# The six section headings as the template prints them, written here independently of patterns/.
SECTION_HEADINGS = [
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
]

ROOT = Path(__file__).resolve().parents[1]
# The command-line tests start `python -m reportparse` in a fresh process: it must run
# this checkout's src/, not whatever copy of reportparse is installed.
os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT / "src"), os.environ.get("PYTHONPATH")]))
SHARED = ROOT.parent / "shared"


def read_cells_tsv(path: Path) -> dict[str, str]:
    cells = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            key, value = line.split("\t", 1)
            cells[key] = value
    return cells


@pytest.fixture
def shared() -> Path:
    if not (SHARED / "real").is_dir():
        pytest.skip(f"the shared samples are not here ({SHARED}/real is absent)")
    return SHARED


@pytest.fixture
def cli():
    """Run the command line as a user would: a fresh process, bytes out."""
    import subprocess

    def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "reportparse", *map(str, args)], input=stdin, capture_output=True, timeout=120
        )

    return run


CAP_MB = 500


@pytest.fixture
def capped_cli():
    """The command line in a fresh process under RLIMIT_AS = 500 MB, as a scraper's harness runs
    it: an input that outgrew the promise would crash it or say so, not pass."""
    import resource
    import subprocess

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (CAP_MB * 2**20, CAP_MB * 2**20))

    def run(*args: str, stdin=None, timeout: float = 180) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "reportparse", *map(str, args)],
            stdin=stdin,
            capture_output=True,
            timeout=timeout,
            preexec_fn=limit,
        )

    return run
