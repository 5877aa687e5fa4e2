"""The vocabulary: each file of patterns/ read into its typed class, each template id
written once and consumed from there, and a mistake in a file named by file and key."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from reportparse import vocabulary
from reportparse.pattern_fields import PatternError, open_file
from reportparse.tables.active import ActiveTable
from reportparse.tables.appeals import AppealsTable
from reportparse.tables.requests import RequestsTable
from reportparse.tables.result import TableResult
from reportparse.template import template
from reportparse.vocabulary import (
    CompareRules,
    Furniture,
    Metadata,
    Sections,
    TableVocabulary,
    ValueWords,
)

PATTERNS = Path(__file__).resolve().parents[1] / "patterns"
SRC = Path(__file__).resolve().parents[1] / "src" / "reportparse"
FILE_CLASSES = [Sections, Furniture, Metadata, ValueWords, CompareRules]


# ------------------------------------------------------------------ every file, typed


def test_every_toml_file_of_patterns_has_its_typed_class():
    files = {p.relative_to(PATTERNS).with_suffix("").as_posix() for p in PATTERNS.rglob("*.toml")}
    typed = {k.FILE for k in FILE_CLASSES} | {f"tables/{name}" for name in vocabulary.TABLE_NAMES}
    assert files == typed


def test_the_files_load_into_their_classes_once():
    sections = vocabulary.load(Sections)
    assert [(s.number, s.key, s.titles[0]) for s in sections.sections] == [
        (1, "overview", "总体情况"),
        (2, "active_disclosure", "主动公开政府信息情况"),
        (3, "requests", "收到和处理政府信息公开申请情况"),
        (4, "appeals", "政府信息公开行政复议、行政诉讼情况"),
        (5, "problems_and_improvements", "存在的主要问题及改进情况"),
        (6, "other_matters", "其他需要报告的事项"),
    ]
    furniture = vocabulary.load(Furniture)
    assert (furniture.repeat_share, furniture.min_pages, furniture.edge_lines) == (0.5, 2, 2)
    assert len(furniture.page_number) == 5
    assert vocabulary.load(Metadata).title_fields == ("标题",)
    words = vocabulary.load(ValueWords)
    assert "无" in words.null_tokens and "人次" in words.units
    rules = vocabulary.load(CompareRules)
    assert [(s.table, s.columns_2019, s.columns_2021) for s in rules.same][1:] == [
        ("active", ("made",), ("issued",)),
        ("active", ("made",), ("issued",)),
    ]
    assert rules.same[0].rows_2021 == ("other_no_correction", "other_no_fee", "other_other")
    assert len(rules.not_comparable) == 5
    # Read once per process: the same objects come back.
    assert vocabulary.load(Sections) is sections
    assert vocabulary.table("requests") is vocabulary.table("requests")


def test_a_table_entry_holds_matching_and_printed_labels():
    requests = vocabulary.table("requests")
    row = requests.row("denied_state_secret")
    assert (row.labels, dict(row.printed), row.group, row.result) == (
        ("属于国家秘密",),
        {"2019": "1.属于国家秘密", "2021": "1.属于国家秘密"},
        "denied",
        True,
    )
    assert requests.group("denied").printed == "（三）不予公开"
    active = vocabulary.table("active")
    decisions = next(c for c in active.columns if c.id == "decisions")
    assert dict(decisions.header) == {"2019": ("处理决定数量",), "2021": ("本年处理决定数量",)}
    fees = active.row("fees")
    assert dict(fees.columns_by_format) == {"2019": ("prev_year", "change"), "2021": ("amount",)}
    assert fees.columns == ("amount", "prev_year", "change")
    procurement = active.row("procurement")
    assert procurement.formats == ("2019",) and not procurement.in_format("2021")


# ------------------------------------------------------------------ one home per id


def _declared_ids(text: str) -> list[tuple[str, str]]:
    """(kind, id) of every [[row]], [[column]] and [[group]] of a TOML text, in order."""
    return re.findall(r'^\[\[(row|column|group)\]\]\s*\nid = "([^"]+)"', text, flags=re.M)


def test_each_template_id_is_written_once_in_patterns():
    """No other file under patterns/ declares a table's rows or columns again."""
    declaring = [p for p in PATTERNS.rglob("*.toml") if _declared_ids(p.read_text(encoding="utf-8"))]
    assert sorted(p.relative_to(PATTERNS).as_posix() for p in declaring) == [
        "tables/active.toml",
        "tables/appeals.toml",
        "tables/requests.toml",
    ]
    for path in declaring:
        ids = _declared_ids(path.read_text(encoding="utf-8"))
        assert len(ids) == len(set(ids)), path


