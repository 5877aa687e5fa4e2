"""Truth of a generated report, and its files.

``NAME.cells.tsv``: one ``cell_id<TAB>value`` line per printed cell, sorted by cell id,
empty value for a null cell (the format of shared/truth/*.cells.tsv).
``NAME.truth.json``: failing and incomplete identities, section texts, the printed
text of every cell, page count and the spec's fields.
"""

import json
import os
from dataclasses import dataclass, field
from typing import Dict, List, Optional


@dataclass
class Truth:
    cells: Dict[str, Optional[str]]  # cell id -> value as printed (None: null)
    failing_identities: List[str]  # see identities.py for the names
    incomplete_identities: List[str]
    sections: Dict[str, str]  # "1".."6" -> body paragraphs joined by "\n"
    headings: Dict[str, str]  # "1".."6" -> heading line as printed
    raw_cells: Dict[str, str]  # cell id -> text printed in the cell
    spec: dict
    pages: int = 0
    title: List[str] = field(default_factory=list)
    signature: Optional[List[str]] = None
    expected_problems: List[dict] = field(default_factory=list)

    def cells_tsv(self):
        return "".join(f"{k}\t{'' if v is None else v}\n" for k, v in sorted(self.cells.items()))

    def to_json(self):
        extra = {"expected_problems": self.expected_problems} if self.expected_problems else {}
        return {
            "failing_identities": self.failing_identities,
            "incomplete_identities": self.incomplete_identities,
            "sections": self.sections,
            "headings": self.headings,
            "title": self.title,
            "signature": self.signature,
            "pages": self.pages,
            "raw_cells": dict(sorted(self.raw_cells.items())),
            "spec": self.spec,
            **extra,
        }

    def write(self, directory, name):
        """Write NAME.cells.tsv and NAME.truth.json into ``directory``; return both paths."""
        os.makedirs(directory, exist_ok=True)
        tsv = os.path.join(directory, f"{name}.cells.tsv")
        js = os.path.join(directory, f"{name}.truth.json")
        with open(tsv, "w", encoding="utf-8", newline="\n") as f:
            f.write(self.cells_tsv())
        with open(js, "w", encoding="utf-8", newline="\n") as f:
            json.dump(self.to_json(), f, ensure_ascii=False, indent=1, sort_keys=False)
            f.write("\n")
        return tsv, js


def from_content(content, pages):
    return Truth(
        cells=dict(content.values),
        failing_identities=list(content.failing_identities),
        incomplete_identities=list(content.incomplete_identities),
        sections={str(s.number): "\n".join(s.paragraphs) for s in content.sections},
        headings={str(s.number): s.heading for s in content.sections},
        raw_cells=dict(content.printed),
        spec=content.spec.to_dict(),
        pages=pages,
        title=list(content.title_lines),
        signature=list(content.signature) if content.signature else None,
        expected_problems=list(content.expected_problems),
    )
