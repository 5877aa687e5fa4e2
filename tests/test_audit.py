"""`reportparse audit`: every failed or incomplete check and every problem, per report."""

from __future__ import annotations

import csv
import io
import json

from conftest import ROOT

DOCS = ROOT / "corpus" / "docs"


def _batch(cli, folder, files):
    """A batch folder as `reportparse batch` writes it: reports.jsonl, one record per input."""
    lines = []
    for f in files:
        done = cli(f)
        record = {
            "source": f.name,
            "sha256": "0" * 64,
            "bytes": f.stat().st_size,
            "reportparse_version": "0.1.0",
            "elapsed_s": 0.5,
        }
        if done.returncode == 0:
            record |= {"status": "ok", "report": json.loads(done.stdout)}
        else:
            message = done.stderr.decode().removeprefix("reportparse: error: ").strip()
            record |= {
                "status": "error",
                "error": {"exit_code": done.returncode, "kind": "corrupt", "message": message},
            }
        lines.append(json.dumps(record, ensure_ascii=False) + "\n")
    (folder / "reports.jsonl").write_text("".join(lines), encoding="utf-8")


def test_audit_of_a_batch_folder(cli, tmp_path):
    broken = tmp_path / "broken.pdf"
    broken.write_bytes((DOCS / "plain-cid-101.pdf").read_bytes()[:3000])
    _batch(cli, tmp_path, [DOCS / "plain-cid-101.pdf", DOCS / "broken-many-ttf-262.pdf", broken])
    done = cli("audit", tmp_path)
    assert done.returncode == 0, done.stderr
    rows = list(csv.DictReader(io.StringIO(done.stdout.decode("utf-8"))))
    truth = json.loads((DOCS / "broken-many-ttf-262.truth.json").read_text(encoding="utf-8"))
    checks = [r for r in rows if r["source"] == "broken-many-ttf-262.pdf"]
    assert sorted(r["id"] for r in checks) == sorted(truth["failing_identities"])
    review = next(r for r in checks if r["id"] == "appeals.review")
    assert review == {
        "source": "broken-many-ttf-262.pdf",
        "agency": "清河区生态环境局",
        "year": "2020",
        "kind": "check",
        "id": "appeals.review",
        "status": "failed",
        "left_cells": "appeals.review.total",
        "left_value": "13",
        "right_cells": "appeals.review.upheld appeals.review.corrected appeals.review.other appeals.review.pending",
        "right_value": "4",
        "cells": "appeals.review.total appeals.review.upheld appeals.review.corrected "
        "appeals.review.other appeals.review.pending",
        "page": "",
        "message": "总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结 (review): 13 ≠ 4",
    }
    assert not [r for r in rows if r["source"] == "plain-cid-101.pdf"]  # a clean report: no line
    (error,) = [r for r in rows if r["source"] == "broken.pdf"]
    assert (error["kind"], error["id"], error["status"]) == ("error", "corrupt", "exit 3")
    assert error["message"].startswith("the PDF is truncated")
    md = cli("audit", tmp_path / "reports.jsonl", "--format", "markdown").stdout.decode("utf-8")
    assert md.startswith("# Audit\n\n3 reports: 2 with findings, 1 unreadable, 1 clean.\n")
    assert "## 清河区生态环境局 2020 (`broken-many-ttf-262.pdf`)" in md
    assert (
        "| appeals.review | failed | 13 | 4 | appeals.review.total | 总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结 (review): 13 ≠ 4 |"
        in md
    )
    assert "## `broken.pdf`\n\nUnreadable (corrupt, exit 3): the PDF is truncated" in md


def test_audit_of_files_lists_problems_with_pages(cli, shared, tmp_path):
    out = tmp_path / "audit.csv"
    done = cli("audit", shared / "real" / "hzq2023.pdf", shared / "real" / "ptscj2023.html", "-o", out)
    assert (done.returncode, done.stdout) == (0, b"")
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    hzq = [
        (r["id"], r["status"], r["left_value"], r["right_value"]) for r in rows if r["source"].endswith("hzq2023.pdf")
    ]
    assert hzq == [("appeals.review", "failed", "0", "11"), ("appeals.lawsuit_after_review", "failed", "0", "5")]
    problems = [r for r in rows if r["kind"] == "problem"]
    assert problems and all(r["source"].endswith("ptscj2023.html") and r["message"] for r in problems)


def test_audit_bad_input(cli, tmp_path):
    done = cli("audit", tmp_path)
    assert done.returncode == 2
    assert (
        done.stderr.decode()
        == f"reportparse: error: {tmp_path} is a folder without reports.jsonl: not a batch's output\n"
    )
    (tmp_path / "reports.jsonl").write_text("{not json\n", encoding="utf-8")
    done = cli("audit", tmp_path / "reports.jsonl")
    assert (done.returncode, done.stderr.decode()) == (
        2,
        f"reportparse: error: {tmp_path}/reports.jsonl: line 1 is not a JSON record\n",
    )