def _template_ids() -> set[str]:
    return {
        e.id for name in vocabulary.TABLE_NAMES for e in vocabulary.table(name).rows + vocabulary.table(name).columns
    }


def _lists_of_ids(source: str, ids: set[str]) -> list[tuple[int, list[str]]]:
    """(line, ids) of every list, tuple, set or dict literal that names two ids or more."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Dict):
            items = [k for k in node.keys if k is not None]
        elif isinstance(node, ast.List | ast.Tuple | ast.Set):
            items = node.elts
        else:
            continue
        named = [i.value for i in items if isinstance(i, ast.Constant) and i.value in ids]
        if len(named) >= 2:
            found.append((node.lineno, named))
    return found


def test_no_module_writes_a_list_of_template_ids():
    """Row and column ids are asked of the vocabulary, never listed again in code.
    The corpus truth (corpus/truth.py) keeps its own lists on purpose: it checks the
    parser independently."""
    ids = _template_ids()
    found = [
        f"{path.relative_to(SRC)}:{line} {named}"
        for path in sorted(SRC.rglob("*.py"))
        if path != SRC / "corpus" / "truth.py"
        for line, named in _lists_of_ids(path.read_text(encoding="utf-8"), ids)
    ]
    assert found == []


def test_the_rule_catches_a_list_written_in_code():
    ids = _template_ids()
    source = (
        '_ROWS = ["regulations", "licensing", "x"]\n_COLUMNS = {"fees": ["amount"], "penalty": []}\nA = ("total",)\n'
    )
    assert _lists_of_ids(source, ids) == [(1, ["regulations", "licensing"]), (2, ["fees", "penalty"])]
    truth = (SRC / "corpus" / "truth.py").read_text(encoding="utf-8")
    assert len(_lists_of_ids(truth, ids)) == 4  # the independent lists are seen, and allowed there only


@pytest.mark.parametrize("fmt", ["2019", "2021"])
def test_recognisers_and_template_take_their_ids_from_the_vocabulary(fmt):
    requests = vocabulary.table("requests")
    rows = [r.id for r in requests.rows_in(fmt)]
    assert [r.id for r in template("requests", fmt).rows] == rows
    # the recogniser expects the rows of the format its printed rows show
    printed = TableResult(rows=["new_received", "other" if fmt == "2019" else "other_other"])
    assert RequestsTable().expected_rows(printed) == rows
    active = vocabulary.table("active")
    recogniser = ActiveTable()
    result = TableResult(formats={fmt})
    assert recogniser.expected_rows(result) == [r.id for r in template("active", fmt).rows]
    for row in template("active", fmt).rows:
        assert recogniser.expected_columns(row.id, result) == list(row.columns)
        assert row.columns == active.row_columns(active.row(row.id), fmt)
    assert [r.id for r in AppealsTable().vocab.rows] == [r.id for r in template("appeals", fmt).rows]


def test_requests_rows_before_and_after_other_in_printed_order():
    rows_2019 = [r.id for r in template("requests", "2019").rows]
    rows_2021 = [r.id for r in template("requests", "2021").rows]
    assert rows_2019[:20] == rows_2021[:20]
    assert rows_2019[20:] == ["other", "total", "carried_forward"]
    assert rows_2021[20:] == ["other_no_correction", "other_no_fee", "other_other", "total", "carried_forward"]


# ------------------------------------------------------------------ mistakes, named


def _broken(tmp_path: Path, name: str, old: str, new: str) -> Path:
    text = (PATTERNS / f"{name}.toml").read_text(encoding="utf-8")
    assert old in text, old
    path = tmp_path / "broken.toml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def _error(path: Path, kind, shown_as: str) -> str:
    with pytest.raises(PatternError) as info:
        kind.read(open_file(path, shown_as))
    return str(info.value)


@pytest.mark.parametrize(
    "old, new, message",
    [
        (
            'labels = ["规章"]',
            'labels = "规章"',
            "patterns/tables/active.toml: row[0].labels: expected a list of strings, got '规章'",
        ),
        ('labels = ["规章"]', 'lables = ["规章"]', "patterns/tables/active.toml: row[0].lables: unknown key"),
        ('id = "regulations"\n', "", "patterns/tables/active.toml: row[0].id: missing (expected a string)"),
        (
            'group = "article_20_1"',
            'group = "article_20_2"',
            "patterns/tables/active.toml: row[0].group: no [[group]] has the id 'article_20_2'",
        ),
        (
            'columns = ["projects", "amount"]',
            'columns = ["projects", "issued"]',
            "patterns/tables/active.toml: row[7].columns: 'issued' is no column of the 2019 format",
        ),
        (
            'id = "normative_documents"',
            'id = "regulations"',
            "patterns/tables/active.toml: row[1].id: row 'regulations' is listed twice (an id is written once)",
        ),
        (
            'columns = ["prev_year", "change", "decisions"]\nformats = ["2019"]',
            'columns = { 2021 = ["decisions"] }\nformats = ["2019"]',
            "patterns/tables/active.toml: row[3].columns.2021: not a format this entry is printed in (2019)",
        ),
        (
            'printed = { 2019 = "规范性文件", 2021 = "行政规范性文件" }',
            'printed = { 2019 = "规范性文件" }',
            "patterns/tables/active.toml: row[1].printed.2021: missing (expected a string)",
        ),
        (
            'formats = ["2019"]\n\n[[column]]\nid = "published"',
            'formats = ["2020"]\n\n[[column]]\nid = "published"',
            "patterns/tables/active.toml: column[3].formats: '2020' is not a format (2019, 2021)",
        ),
        ("section = 2", 'section = "二"', "patterns/tables/active.toml: section: expected an integer, got '二'"),
    ],
)
def test_a_mistake_in_a_table_file_names_file_and_key(tmp_path, old, new, message):
    path = _broken(tmp_path, "tables/active", old, new)
    assert _error(path, TableVocabulary, "patterns/tables/active.toml").startswith(message)


def test_unknown_key_lists_the_known_ones(tmp_path):
    path = _broken(tmp_path, "tables/appeals", 'header_words = ["行政诉讼"]', 'header_word = ["行政诉讼"]')
    assert _error(path, TableVocabulary, "patterns/tables/appeals.toml") == (
        "patterns/tables/appeals.toml: header_word: unknown key (known here: table, title, section, "
        "header_words, subtable_titles, column, group, row)"
    )


def test_a_file_that_is_not_toml_is_named(tmp_path):
    path = _broken(tmp_path, "sections", "[[section]]", "[[section]")
    message = _error(path, Sections, "patterns/sections.toml")
    assert message.startswith("patterns/sections.toml: not valid TOML: ")


@pytest.mark.parametrize(
    "kind, name, old, new, message",
    [
        (Furniture, "furniture", "repeat_share = 0.5", 'repeat_share = "half"', "repeat_share: expected a number"),
        (Furniture, "furniture", "min_pages = 2", "min_pages = true", "min_pages: expected an integer, got True"),
        (Metadata, "metadata", 'title_fields = ["标题"]', 'title_fields = "标题"', "title_fields: expected a list"),
        (ValueWords, "values", "units = [", "unit = [", "unit: unknown key"),
        (Sections, "sections", "number = 3", 'number = "3"', "section[2].number: expected an integer, got '3'"),
        (CompareRules, "compare", 'note = "（六）', 'notes = "（六）', "same[0].notes: unknown key"),
        (CompareRules, "compare", 'rows_2021 = ["other_no_correction"', 'rows_2021 = [1, "x"', "same[0].rows_2021: "),
    ],
)
def test_a_mistake_in_another_file_names_file_and_key(tmp_path, kind, name, old, new, message):
    path = _broken(tmp_path, name, old, new)
    assert _error(path, kind, f"patterns/{name}.toml").startswith(f"patterns/{name}.toml: {message}")


def test_a_table_file_must_name_its_own_table(tmp_path, monkeypatch):
    (tmp_path / "tables").mkdir()
    (tmp_path / "tables" / "appeals.toml").write_text(
        (PATTERNS / "tables" / "appeals.toml").read_text(encoding="utf-8").replace('table = "appeals"', 'table = "x"'),
        encoding="utf-8",
    )
    monkeypatch.setattr("reportparse.pattern_fields.patterns_dir", lambda: tmp_path)
    vocabulary.table.cache_clear()
    try:
        with pytest.raises(PatternError, match=r"^patterns/tables/appeals.toml: table: is 'x' in the file of table"):
            vocabulary.table("appeals")
    finally:
        vocabulary.table.cache_clear()
