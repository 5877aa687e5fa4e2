"""The command line: `reportparse FILE [--format json|cells] [--pretty]`."""

from __future__ import annotations

import argparse
import importlib
import math
import os
import signal
import sys
from collections.abc import Callable

from reportparse import __version__
from reportparse.errors import (
    INTERNAL_ERROR_EXIT,
    InternalError,
    ReportParseError,
    UnreadableInputError,
    UsageError,
)
from reportparse.limits import DEFAULT_MEMORY_MB, DEFAULT_TIMEOUT, MAX_INPUT_BYTES
from reportparse.sources import ENGINES

EXIT_CODES = """exit codes:
  0  parsed (the report's own numbers may still fail checks)
  1  internal error: a bug in reportparse (--debug shows the traceback)
  2  usage error
  3  unreadable input: not a PDF/Word/HTML/text file, corrupt, encrypted, no text layer
  4  readable, but not an annual report (no section heading recognised)
  5  the parse took longer than --timeout

Each parse runs in a child process capped at --memory-mb of address space and killed at
--timeout: an input that needs more memory is exit 3, one that crashes a library exit 3."""


# `reportparse NAME ...` → NAME's module, whose main(argv) returns the exit code.
SUBCOMMANDS = {
    "corpus": "reportparse.corpus.cli",
    "batch": "reportparse.runner.cli",
    "ids": "reportparse.ids",
    "compare": "reportparse.comparison.cli",
    "audit": "reportparse.audit",
    "show": "reportparse.show.cli",
}


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):
        raise UsageError(message)


def _positive(kind, zero: bool = False):
    def convert(text: str):
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
        if math.isnan(value) or value < 0 or (kind is int and value == 0 and not zero):
            raise argparse.ArgumentTypeError(f"must be positive: {text!r}")
        return value

    return convert


def add_limit_arguments(p: argparse.ArgumentParser, timeout: str, memory: str) -> None:
    """--timeout and --memory-mb, shared by the one-file and batch commands; `timeout` says
    what the time limit bounds, `memory` whose memory is capped."""
    for flag, kind, default, metavar, text in (
        (
            "--timeout",
            _positive(float),
            DEFAULT_TIMEOUT,
            "SECONDS",
            f"{timeout} (default {DEFAULT_TIMEOUT:g}; 0 for no limit)",
        ),
        (
            "--memory-mb",
            _positive(int, zero=True),
            DEFAULT_MEMORY_MB,
            "MB",
            f"memory cap of {memory} (default {DEFAULT_MEMORY_MB}; 0 for no cap)",
        ),
    ):
        p.add_argument(flag, type=kind, default=default, metavar=metavar, help=text)


def _arguments() -> _Parser:
    p = _Parser(
        prog="reportparse",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Parse a 政府信息公开工作年度报告 (PDF, text, HTML or Word) into validated JSON.",
        epilog=EXIT_CODES,
    )
    p.add_argument("file", nargs="?", help="the report file (or a folder of page images); - reads standard input")
    p.add_argument(
        "--format",
        choices=["json", "cells", "csv", "xlsx"],
        default="json",
        help="json (default); cells: cell_id<TAB>value, one line per printed cell; csv: one labelled "
        "cell a line; xlsx: a workbook, needs -o",
    )
    p.add_argument("-o", "--output", metavar="FILE", help="write the output to FILE instead of standard output")
    p.add_argument("--pretty", action="store_true", help="indent the JSON")
    p.add_argument(
        "--input-format",
        choices=["pdf", "text", "html", "docx", "doc", "image"],
        help="read the input as this format instead of detecting it from its content",
    )
    p.add_argument("--password", help="password of an encrypted PDF")
    p.add_argument(
        "--engine",
        choices=ENGINES,
        default=None,
        help="the PDF reader: pdfium (default, fast) or pdfplumber (the reference); same output",
    )
    p.add_argument(
        "--ocr",
        choices=["auto", "always", "never"],
        default="auto",
        help="read page images with OCR: auto (default: scanned pages, image files and folders), "
        "always (every PDF page), never",
    )
    p.add_argument("--max-pages", type=_positive(int), metavar="N", help="read at most N pages")
    add_limit_arguments(p, "give up after this long", "the parsing process")
    p.add_argument(
        "--max-bytes",
        type=_positive(int),
        default=MAX_INPUT_BYTES,
        metavar="N",
        help=f"read at most N bytes of input (default {MAX_INPUT_BYTES}; text and HTML stop at 32 MB whatever N is)",
    )
    p.add_argument("--schema", action="store_true", help="print the JSON Schema of the output and exit")
    p.add_argument(
        "--debug",
        action="store_true",
        help="show tracebacks (the parse then runs in this process, without the memory cap)",
    )
    p.add_argument("--version", action="version", version=f"reportparse {__version__}")
    return p


