"""A batch's records as a Parquet dataset (pyarrow, the `dataset` extra): cells, checks,
problems and reports, one file each, that pandas, polars and DuckDB read as they are.

Rows follow the records sorted by source, so the same records give the same files.  The
records are read one at a time and written in row groups: memory stays bounded however
many reports the batch holds.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from reportparse.errors import UsageError
from reportparse.records import Record

MISSING = "the Parquet dataset needs pyarrow: pip install 'reportparse[dataset]' (or use --no-dataset)"
ROWS_PER_GROUP = 50_000


def require_pyarrow() -> None:
    """Fail before a long run, not after it, when pyarrow is missing (without importing it)."""
    try:
        found = importlib.util.find_spec("pyarrow") is not None
    except ValueError:  # sys.modules["pyarrow"] is None: the import is blocked
        found = False
    if not found:
        raise UsageError(MISSING)


def _schemas() -> dict[str, Any]:
    import pyarrow as pa

    s, i, f = pa.string(), pa.int64(), pa.float64()
    key = [("source", s), ("sha256", s)]
    meta = [("agency", s), ("year", i), ("format_version", s)]
    return {
        "cells": pa.schema(
            key
            + meta
            + [
                ("table", s),
                ("row", s),
                ("column", s),
                ("cell_id", s),
                ("value", f),
                ("raw", s),
                ("page", i),
                ("bbox", pa.list_(f)),
            ]
        ),
        "checks": pa.schema(
            key
            + meta
            + [
                ("check_id", s),
                ("identity", i),
                ("table", s),
                ("status", s),
                ("left_value", f),
                ("right_value", f),
                ("cells", pa.list_(s)),
                ("reason", s),
            ]
        ),
        "problems": pa.schema(
            key + [("kind", s), ("message", s), ("table", s), ("section", i), ("page", i), ("cell", s), ("label", s)]
        ),
        "reports": pa.schema(
            key
            + [
                ("bytes", i),
                ("reportparse_version", s),
                ("status", s),
                ("error_kind", s),
                ("error_exit_code", i),
                ("error_message", s),
                ("elapsed_s", f),
                ("title", s),
            ]
            + meta
            + [
                ("publication_date", s),
                ("source_format", s),
                ("pages", i),
                ("cells", i),
                ("checks_passed", i),
                ("checks_failed", i),
                ("checks_incomplete", i),
                ("checks_skipped", i),
                ("problems", i),
            ]
        ),
    }


def _document_key(rec: Record, report: Record) -> Record:
    """The columns that name a report in every row of the cells and checks tables."""
    meta = report["meta"]
    return {
        "source": rec["source"],
        "sha256": rec["sha256"],
        "agency": meta["agency"],
        "year": meta["year"],
        "format_version": meta["format_version"],
    }


def _cells(rec: Record, report: Record) -> Iterator[Record]:
    key = _document_key(rec, report)
    for table in report["tables"].values():
        for cell_id, cell in table["cells"].items():
            table_name, row, column = cell_id.split(".", 2)
            yield {
                **key,
                "table": table_name,
                "row": row,
                "column": column,
                "cell_id": cell_id,
                **{field: cell[field] for field in ("value", "raw", "page", "bbox")},
            }


def _checks(rec: Record, report: Record) -> Iterator[Record]:
    key = _document_key(rec, report)
    for check in report["checks"]:
        yield {
            **key,
            "check_id": check["id"],
            "identity": check["identity"],
            "table": check["table"],
            "status": check["status"],
            "left_value": check["left"]["value"],
            "right_value": check["right"]["value"],
            "cells": check["cells"],
            "reason": check["reason"],
        }


def _problems(rec: Record, report: Record) -> Iterator[Record]:
    for problem in report["problems"]:
        yield {"source": rec["source"], "sha256": rec["sha256"], **problem}


def _reports(rec: Record, report: Record | None) -> Iterator[Record]:
    error = rec["error"] or {}
    meta = report["meta"] if report else {}
    checks = [c["status"] for c in report["checks"]] if report else []
    yield {
        "source": rec["source"],
        "sha256": rec["sha256"],
        "bytes": rec["bytes"],
        "reportparse_version": rec["reportparse_version"],
        "status": rec["status"],
        "error_kind": error.get("kind"),
        "error_exit_code": error.get("exit_code"),
        "error_message": error.get("message"),
        "elapsed_s": rec["elapsed_s"],
        **{
            k: meta.get(k)
            for k in ("title", "agency", "year", "format_version", "publication_date", "source_format", "pages")
        },
        "cells": sum(len(t["cells"]) for t in report["tables"].values()) if report else None,
        **{f"checks_{s}": checks.count(s) if report else None for s in ("passed", "failed", "incomplete", "skipped")},
        "problems": len(report["problems"]) if report else None,
    }


_ROWS: dict[str, Callable[[Record, Any], Iterator[Record]]] = {
    "cells": _cells,
    "checks": _checks,
    "problems": _problems,
    "reports": _reports,
}


def write_tables(records: Iterable[Record], outdir: Path) -> dict[str, int]:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise UsageError(MISSING) from None
    schemas = _schemas()
    buffers: dict[str, list[Record]] = {name: [] for name in schemas}
    counts = dict.fromkeys(schemas, 0)
    writers = {name: pq.ParquetWriter(outdir / f"{name}.parquet.tmp", schema) for name, schema in schemas.items()}

    def flush(name: str) -> None:
        writers[name].write_table(pa.Table.from_pylist(buffers[name], schema=schemas[name]))
        counts[name] += len(buffers[name])
        buffers[name].clear()

    try:
        for rec in records:
            report = rec["report"]
            for name, rows in _ROWS.items():
                if report is not None or name == "reports":
                    buffers[name].extend(rows(rec, report))
                    if len(buffers[name]) >= ROWS_PER_GROUP:
                        flush(name)
        for name in schemas:
            if buffers[name] or not counts[name]:
                flush(name)
    finally:
        for writer in writers.values():
            writer.close()
    for name in schemas:
        (outdir / f"{name}.parquet.tmp").replace(outdir / f"{name}.parquet")
    return counts
