"""Canonical Chinese labels of the report's headings and tables (2019 and 2021 formats).

Everything here is data: the row/column ids are the cell ids of the spec
(report-format.md), the labels are the canonical printed labels.  Noise (misprints,
bracket/quote/numbering variants) is applied later by ``noise.py``.
"""

NUMERALS = "一二三四五六"

# section number -> (canonical title without numeral, variant titles)
SECTION_TITLES = {
    1: ("总体情况", []),
    2: ("主动公开政府信息情况", []),
    3: ("收到和处理政府信息公开申请情况", []),
    4: ("政府信息公开行政复议、行政诉讼情况", ["因政府信息公开工作被申请行政复议、提起行政诉讼情况"]),
    5: ("存在的主要问题及改进情况", ["政府信息公开工作存在的主要问题及改进情况", "存在问题及改进情况"]),
    6: ("其他需要报告的事项", []),
}

REPORT_TITLE = "{year}年政府信息公开工作年度报告"

# ---------------------------------------------------------------- table active
# A sub-table: (title, [(column id, header label)], [(row id, row label)])
ACTIVE_FIRST_HEADER = "信息内容"

ACTIVE_2021 = [
    (
        "第二十条第（一）项",
        [("issued", "本年制发件数"), ("repealed", "本年废止件数"), ("in_force", "现行有效件数")],
        [("regulations", "规章"), ("normative_documents", "行政规范性文件")],
    ),
    ("第二十条第（五）项", [("decisions", "本年处理决定数量")], [("licensing", "行政许可")]),
    ("第二十条第（六）项", [("decisions", "本年处理决定数量")], [("penalty", "行政处罚"), ("coercion", "行政强制")]),
    ("第二十条第（八）项", [("amount", "本年收费金额（单位：万元）")], [("fees", "行政事业性收费")]),
]

_PREV = [("prev_year", "上一年项目数量"), ("change", "本年增/减"), ("decisions", "处理决定数量")]

ACTIVE_2019 = [
    (
        "第二十条第（一）项",
        [("made", "本年新制作数量"), ("published", "本年新公开数量"), ("total_public", "对外公开总数量")],
        [("regulations", "规章"), ("normative_documents", "规范性文件")],
    ),
    ("第二十条第（五）项", _PREV, [("licensing", "行政许可"), ("other_services", "其他对外管理服务事项")]),
    ("第二十条第（六）项", _PREV, [("penalty", "行政处罚"), ("coercion", "行政强制")]),
    ("第二十条第（八）项", _PREV[:2], [("fees", "行政事业性收费")]),
    ("第二十条第（九）项", [("projects", "采购项目数量"), ("amount", "采购总金额")], [("procurement", "政府集中采购")]),
]

# cells of table active that hold amounts (decimals) rather than counts
ACTIVE_AMOUNT_CELLS = {"fees.amount", "procurement.amount"}

# -------------------------------------------------------------- table requests
REQUESTS_CORNER = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
REQUESTS_APPLICANTS = "申请人情况"
REQUESTS_LEGAL_PERSONS = "法人或其他组织"

# (column id, label, label wrapped over lines as in narrow Word columns)
REQUESTS_COLUMNS = [
    ("natural_person", "自然人", "自然人"),
    ("commercial", "商业企业", "商业\n企业"),
    ("research", "科研机构", "科研\n机构"),
    ("social_welfare", "社会公益组织", "社会\n公益\n组织"),
    ("legal_service", "法律服务机构", "法律\n服务\n机构"),
    ("other_org", "其他", "其他"),
    ("total", "总计", "总计"),
]
REQUESTS_PART_COLUMNS = [c for c, _, _ in REQUESTS_COLUMNS if c != "total"]

REQUESTS_HEAD_ROWS = [
    ("new_received", "一、本年新收政府信息公开申请数量"),
    ("carried_over", "二、上年结转政府信息公开申请数量"),
]
REQUESTS_RESULTS_LABEL = "三、本年度办理结果"