def _run(args: argparse.Namespace) -> bytes:
    from reportparse.api import parse_to_data
    from reportparse.export.formats import schema_json, to_cells, to_json

    if args.schema:
        return (schema_json() + "\n").encode("utf-8")
    source = sys.stdin.buffer if args.file == "-" else args.file
    report = parse_to_data(
        source,
        format=args.input_format,
        password=args.password,
        max_pages=args.max_pages,
        timeout=args.timeout or None,
        max_bytes=args.max_bytes,
        engine=args.engine,
        ocr=args.ocr,
    )
    if args.format == "xlsx":
        from reportparse.export.xlsx import to_xlsx

        return to_xlsx(report)
    if args.format == "csv":
        from reportparse.export.csv_table import to_csv

        out = to_csv(report)
    else:
        out = to_cells(report) if args.format == "cells" else to_json(report, pretty=args.pretty) + "\n"
    return out.encode("utf-8", "replace")


def _supervised(args: argparse.Namespace) -> bytes:
    """The parse in a child process with a hard memory cap, killed at the timeout (runner/child.py)."""
    from reportparse.runner import Limits, run_supervised
    from reportparse.runner.phases import run_phased

    def attempt(ocr: str, limits: Limits) -> bytes:
        return run_supervised(_run, argparse.Namespace(**{**vars(args), "ocr": ocr}), limits=limits)

    return run_phased(attempt, args.ocr, Limits(memory_mb=args.memory_mb or None, timeout=args.timeout or None))


def _closed_standard_streams() -> set[int]:
    """Which of stdin/stdout/stderr were closed when we started; each is reopened on /dev/null, so
    no pipe or file opened later takes its number (the child would write the report into it)."""
    closed = set()
    for fd in (0, 1, 2):
        try:
            os.fstat(fd)
        except OSError:
            closed.add(fd)
            os.open(os.devnull, os.O_RDWR)  # the lowest free number: this one
    return closed


def _say(line: str) -> None:
    """One line on stderr; nowhere when stderr is closed (never on stdout instead)."""
    if sys.stderr is None:  # closed when Python started
        return
    try:
        print(line, file=sys.stderr, flush=True)
    except (OSError, ValueError):
        pass


def _write_file(path: str, out: str | bytes) -> None:
    try:
        with open(path, "wb") as f:
            f.write(out.encode("utf-8") if isinstance(out, str) else out)
    except OSError as e:
        raise UsageError(f"cannot write {path}: {e.strerror}") from None


def to_output(out: str | bytes, path: str | None) -> str | bytes:
    """A tool's output: written to `path` (then nothing for standard output), or returned."""
    if path:
        _write_file(path, out)
        return ""
    return out


def tool_parser(name: str, description: str, inputs: str, formats: list[str]) -> argparse.ArgumentParser:
    """The arguments of a subcommand that reads several inputs and writes one output in a
    choice of formats (the first the default)."""
    p = argparse.ArgumentParser(prog=f"reportparse {name}", description=description)
    p.add_argument("inputs", nargs="+", metavar=inputs)
    p.add_argument("--format", choices=formats, default=formats[0])
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of standard output")
    return p


