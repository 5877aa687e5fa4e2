"""The command line: `reportparse FILE [--format json|cells] [--pretty]`."""
from __future__ import annotations

import argparse
import importlib
import math
import os
import sys

from reportparse import __version__
from reportparse.errors import INTERNAL_ERROR_EXIT, ReportParseError, UnreadableInputError, UsageError
from reportparse.limits import DEFAULT_TIMEOUT

EXIT_CODES = """exit codes:
  0  parsed (the report's own numbers may still fail checks)
  1  internal error: a bug in reportparse (--debug shows the traceback)
  2  usage error
  3  unreadable input: not a PDF/Word/HTML/text file, corrupt, encrypted, no text layer
  4  readable, but not an annual report (no section heading recognised)
  5  the parse took longer than --timeout"""


# `reportparse NAME ...` → NAME's module, whose main(argv) returns the exit code.
SUBCOMMANDS = {
    "corpus": "reportparse.corpus.cli",
}


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):
        raise UsageError(message)


def _positive(kind):
    def convert(text: str):
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
        if not math.isfinite(value) or value < 0 or (kind is int and value == 0):
            raise argparse.ArgumentTypeError(f"must be positive: {text!r}")
        return value
    return convert


def _arguments() -> _Parser:
    p = _Parser(prog="reportparse", formatter_class=argparse.RawDescriptionHelpFormatter,
                description="Parse a 政府信息公开工作年度报告 (PDF, text, HTML or Word) into validated JSON.",
                epilog=EXIT_CODES)
    p.add_argument("file", nargs="?", help="the report file (or a folder of page images); - reads standard input")
    p.add_argument("--format", choices=["json", "cells"], default="json",
                   help="json (default) or cells: cell_id<TAB>value, one line per printed cell")
    p.add_argument("--pretty", action="store_true", help="indent the JSON")
    p.add_argument("--input-format", choices=["pdf", "text", "html", "docx", "doc", "image"],
                   help="read the input as this format instead of detecting it from its content")
    p.add_argument("--password", help="password of an encrypted PDF")
    p.add_argument("--ocr", choices=["auto", "always", "never"], default="auto",
                   help="read page images with OCR: auto (default: scanned pages, image files and folders), "
                        "always (every PDF page), never")
    p.add_argument("--max-pages", type=_positive(int), metavar="N", help="read at most N pages")
    p.add_argument("--timeout", type=_positive(float), default=DEFAULT_TIMEOUT, metavar="SECONDS",
                   help=f"give up after this long (default {DEFAULT_TIMEOUT:g}; 0 for no limit)")
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
    report = parse_to_data(source, format=args.input_format, password=args.password, max_pages=args.max_pages,
                           timeout=args.timeout or None, ocr=args.ocr)
    if args.format == "cells":
        return to_cells(report)
    return to_json(report, pretty=args.pretty) + "\n"


def _quiet_libraries() -> None:
    """pdfminer logs warnings about malformed files to stderr; the one-line error says what matters."""
    import logging
    logging.getLogger().addHandler(logging.NullHandler())


def _one_line(text: str) -> str:
    return " ".join(text.split())


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] and argv[0] in SUBCOMMANDS:
        # Each subcommand is a tool of its own, imported only when asked for: the
        # single-file parse stays fast.  (`reportparse ./corpus` parses a file of that name.)
        return importlib.import_module(SUBCOMMANDS[argv[0]]).main(argv[1:])
    debug = "--debug" in argv
    if not debug:
        _quiet_libraries()
    try:
        args = _arguments().parse_args(argv)
        out = _run(args)
    except ReportParseError as e:
        if debug:
            raise
        print(f"reportparse: error: {_one_line(e.message)}", file=sys.stderr)
        return e.exit_code
    except KeyboardInterrupt:
        print("reportparse: interrupted", file=sys.stderr)
        return 130
    except MemoryError:
        print("reportparse: error: not enough memory to parse this input", file=sys.stderr)
        return UnreadableInputError.exit_code
    except Exception as e:      # the last line of defence: a bug, reported in one line, not a traceback
        if debug:
            raise
        print(f"reportparse: internal error: {type(e).__name__}: {_one_line(str(e))[:200]} "
              "(a bug in reportparse; rerun with --debug for the traceback)", file=sys.stderr)
        return INTERNAL_ERROR_EXIT
    try:
        sys.stdout.buffer.write(out.encode("utf-8"))
        sys.stdout.flush()
    except BrokenPipeError:         # `reportparse x.pdf | head`: the reader left, nothing to report
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 0
