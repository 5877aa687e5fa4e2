"""`reportparse compare` and reportparse.compare() on the generated pairs of corpus/pairs."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import pytest
from conftest import ROOT, read_cells_tsv

import reportparse

PAIRS = ROOT / "corpus" / "pairs"
TRUTH = json.loads((PAIRS / "docs" / "pairs.json").read_text(encoding="utf-8"))["pairs"]
COLUMNS = ["natural_person", "commercial", "research", "social_welfare", "legal_service", "other_org", "total"]


def _num(text: str) -> float | None:
    return float(text) if text else None


@pytest.mark.parametrize("pair", TRUTH, ids=lambda p: p["name"])
def test_cross_year_identity_and_cells(pair, cli):
    later, earlier = (PAIRS / "docs" / f for f in reversed(pair["files"]))
    done = cli("compare", later, earlier)  # given out of order: sorted by year
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert [r["year"] for r in result["reports"]] == pair["years"]
    assert [r["agency"] for r in result["reports"]] == [pair["agency"]] * 2
    (found,) = result["pairs"]
    assert (found["before"], found["after"]) == tuple(str(y) for y in pair["years"])
    checks = {c["id"]: c for c in found["checks"]}
    assert list(checks) == [f"carry_over.{c}" for c in COLUMNS]
    assert sorted(k for k, c in checks.items() if c["status"] == "failed") == sorted(pair["carry_over_failed"])
    assert all(c["status"] == "passed" for k, c in checks.items() if k not in pair["carry_over_failed"])
    before = read_cells_tsv(earlier.with_suffix(".cells.tsv"))
    after = read_cells_tsv(later.with_suffix(".cells.tsv"))
    for column in COLUMNS:
        check = checks[f"carry_over.{column}"]
        assert check["left"] == {
            "cells": [f"{pair['years'][0]}:requests.carried_forward.{column}"],
            "value": int(before[f"requests.carried_forward.{column}"]),
        }
        assert check["right"] == {
            "cells": [f"{pair['years'][1]}:requests.carried_over.{column}"],
            "value": int(after[f"requests.carried_over.{column}"]),
        }
        if check["status"] == "failed":
            assert check["reason"] == f"{check['left']['value']} ≠ {check['right']['value']}"
    # Every cell id printed in both years, with both values and the change.
    assert [c["cell"] for c in found["cells"]] == [c for c in _printed_order() if c in before and c in after]
    for c in found["cells"]:
        b, a = _num(before[c["cell"]]), _num(after[c["cell"]])
        assert (c["before"], c["after"]) == (b, a)
        assert c["change"] == (None if a is None or b is None else pytest.approx(a - b))


def _printed_order() -> list[str]:
    from reportparse.template import cell_labels

    return [c.id for c in cell_labels()]


def test_2019_and_2021_rows_are_mapped_and_the_rest_said_not_comparable():
    pair = next(p for p in TRUTH if p["name"] == "format-2019-2021")
    first, second = (PAIRS / "docs" / f for f in pair["files"])
    result = reportparse.compare([reportparse.parse(second), first])  # a Report and a path
    (found,) = result["pairs"]
    before = read_cells_tsv(first.with_suffix(".cells.tsv"))
    after = read_cells_tsv(second.with_suffix(".cells.tsv"))
    mapped = {tuple(m["before_cells"]): m for m in found["mapped"]}
    for column in COLUMNS:
        m = mapped[(f"requests.other.{column}",)]
        subrows = [f"requests.{r}.{column}" for r in ("other_no_correction", "other_no_fee", "other_other")]
        assert m["after_cells"] == subrows
        assert m["before"] == int(before[f"requests.other.{column}"])
        assert m["after"] == sum(int(after[c]) for c in subrows)
        assert m["change"] == m["after"] - m["before"]
        assert m["note"].startswith("（六）其他处理: one row in the 2019 format, three sub-rows")
    issued = mapped[("active.regulations.made",)]
    assert issued["after_cells"] == ["active.regulations.issued"]
    assert (issued["before"], issued["after"]) == (
        int(before["active.regulations.made"]),
        int(after["active.regulations.issued"]),
    )
    assert len(found["mapped"]) == 9
    nc = {(n["cell"], n["side"]): n for n in found["not_comparable"]}
    assert nc[("active.fees.amount", "after")]["note"].startswith("行政事业性收费 本年收费金额 (2021) has no 2019")
    assert nc[("active.procurement.projects", "before")]["value"] == int(before["active.procurement.projects"])
    assert nc[("active.fees.prev_year", "before")]["note"].startswith("上一年项目数量 and 本年增/减 (2019)")
    # every cell of either year is accounted for exactly once
    in_pairs = {c["cell"] for c in found["cells"]}
    in_mapped = {c for m in found["mapped"] for c in m["before_cells"] + m["after_cells"]}
    assert in_pairs | in_mapped | {c for c, _ in nc} == set(before) | set(after)
    assert not (in_pairs & in_mapped) and not (in_pairs & {c for c, _ in nc})


def test_markdown_and_csv(cli):
    files = [PAIRS / "docs" / f for f in TRUTH[1]["files"]]
    md = cli("compare", *files, "--format", "markdown").stdout.decode("utf-8")
    assert md.startswith("# 示例县市场监督管理局: 2022 → 2023\n")
    assert "| carry_over.natural_person | failed | 10 | 13 | 10 ≠ 13 |" in md
    assert "| carry_over.total | failed | 13 | 16 | 13 ≠ 16 |" in md
    rows = list(csv.DictReader(io.StringIO(cli("compare", *files, "--format", "csv").stdout.decode("utf-8"))))
    check = next(r for r in rows if r["cells"] == "carry_over.total")
    assert check == {
        "before": "2022",
        "after": "2023",
        "kind": "check",
        "cells": "carry_over.total",
        "label": "结转下年度继续办理 (2022) = 上年结转 (2023) (column total)",
        "before_value": "13",
        "after_value": "16",
        "change": "",
        "status": "failed",
        "note": "13 ≠ 16",
    }
    cell = next(r for r in rows if r["cells"] == "requests.carried_over.total")
    assert (cell["label"], cell["before_value"], cell["after_value"], cell["change"]) == (
        "二、上年结转政府信息公开申请数量 · 总计",
        "12",
        "16",
        "4",
    )


def test_batch_records_and_bad_input(cli, tmp_path):
    files = [PAIRS / "docs" / f for f in TRUTH[0]["files"]]
    records = [
        {
            "source": f.name,
            "sha256": "0" * 64,
            "bytes": f.stat().st_size,
            "reportparse_version": "0.1.0",
            "status": "ok",
            "elapsed_s": 0.1,
            "report": json.loads(cli(f).stdout),
        }
        for f in files
    ]
    records.append(
        {
            "source": "broken.pdf",
            "sha256": "1" * 64,
            "bytes": 10,
            "reportparse_version": "0.1.0",
            "status": "error",
            "elapsed_s": 0.0,
            "error": {"exit_code": 3, "kind": "corrupt", "message": "the PDF is corrupt"},
        }
    )
    (tmp_path / "reports.jsonl").write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records[:2]), encoding="utf-8"
    )
    by_folder = json.loads(cli("compare", tmp_path).stdout)
    by_files = json.loads(cli("compare", *files).stdout)
    assert by_folder["pairs"] == by_files["pairs"]
    assert [r["source"] for r in by_folder["reports"]] == [f.name for f in files]
    (tmp_path / "reports.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    done = cli("compare", tmp_path)
    assert (done.returncode, done.stderr) == (2, b"reportparse: error: cannot compare broken.pdf: the PDF is corrupt\n")
    done = cli("compare", files[0])
    assert (done.returncode, done.stderr) == (2, b"reportparse: error: compare needs at least two reports\n")
    done = cli("compare", files[0], tmp_path / "missing.pdf")
    assert (done.returncode, done.stderr.decode()) == (2, f"reportparse: error: no such file: {tmp_path}/missing.pdf\n")


def test_pairs_rebuild_byte_for_byte(tmp_path):
    subprocess.run([sys.executable, "-m", "corpus.pairs.build", str(tmp_path)], cwd=ROOT, check=True, timeout=300)
    built = sorted(p.name for p in tmp_path.iterdir())
    assert built == sorted(p.name for p in (PAIRS / "docs").iterdir())
    for name in built:
        assert (tmp_path / name).read_bytes() == (PAIRS / "docs" / name).read_bytes(), name


def test_three_reports_give_two_pairs_and_years_apart_are_skipped(cli):
    docs = PAIRS / "docs"
    done = cli(
        "compare", docs / "carry-holds-2023.pdf", docs / "format-2019-2021-2020.pdf", docs / "carry-holds-2022.pdf"
    )
    result = json.loads(done.stdout)
    assert [r["year"] for r in result["reports"]] == [2020, 2022, 2023]
    first, second = result["pairs"]
    assert (first["before"], first["after"], second["before"], second["after"]) == ("2020", "2022", "2022", "2023")
    assert {c["status"] for c in first["checks"]} == {"skipped"}
    assert first["checks"][0]["reason"] == "the years 2020 and 2022 do not follow each other"
    assert {c["status"] for c in second["checks"]} == {"passed"}
