"""The words hand-typed rosters use, in one place: column headers and the values clerks type.

Every key here is already in the folded form `fold()` produces (NFKC, no spaces or ＊ marks), so a lookup is
one dict access. Order inside a field's header list is priority: when a sheet has two columns for one field
(岗位 and 工种, 参加工作时间 and 一线工作时间), the one listed first wins and the other is left unmapped.
"""

from __future__ import annotations

import re
import unicodedata

# field -> headers, most specific first. The field names are PersonInput's, plus sex / birth / status, which
# are read only to check the ID number or set the status.
HEADERS: dict[str, tuple[str, ...]] = {
    "name": ("姓名", "职工姓名", "员工姓名", "人员姓名", "名字"),
    "id_number": (
        "身份证号",
        "身份证号码",
        "公民身份号码",
        "身份证",
        "公民身份证号",
        "公民身份证号码",
        "居民身份证号码",
        "身份证件号码",
        "身份证编号",
        "证件号码",
        "证件号",
    ),
    "sex": ("性别",),
    "birth": ("出生日期", "出生年月", "出生年月日"),
    "education": ("文化程度", "学历", "最高学历", "学历层次", "文化"),
    "major": ("所学专业", "专业", "毕业专业"),
    "school": ("毕业院校", "学校", "毕业学校", "院校"),
    # 一线 first: the stored date is the start of front-line work (see Person.work_start).
    "work_start": (
        "一线工作时间",
        "参加一线工作时间",
        "从事一线工作时间",
        "参加工作时间",
        "参加工作日期",
        "参加工作年月",
        "工作时间",
    ),
    "hire_date": (
        "入职时间",
        "入矿时间",
        "入职日期",
        "入矿日期",
        "入企时间",
        "进矿时间",
        "到矿时间",
        "入职年月",
    ),
    "department": (
        "部门(区队)",
        "部门/区队",
        "区队(科室)",
        "部门",
        "区队",
        "科室",
        "科队",
        "所在部门",
        "所在区队",
        "所在单位",
        "单位",
    ),
    "post": (
        "岗位/职务",
        "职务/岗位",
        "岗位(工种)",
        "岗位",
        "工种",
        "岗位工种",
        "工作岗位",
        "现岗位",
        "从事岗位",
        "职务",
        "现任职务",
    ),
    "employment_type": ("用工形式", "用工性质", "用工类型", "用工方式", "人员性质"),
    "contractor": (
        "外包单位",
        "派遣单位",
        "劳务派遣单位",
        "外包/派遣单位",
        "派遣/外包单位",
        "承包单位",
        "外委单位",
        "劳务公司",
    ),
    "underground": ("入井", "是否入井", "下井", "是否下井", "入井人员"),
    "phone": ("联系电话", "手机", "手机号", "手机号码", "电话", "电话号码", "联系方式"),
    "work_no": ("工号", "职工编号", "员工编号", "人员编号"),
    "title": ("职称", "技术职称", "专业技术职称", "职称等级"),
    "core_major": ("是否主体专业", "主体专业"),
    "status": ("状态", "在岗状态", "人员状态"),
    "note": ("备注", "说明"),
}

# Headers we know and deliberately do not read (derived or printed-only columns). They count towards finding
# the header row, and are not offered to the clerk as "unmapped".
IGNORED_HEADERS = frozenset(
    {"序号", "年龄", "一线年限", "一线从业年限", "特种作业证号", "有效期至", "本人签字", "签字", "签名"}
)

# The Chinese label of each field, as the GUI's mapping editor and the messages name it.
FIELD_LABELS: dict[str, str] = {
    "name": "姓名",
    "id_number": "身份证号",
    "sex": "性别",
    "birth": "出生日期",
    "education": "文化程度",
    "major": "所学专业",
    "school": "毕业院校",
    "work_start": "参加工作时间",
    "hire_date": "入职时间",
    "department": "部门（区队）",
    "post": "岗位/职务",
    "employment_type": "用工形式",
    "contractor": "外包单位",
    "underground": "入井",
    "phone": "联系电话",
    "work_no": "工号",
    "title": "职称",
    "core_major": "是否主体专业",
    "status": "状态",
    "note": "备注",
}

# The five levels (db.services.people.EDUCATION_LEVELS) and what clerks type for them.
EDUCATION: dict[str, str] = {
    "初中": "初中",
    "初级中学": "初中",
    **dict.fromkeys(
        (
            "高中",
            "中专",
            "技校",
            "职高",
            "中技",
            "职中",
            "中职",
            "中师",
            "普高",
            "高级中学",
            "职业高中",
            "技工学校",
            "中等专业学校",
            "中等专科",
            "高中/中专/技校",
        ),
        "高中/中专/技校",
    ),
    **dict.fromkeys(("大专", "专科", "大学专科", "高职", "高专", "高等专科", "高等职业", "高职高专"), "大专"),
    **dict.fromkeys(("本科", "大学本科", "大学", "学士", "大本", "本科学士"), "本科"),
    **dict.fromkeys(
        ("研究生", "硕士", "博士", "硕士研究生", "博士研究生", "研究生硕士", "研究生博士", "博士后"),
        "研究生",
    ),
}
# Below 初中 is refused, not raised to 初中: special-operation staff must have 初中 or above, and rounding up
# would hide exactly the person an inspector is looking for.
BELOW_JUNIOR = frozenset({"小学", "文盲", "半文盲", "扫盲", "识字", "无"})
# Study modes and suffixes that say how, not what level: "函授大专", "本科毕业", "高中文化".
EDUCATION_PREFIXES = (
    "非全日制",
    "全日制",
    "在职",
    "函授",
    "自考",
    "成人",
    "电大",
    "夜大",
    "网络",
    "远程",
    "业余",
    "脱产",
    "普通",
)
EDUCATION_SUFFIXES = ("及以上", "学历", "毕业", "文化", "水平", "结业")

