"""The corpus scorer: parse every document that has a truth beside it, compare.

A *document* is a file NAME.pdf / .docx / .doc / .html / .htm / .txt in a scored
directory with a truth listing NAME.cells.tsv (the spec's `cell_id<TAB>value`
format) either beside it or in a sibling `truth/` directory (`shared/real` keeps its
truths in `shared/truth`).  NAME.truth.json beside it, when present (the corpus
generator writes one), gives the failing and incomplete identities; otherwise they
are computed from the truth cells with the spec's rules (`expected_identities`), so
the real samples are scored on identities too.  A `manifest.json` in the directory
or its parent (`corpus/manifest.json` for `corpus/docs`) gives each document's axis
values, for the per-axis scoreboard.

Per document: cells right / total (numerically equal, as `shared/tools/score-cells`),
wrong, missing and extra cells, the failed identity ids against the expected ones,
the problems reported, parse milliseconds per page.  A document is *fully right*
when every truth cell is right, no cell is extra, the failed identities match and
the parse raised nothing.  A cell no parser can read for sure (a non-zero value
printed once for several rows, digits run together that split several ways) is
null in the truth, and truth.json lists it under `expected_problems` ({kind, cell,
cells}): the document is then fully right only when the parser reports exactly those
problems (kinds `merged_value`, `digits_run_together`), naming the cells — a guessed
value is wrong, and so is an unsure cell the truth does not expect.
"""

from __future__ import annotations

import json
import os
import statistics
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reportparse.corpus.truth import expected_identities, read_cells, same_value

DOCUMENT_SUFFIXES = (".pdf", ".docx", ".doc", ".html", ".htm", ".txt")
MAX_LISTED_CELLS = 12

Board = dict[str, Any]


@dataclass
class Document:
    name: str
    path: Path
    truth_cells: Path
    truth_json: Path | None
    axes: dict[str, list[str]] | None


# ------------------------------------------------------------------ finding documents


