"""`reportparse corpus score DIR... [--json FILE] [--markdown FILE] [--baseline FILE]`.

Scores every document of the directories that has a truth (see
`reportparse.corpus.score`) and prints a scoreboard per document, per axis value and
in total.  `--baseline FILE` (a scoreboard written earlier with `--json`) turns it
into a regression gate: exit 1 when a document fully right in the baseline is not
fully right now, listing its cells.

exit codes: 0 scored (and no regression against --baseline), 1 regression,
2 usage error (no such directory, no document with a truth).
"""

from __future__ import annotations

import argparse
import json
import os
import sys


class _Usage(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):
        raise _Usage(message)


def _arguments() -> _Parser:
    p = _Parser(
        prog="reportparse corpus",
        description="Score reportparse over a corpus of reports with truth.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=__doc__.split("\n\n", 2)[-1],
    )
    sub = p.add_subparsers(dest="command", metavar="score")
    s = sub.add_parser(
        "score",
        help="score the documents of DIR... against their truth",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description=__doc__,
    )
    s.add_argument("dirs", nargs="+", metavar="DIR", help="a directory of documents with NAME.cells.tsv truths")
    s.add_argument("--json", metavar="FILE", help="write the whole scoreboard as JSON")
    s.add_argument("--markdown", metavar="FILE", help="write the scoreboard as Markdown")
    s.add_argument(
        "--baseline",
        metavar="FILE",
        help="a scoreboard JSON: fail when a document fully right there is not fully right now",
    )
    s.add_argument("--jobs", type=int, default=1, metavar="N", help="parse N documents at a time (default 1)")
    s.add_argument("--quiet", action="store_true", help="no per-document lines (failures, axes and totals only)")
    return p


def main(argv: list[str]) -> int:
    """Run `reportparse corpus ...`; `argv` is what follows the word `corpus`."""
    try:
        args = _arguments().parse_args(argv)
        if args.command != "score":
            raise _Usage("a command is required: score")
        for d in args.dirs:
            if not os.path.isdir(d):
                raise _Usage(f"not a directory: {d}")
        baseline = None
        if args.baseline:
            try:
                with open(args.baseline, encoding="utf-8") as f:
                    baseline = json.load(f)
            except (OSError, ValueError) as e:
                raise _Usage(f"cannot read the baseline {args.baseline}: {e}") from None
    except _Usage as e:
        print(f"reportparse corpus: error: {e}", file=sys.stderr)
        return 2

    from reportparse.corpus import render
    from reportparse.corpus import score as scoring

    board = scoring.score(args.dirs, jobs=max(1, args.jobs))
    if not board["documents"]:
        print(
            f"reportparse corpus: error: no document with a NAME.cells.tsv truth in {', '.join(args.dirs)}",
            file=sys.stderr,
        )
        return 2
    out = render.render_text(board, documents=not args.quiet)
    if args.json:
        with open(args.json, "w", encoding="utf-8", newline="\n") as f:
            f.write(render.to_json(board))
    if args.markdown:
        with open(args.markdown, "w", encoding="utf-8", newline="\n") as f:
            f.write(render.render_markdown(board))
    status = 0
    if baseline is not None:
        bad = scoring.regressions(baseline, board)
        better = scoring.improvements(baseline, board)
        if better:
            out += f"\nnow fully right, not in the baseline ({len(better)}): {', '.join(better)}\n"
        if bad:
            out += f"\nREGRESSIONS against {args.baseline} ({len(bad)}):\n" + "".join(f"  {b}\n" for b in bad)
            status = 1
        else:
            out += f"\nno regression against {args.baseline}\n"
    sys.stdout.buffer.write(out.encode("utf-8"))
    sys.stdout.flush()
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
