"""Command line: python -m corpus.generator OUT_DIR [options]

  python -m corpus.generator out/ --seed 7 --format 2019 --rules none --split inside_group
  python -m corpus.generator out/ --break-identities appeals.review,requests.row.granted
  python -m corpus.generator out/ --spec-json '{"seed": 3, "units": true}'
  python -m corpus.generator out/ --batch 50 --first-seed 100     # varied specs

Writes NAME.pdf (NAME.docx / NAME.html for those producers), NAME.cells.tsv and
NAME.truth.json per report (NAME defaults to
synth-SEED, or --name).  Every ReportSpec field is an option (underscores become
dashes; booleans take --x / --no-x; lists are comma separated; "none" means None).
"""

import argparse
import json
import os
import sys
from dataclasses import fields

from . import build_document, extension
from .spec import ReportSpec
from .variety import random_spec


def _converter(f):
    t = f.type
    text = str(t)
    if "List[int]" in text:
        return lambda s: [int(x) for x in s.split(",") if x]
    if "List[str]" in text:
        return lambda s: [x for x in s.split(",") if x]
    if t is int or "Optional[int]" in text:
        return lambda s: None if s.lower() == "none" else int(s)
    if t is float:
        return float
    return lambda s: None if s.lower() == "none" else s


def parser():
    ap = argparse.ArgumentParser(
        prog="python -m corpus.generator", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("out_dir")
    ap.add_argument("--name", help="file name stem (single report)")
    ap.add_argument("--spec-json", help="ReportSpec fields as a JSON object")
    ap.add_argument("--batch", type=int, help="generate N reports with varied random specs")
    ap.add_argument("--first-seed", type=int, default=1, help="first seed of --batch")
    for f in fields(ReportSpec):
        opt = "--" + f.name.replace("_", "-")
        if f.type is bool:
            ap.add_argument(opt, dest=f.name, action=argparse.BooleanOptionalAction, default=None)
        else:
            ap.add_argument(opt, dest=f.name, type=_converter(f), default=None)
    return ap


def main(argv=None):
    args = parser().parse_args(argv)
    given = {f.name: getattr(args, f.name) for f in fields(ReportSpec) if getattr(args, f.name) is not None}
    if args.batch:
        specs = []
        for seed in range(args.first_seed, args.first_seed + args.batch):
            spec = random_spec(seed, producer=given.get("producer", "reportlab-cid"))
            specs.append((f"synth-{seed:04d}", spec))
    else:
        base = json.loads(args.spec_json) if args.spec_json else {}
        base.update(given)
        spec = ReportSpec.from_dict(base)
        specs = [(args.name or f"synth-{spec.seed}", spec)]
    os.makedirs(args.out_dir, exist_ok=True)
    for name, spec in specs:
        pdf = os.path.join(args.out_dir, name + extension(spec))
        truth = build_document(spec, pdf)
        truth.write(args.out_dir, name)
        print(f"{pdf}: {truth.pages} pages, {len(truth.cells)} cells, failing {truth.failing_identities or '-'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
