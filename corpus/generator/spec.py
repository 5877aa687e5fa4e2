"""ReportSpec: every knob of a synthetic report.  Each field has a default; the
defaults give a plain, clean 2021-format report drawn with a full grid."""

from dataclasses import dataclass, field, fields, asdict
from typing import List, Optional

CHOICES = {
    "format": ("2021", "2019", "mixed"),
    "producer": ("reportlab-cid", "reportlab-ttf", "libreoffice", "chromium", "docx", "html", "text"),
    "scale": (None, "small", "medium", "large"),
    "rules": ("grid", "hrules", "none"),
    "rule_style": ("lines", "rects"),
    "align": ("center", "left", "right"),
    "split": (
        None,
        "natural",
        "inside_group",
        "after_group_label",
        "after_header",
        "group_label_split",
        "before_group",
    ),
    "orientation": ("portrait", "landscape", "rotated"),
    "blank_cells": (None, "blank", "dash", "wu", "mixed"),
    "item_mark": (".", "、", "．"),
    "quotes": ("curly", "straight"),
    "brackets": ("full", "half"),
    "heading_mark": ("、", ".", "，", "．"),
    "truncate_mode": ("jump", "end"),
    "text_cells": ("spaces", "joined", "joined_ambiguous"),
    "merged_values": (None, "zero", "nonzero"),
}


# Knobs added later, with their defaults (see to_dict).
APPENDED = {
    "appeals_header_break": False,
    "procurement_break": False,
    "text_cells": "spaces",
    "merged_values": None,
    "blank_other_row": False,
}


