"""The documents of the committed regression corpus: one list of (name, ReportSpec).

Each *case* is a set of ReportSpec options aimed at one or more axes of the corpus
(drawing, breaks, noise, content — see README.md beside this file); each case is
built by three different producers, with its own seed per document and the report
format rotating through 2021 / 2019 / mixed unless the case fixes it.  Cases whose
options only exist on paper (page breaks, page furniture, orientation) go to the
four PDF producers only; rotated pages to the two reportlab producers.

Seeds are handed out in list order: append new cases at the end, so that the
documents already committed keep their names, seeds and bytes.

Changing this list changes the corpus: rebuild it (``python -m corpus.build``) and the
baseline scoreboard (``reportparse corpus score corpus/docs --json corpus/scoreboard.json``).
"""

from corpus.generator.spec import ReportSpec

ALL = ("reportlab-cid", "reportlab-ttf", "libreoffice", "chromium", "docx", "html")
PDF = ("reportlab-cid", "reportlab-ttf", "libreoffice", "chromium")
REPORTLAB = ("reportlab-cid", "reportlab-ttf")
SHORT = {
    "reportlab-cid": "cid",
    "reportlab-ttf": "ttf",
    "libreoffice": "lo",
    "chromium": "chrome",
    "docx": "docx",
    "html": "html",
    "text": "txt",
}
TEXT = ("text", "text", "text")
FORMATS = ("2021", "2019", "mixed")

NOISE_ALL = dict(
    page_numbers=True,
    running_header=True,
    fullwidth_digits=True,
    thousands_sep=True,
    units=True,
    blank_cells="mixed",
    label_misprint=True,
    item_mark="、",
    label_spaces=True,
    quotes="straight",
    brackets="half",
    heading_variant=True,
    heading_mark=".",
    heading_spaces=True,
)

