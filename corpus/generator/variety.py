"""Random but deterministic combinations of ReportSpec options, for building a varied
corpus (``python -m corpus.generator OUT --batch N``)."""

import random

from . import labels
from .identities import all_names
from .spec import ReportSpec


def random_spec(seed, producer="reportlab-cid"):
    """A ReportSpec whose options are drawn from ``seed`` (the spec's own seed too)."""
    r = random.Random(f"variety:{seed}")
    fmt = r.choice(["2021", "2021", "mixed", "2019"])
    p = lambda x: r.random() < x
    spec = ReportSpec(
        seed=seed,
        format=fmt,
        producer=producer,
        rules=r.choice(["grid", "grid", "hrules", "none"]),
        rule_style=r.choice(["lines", "rects"]),
        shade_titles=p(0.3),
        font_size=r.choice([10.5, 12.0, 12.0, 14.0]),
        table_font_size=r.choice([8.0, 9.0, 9.0, 10.0]),
        cell_padding=r.choice([2.0, 3.0, 4.0]),
        align=r.choice(["center", "center", "left", "right"]),
        vertical_merged_label=p(0.7),
        wrapped_headers=p(0.5),
        split=r.choice([None, "natural", "inside_group", "after_group_label", "after_header", "group_label_split"]),
        repeat_header=p(0.3),
        active_split=p(0.3),
        page_numbers=p(0.6),
        running_header=p(0.3),
        fullwidth_digits=p(0.1),
        thousands_sep=p(0.2),
        units=p(0.2),
        blank_cells=r.choice([None, None, "blank", "dash", "wu", "mixed"]),
        label_misprint=p(0.3),
        item_mark=r.choice([".", ".", "、", "．"]),
        label_spaces=p(0.2),
        quotes=r.choice(["curly", "straight"]),
        brackets=r.choice(["full", "full", "half"]),
        heading_variant=p(0.3),
        heading_mark=r.choice(["、", "、", "、", ".", "，", "．"]),
        heading_spaces=p(0.15),
    )
    # options added later draw from their own rng: the older options of a seed stay the same
    r2 = random.Random(f"variety2:{seed}")

    def q(x):
        return r2.random() < x

    spec.split = spec.split if not q(0.15) else "before_group"
    spec.appeals_split = q(0.15)
    spec.narrow_labels = q(0.2)
    spec.wide_tables = q(0.15)
    spec.cjk_spaces = q(0.1)
    spec.orientation = r2.choice(["portrait"] * 8 + ["landscape", "rotated"])
    if spec.orientation == "rotated" and not producer.startswith("reportlab"):
        spec.orientation = "landscape"
    if p(0.3):
        names = [n for n in all_names(spec.table_format) if n.startswith("appeals.") or p(0.05)]
        spec.break_identities = sorted(r.sample(names, k=min(len(names), r.randint(1, 2))))
    if p(0.15):
        spec.missing_sections = [r.choice([4, 5, 6])]
    if p(0.1) and not spec.break_identities:
        rows = labels.requests_row_ids(spec.table_format)
        spec.truncate_after_row = r.choice(rows[4:-3])
        spec.truncate_mode = r.choice(["jump", "end"])
    return spec.validate()
