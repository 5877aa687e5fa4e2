"""What a run has to do, given the records an earlier run left: documents are known by sha256.

An input whose content already has a record is not parsed again: under the same source
it is already done; under a new name (a copy, a renamed file) its record is copied with
the new source.  Error records count as done unless `retry_errors`.  Inputs of the same
content in one run are parsed once and recorded under each name.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from reportparse.runner.inputs import Input
from reportparse.runner.records import Line


@dataclass
class Plan:
    keep: list[Line] = field(default_factory=list)  # earlier records that stay
    rewrite: bool = False  # the file loses lines: rewrite it
    done: list[Input] = field(default_factory=list)  # already recorded, nothing to do
    failed: list[Input] = field(default_factory=list)  # not readable at all: record the error
    copy: list[tuple[Input, Line]] = field(default_factory=list)  # content recorded under another name
    parse: dict[str, list[Input]] = field(default_factory=dict)  # sha256 → inputs, parsed once


def plan(inputs: list[Input], earlier: list[Line], damaged: int = 0, retry_errors: bool = False) -> Plan:
    by_source = {line.source: line for line in earlier}  # the last record of a source wins
    by_sha: dict[str, Line] = {}
    for line in earlier:
        if line.sha256 and (line.status == "ok" or line.sha256 not in by_sha):
            by_sha[line.sha256] = line
    redone: set[str] = set()
    out = Plan()
    for inp in inputs:
        mine = by_source.get(inp.source)
        if mine and mine.sha256 == inp.sha256 and (mine.status == "ok" or not retry_errors):
            out.done.append(inp)
            continue
        redone.add(inp.source)
        other = by_sha.get(inp.sha256) if inp.sha256 else None
        if inp.error:
            out.failed.append(inp)
        elif other and (other.status == "ok" or not retry_errors):
            out.copy.append((inp, other))
        else:
            out.parse.setdefault(inp.sha256 or "", []).append(inp)
    out.keep = [line for line in by_source.values() if line.source not in redone]
    out.keep.sort(key=lambda line: line.offset)
    out.rewrite = damaged > 0 or len(out.keep) != len(earlier)
    return out
