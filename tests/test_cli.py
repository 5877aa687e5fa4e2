"""The command line as users run it: output on stdout, one-line errors, exit codes."""

import json

from reportparse import __version__

REPORT_TEXT = """某县人民政府2023年政府信息公开工作年度报告

一、总体情况

2023年，某县扎实推进政务公开工作。

二、主动公开政府信息情况

第二十条第（一）项
信息内容\t本年制发件数\t本年废止件数\t现行有效件数
规章\t0\t0\t1
行政规范性文件\t3\t—\t12

六、其他需要报告的事项

无。
"""


def test_json_to_stdout_and_nothing_on_stderr(tmp_path, cli):
    path = tmp_path / "report.txt"
    path.write_text(REPORT_TEXT, encoding="utf-8")
    done = cli(path)
    assert done.returncode == 0 and done.stderr == b""
    data = json.loads(done.stdout)
    assert list(data) == ["meta", "sections", "tables", "checks", "problems"]
    assert data["tables"]["active"]["cells"]["active.normative_documents.repealed"] == {
        "value": None,
        "raw": "—",
        "page": 1,
        "bbox": None,
        "location": {"table": None, "row": None, "col": None, "path": None, "line": 12, "start": 10, "end": 11},
    }
    assert REPORT_TEXT.split("\n")[11][10:11] == "—"
    assert [s["number"] for s in data["sections"]] == [1, 2, 6]
    assert [(p["kind"], p["table"] or p["section"]) for p in data["problems"]] == [
        ("missing_section", 3),
        ("missing_section", 4),
        ("missing_section", 5),
        ("table_cut_off", "active"),
        ("missing_table", "requests"),
        ("missing_table", "appeals"),
    ]
    assert done.stdout.count(b"\n") == 1  # compact by default
    pretty = cli(path, "--pretty")
    assert json.loads(pretty.stdout) == data and pretty.stdout.count(b"\n") > 50


def test_cells_listing(tmp_path, cli):
    path = tmp_path / "report.txt"
    path.write_text(REPORT_TEXT, encoding="utf-8")
    done = cli(path, "--format", "cells")
    assert done.returncode == 0
    assert done.stdout.decode() == (
        "active.normative_documents.in_force\t12\n"
        "active.normative_documents.issued\t3\n"
        "active.normative_documents.repealed\t\n"
        "active.regulations.in_force\t1\n"
        "active.regulations.issued\t0\n"
        "active.regulations.repealed\t0\n"
    )


def test_standard_input(cli):
    done = cli("-", "--format", "cells", stdin=REPORT_TEXT.encode("gb18030"))
    assert done.returncode == 0 and b"active.regulations.in_force\t1\n" in done.stdout


def test_usage_errors_exit_2_with_one_line(cli, tmp_path):
    for args, message in [
        ((), "reportparse: error: a report file is required (see --help)\n"),
        ((tmp_path / "missing.pdf",), f"reportparse: error: no such file: {tmp_path / 'missing.pdf'}\n"),
        (
            ("x.pdf", "--format", "xml"),
            "reportparse: error: argument --format: invalid choice: 'xml' (choose from 'json', 'cells', 'csv', 'xlsx')\n",
        ),
        ((tmp_path,), f"reportparse: error: is a directory, not a file: {tmp_path}\n"),
    ]:
        done = cli(*args)
        assert (done.returncode, done.stderr.decode(), done.stdout) == (2, message, b""), args


def test_not_a_report_exits_4(cli, tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("会议纪要\n\n今天讨论了预算。\n", encoding="utf-8")
    done = cli(path)
    assert done.returncode == 4 and done.stdout == b""
    assert done.stderr.decode().startswith("reportparse: error: no section of an annual report")
    assert done.stderr.count(b"\n") == 1 and b"Traceback" not in done.stderr


def test_version_help_and_schema(cli):
    assert cli("--version").stdout.decode() == f"reportparse {__version__}\n"
    help_text = cli("--help").stdout.decode()
    assert (
        "--format" in help_text and "exit codes:" in help_text and "4  readable, but not an annual report" in help_text
    )
    schema = json.loads(cli("--schema").stdout)
    assert schema["title"] == "Report"
    assert set(schema["required"]) == {"meta", "sections", "tables", "checks", "problems"}
    assert "CellValue" in schema["$defs"] and "Check" in schema["$defs"]