@dataclass
class ReportSpec:
    # --- content
    seed: int = 1
    format: str = "2021"  # "2021" | "2019" | "mixed" (2021 + one-row （六）其他处理)
    year: Optional[int] = None  # None: 2023 (2021/mixed) or 2020 (2019)
    agency: Optional[str] = None  # None: picked from the seed, e.g. "某某区人民政府"
    scale: Optional[str] = None  # None (from seed) | "small" | "medium" | "large"
    break_identities: List[str] = field(default_factory=list)
    missing_sections: List[int] = field(default_factory=list)
    truncate_after_row: Optional[str] = None  # requests row id; table 三 ends after it
    truncate_mode: str = "jump"  # "jump": go on with section 五 (四 is lost) | "end"
    signature: bool = True  # closing agency name + date after section 六
    # --- producer and geometry
    producer: str = "reportlab-cid"  # see PRODUCERS in __init__.py
    rules: str = "grid"  # "grid" | "hrules" | "none"
    rule_style: str = "lines"  # rules drawn as stroked lines or as thin filled rects
    shade_titles: bool = False  # fill table 二's 第二十条 title rows (not with rules="none")
    font_size: float = 12.0  # body text
    table_font_size: float = 9.0
    cell_padding: float = 3.0
    align: str = "center"  # numbers in cells
    vertical_merged_label: bool = True  # 三、本年度办理结果 one character per line
    wrapped_headers: bool = False  # 商业/企业, 社会/公益/组织, 结果/维持 ...
    split: Optional[str] = None  # where table 三 breaks across pages (None: kept whole)
    repeat_header: bool = False  # repeat table 三's header on the continuation page
    active_split: bool = False  # table 二 breaks between a 第二十条 title and its header
    appeals_split: bool = False  # table 四 breaks between its header and its row of numbers
    narrow_labels: bool = False  # table 三's item label column ~7 characters: labels wrap over 3 lines
    wide_tables: bool = False  # tables 三 and 四 wider than the text block (into the margins)
    orientation: str = "portrait"  # "portrait" | "landscape" | "rotated" (landscape shown via /Rotate 90)
    wrapped_numbers: bool = False  # table 三's value columns 1.6 characters wide: numbers of 4+
    # digits wrap inside the cell ("4427" over "442" / "7")
    row_break: bool = False  # a table row may break across pages, its lines split between them
    # (Word's default; libreoffice, chromium and docx only)
    appeals_header_break: bool = False  # table 四 breaks after its first header row (行政复议 | 行政诉讼)
    procurement_break: bool = False  # table 二 (2019) breaks before the 政府集中采购 row, under its header
    # --- appended knobs (issue 9: real inputs)
    text_cells: str = "spaces"  # producer "text" (a crawler's one-line page text): table cells
    # separated by spaces, or run together ("joined": a space is kept
    # where a row's digits would split more than one way;
    # "joined_ambiguous": table 二's rows are left ambiguous)
    merged_values: Optional[str] = None  # 2021 （六）'s three rows share one value cell per column
    # (rowspan 3): "zero" prints 0, "nonzero" a number
    blank_other_row: bool = False  # the 2019 one-row （六）其他处理 printed with every value cell blank
    # --- noise
    page_numbers: bool = False  # "- n -" footer
    running_header: bool = False  # agency + report title on top of every page
    fullwidth_digits: bool = False  # table numbers in full-width digits
    thousands_sep: bool = False  # 1,234 (scale defaults to "large" then)
    units: bool = False  # 177 宗 / 8 件 / 7730.28万元 in table 二's cells
    blank_cells: Optional[str] = None  # zero cells printed blank / "—" / "无" / mixed
    label_misprint: bool = False  # 2.其他法律行政止公开 ...
    item_mark: str = "."  # "1." | "1、" | "1．"
    label_spaces: bool = False  # stray spaces inside labels
    quotes: str = "curly"  # “三安全一稳定” vs "三安全一稳定"
    brackets: str = "full"  # （一） vs (一)
    heading_variant: bool = False  # variant headings of sections 四 and 五
    heading_mark: str = "、"  # 一、 | 一. | 一， | 一．
    heading_spaces: bool = False  # 一、 总体情况 / 一、总 体 情 况
    cjk_spaces: bool = False  # a space between every two characters of headings and table labels

    def validate(self):
        for name, allowed in CHOICES.items():
            if getattr(self, name) not in allowed:
                raise ValueError(f"ReportSpec.{name}={getattr(self, name)!r}; allowed: {allowed}")
        for n in self.missing_sections:
            if n not in range(1, 7):
                raise ValueError(f"missing_sections: {n} is not a section number 1..6")
        if not 6 <= self.font_size <= 20 or not 5 <= self.table_font_size <= 14:
            raise ValueError("font sizes out of range")
        if not 0.5 <= self.cell_padding <= 10:
            raise ValueError("cell_padding out of range")
        if self.row_break and self.producer.startswith("reportlab"):
            raise ValueError("row_break needs the libreoffice, chromium or docx producer")
        if self.orientation == "rotated" and not self.producer.startswith("reportlab"):
            raise ValueError("orientation='rotated' needs a reportlab producer")
        if self.producer == "text" and (
            self.blank_cells
            or self.units
            or self.thousands_sep
            or self.label_misprint
            or self.cjk_spaces
            or self.merged_values
        ):
            raise ValueError("producer 'text' prints no blank cells, units, separators, misprints or merged cells")
        if self.merged_values and self.table_format != "2021":
            raise ValueError("merged_values needs the 2021 three-row （六）其他处理 (format 2021)")
        if self.blank_other_row and self.table_format != "2019":
            raise ValueError("blank_other_row needs the one-row （六）其他处理 (format 2019 or mixed)")
        if self.procurement_break and self.active_format != "2019":
            raise ValueError("procurement_break needs table 二 in the 2019 format")
        return self

    @property
    def table_format(self):
        """Format of table 三's （六） rows: "2019" (one row `other`) or "2021"."""
        return "2021" if self.format == "2021" else "2019"

    @property
    def active_format(self):
        """Format of table 二: 2019 or 2021 (mixed uses 2021)."""
        return "2019" if self.format == "2019" else "2021"

    @property
    def report_year(self):
        if self.year is not None:
            return self.year
        return 2020 if self.format == "2019" else 2023

    def to_dict(self):
        # Knobs added after the corpus was first committed are left out at their
        # defaults, so the truth.json of the documents before them stays byte-identical.
        return {k: v for k, v in asdict(self).items() if k not in APPENDED or v != APPENDED[k]}

    @classmethod
    def from_dict(cls, d):
        names = {f.name for f in fields(cls)}
        unknown = set(d) - names
        if unknown:
            raise ValueError(f"unknown ReportSpec fields: {sorted(unknown)}")
        return cls(**d)
