"""The command line: `reportparse FILE [--format json|cells] [--pretty]`."""
from __future__ import annotations

import argparse
import sys

from reportparse import __version__
from reportparse.errors import ReportParseError, UsageError

EXIT_CODES = """exit codes:
  0  parsed (the report's own numbers may still fail checks)
  2  usage error
  3  unreadable input: not a PDF/Word/HTML/text file, corrupt, encrypted, no text layer
  4  readable, but not an annual report (no section heading recognised)
  5  the parse took longer than --timeout"""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):
        raise UsageError(message)


def _arguments() -> _Parser:
    p = _Parser(prog="reportparse", formatter_class=argparse.RawDescriptionHelpFormatter,
                description="Parse a 政府信息公开工作年度报告 (PDF, text, HTML or Word) into validated JSON.",
                epilog=EXIT_CODES)
    p.add_argument("file", nargs="?", help="the report file; - reads standard input")
    p.add_argument("--format", choices=["json", "cells"], default="json",
                   help="json (default) or cells: cell_id<TAB>value, one line per printed cell")
    p.add_argument("--pretty", action="store_true", help="indent the JSON")
    p.add_argument("--input-format", choices=["pdf", "text", "html", "docx"],
                   help="read the input as this format instead of detecting it from its content")
    p.add_argument("--password", help="password of an encrypted PDF")
    p.add_argument("--max-pages", type=int, metavar="N", help="read at most N pages")
    p.add_argument("--schema", action="store_true", help="print the JSON Schema of the output and exit")
    p.add_argument("--debug", action="store_true", help="show tracebacks")
    p.add_argument("--version", action="version", version=f"reportparse {__version__}")
    return p


def _run(args: argparse.Namespace) -> str:
    from reportparse.api import parse_to_data
    from reportparse.export.formats import schema_json, to_cells, to_json

    if args.schema:
        return schema_json() + "\n"
    if not args.file:
        raise UsageError("a report file is required (see --help)")
    source = sys.stdin.buffer if args.file == "-" else args.file
    report = parse_to_data(source, format=args.input_format, password=args.password, max_pages=args.max_pages)
    if args.format == "cells":
        return to_cells(report)
    return to_json(report, pretty=args.pretty) + "\n"


def main(argv: list[str] | None = None) -> int:
    debug = "--debug" in (argv if argv is not None else sys.argv[1:])
    try:
        args = _arguments().parse_args(argv)
        out = _run(args)
    except ReportParseError as e:
        if debug:
            raise
        print(f"reportparse: error: {e.message}", file=sys.stderr)
        return e.exit_code
    except KeyboardInterrupt:
        print("reportparse: interrupted", file=sys.stderr)
        return 130
    sys.stdout.buffer.write(out.encode("utf-8"))
    sys.stdout.flush()
    return 0
