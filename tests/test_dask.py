"""`--executor dask` on real Dask clusters: a LocalCluster the command starts itself, and an
existing cluster reached with `--scheduler` — the same records as the local executor
(after sorting by source; `elapsed_s` aside), written by the client into OUTDIR."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.batch_inputs import CORPUS, CORPUS_SUBSET, HOSTILE_FILES
from tests.test_bad_inputs import CATALOGUE
from tests.test_batch import batch, records, summary

pytestmark = pytest.mark.slow  # Dask clusters: left out of the quick suite

pytest.importorskip("distributed", reason="Dask is the `dask` extra")


def comparable(out: Path) -> list[dict]:
    return sorted(({k: v for k, v in r.items() if k != "elapsed_s"} for r in records(out)), key=lambda r: r["source"])


@pytest.fixture(scope="module")
def docs(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("dask") / "docs"
    folder.mkdir()
    scratch = tmp_path_factory.mktemp("dask")
    for name in CORPUS_SUBSET[:3]:
        shutil.copyfile(CORPUS / name, folder / name)
    shutil.copyfile(CORPUS / CORPUS_SUBSET[0], folder / "same-as-first.pdf")
    for case in ("truncated_at_half", "text_pdf_not_a_report"):
        shutil.copyfile(CATALOGUE[case].build(scratch), folder / HOSTILE_FILES[case][0])
    (folder / "dangling.pdf").symlink_to("gone.pdf")
    return folder


@pytest.fixture(scope="module")
def local(docs, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("dask") / "local"
    result = batch(docs, "-o", out, "--jobs", "2", "--quiet")
    assert result.returncode == 0, result.stderr
    return out


def test_a_local_cluster_gives_the_same_records(docs, local, tmp_path):
    out = tmp_path / "out"
    result = batch(docs, "-o", out, "--executor", "dask", "--jobs", "2", "--quiet")
    assert result.returncode == 0, result.stderr
    assert comparable(out) == comparable(local)
    assert {r["error"]["kind"] for r in records(out) if r["error"]} == {"corrupt", "not_a_report", "not_found"}
    s = summary(out)
    assert (s["run"]["parsed"], s["run"]["copied"], s["run"]["unreadable"]) == (5, 1, 1)
    for name in ("cells", "checks", "problems", "reports"):  # the same dataset too
        assert (out / f"{name}.parquet").read_bytes() != b""
    import duckdb

    assert (
        duckdb.sql(f"select count(*) from '{out}/cells.parquet'").fetchall()
        == duckdb.sql(f"select count(*) from '{local}/cells.parquet'").fetchall()
    )


def test_an_existing_cluster_by_its_scheduler_address(docs, local, tmp_path):
    from distributed import LocalCluster

    with LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        out = tmp_path / "out"
        result = batch(docs, "-o", out, "--scheduler", cluster.scheduler_address, "--no-dataset", "--quiet")
        assert result.returncode == 0, result.stderr
    assert comparable(out) == comparable(local)


def test_an_unreachable_scheduler_is_a_usage_error(docs, tmp_path):
    result = batch(
        docs, "-o", tmp_path / "out", "--scheduler", "tcp://127.0.0.1:9", "--no-dataset", "--quiet", timeout=120
    )
    assert result.returncode == 2
    assert result.stderr.decode().startswith("reportparse: error: cannot reach the Dask scheduler tcp://127.0.0.1:9")
