"""The scan axis of the corpus: committed corpus PDFs (and, when present, the real
`../shared/real/hzq2023.pdf`) printed and scanned again, deterministically, then
scored against the same truth.

A scanner's page: the page rendered grey at 150, 200 or 300 dpi, turned by up to
±1°, slightly blurred, with sensor noise and dust speckle, one page stamped with a
seal over its table, saved as a grey JPEG inside a PDF without a text layer.  Every
random choice comes from a seed, so the same scans are made on every machine.

    python -m corpus.scans OUT                  # write the scans of the axis into OUT
    python -m corpus.scans OUT --score          # ... and score them (cells, silently wrong)

Nothing here is committed output: the scans are made at test or benchmark time.
"""

from __future__ import annotations

import argparse
import io
import json
import random
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "corpus" / "docs"
SHARED_REAL = ROOT.parent / "shared" / "real"
SHARED_TRUTH = ROOT.parent / "shared" / "truth"
DPIS = (150, 200, 300)
_EVERY = 12  # every 12th PDF of the corpus is scanned


@dataclass(frozen=True)
class Scan:
    name: str  # the scan's file name, without .pdf
    source: Path  # the PDF that is printed and scanned
    truth: Path  # its cells.tsv
    dpi: int
    skew: float  # degrees, counter-clockwise
    seed: int
    stamp: bool = False
    truth_json: Path | None = None
    axes: dict[str, list[str]] = field(default_factory=dict)


def _axes(dpi: int, skew: float, stamp: bool) -> dict[str, list[str]]:
    return {
        "scan": [
            f"dpi:{dpi}",
            "skew:none" if skew == 0 else "skew:±1°",
            "stamp" if stamp else "no_stamp",
            "grey_jpeg",
            "speckle",
        ]
    }


def corpus_scans(every: int = _EVERY) -> list[Scan]:
    """A share of the corpus PDFs, each at one of the resolutions, one of them stamped."""
    manifest = json.loads((ROOT / "corpus" / "manifest.json").read_text(encoding="utf-8"))["documents"]
    names = sorted(n for n, d in manifest.items() if d["file"].endswith(".pdf"))
    out = []
    for k, name in enumerate(names[::every]):
        rng = random.Random(f"scan:{name}")
        dpi = DPIS[k % len(DPIS)]
        skew = round(rng.uniform(-1.0, 1.0), 2)
        stamp = k == 1
        out.append(
            Scan(
                f"{name}-scan{dpi}",
                DOCS / f"{name}.pdf",
                DOCS / f"{name}.cells.tsv",
                dpi,
                skew,
                rng.randrange(2**31),
                stamp,
                DOCS / f"{name}.truth.json",
                _axes(dpi, skew, stamp),
            )
        )
    return out


def real_scans(dpis: tuple[int, ...] = DPIS) -> list[Scan]:
    """hzq2023.pdf at each resolution, skewed as a hand-fed scanner does (absent: none)."""
    source = SHARED_REAL / "hzq2023.pdf"
    if not source.is_file():
        return []
    out = []
    for dpi in dpis:
        rng = random.Random(f"scan:hzq2023:{dpi}")
        skew = round(rng.uniform(-1.0, 1.0), 2)
        out.append(
            Scan(
                f"hzq2023-scan{dpi}",
                source,
                SHARED_TRUTH / "hzq2023.cells.tsv",
                dpi,
                skew,
                rng.randrange(2**31),
                False,
                None,
                _axes(dpi, skew, False),
            )
        )
    return out


# ------------------------------------------------------------------ the scanner


def _stamp_centre(page, dpi: int) -> tuple[float, float]:
    """An inch below where the page prints 总计 (over the values of a table's total
    column, as a seal stamped across a table's edge), else the page's middle."""
    text = page.get_textpage()
    searcher = text.search("总计")
    found = searcher.get_next()
    height = page.get_height()
    if found:
        left, bottom, right, top = text.get_charbox(found[0])
        return (left + right) / 2 * dpi / 72, (height - (top + bottom) / 2 + 72) * dpi / 72
    return page.get_width() / 2 * dpi / 72, height / 2 * dpi / 72


