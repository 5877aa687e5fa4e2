"""Writes patterns/label_words.txt: the small jieba dictionary used to compare labels word by word.

Cuts every label of the vocabulary with jieba's full default dictionary (slow to load,
so it is used here, once, and never at parse time) and keeps the words it finds,
plus each whole label.  Run after changing patterns/: python tools/build_label_words.py
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import jieba

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from reportparse import vocabulary  # noqa: E402
from reportparse.normalize import label_key  # noqa: E402


def labels() -> set[str]:
    found: set[str] = set()
    for name in vocabulary.TABLE_NAMES:
        t = vocabulary.table(name)
        for entry in t.rows + t.columns + t.groups:
            found.update(label_key(l) for l in entry.labels)
        found.update(label_key(w) for w in t.header_words)
    for section in vocabulary.load(vocabulary.Sections).sections:
        found.update(label_key(t) for t in section.titles)
    return {f for f in found if f}


def main() -> None:
    jieba.setLogLevel(logging.WARNING)
    words: dict[str, int] = {}
    for label in sorted(labels()):
        for word in jieba.cut(label, HMM=False):
            words[word] = max(words.get(word, 0), jieba.dt.FREQ.get(word) or 1)
    out = ROOT / "patterns" / "label_words.txt"
    out.write_text("".join(f"{w} {f}\n" for w, f in sorted(words.items())), encoding="utf-8")
    print(f"wrote {len(words)} words to {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
