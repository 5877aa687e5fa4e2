"""The batch's summary, on standard error and as OUTDIR/summary.json.

It describes every record of reports.jsonl (earlier runs' too, after --resume): counts by
status and error kind, documents whose identities failed or are incomplete, problems by
kind, pages; and this run's work: inputs, parsed, copied, already recorded, wall time.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from reportparse.records import Record

SUMMARY_FILE = "summary.json"


@dataclass
class RunCounts:
    """What this run did with its inputs (each input is exactly one of the four)."""

    inputs: int = 0
    parsed: int = 0  # parsed in a worker (the same content under two names once)
    copied: int = 0  # the same content as another input or an earlier record: copied
    already_recorded: int = 0  # nothing to do (--resume)
    unreadable: int = 0  # could not even be opened: error recorded without a parse
    wall_s: float = 0.0


@dataclass
class Summary:
    records: int = 0
    status: Counter[str] = field(default_factory=Counter)
    errors: Counter[str] = field(default_factory=Counter)
    identities_failed: int = 0  # documents with at least one failed check
    identities_incomplete: int = 0  # documents with at least one incomplete check
    problems: Counter[str] = field(default_factory=Counter)
    pages: int = 0

    def add(self, rec: Record) -> None:
        self.records += 1
        self.status[rec["status"]] += 1
        if rec["error"]:
            self.errors[rec["error"]["kind"]] += 1
        report = rec.get("report")
        if report:
            statuses = {check["status"] for check in report["checks"]}
            self.identities_failed += "failed" in statuses
            self.identities_incomplete += "incomplete" in statuses
            self.problems.update(problem["kind"] for problem in report["problems"])
            self.pages += report["meta"]["pages"] or 0


def summarize(records: Iterable[Record]) -> Summary:
    summary = Summary()
    for rec in records:
        summary.add(rec)
    return summary


def as_data(summary: Summary, run: RunCounts) -> Record:
    documents = run.inputs - run.already_recorded
    return {
        "records": summary.records,
        "status": {"ok": summary.status["ok"], "error": summary.status["error"]},
        "errors": dict(sorted(summary.errors.items())),
        "identities": {"failed": summary.identities_failed, "incomplete": summary.identities_incomplete},
        "problems": dict(sorted(summary.problems.items())),
        "pages": summary.pages,
        "run": {
            "inputs": run.inputs,
            "parsed": run.parsed,
            "copied": run.copied,
            "already_recorded": run.already_recorded,
            "unreadable": run.unreadable,
            "wall_s": round(run.wall_s, 3),
            "documents_per_s": round(documents / run.wall_s, 3) if run.wall_s else None,
        },
    }


def write(outdir: Path, data: Record) -> None:
    (outdir / SUMMARY_FILE).write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def _counts(counter: dict[str, int]) -> str:
    return ", ".join(f"{kind} {n}" for kind, n in counter.items()) or "none"


def as_text(data: Record) -> str:
    run = data["run"]
    rate = f", {run['documents_per_s']:g} documents/s" if run["documents_per_s"] else ""
    return (
        "\n".join(
            [
                f"reportparse batch: {data['records']} records: {data['status']['ok']} ok, {data['status']['error']} errors",
                f"  errors by kind: {_counts(data['errors'])}",
                (
                    f"  identities: {data['identities']['failed']} documents with a failed check, "
                    f"{data['identities']['incomplete']} with an incomplete one"
                ),
                f"  problems by kind: {_counts(data['problems'])}",
                f"  pages: {data['pages']}",
                (
                    f"  this run: {run['inputs']} inputs, {run['parsed']} parsed, {run['copied']} copied from an identical "
                    f"file, {run['already_recorded']} already recorded, {run['unreadable']} unreadable; "
                    f"{run['wall_s']:g} s{rate}"
                ),
            ]
        )
        + "\n"
    )