def _stamp(grey, centre: tuple[float, float], dpi: int, rng: random.Random):
    """A red seal as a grey scanner sees it: a ring, a star and an arc of marks, in mid grey,
    darkening what lies under it (the ink of the table shows through)."""
    import cv2
    import numpy as np

    layer = np.full(grey.shape, 255, np.uint8)
    cx, cy = int(centre[0] + rng.uniform(-0.3, 0.3) * dpi), int(centre[1] + rng.uniform(-0.2, 0.2) * dpi)
    radius = int(0.8 * dpi)
    tone = 125
    cv2.circle(layer, (cx, cy), radius, tone, max(2, dpi // 40), cv2.LINE_AA)
    star = [
        (
            cx + radius * 0.3 * np.cos(np.pi / 2 + k * 4 * np.pi / 5),
            cy - radius * 0.3 * np.sin(np.pi / 2 + k * 4 * np.pi / 5),
        )
        for k in range(5)
    ]
    cv2.fillPoly(layer, [np.array(star, np.int32)], tone, cv2.LINE_AA)
    for k in range(14):  # the seal's lettering, as blots along its rim
        angle = np.pi * (0.15 + 0.7 * k / 13)
        x, y = cx - 0.72 * radius * np.cos(angle), cy - 0.72 * radius * np.sin(angle)
        cv2.rectangle(
            layer,
            (int(x - dpi * 0.05), int(y - dpi * 0.05)),
            (int(x + dpi * 0.05), int(y + dpi * 0.05)),
            tone,
            max(1, dpi // 100),
        )
    return np.minimum(grey, layer)


def scan_page(grey, dpi: int, skew: float, rng: random.Random, stamp_at: tuple[float, float] | None = None):
    """One rendered grey page → the page image a scanner gives back."""
    import cv2
    import numpy as np

    if stamp_at is not None:
        grey = _stamp(grey, stamp_at, dpi, rng)
    h, w = grey.shape
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), skew, 1.0)
    image = cv2.warpAffine(grey, matrix, (w, h), flags=cv2.INTER_LINEAR, borderValue=255).astype(np.float32)
    image = cv2.GaussianBlur(image, (0, 0), 0.35 * dpi / 200)
    noise = np.random.default_rng(rng.randrange(2**31))
    image = image * 0.94 + 8 + noise.normal(0.0, 4.0, image.shape)  # grey paper, sensor noise
    count = int(h * w * 1.5e-4)  # dust
    ys, xs = noise.integers(0, h, count), noise.integers(0, w, count)
    sizes = noise.integers(1, 3, count)
    for y, x, s in zip(ys, xs, sizes):
        image[y : y + s, x : x + s] = noise.uniform(20, 90)
    return np.clip(image, 0, 255).astype(np.uint8)


def scan_images(scan: Scan) -> list:
    """The grey page images of a scan, before JPEG."""
    import numpy as np
    import pypdfium2 as pdfium

    rng = random.Random(scan.seed)
    document = pdfium.PdfDocument(str(scan.source))
    pages = []
    try:
        stamp_page = _stamped_page(document) if scan.stamp else None
        for index in range(len(document)):
            page = document[index]
            bitmap = page.render(scale=scan.dpi / 72, grayscale=True).to_numpy()
            grey = np.ascontiguousarray(bitmap[:, :, 0] if bitmap.ndim == 3 else bitmap)
            at = _stamp_centre(page, scan.dpi) if index == stamp_page else None
            pages.append(scan_page(grey, scan.dpi, scan.skew, rng, at))
    finally:
        document.close()
    return pages


def _stamped_page(document) -> int:
    for index in range(len(document)):
        text = document[index].get_textpage().get_text_range()
        if "总计" in text:
            return index
    return 0


def jpeg(image, dpi: int, quality: int = 80) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.fromarray(image).save(out, "JPEG", quality=quality, dpi=(dpi, dpi))
    return out.getvalue()


def images_pdf(pages: list[bytes], dpi: int, path: Path) -> None:
    """Grey JPEG page images → a PDF of one image per page and no text (reportlab, invariant)."""
    from PIL import Image
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(path), invariant=1)
    for data in pages:
        width, height = Image.open(io.BytesIO(data)).size
        size = (width * 72 / dpi, height * 72 / dpi)
        pdf.setPageSize(size)
        pdf.drawImage(ImageReader(io.BytesIO(data)), 0, 0, *size)
        pdf.showPage()
    pdf.save()


