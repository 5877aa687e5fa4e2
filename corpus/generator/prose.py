"""Plausible Chinese body text of a report: title, intro, the six sections' paragraphs,
closing signature.  Every function returns plain strings (one string per paragraph);
numbers mentioned in the text agree with the tables."""

PLACES = [
    "云溪",
    "青岚",
    "南湖",
    "东川",
    "柳林",
    "白沙",
    "金源",
    "石桥",
    "松阳",
    "临江",
    "清河",
    "枫林",
    "玉泉",
    "安平",
    "长宁",
    "北塘",
]
CITIES = ["江川市", "淮阳市", "临海市", "泰和市", "宁远市", "平安市"]
DEPARTMENTS = [
    "人力资源局",
    "自然资源和规划局",
    "市场监督管理局",
    "生态环境局",
    "住房和城乡建设局",
    "交通运输局",
    "卫生健康委员会",
]

SUBTOPICS = [
    (
        "主动公开情况",
        [
            "主要通过政府门户网站主动公开政府文件、项目审批、通知公告等各类政府信息。",
            "{year}年，{we}在政府网站平台主动公开政府信息{sp}{published}{sp}条，其中政策文件{sp}{policies}{sp}条。",
            "围绕重大决策部署、重点领域信息和民生关切事项，及时准确发布权威信息，做好政策解读和回应关切工作。",
            "全年发布政策解读材料{sp}{interpretations}{sp}篇，通过图文、音视频等形式多角度解读政策内容。",
        ],
    ),
    (
        "依申请公开情况",
        [
            "进一步规范依申请公开流程，畅通依申请公开受理渠道，严格按照法定程序和时限办理。",
            "{year}年共受理政府信息公开申请{sp}{received}{sp}件，均在法定期限内答复。",
            "对涉及多个部门的申请事项加强会商研判，确保答复内容合法、准确、规范。",
        ],
    ),
    (
        "政府信息管理情况",
        [
            "加强政府门户网站及政务新媒体日常管理，运用第三方检测平台实行常态化监测，执行信息审核发布制度。",
            "严格执行“分级审核、先审后发”程序，落实“三审三校”制度，从严从实把好政治关、法律关、政策关、保密关、文字关，未经审核的信息一律不准发布。",
            "动态更新政府信息公开指南和目录，做好行政规范性文件的清理工作。",
        ],
    ),
    (
        "政府信息公开平台建设情况",
        [
            "加强对政府网站、政务新媒体动态全面监管，按照管理标准定期检查，及时关停整合用户关注度低、更新不及时、无力运维的新媒体账号。",
            "对存在未及时更新、空白栏目、不良链接等问题进行严格督查，确保公开信息及时准确规范。",
            "优化政府信息公开专栏设置，完善检索功能，提升平台的易用性和便捷性。",
        ],
    ),
    (
        "政府信息公开监督保障情况",
        [
            "进一步细化分解政府门户网站和政务新媒体内容保障责任单位，形成工作清单，做到任务具体、责任明确。",
            "将政务公开工作纳入年度绩效考核，组织开展业务培训{sp}{trainings}{sp}次，不断提升工作人员业务水平。",
            "全年未发生因政府信息公开工作引发的责任追究事项。",
        ],
    ),
]

GENERAL = [
    "{year}年，{agency}坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻落实《条例》相关规范要求，不断完善政府信息公开制度，建立健全政府信息公开保障机制。",
    "始终将政务公开工作摆在重要位置，推进政府信息公开工作规范、有序、健康发展。",
    "紧紧围绕中心工作，持续深化决策、执行、管理、服务、结果公开，政务公开工作取得新成效。",
]

SECTION2 = [
    "根据《中华人民共和国政府信息公开条例》相关条款，{we}本年度主动公开相关信息情况详见下表。",
    "本年度{we}依法主动公开规章、规范性文件及行政许可、行政处罚等信息，具体情况如下。",
]

SECTION3 = [
    "本年度{we}新收政府信息公开申请{sp}{received}{sp}件，详见下表。",
    "{year}年共收到政府信息公开申请{sp}{received}{sp}件，办理情况如下。",
]

SECTION4 = [
    "本年度{we}发生政府信息公开行政复议{sp}{reviews}{sp}件、行政诉讼{sp}{lawsuits}{sp}件，具体情况如下。",
    "{year}年因政府信息公开工作被申请行政复议{sp}{reviews}{sp}件，被提起行政诉讼{sp}{lawsuits}{sp}件。",
]

