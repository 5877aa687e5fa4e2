"""A folder of what a scraper's batch meets, for the batch tests and benchmarks/bench_batch.py:
corpus documents and the hostile kinds of the README's table (built by the bad-input
catalogue's own builders), plus what only a folder can hold — a FIFO, a broken link, a
loop of links, a directory named like a PDF.

    python -m tests.batch_inputs DIR      # build the hostile folder in DIR, print source → kind
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

from tests.test_bad_inputs import CATALOGUE

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus" / "docs"

# One of each producer and format of the corpus (the same documents every run).
CORPUS_SUBSET = [
    "appeals-split-cid-159.pdf",
    "appeals-split-ttf-160.pdf",
    "appeals-split-chrome-158.pdf",
    "blank-dash-docx-221.docx",
    "blank-html-220.html",
]

# catalogue case → (file name in the folder, the record's error kind)
HOSTILE_FILES = {
    "zero_bytes": ("empty.pdf", "unreadable"),
    "truncated_at_half": ("truncated.pdf", "corrupt"),
    "encrypted_user_password": ("encrypted.pdf", "encrypted"),
    "docx_zip_bomb": ("zipbomb.docx", "unreadable"),
    "decompression_bomb": ("bomb.pdf", "unreadable"),
    "scanned_images_only": ("scan.pdf", "no_text_layer"),
    "text_pdf_not_a_report": ("notice.pdf", "not_a_report"),
    "random_bytes": ("random.bin", "unreadable"),
}


def corpus_documents() -> list[Path]:
    """Every document of the corpus (its truth files beside them are not documents)."""
    return sorted(p for p in CORPUS.iterdir() if p.suffix in (".pdf", ".docx", ".html"))


def build_hostile(folder: Path) -> dict[str, str]:
    """Fill `folder` with hostile inputs; {source path: the error kind its record must have}."""
    folder.mkdir(parents=True, exist_ok=True)
    expected = {}
    with tempfile.TemporaryDirectory() as scratch:
        for case, (name, kind) in HOSTILE_FILES.items():
            built = CATALOGUE[case].build(Path(scratch))
            shutil.copyfile(built, folder / name)
            expected[str(folder / name)] = kind
    os.mkfifo(folder / "fifo.pdf")  # unreadable: reading it would block forever
    expected[str(folder / "fifo.pdf")] = "not_a_file"
    os.symlink("gone.pdf", folder / "dangling.pdf")  # a broken link (chmod 000 is no bar to root)
    expected[str(folder / "dangling.pdf")] = "not_found"
    os.symlink("loop.pdf", folder / "loop.pdf")  # a link to itself
    expected[str(folder / "loop.pdf")] = "symlink_loop"
    os.symlink(".", folder / "again")  # a link to the folder it is in
    expected[str(folder / "again")] = "symlink_loop"
    (folder / "x.pdf").mkdir()  # a folder named like a PDF: walked, it holds nothing
    return expected


if __name__ == "__main__":
    for source, kind in build_hostile(Path(sys.argv[1])).items():
        print(f"{source}\t{kind}")