# (case name, producers it may use, options)
CASES = [
    # --- table drawing
    ("plain", ALL, {}),
    ("hrules", ALL, dict(rules="hrules")),
    ("norules", ALL, dict(rules="none")),
    ("rects-shaded", REPORTLAB + ("reportlab-cid",), dict(rule_style="rects", shade_titles=True)),
    ("shaded", ALL, dict(shade_titles=True, rules="hrules")),
    ("tight-left", ALL, dict(align="left", cell_padding=2.0, table_font_size=8.0, font_size=10.5)),
    ("loose-right", ALL, dict(align="right", cell_padding=4.5, table_font_size=10.0, font_size=14.0)),
    ("big-table-font", ALL, dict(table_font_size=11.0, cell_padding=2.5, rules="hrules")),
    ("norules-small", ALL, dict(rules="none", table_font_size=8.0, align="left")),
    # --- breaks
    ("split-inside", PDF, dict(split="inside_group")),
    ("split-inside-repeat", PDF, dict(split="inside_group", repeat_header=True)),
    ("split-after-label", PDF, dict(split="after_group_label")),
    ("split-after-label-repeat", PDF, dict(split="after_group_label", repeat_header=True, rules="hrules")),
    ("split-after-header", PDF, dict(split="after_header")),
    ("split-after-header-repeat", PDF, dict(split="after_header", repeat_header=True)),
    ("split-before-group", PDF, dict(split="before_group")),
    ("split-before-group-norules", PDF, dict(split="before_group", rules="none")),
    ("split-label-cut", PDF, dict(split="group_label_split", wrapped_headers=True)),
    ("split-natural", PDF, dict(split="natural", active_split=True)),
    ("appeals-split", PDF, dict(appeals_split=True, page_numbers=True)),
    ("horizontal-label", ALL, dict(vertical_merged_label=False, wrapped_headers=True)),
    ("wrapped-headers", ALL, dict(wrapped_headers=True, table_font_size=10.0)),
    ("narrow-labels", ALL, dict(narrow_labels=True)),
    (
        "narrow-labels-wrapped",
        PDF,
        dict(narrow_labels=True, wrapped_headers=True, split="inside_group", repeat_header=True),
    ),
    ("wide-tables", PDF, dict(wide_tables=True)),
    ("wide-tables-hrules", PDF, dict(wide_tables=True, rules="hrules", split="after_group_label")),
    ("landscape", PDF, dict(orientation="landscape")),
    (
        "landscape-split",
        PDF,
        dict(orientation="landscape", split="inside_group", repeat_header=True, page_numbers=True),
    ),
    ("rotated", REPORTLAB + ("reportlab-cid",), dict(orientation="rotated")),
    (
        "rotated-split",
        REPORTLAB + ("reportlab-ttf",),
        dict(orientation="rotated", split="after_header", wide_tables=True),
    ),
    ("row-break", ("chromium", "libreoffice", "chromium"), dict(row_break=True, narrow_labels=True)),
    (
        "row-break-natural",
        ("libreoffice", "chromium", "libreoffice"),
        dict(row_break=True, split="natural", table_font_size=10.0, wrapped_headers=True),
    ),
    # --- noise
    ("furniture", PDF, dict(page_numbers=True, running_header=True)),
    ("cjk-spaces", ALL, dict(cjk_spaces=True)),
    ("cjk-spaces-split", PDF, dict(cjk_spaces=True, split="inside_group", page_numbers=True)),
    ("misprints", ALL, dict(label_misprint=True, label_spaces=True)),
    ("fullwidth", ALL, dict(fullwidth_digits=True)),
    ("thousands", ALL, dict(thousands_sep=True)),
    ("units", ALL, dict(units=True)),
    ("blank", ALL, dict(blank_cells="blank")),
    ("blank-dash", ALL, dict(blank_cells="dash")),
    ("blank-wu", ALL, dict(blank_cells="wu")),
    ("blank-mixed", ALL, dict(blank_cells="mixed", rules="hrules")),
    ("headings-dot", ALL, dict(heading_variant=True, heading_mark=".", brackets="half")),
    ("headings-comma", ALL, dict(heading_mark="，", quotes="straight", item_mark="、")),
    ("headings-fullstop", ALL, dict(heading_mark="．", item_mark="．", heading_spaces=True)),
    ("noise-all", PDF, NOISE_ALL),
    ("noise-all-split", PDF, dict(NOISE_ALL, split="after_group_label", repeat_header=True, cjk_spaces=True)),
    # --- content
    ("broken-appeals", ALL, dict(break_identities=["appeals.review"])),
    ("broken-appeals-two", ALL, dict(break_identities=["appeals.lawsuit_direct", "appeals.lawsuit_after_review"])),
    ("broken-balance", ALL, dict(break_identities=["requests.balance.natural_person"])),
    ("broken-results", ALL, dict(break_identities=["requests.results.commercial"])),
    ("broken-row", ALL, dict(break_identities=["requests.row.granted"])),
    (
        "broken-many",
        ALL,
        dict(
            break_identities=[
                "appeals.review",
                "requests.balance.total",
                "requests.results.total",
                "requests.row.carried_over",
            ]
        ),
    ),
    ("missing-4", ALL, dict(missing_sections=[4])),
    ("missing-5-6", ALL, dict(missing_sections=[5, 6], signature=False)),
    ("missing-2", ALL, dict(missing_sections=[2])),
    ("truncated", ALL, dict(truncate_after_row="denied_security_stability")),
    ("truncated-late", ALL, dict(truncate_after_row="rejected_duplicate", page_numbers=True)),
    ("truncated-end", ALL, dict(truncate_after_row="unavailable_unclear", truncate_mode="end")),
    # --- appended (new cases go here, so the documents above keep their seeds)
    ("wrapped-numbers", PDF, dict(wrapped_numbers=True)),
    (
        "wrapped-numbers-split",
        PDF,
        dict(wrapped_numbers=True, split="inside_group", repeat_header=True, rules="hrules"),
    ),
    # --- real inputs (issue 9): crawler page text, merged value cells, unruled and wide tables
    ("crawler-spaces", TEXT, dict(text_cells="spaces")),
    ("crawler-joined", TEXT, dict(text_cells="joined")),
    ("crawler-ambiguous", TEXT, dict(text_cells="joined_ambiguous", format="2019")),
    ("merged-zero", ("html", "docx", "reportlab-cid"), dict(merged_values="zero", format="2021")),
    ("merged-zero-print", ("reportlab-ttf", "chromium", "html"), dict(merged_values="zero", format="2021")),
    ("merged-nonzero", ("docx", "reportlab-cid", "chromium"), dict(merged_values="nonzero", format="2021")),
    ("merged-nonzero-web", ("html", "reportlab-ttf", "docx"), dict(merged_values="nonzero", format="2021")),
    ("blank-other-row", ("reportlab-cid", "reportlab-ttf", "libreoffice"), dict(blank_other_row=True, format="2019")),
    (
        "blank-other-row-mixed",
        ("chromium", "libreoffice", "reportlab-ttf"),
        dict(blank_other_row=True, format="mixed", rules="hrules"),
    ),
    (
        "appeals-header-break",
        ("reportlab-cid", "reportlab-ttf", "chromium"),
        dict(rules="none", appeals_header_break=True),
    ),
    (
        "procurement-break",
        ("reportlab-cid", "reportlab-ttf", "chromium"),
        dict(rules="none", procurement_break=True, format="2019"),
    ),
    ("wide-norules", ("libreoffice", "chromium", "reportlab-cid"), dict(wide_tables=True, rules="none", format="2019")),
    # LibreOffice cuts a merged cell at a page break (its value stays on the first page):
    # these break table 三 before a group instead
    ("merged-zero-lo", ("libreoffice",) * 3, dict(merged_values="zero", format="2021", split="before_group")),
    ("merged-nonzero-lo", ("libreoffice",) * 3, dict(merged_values="nonzero", format="2021", split="before_group")),
]


def corpus_specs():
    """[(document name, ReportSpec)] of the whole corpus, in a stable order."""
    out = []
    seed = 100
    for i, (case, producers, options) in enumerate(CASES):
        for k in range(3):
            producer = producers[(i + k) % len(producers)] if len(producers) > 3 else producers[k]
            opts = dict(options)
            opts.setdefault("format", FORMATS[(i + k) % 3])
            if (
                "truncate_after_row" in opts
                and opts["format"] == "2019"
                and opts["truncate_after_row"].startswith("other_")
            ):
                opts["format"] = "2021"
            seed += 1
            spec = ReportSpec(seed=seed, producer=producer, **opts).validate()
            out.append((f"{case}-{SHORT[producer]}-{seed}", spec))
    names = [n for n, _ in out]
    assert len(names) == len(set(names)), "duplicate document names"
    return out
