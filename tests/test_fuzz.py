"""Fuzzing, bounded for CI: a short run of the fuzz/ harness (mutated generated PDFs, texts,
web pages and Word files) and hypothesis properties of the text path.  Every input must
parse or raise ReportParseError within the time limit.  For a long run, see fuzz/README.md."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

import reportparse
from reportparse.errors import ReportParseError
from fuzz.samples import SEED_SPECS, report_text

CI_MUTATIONS = 200
ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.slow  # fuzz and property runs: minutes, not seconds


_FUZZ_IN_A_FRESH_PROCESS = """
import json, sys
from pathlib import Path
from fuzz.run import run
summary = run(count=int(sys.argv[1]), workers=2, seed=12345, timeout=20, out=Path(sys.argv[2]))
print(json.dumps({"inputs": summary.inputs, "findings": [list(map(str, f)) for f in summary.findings],
                  "parsed": summary.outcomes["parsed"], "report": summary.report()}))
"""


def test_short_fuzz_run(tmp_path):
    # Its workers fork: from a fresh process, not from this one, whose other tests left threads
    # running (Dask, onnxruntime) that a forked child would wait on forever.
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-c", _FUZZ_IN_A_FRESH_PROCESS, str(CI_MUTATIONS), str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    summary = json.loads(done.stdout.splitlines()[-1])
    assert summary["inputs"] == CI_MUTATIONS
    assert not summary["findings"], summary["report"]
    assert summary["parsed"] > 0  # the mutations are not all rejected at the door
    assert time.monotonic() - started < 180


def _parse_text_or_error(text: str):
    try:
        return reportparse.parse_text(text)
    except ReportParseError:
        return None


def _parse_bytes_or_error(data: bytes):
    try:
        return reportparse.parse(data, timeout=20)
    except ReportParseError:
        return None


_SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True)


@_SETTINGS
@given(st.text())
def test_any_text_parses_or_raises(text):
    _parse_text_or_error(text)


@_SETTINGS
@given(st.binary(max_size=4096))
def test_any_bytes_parse_or_raise(data):
    _parse_bytes_or_error(data)


_REPORT_LINES = report_text(SEED_SPECS[0])[0].split("\n")
_NOISE = st.sampled_from(
    [
        "\t",
        "\f",
        "\u3000",
        " ",
        "—",
        "无",
        "１２３",
        "1,234",
        "-",
        "9" * 30,
        "（七）总计",
        "三、收到和处理政府信息公开申请情况",
        "一、总体情况",
        "\x00",
        "\r",
    ]
)


@st.composite
def mutated_report(draw) -> str:
    lines = list(_REPORT_LINES)
    for _ in range(draw(st.integers(1, 12))):
        i = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["delete", "duplicate", "noise", "text", "swap", "digits"]))
        if action == "delete" and len(lines) > 1:
            del lines[i]
        elif action == "duplicate":
            lines.insert(i, lines[draw(st.integers(0, len(lines) - 1))])
        elif action == "noise":
            at = draw(st.integers(0, len(lines[i])))
            lines[i] = lines[i][:at] + draw(_NOISE) + lines[i][at:]
        elif action == "text":
            at = draw(st.integers(0, len(lines[i])))
            lines[i] = lines[i][:at] + draw(st.text(max_size=8)) + lines[i][at:]
        elif action == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        else:
            lines[i] = "".join(
                draw(st.sampled_from(["0", "-1", "", "1.5", "１"])) if ch.isdigit() else ch for ch in lines[i]
            )
    return "\n".join(lines)


@_SETTINGS
@given(mutated_report())
def test_mutated_report_text_parses_or_raises(text):
    report = _parse_text_or_error(text)
    if report is not None:  # what it returns is a valid report, the same every time
        assert report.model_dump_json() == reportparse.parse_text(text).model_dump_json()


@_SETTINGS
@given(mutated_report(), st.sampled_from(["utf-8", "gb18030", "utf-16", "utf-8-sig"]))
def test_mutated_report_bytes_parse_or_raise(text, encoding):
    _parse_bytes_or_error(text.encode(encoding, errors="replace"))