def _manifest_axes(directory: Path) -> dict[str, dict[str, list[str]]]:
    for candidate in (directory / "manifest.json", directory.parent / "manifest.json"):
        if candidate.is_file():
            try:
                data = json.loads(candidate.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                continue
            docs = data.get("documents") if isinstance(data, dict) else None
            if isinstance(docs, dict):
                return {name: entry.get("axes") or {} for name, entry in docs.items() if isinstance(entry, dict)}
    return {}


def find_documents(directory: str | os.PathLike) -> list[Document]:
    """The documents of `directory` that have a truth, sorted by file name."""
    directory = Path(directory)
    if not directory.is_dir():
        raise FileNotFoundError(f"not a directory: {directory}")
    axes = _manifest_axes(directory)
    found = []
    for path in sorted(directory.iterdir()):
        if not path.is_file() or path.suffix.lower() not in DOCUMENT_SUFFIXES:
            continue
        name = path.stem
        for truth_dir in (directory, directory.parent / "truth"):
            cells = truth_dir / f"{name}.cells.tsv"
            if cells.is_file():
                js = truth_dir / f"{name}.truth.json"
                found.append(Document(name, path, cells, js if js.is_file() else None, axes.get(name)))
                break
    return found


# ------------------------------------------------------------------ truth


def _truth_identities(doc: Document, cells: dict[str, str]) -> tuple[list[str], list[str], str]:
    if doc.truth_json is not None:
        try:
            data = json.loads(doc.truth_json.read_text(encoding="utf-8"))
            return (sorted(data["failing_identities"]), sorted(data.get("incomplete_identities", [])), "truth.json")
        except (OSError, ValueError, KeyError, TypeError):
            pass
    failing, incomplete = expected_identities(cells)
    return failing, incomplete, "computed from the truth cells"


# Problems that stand for cells a parser cannot read for sure (left null).
UNSURE_KINDS = ("merged_value", "digits_run_together")


def expected_problems(doc: Document) -> list[dict[str, Any]]:
    """truth.json's `expected_problems`: [{kind, cell (the first), cells}] — the cells
    are null in NAME.cells.tsv, and are right only when the parser reports the problem."""
    if doc.truth_json is None:
        return []
    try:
        data = json.loads(doc.truth_json.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    return list(data.get("expected_problems", [])) if isinstance(data, dict) else []


def _problems_match(expected: list[dict[str, Any]], problems: list[dict[str, Any]]) -> bool:
    """Each expected problem reported (its kind, its first cell, every cell named in its
    message) and no other problem of those kinds."""
    found = {(p.get("kind"), p.get("cell")): p.get("message", "") for p in problems if p.get("kind") in UNSURE_KINDS}
    wanted = {(e["kind"], e["cell"]) for e in expected}
    return set(found) == wanted and all(all(c in found[(e["kind"], e["cell"])] for c in e["cells"]) for e in expected)


# ------------------------------------------------------------------ scoring one document


def score_document(doc: Document) -> dict[str, Any]:
    from reportparse.api import parse_to_data
    from reportparse.export.formats import cell_values, format_value

    truth = read_cells(doc.truth_cells)
    expected_failing, expected_incomplete, source = _truth_identities(doc, truth)
    unsure = expected_problems(doc)
    record: dict[str, Any] = {
        "name": doc.name,
        "file": doc.path.name,
        "dir": str(doc.path.parent),
        "axes": doc.axes or {},
    }
    error = None
    data = None
    start = time.perf_counter()
    try:
        data = parse_to_data(doc.path)
    except Exception as e:  # a failure to parse is a score, not a crash of the scorer
        error = f"{type(e).__name__}: {getattr(e, 'message', None) or e}"
    ms = (time.perf_counter() - start) * 1000
    got = {k: format_value(v) for k, v in cell_values(data).items()} if data else {}
    pages = (data or {}).get("meta", {}).get("pages") or 1
    wrong = {k: [got[k], v] for k, v in truth.items() if k in got and not same_value(v, got[k])}
    missing = {k: v for k, v in truth.items() if k not in got}
    extra = {k: v for k, v in got.items() if k not in truth}
    checks = (data or {}).get("checks", [])
    found_failing = sorted(c["id"] for c in checks if c.get("status") == "failed")
    found_incomplete = sorted(c["id"] for c in checks if c.get("status") == "incomplete")
    right = len(truth) - len(wrong) - len(missing)
    identities_match = found_failing == expected_failing
    record.update(
        {
            "pages": pages,
            "ms": round(ms, 1),
            "ms_per_page": round(ms / pages, 1),
            "cells_total": len(truth),
            "cells_right": right,
            "wrong": wrong,
            "missing": missing,
            "extra": extra,
            "identities": {
                "expected": expected_failing,
                "found": found_failing,
                "match": identities_match,
                "source": source,
            },
            "incomplete": {
                "expected": expected_incomplete,
                "found": found_incomplete,
                "match": found_incomplete == expected_incomplete,
            },
            "problems": [_problem(p) for p in (data or {}).get("problems", [])],
            "error": error,
        }
    )
    record["ok"] = error is None and right == len(truth) and not extra and identities_match
    if unsure or (doc.truth_json is not None and data is not None):
        problems_match = _problems_match(unsure, (data or {}).get("problems", []))
        if unsure:
            record["expected_problems"] = {
                "expected": [f"{e['kind']}:{e['cell']}" for e in unsure],
                "match": problems_match,
            }
        record["ok"] = record["ok"] and problems_match
    return record


def _problem(p: dict[str, Any]) -> str:
    where = p.get("table") or (f"section {p['section']}" if p.get("section") else None)
    label = p.get("label")
    return ":".join(str(x) for x in (p.get("kind"), where, label) if x)


# ------------------------------------------------------------------ the board


def _score_all(docs: list[Document], jobs: int) -> list[dict[str, Any]]:
    if jobs <= 1 or len(docs) < 2:
        return [score_document(d) for d in docs]
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=jobs) as pool:
        return list(pool.map(score_document, docs, chunksize=4))


def score(directories: list[str | os.PathLike], jobs: int = 1) -> Board:
    """Score every document of the directories; the scoreboard as plain data."""
    docs: list[Document] = []
    for d in directories:
        docs.extend(find_documents(d))
    start = time.perf_counter()
    records = _score_all(docs, jobs)
    elapsed = time.perf_counter() - start
    return {
        "directories": [str(d) for d in directories],
        "documents": records,
        "axes": _by_axis(records),
        "totals": _totals(records, elapsed),
    }


def _empty_group() -> dict[str, int]:
    return {"documents": 0, "fully_right": 0, "cells_right": 0, "cells_total": 0, "identities_match": 0, "problems": 0}


def _add(group: dict[str, int], r: dict[str, Any]) -> None:
    group["documents"] += 1
    group["fully_right"] += bool(r["ok"])
    group["cells_right"] += r["cells_right"]
    group["cells_total"] += r["cells_total"]
    group["identities_match"] += bool(r["identities"]["match"])
    group["problems"] += len(r["problems"])


def _by_axis(records: list[dict[str, Any]]) -> dict[str, dict[str, dict[str, int]]]:
    axes: dict[str, dict[str, dict[str, int]]] = {}
    for r in records:
        for axis, values in sorted((r.get("axes") or {}).items()):
            for v in values:
                _add(axes.setdefault(axis, {}).setdefault(v, _empty_group()), r)
    return {a: dict(sorted(vs.items())) for a, vs in sorted(axes.items())}


def _totals(records: list[dict[str, Any]], elapsed: float) -> dict[str, Any]:
    t: dict[str, Any] = _empty_group()
    for r in records:
        _add(t, r)
    per_page = [r["ms_per_page"] for r in records]
    t["errors"] = sum(1 for r in records if r["error"])
    t["ms_per_page_median"] = round(statistics.median(per_page), 1) if per_page else 0.0
    t["ms_per_page_mean"] = round(statistics.fmean(per_page), 1) if per_page else 0.0
    t["pages"] = sum(r["pages"] for r in records)
    t["seconds"] = round(elapsed, 1)
    return t


# ------------------------------------------------------------------ regression gate


def regressions(baseline: Board, board: Board) -> list[str]:
    """Documents fully right in `baseline` that are not fully right in `board`, each
    with what went wrong.  A document of the baseline that was not scored counts too."""
    now = {r["name"]: r for r in board["documents"]}
    out = []
    for old in baseline.get("documents", []):
        if not old.get("ok"):
            continue
        r = now.get(old["name"])
        if r is None:
            out.append(f"{old['name']}: fully right in the baseline, not scored now")
        elif not r["ok"]:
            out.append(f"{r['name']}: was fully right, now {describe(r)}")
    return out


def improvements(baseline: Board, board: Board) -> list[str]:
    before = {r["name"]: r for r in baseline.get("documents", [])}
    return [
        r["name"] for r in board["documents"] if r["ok"] and r["name"] in before and not before[r["name"]].get("ok")
    ]


def describe(r: dict[str, Any], limit: int = MAX_LISTED_CELLS) -> str:
    """What is wrong with a document, in one paragraph."""
    parts = []
    if r["error"]:
        parts.append(f"error {r['error']}")
    if r["cells_right"] != r["cells_total"] or r["extra"]:
        parts.append(f"{r['cells_right']}/{r['cells_total']} cells")
    items = [f"wrong {k}: got {g or 'null'}, expected {e or 'null'}" for k, (g, e) in r["wrong"].items()]
    items += [f"missing {k} (expected {e or 'null'})" for k, e in r["missing"].items()]
    items += [f"extra {k} = {v or 'null'}" for k, v in r["extra"].items()]
    if items:
        more = f"; … {len(items) - limit} more" if len(items) > limit else ""
        parts.append("; ".join(items[:limit]) + more)
    unsure = r.get("expected_problems")
    if unsure and not unsure["match"]:
        parts.append("expected problems not reported as such: " + ", ".join(unsure["expected"]))
    ids = r["identities"]
    if not ids["match"]:
        extra = sorted(set(ids["found"]) - set(ids["expected"]))
        lost = sorted(set(ids["expected"]) - set(ids["found"]))
        parts.append(
            "identities: "
            + ", ".join(
                ([f"not found {', '.join(lost)}"] if lost else []) + ([f"reported {', '.join(extra)}"] if extra else [])
            )
        )
    return "; ".join(parts) or "fully right"


# ------------------------------------------------------------------ rendering
