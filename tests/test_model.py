"""The plain records the pipeline builds are exactly what the pydantic Report declares."""

import subprocess
import sys

import pytest

from corpus.generator import ReportSpec, build_pdf
from reportparse.api import parse_to_data
from reportparse.model import Report


def _round_trips(data: dict) -> None:
    assert Report.model_validate(data).model_dump(mode="json") == data


def test_generated_reports_round_trip(tmp_path):
    for i, spec in enumerate(
        [ReportSpec(seed=31), ReportSpec(seed=32, format="2019", rules="none", break_identities=["appeals.review"])]
    ):
        path = tmp_path / f"r{i}.pdf"
        build_pdf(spec, str(path))
        _round_trips(parse_to_data(path))


@pytest.mark.parametrize("name", ["hzq2023.pdf", "longgang2023.txt", "hangzhou-style-2025.html"])
def test_real_samples_round_trip(shared, name):
    _round_trips(parse_to_data(shared / "real" / name))


def test_extra_fields_are_refused():
    data = parse_to_data("一、总体情况\n\n很好。\n".encode())
    data["meta"]["surprise"] = 1
    with pytest.raises(Exception, match="surprise"):
        Report.model_validate(data)


def test_command_line_never_imports_pydantic_or_jieba(shared):
    # --debug: the same parse in this process (not the supervised child), so its imports show here.
    code = (
        "import sys\nfrom reportparse.cli import main\n"
        f"main([{str(shared / 'real' / 'hzq2023.pdf')!r}, '--format', 'cells', '--debug'])\n"
        "print(sorted(m for m in ('pydantic', 'jieba', 'lxml', 'docx') if m in sys.modules), file=sys.stderr)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stderr.strip() == "[]"
    assert done.stdout.count("\n") == 186


def test_problem_kinds_are_the_ones_the_readme_lists():
    """Problem.kind accepts only the kinds the parser reports, each listed in the README."""
    import re
    from pathlib import Path
    from typing import get_args

    from pydantic import ValidationError

    from reportparse.model import Problem
    from reportparse.records import ProblemKind

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    section = readme.split("### Problems", 1)[1].split("\n## ", 1)[0]
    assert re.findall(r"^\| `([a-z_]+)` \|", section, re.M) == list(get_args(ProblemKind))
    assert Problem(kind="merged_value", message="m").kind == "merged_value"
    with pytest.raises(ValidationError):
        Problem(kind="not_a_kind", message="m")  # type: ignore[arg-type]
