"""`reportparse batch INPUT... -o OUTDIR`: many reports at once, one record per input."""

from __future__ import annotations

import argparse
import os
import signal
import sys
import threading
from pathlib import Path

from reportparse.cli import _one_line, _Parser, _positive, _quiet_libraries, add_limit_arguments
from reportparse.errors import INTERNAL_ERROR_EXIT, ReportParseError
from reportparse.runner.child import Limits
from reportparse.runner.job import ParseOptions
from reportparse.runner.summary import as_text

EPILOG = """OUTDIR gets reports.jsonl (one record per input, written as each finishes),
summary.json, and the dataset cells/checks/problems/reports.parquet (unless --no-dataset).

exit codes:
  0  the batch ran to the end (bad documents are error records, not failures of the run)
  1  --fail-on-error and some record is an error; or a bug in reportparse
  2  usage error, or OUTDIR cannot be written"""


def _arguments() -> _Parser:
    p = _Parser(
        prog="reportparse batch",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Parse many reports: files, folders (recursive; the format comes from the "
        "content), globs, and - for a list of paths on standard input.",
        epilog=EPILOG,
    )
    p.add_argument("inputs", nargs="+", metavar="INPUT")
    p.add_argument("-o", "--output", required=True, type=Path, metavar="OUTDIR")
    p.add_argument(
        "--jobs",
        type=_positive(int),
        default=os.cpu_count() or 1,
        metavar="N",
        help="documents parsed at once (default: the number of cores)",
    )
    add_limit_arguments(p, "per document", "each worker")
    p.add_argument(
        "--resume",
        action="store_true",
        help="go on with OUTDIR's records: inputs whose content has a record are not parsed again",
    )
    p.add_argument("--retry-errors", action="store_true", help="with --resume, parse error records again")
    p.add_argument("--quiet", action="store_true", help="no progress and no summary on standard error")
    p.add_argument("--fail-on-error", action="store_true", help="exit 1 when any record is an error")
    p.add_argument("--no-dataset", action="store_true", help="write the records alone, no Parquet files")
    p.add_argument(
        "--exclude",
        action="append",
        default=[],
        metavar="PATTERN",
        help="leave out files and folders whose name matches, in folders walked (e.g. '*.json')",
    )
    p.add_argument("--password", help="password of encrypted PDFs")
    p.add_argument("--max-pages", type=_positive(int), metavar="N", help="read at most N pages of each")
    p.add_argument(
        "--executor",
        choices=["local", "dask"],
        default="local",
        help="local worker processes (default), or a Dask distributed cluster",
    )
    p.add_argument(
        "--scheduler",
        metavar="tcp://HOST:8786",
        help="with --executor dask: an existing cluster's scheduler (default: a LocalCluster)",
    )
    p.add_argument("--debug", action="store_true", help="show tracebacks")
    return p


def main(argv: list[str]) -> int:
    from reportparse.runner.batch import BatchOptions, run_batch

    debug = "--debug" in argv
    if not debug:
        _quiet_libraries()
    if threading.current_thread() is threading.main_thread() and signal.getsignal(signal.SIGINT) is not signal.SIG_IGN:
        # Ctrl-C is a KeyboardInterrupt again (see __init__.py): the records written so far are kept
        signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        args = _arguments().parse_args(argv)
        if args.scheduler and args.executor != "dask":
            args.executor = "dask"
        timeout = args.timeout or None
        options = BatchOptions(
            outdir=args.output,
            jobs=args.jobs,
            limits=Limits(memory_mb=args.memory_mb or None, timeout=timeout),
            parse=ParseOptions(password=args.password, max_pages=args.max_pages),
            resume=args.resume,
            retry_errors=args.retry_errors,
            quiet=args.quiet,
            dataset=not args.no_dataset,
            executor=args.executor,
            scheduler=args.scheduler,
            exclude=tuple(args.exclude),
        )
        result = run_batch(args.inputs, options, sys.stdin)
    except ReportParseError as e:
        if debug:
            raise
        print(f"reportparse: error: {_one_line(e.message)}", file=sys.stderr)
        return e.exit_code
    except KeyboardInterrupt:
        print("reportparse: interrupted; the records written so far are kept (--resume goes on)", file=sys.stderr)
        return 130
    except Exception as e:  # a bug: one line, not a traceback
        if debug:
            raise
        print(
            f"reportparse: internal error: {type(e).__name__}: {_one_line(str(e))[:200]} "
            "(a bug in reportparse; rerun with --debug for the traceback)",
            file=sys.stderr,
        )
        return INTERNAL_ERROR_EXIT
    if not args.quiet:
        sys.stderr.write(as_text(result))
    return 1 if args.fail_on_error and result["status"]["error"] else 0