def write_scan(scan: Scan, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{scan.name}.pdf"
    images_pdf([jpeg(p, scan.dpi) for p in scan_images(scan)], scan.dpi, path)
    shutil.copyfile(scan.truth, folder / f"{scan.name}.cells.tsv")
    if scan.truth_json is not None and scan.truth_json.is_file():
        shutil.copyfile(scan.truth_json, folder / f"{scan.name}.truth.json")
    return path


# ------------------------------------------------------------------ scoring


def score_scan(path: Path, truth_path: Path, truth_json: Path | None = None) -> dict:
    """Cells right, wrong and missing, and the wrong or missing cells no problem names
    (silently wrong), for one scanned document."""
    from reportparse.api import parse_to_data
    from reportparse.corpus.score import expected_identities, read_cells, same_value
    from reportparse.export.formats import cell_values, format_value

    truth = read_cells(truth_path)
    data = parse_to_data(path, timeout=None)
    got = {k: format_value(v) for k, v in cell_values(data).items()}
    named = {p["cell"] for p in data["problems"] if p.get("cell")}
    wrong = {k: [got[k], v] for k, v in truth.items() if k in got and not same_value(v, got[k])}
    missing = sorted(k for k in truth if k not in got)
    if truth_json is not None and truth_json.is_file():
        expected_failing = sorted(json.loads(truth_json.read_text(encoding="utf-8"))["failing_identities"])
    else:
        expected_failing = expected_identities(truth)[0]
    failing = sorted(c["id"] for c in data["checks"] if c["status"] == "failed")
    return {
        "cells_total": len(truth),
        "cells_right": len(truth) - len(wrong) - len(missing),
        "wrong": wrong,
        "missing": missing,
        "silently_wrong": sorted(k for k in wrong if k not in named),
        "failing": failing,
        "expected_failing": expected_failing,
        "doubts": [p["message"] for p in data["problems"] if p["kind"].startswith("ocr_")],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m corpus.scans", description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--score", action="store_true")
    parser.add_argument("--only", default="", help="only scans whose name contains this")
    parser.add_argument("--no-real", action="store_true", help="leave out the scans of ../shared/real")
    args = parser.parse_args(argv)
    scans = [s for s in corpus_scans() + ([] if args.no_real else real_scans()) if args.only in s.name]
    totals = {"cells_total": 0, "cells_right": 0, "silently_wrong": 0}
    for scan in scans:
        path = write_scan(scan, args.out)
        if not args.score:
            print(path)
            continue
        result = score_scan(path, scan.truth, scan.truth_json)
        for key in totals:
            totals[key] += result[key] if key != "silently_wrong" else len(result[key])
        print(
            f"{scan.name}: {result['cells_right']}/{result['cells_total']} right, skew {scan.skew}°, "
            f"silently wrong {result['silently_wrong']}, wrong {result['wrong']}, missing {result['missing'][:6]}, "
            f"failing {result['failing']} (expected {result['expected_failing']}), "
            f"{len(result['doubts'])} OCR doubts",
            flush=True,
        )
    if args.score and totals["cells_total"]:
        print(
            f"total: {totals['cells_right']}/{totals['cells_total']} cells right "
            f"({100 * totals['cells_right'] / totals['cells_total']:.2f}%), "
            f"{totals['silently_wrong']} silently wrong"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