PROBLEMS = [
    "{year}年，{we}政府信息公开工作取得一定的成效，但对照上级要求，仍存在一定差距。如依申请公开工作规范性还有待提高、政务公开内容的深度和广度还有待提升、政务公开队伍建设有待加强等。",
    "对照新要求新任务，仍存在以下短板：一是主动公开工作还需进一步规范，部分栏目更新不够及时；二是政策解读形式较为单一，解读质量有待提升。",
]
IMPROVEMENTS = [
    "针对存在问题，下一步，将切实抓好以下工作：一是扎实推进依申请公开工作，全面梳理和优化工作流程、健全工作机制、强化部门协同配合，全面提升政府信息依申请公开规范化、专业化水平。",
    "二是围绕中心工作，进一步梳理明确政务公开的重点领域，继续优化政务公开、政策解读、关切回应等工作。三是继续加强业务指导培训，不断提高工作人员的思想认识和业务工作水平。",
    "下一步，{we}将持续加强政务公开标准化规范化建设，拓宽公开渠道，提升公开实效，更好地满足人民群众的信息需求。",
]
OTHER = [
    "{year}年，{we}严格落实《政府信息公开信息处理费管理办法》，全年收取政府信息公开信息处理费{sp}{fee}{sp}元。",
    "本年度{we}共办理人大代表建议{sp}{proposals}{sp}件、政协提案{sp}{motions}{sp}件，办复率100%，办理结果均已按要求公开。",
    "本年度无其他需要报告的事项。",
]


def agency_name(rng):
    """A synthetic agency, its short self-reference (我区 / 我局) and its office."""
    place = rng.choice(PLACES)
    kind = rng.randrange(3)
    if kind == 0:
        return f"{place}区人民政府", "我区", f"{rng.choice(CITIES)}{place}区人民政府办公室"
    if kind == 1:
        return f"{place}县人民政府", "我县", f"{place}县人民政府办公室"
    dept = rng.choice(DEPARTMENTS)
    return f"{place}区{dept}", "我局", f"{place}区{dept}"


def _fill(template, ctx):
    return template.format(**ctx)


def intro(ctx):
    return _fill(
        "本报告由{office}根据《中华人民共和国政府信息公开条例》（以下简称《条例》）"
        "要求编制。报告中所列数据统计期限自{year}年1月1日起至{year}年12月31日止。"
        "如对本报告有疑问，请与{office}联系（电话：{phone}）。",
        ctx,
    )


def section_paragraphs(number, ctx, rng):
    """Paragraphs (strings) of section ``number`` as printed."""
    f = lambda t: _fill(t, ctx)
    if number == 1:
        paras = [f("".join(GENERAL[: rng.randint(1, 3)]))]
        topics = SUBTOPICS[: rng.randint(3, len(SUBTOPICS))]
        inline = rng.random() < 0.5
        for i, (title, sentences) in enumerate(topics):
            k = rng.randint(2, len(sentences))
            body = "".join(f(s) for s in sentences[:k])
            head = f"（{'一二三四五'[i]}）{title}"
            if inline:
                paras.append(f"{head}。{body}")
            else:
                paras += [head, body]
        return paras
    if number == 2:
        return [f(rng.choice(SECTION2))] if rng.random() < 0.7 else []
    if number == 3:
        return [f(rng.choice(SECTION3))] if rng.random() < 0.6 else []
    if number == 4:
        return [f(rng.choice(SECTION4))] if rng.random() < 0.4 else []
    if number == 5:
        return [f(rng.choice(PROBLEMS))] + [f(s) for s in IMPROVEMENTS[: rng.randint(1, 3)]]
    if number == 6:
        return [f(s) for s in OTHER[: rng.randint(1, 2)]] if rng.random() < 0.8 else [f(OTHER[2])]
    raise ValueError(number)


def context(rng, agency, we, office, year, values):
    """Numbers and names the prose mentions (consistent with the table values)."""

    def v(cell):
        return values.get(cell) or 0

    return {
        "agency": agency,
        "we": we,
        "office": office,
        "year": year,
        "sp": " " if rng.random() < 0.5 else "",
        "published": rng.randint(80, 3000),
        "policies": rng.randint(5, 120),
        "interpretations": rng.randint(2, 60),
        "trainings": rng.randint(1, 8),
        "received": v("requests.new_received.total"),
        "reviews": v("appeals.review.total"),
        "lawsuits": v("appeals.lawsuit_direct.total") + v("appeals.lawsuit_after_review.total"),
        "fee": 0 if rng.random() < 0.8 else rng.randint(1, 40) * 10,
        "proposals": rng.randint(0, 40),
        "motions": rng.randint(0, 40),
        "phone": f"0{rng.randint(510, 599)}-{rng.randint(80000000, 89999999)}",
    }


def signature(agency, year, rng):
    month, day = rng.randint(1, 3), rng.randint(1, 28)
    return [agency, f"{year + 1}年{month}月{day}日"]