def run_tool(run: Callable[[list[str]], str | bytes], argv: list[str]) -> int:
    """Run a subcommand (`run(argv)` returns what goes to standard output) with one-line errors."""
    debug = "--debug" in argv
    argv = [a for a in argv if a != "--debug"]
    _quiet_libraries()
    try:
        out = run(argv)
    except ReportParseError as e:
        if debug:
            raise
        _say(f"reportparse: error: {_one_line(e.message)}")
        return e.exit_code
    return _write(out.encode("utf-8") if isinstance(out, str) else out)


def _quiet_libraries() -> None:
    """pdfminer logs warnings about malformed files to stderr; the one-line error says what matters."""
    import logging

    logging.getLogger().addHandler(logging.NullHandler())


def _one_line(text: str) -> str:
    return " ".join(text.split())


def main(argv: list[str] | None = None) -> int:
    """The command line; argv None: this is the whole process (a late Ctrl-C is then ignored)."""
    whole_process = argv is None
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] and argv[0] in SUBCOMMANDS:
        # Each subcommand is a tool of its own, imported only when asked for: the
        # single-file parse stays fast.  (`reportparse ./corpus` parses a file of that name.)
        return importlib.import_module(SUBCOMMANDS[argv[0]]).main(argv[1:])
    closed = _closed_standard_streams()
    debug = "--debug" in argv
    if not debug:
        _quiet_libraries()
    if whole_process:  # from here Ctrl-C is a KeyboardInterrupt again (see __init__.py)
        signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        args = _arguments().parse_args(argv)
        if not args.file and not args.schema:
            raise UsageError("a report file is required (see --help)")
        if 1 in closed and not args.output:
            raise UsageError("standard output is closed: there is nowhere to write the report")
        if args.file == "-" and 0 in closed:
            raise UsageError("standard input is closed: there is no report to read from it")
        if args.format == "xlsx" and not args.output:
            raise UsageError("--format xlsx writes a workbook: give the file with -o FILE")
        out = _run(args) if args.schema or debug else _supervised(args)
        if args.output:
            _write_file(args.output, out)
            return 0
    except InternalError as e:
        _settle(whole_process)
        if debug:
            raise
        _say(
            f"reportparse: internal error: {_one_line(e.message)[:200]} "
            "(a bug in reportparse; rerun with --debug for the traceback)"
        )
        return INTERNAL_ERROR_EXIT
    except ReportParseError as e:
        _settle(whole_process)
        if debug:
            raise
        _say(f"reportparse: error: {_one_line(e.message)}")
        return e.exit_code
    except KeyboardInterrupt:
        _settle(whole_process)
        _say("reportparse: interrupted")
        return 130
    except MemoryError:
        _settle(whole_process)
        _say("reportparse: error: not enough memory to parse this input")
        return UnreadableInputError.exit_code
    except Exception as e:  # the last line of defence: a bug, reported in one line, not a traceback
        _settle(whole_process)
        if debug:
            raise
        _say(
            f"reportparse: internal error: {type(e).__name__}: {_one_line(str(e))[:200]} "
            "(a bug in reportparse; rerun with --debug for the traceback)"
        )
        return INTERNAL_ERROR_EXIT
    _settle(whole_process)
    return _write(out)


def _settle(whole_process: bool) -> None:
    """The outcome is known: a Ctrl-C from now on (while it is written, while Python exits)
    changes nothing, instead of ending the process by SIGINT after its one line."""
    if whole_process:
        signal.signal(signal.SIGINT, signal.SIG_IGN)


def _write(out: bytes) -> int:
    try:
        sys.stdout.buffer.write(out)
        sys.stdout.flush()
    except BrokenPipeError:  # `reportparse x.pdf | head`: the reader left, nothing to report
        _silence_stdout()
    except OSError as e:  # /dev/full or an unwritable stdout
        _silence_stdout()
        _say(f"reportparse: error: cannot write the report to standard output: {e.strerror or e}")
        return UsageError.exit_code
    return 0


def _silence_stdout() -> None:
    """What stays buffered goes to /dev/null at exit, not into a second error."""
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