# result groups: (group label, [(row id, item label or None when the group is one row)])
REQUESTS_GROUPS_COMMON = [
    ("（一）予以公开", [("granted", None)]),
    ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", [("partially_granted", None)]),
    (
        "（三）不予公开",
        [
            ("denied_state_secret", "1.属于国家秘密"),
            ("denied_prohibited_by_law", "2.其他法律行政法规禁止公开"),
            ("denied_security_stability", "3.危及“三安全一稳定”"),
            ("denied_third_party", "4.保护第三方合法权益"),
            ("denied_internal_affairs", "5.属于三类内部事务信息"),
            ("denied_process_info", "6.属于四类过程性信息"),
            ("denied_enforcement_files", "7.属于行政执法案卷"),
            ("denied_inquiry", "8.属于行政查询事项"),
        ],
    ),
    (
        "（四）无法提供",
        [
            ("unavailable_not_held", "1.本机关不掌握相关政府信息"),
            ("unavailable_needs_creation", "2.没有现成信息需要另行制作"),
            ("unavailable_unclear", "3.补正后申请内容仍不明确"),
        ],
    ),
    (
        "（五）不予处理",
        [
            ("rejected_petition", "1.信访举报投诉类申请"),
            ("rejected_duplicate", "2.重复申请"),
            ("rejected_publication", "3.要求提供公开出版物"),
            ("rejected_excessive", "4.无正当理由大量反复申请"),
            ("rejected_reconfirm", "5.要求行政机关确认或重新出具已获取信息"),
        ],
    ),
]
REQUESTS_OTHER_2019 = ("（六）其他处理", [("other", None)])
REQUESTS_OTHER_2021 = (
    "（六）其他处理",
    [
        ("other_no_correction", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
        ("other_no_fee", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
        ("other_other", "3.其他"),
    ],
)
REQUESTS_TOTAL_GROUP = ("（七）总计", [("total", None)])
REQUESTS_TAIL_ROWS = [("carried_forward", "四、结转下年度继续办理")]

# a misprint seen in real reports, per row id
MISPRINTS = {
    "denied_prohibited_by_law": "2.其他法律行政止公开",
    "rejected_excessive": "4.无正当理由大量反复 申请",
    "unavailable_needs_creation": "2.没有现成信息需要另行制做",
}


def requests_groups(table_format):
    """Result groups of table requests; ``table_format`` is "2019" or "2021"."""
    other = REQUESTS_OTHER_2019 if table_format == "2019" else REQUESTS_OTHER_2021
    return REQUESTS_GROUPS_COMMON + [other, REQUESTS_TOTAL_GROUP]


def requests_row_ids(table_format):
    """All row ids of table requests in printed order."""
    ids = [r for r, _ in REQUESTS_HEAD_ROWS]
    for _, items in requests_groups(table_format):
        ids += [r for r, _ in items]
    return ids + [r for r, _ in REQUESTS_TAIL_ROWS]


def result_row_ids(table_format):
    """Row ids summed by identity 2 (granted ... other/other_*)."""
    ids = []
    for label, items in requests_groups(table_format):
        if label != REQUESTS_TOTAL_GROUP[0]:
            ids += [r for r, _ in items]
    return ids


# --------------------------------------------------------------- table appeals
APPEALS_REVIEW = "行政复议"
APPEALS_LAWSUIT = "行政诉讼"
APPEALS_ROWS = [
    ("review", "行政复议"),
    ("lawsuit_direct", "未经复议直接起诉"),
    ("lawsuit_after_review", "复议后起诉"),
]
# (column id, label, wrapped label)
APPEALS_COLUMNS = [
    ("upheld", "结果维持", "结果\n维持"),
    ("corrected", "结果纠正", "结果\n纠正"),
    ("other", "其他结果", "其他\n结果"),
    ("pending", "尚未审结", "尚未\n审结"),
    ("total", "总计", "总计"),
]
