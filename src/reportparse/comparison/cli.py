"""`reportparse compare A B [C…]`: the reports of one body, year against year."""

from __future__ import annotations

import argparse

from reportparse.errors import UsageError


def _arguments() -> argparse.ArgumentParser:
    from reportparse.cli import tool_parser

    return tool_parser(
        "compare",
        "Compare reports year by year: every cell printed in both years with its change, the "
        "2019 ↔ 2021 cells that mean the same, and 结转下年度 (N−1) = 上年结转 (N) per column. "
        "Each input: a report file, a report JSON, a .jsonl of batch records or a batch folder.",
        "REPORT",
        ["json", "markdown", "csv"],
    )


def run(argv: list[str]) -> str | bytes:
    from reportparse.cli import to_output
    from reportparse.comparison.core import compare_records
    from reportparse.comparison.render import to_csv, to_markdown
    from reportparse.export.formats import to_json
    from reportparse.inputs import load

    args = _arguments().parse_args(argv)
    loaded = load(args.inputs)
    failed = [item for item in loaded if item.report is None]
    if failed:
        item = failed[0]
        raise UsageError(f"cannot compare {item.source}: {item.error['message'] if item.error else 'no report'}")
    if len(loaded) < 2:
        raise UsageError("compare needs at least two reports")
    reports = [item.report for item in loaded if item.report is not None]
    comparison = compare_records(reports, [item.source for item in loaded])
    if args.format == "markdown":
        return to_output(to_markdown(comparison), args.output)
    if args.format == "csv":
        return to_output(to_csv(comparison), args.output)
    return to_output(to_json(comparison, pretty=True) + "\n", args.output)


def main(argv: list[str]) -> int:
    from reportparse.cli import run_tool

    return run_tool(run, argv)