# db.services.people.EMPLOYMENT_TYPES and the hand-typed variants.
EMPLOYMENT: dict[str, str] = {
    **dict.fromkeys(
        ("正式", "正式工", "正式职工", "正式员工", "在编", "固定工", "固定职工", "自有职工", "本矿职工"),
        "正式",
    ),
    **dict.fromkeys(
        (
            "合同",
            "合同工",
            "合同制",
            "合同制工人",
            "合同制职工",
            "劳动合同",
            "劳动合同工",
            "劳动合同制",
            "协议工",
            "协议",
            "聘用",
            "聘用工",
            "返聘",
            "临时工",
        ),
        "合同",
    ),
    **dict.fromkeys(("劳务派遣", "派遣", "派遣工", "劳务派遣工", "劳派", "劳务派遣人员"), "劳务派遣"),
    **dict.fromkeys(
        ("外包", "外包工", "外包人员", "承包", "外委", "外协", "外包队", "外委队伍", "承包商"), "外包"
    ),
}

YES = frozenset({"是", "入井", "下井", "井下", "√", "✓", "✔", "☑", "Y", "YES", "1", "TRUE", "对", "有"})
NO = frozenset(
    {"否", "不入井", "不下井", "地面", "井上", "×", "✗", "✘", "☒", "X", "N", "NO", "0", "FALSE", "无", "不"}
)

# 职称: the three grades and the titles that carry them.
TITLES: dict[str, str] = {
    **dict.fromkeys(("", "无", "/", "-"), ""),
    **dict.fromkeys(("初级", "助理工程师", "助工", "技术员", "初级职称", "员级"), "初级"),
    **dict.fromkeys(("中级", "工程师", "中级工程师", "中级职称", "中工"), "中级"),
    **dict.fromkeys(
        ("高级", "高级工程师", "高工", "正高级工程师", "教授级高级工程师", "副高", "正高", "高级职称"), "高级"
    ),
}

STATUS: dict[str, str] = {
    **dict.fromkeys(("", "在岗", "在职", "正常", "在册"), "active"),
    **dict.fromkeys(("调离", "调出", "调走"), "transferred"),
    **dict.fromkeys(("离职", "辞职", "退休", "解除合同", "解除劳动合同", "开除", "辞退", "离岗"), "left"),
}

# A row whose first text starts with one of these is a footer or signature line, not a person: skipped quietly.
FOOTER_PREFIXES = (
    "合计",
    "总计",
    "小计",
    "共计",
    "制表人",
    "制表",
    "填表人",
    "审核人",
    "审核",
    "负责人",
    "填报人",
    "注:",
    "说明:",
)

_MARKS = str.maketrans("", "", "*※★☆")
_PARENS = re.compile(r"\([^)]*\)|\[[^\]]*\]|【[^】]*】|〔[^〕]*〕")


def fold(value: object) -> str:
    """One spelling for what a clerk may type many ways: NFKC (full-width → half), no spaces or line breaks,
    no ＊ / ※ "required" marks, no trailing colon."""
    text = unicodedata.normalize("NFKC", str(value)).translate(_MARKS)
    return "".join(text.split()).rstrip(":").upper()


def strip_parens(text: str) -> str:
    """Hints in brackets say nothing about the field: 入井(是/否) → 入井, 身份证号(18位) → 身份证号."""
    return _PARENS.sub("", text)


def _build_header_index() -> dict[str, tuple[str, int]]:
    index: dict[str, tuple[str, int]] = {}
    for field, words in HEADERS.items():
        for rank, word in enumerate(words):
            key = fold(word)
            assert key not in index, f"header {word} listed twice"
            index[key] = (field, rank)
    return index


HEADER_INDEX = _build_header_index()
_ID_HEADER = re.compile(r"身份证.*(号|码)|身份号码")


def header_field(text: str) -> tuple[str, int] | None:
    """(field, rank) for a folded header, or None. "ignored" is returned for known printed-only columns."""
    for candidate in (text, strip_parens(text)):
        if not candidate:
            continue
        if candidate in HEADER_INDEX:
            return HEADER_INDEX[candidate]
        if candidate in IGNORED_HEADERS:
            return ("ignored", 0)
    plain = strip_parens(text)
    if len(plain) > 12:
        return None  # a sentence ("填表说明：身份证号一列请设为文本"), not a column name
    # Loose matches only for the two columns an import cannot do without.
    if _ID_HEADER.search(plain):
        return ("id_number", 99)
    if plain.endswith("姓名") and len(plain) <= 6:
        return ("name", 99)
    return None
