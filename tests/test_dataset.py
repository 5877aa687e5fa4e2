"""The batch's Parquet dataset, read by DuckDB as a user would: every cell, check, problem and
report of reports.jsonl, one row each; `--no-dataset`; a clear line when pyarrow is missing."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from tests.batch_inputs import CORPUS, CORPUS_SUBSET, HOSTILE_FILES
from tests.test_bad_inputs import CATALOGUE
from tests.test_batch import batch, records


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("dataset")
    docs = root / "docs"
    docs.mkdir()
    for name in CORPUS_SUBSET + ["broken-appeals-cid-245.pdf", "missing-2-docx-271.docx"]:  # failed checks, problems
        shutil.copyfile(CORPUS / name, docs / name)
    CATALOGUE["truncated_at_half"].build(docs)
    result = batch(docs, "-o", root / "out", "--quiet")
    assert result.returncode == 0, result.stderr
    return root / "out"


def query(sql: str) -> list[tuple]:
    return duckdb.sql(sql).fetchall()


def test_duckdb_counts_every_cell_of_the_records(out):
    recs = records(out)
    cells = [
        (r["source"], cid, cell)
        for r in recs
        if r["report"]
        for table in r["report"]["tables"].values()
        for cid, cell in table["cells"].items()
    ]
    assert cells
    assert query(f"select count(*) from '{out}/cells.parquet'") == [(len(cells),)]
    rows = query(
        f'select source, cell_id, value, raw, page, bbox, "table", row, "column", agency, year '
        f"from '{out}/cells.parquet'"
    )
    by_source = {r["source"]: r["report"] for r in recs if r["report"]}
    expected = sorted(
        (
            s,
            cid,
            None if c["value"] is None else float(c["value"]),
            c["raw"],
            c["page"],
            c["bbox"],
            *cid.split("."),
            by_source[s]["meta"]["agency"],
            by_source[s]["meta"]["year"],
        )
        for s, cid, c in cells
    )
    assert sorted(rows, key=lambda r: (r[0], r[1])) == expected


def test_checks_problems_and_reports_hold_one_row_each(out):
    recs = records(out)
    ok = [r for r in recs if r["report"]]
    assert query(f"select count(*) from '{out}/checks.parquet'") == [(sum(len(r["report"]["checks"]) for r in ok),)]
    assert query(f"select count(*) from '{out}/problems.parquet'") == [(sum(len(r["report"]["problems"]) for r in ok),)]
    failed = query(
        f"select source, check_id, left_value, right_value from '{out}/checks.parquet' "
        "where status = 'failed' order by source, check_id"
    )
    assert failed and query(f"select count(*) from '{out}/problems.parquet'")[0][0] > 0
    assert failed == sorted(
        (r["source"], c["id"], c["left"]["value"], c["right"]["value"])
        for r in ok
        for c in r["report"]["checks"]
        if c["status"] == "failed"
    )
    reports = query(
        f"select source, status, error_kind, cells, checks_failed, pages from '{out}/reports.parquet' order by source"
    )
    assert reports == sorted(
        (
            r["source"],
            r["status"],
            r["error"] and r["error"]["kind"],
            r["report"] and sum(len(t["cells"]) for t in r["report"]["tables"].values()),
            r["report"] and sum(c["status"] == "failed" for c in r["report"]["checks"]),
            r["report"] and r["report"]["meta"]["pages"],
        )
        for r in recs
    )
    assert ("error", HOSTILE_FILES["truncated_at_half"][1]) in {(s, k) for _, s, k, *_ in reports}


def test_the_readme_query_requests_received_per_year_and_format(out):
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    sql = readme.split('duckdb -c "', 1)[1].split('"', 1)[0]
    assert "from 'out/cells.parquet'" in sql
    rows = query(sql.replace("'out/cells.parquet'", f"'{out}/cells.parquet'"))
    expected: dict[tuple, list] = {}
    for r in records(out):
        if r["report"] and "requests.new_received.total" in r["report"]["tables"]["requests"]["cells"]:
            meta = r["report"]["meta"]
            got = expected.setdefault((meta["year"], meta["format_version"]), [0, 0])
            got[0] += 1
            got[1] += r["report"]["tables"]["requests"]["cells"]["requests.new_received.total"]["value"] or 0
    assert rows == [(y, f, n, float(v)) for (y, f), (n, v) in sorted(expected.items())]


def test_no_dataset_writes_the_records_alone(tmp_path):
    result = batch(CORPUS / CORPUS_SUBSET[0], "-o", tmp_path / "out", "--no-dataset", "--quiet")
    assert result.returncode == 0
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["reports.jsonl", "summary.json"]


def test_without_pyarrow_one_line_names_the_extra_before_any_work(tmp_path):
    code = (
        "import sys; sys.modules['pyarrow'] = None; from reportparse.cli import main; "
        f"sys.exit(main(['batch', {str(CORPUS / CORPUS_SUBSET[0])!r}, '-o', {str(tmp_path / 'out')!r}]))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=60, check=False)
    assert (result.returncode, result.stderr.decode()) == (
        2,
        (
            "reportparse: error: the Parquet dataset needs pyarrow: pip install 'reportparse[dataset]' "
            "(or use --no-dataset)\n"
        ),
    )
    assert not (tmp_path / "out").exists()


def test_the_same_records_give_the_same_files(out, tmp_path):
    from reportparse.export.dataset import write_tables
    from reportparse.runner.records import sorted_records

    shutil.copyfile(out / "reports.jsonl", tmp_path / "reports.jsonl")
    counts = write_tables(sorted_records(tmp_path / "reports.jsonl"), tmp_path)
    assert counts["reports"] == len(records(out))
    for name in ("cells", "checks", "problems", "reports"):
        assert (tmp_path / f"{name}.parquet").read_bytes() == (out / f"{name}.parquet").read_bytes(), name
    json.loads((out / "summary.json").read_text())
