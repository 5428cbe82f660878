"""A realistic fictional mine so a newcomer sees a working app at once (`mineledger demo`).

Everything goes through the service doors, so the demo's records carry audit rows like real ones.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from sqlalchemy import select

from db import clock
from db.engine import Database
from db.idnumber import make
from db.models import Mine, MineKind
from db.services.mines import add_department, create_mine, update_mine
from db.services.people import PersonInput, add_people

DEMO_OPERATOR = "演示数据"
DEMO_MINE = "晋兴煤业有限公司（演示）"
DEMO_SECOND_MINE = "青石岭铁矿（演示）"

SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文"
GIVEN = "建国军伟强磊洋勇杰涛明超刚平辉鹏华飞鑫波斌宇浩凯健俊帆帅旭宁龙林峰晨亮海志成文彬春红云霞秀兰丽芳燕玲娟英慧"
# Shanxi county codes (晋城、阳城、泽州、高平、原平、忻府), so the IDs look like a local workforce.
AREAS = ("140502", "140522", "140525", "140581", "140981", "140902")

# (department, goes underground, people, posts, majors)
DEPARTMENTS = [
    (
        "矿领导",
        True,
        8,
        (
            "矿长",
            "总工程师",
            "安全副矿长",
            "生产副矿长",
            "机电副矿长",
            "通风副总工程师",
            "地测副总工程师",
            "工会主席",
        ),
    ),
    ("综采一队", True, 46, ("队长", "班组长", "采煤机司机", "支架工", "输送机司机", "电工", "综采工")),
    ("综采二队", True, 42, ("队长", "班组长", "采煤机司机", "支架工", "输送机司机", "电工", "综采工")),
    ("掘进一队", True, 38, ("队长", "班组长", "掘进机司机", "锚杆支护工", "电工", "掘进工")),
    ("掘进二队", True, 34, ("队长", "班组长", "掘进机司机", "锚杆支护工", "电工", "掘进工")),
    ("机电队", True, 30, ("队长", "井下电钳工", "提升机司机", "主扇司机", "电工")),
    ("运输队", True, 28, ("队长", "无轨胶轮车司机", "绞车司机", "信号工", "把钩工")),
    ("通风队", True, 24, ("队长", "瓦斯检查工", "测风工", "安全监测监控工", "防突工")),
    ("地测防治水科", True, 12, ("科长", "测量工", "地质员", "探放水工")),
    ("安全科", True, 14, ("科长", "安全检查工", "安全员")),
    ("调度室", False, 10, ("主任", "调度员")),
    ("培训中心", False, 6, ("主任", "培训教师")),
    ("机关科室", False, 22, ("科长", "科员", "会计", "资料员")),
]
SMALL_MINE = [
    ("采矿车间", True, 18, ("凿岩工", "铲运机司机", "爆破工", "支柱工")),
    ("安全环保部", False, 5, ("安全员",)),
]
MAJORS = (
    "采矿工程",
    "通风安全",
    "矿山机电",
    "地质工程",
    "测绘工程",
    "水文地质",
    "机械设计",
    "电气自动化",
    "会计",
    "",
)
EDUCATION_WEIGHTS = (("初中", 20), ("高中/中专/技校", 45), ("大专", 20), ("本科", 13), ("研究生", 2))


def _name(rng: random.Random) -> str:
    given = rng.choice(GIVEN) + (rng.choice(GIVEN) if rng.random() < 0.7 else "")
    return rng.choice(SURNAMES) + given


def _education(rng: random.Random) -> str:
    levels, weights = zip(*EDUCATION_WEIGHTS, strict=True)
    return rng.choices(levels, weights=weights)[0]


Departments = list[tuple[str, bool, int, tuple[str, ...]]]


def _people(
    rng: random.Random, departments: Departments, dept_ids: dict[str, int], today: date
) -> list[PersonInput]:
    used: set[str] = set()
    people: list[PersonInput] = []
    for dept, underground, count, posts in departments:
        for i in range(count):
            birth = date(rng.randint(1966, 2002), rng.randint(1, 12), rng.randint(1, 28))
            number = make(rng.choice(AREAS), birth, rng.randint(1, 999))
            while number in used:
                number = make(rng.choice(AREAS), birth, rng.randint(1, 999))
            used.add(number)
            start = birth + timedelta(days=365 * rng.randint(18, 24) + rng.randint(0, 300))
            start = min(start, today - timedelta(days=90))
            post = posts[i] if dept == "矿领导" and i < len(posts) else rng.choice(posts)
            education = "本科" if dept == "矿领导" else _education(rng)
            employment = rng.choices(("正式", "合同", "外包"), weights=(70, 25, 5))[0]
            people.append(
                PersonInput(
                    name=_name(rng),
                    id_number=number,
                    education=education,
                    major=rng.choice(MAJORS[:6]) if education in ("大专", "本科", "研究生") else "",
                    department_id=dept_ids[dept],
                    post=post,
                    employment_type=employment,
                    underground=underground,
                    work_start=start,
                    hire_date=start + timedelta(days=rng.randint(0, 2000)) if rng.random() < 0.5 else start,
                )
            )
    for p in people:
        if p.hire_date and p.hire_date > today:
            p.hire_date = today
    return people


def build_demo(db: Database, seed: int = 20261123) -> int:
    """Fill the database with the demo mines; returns the main demo mine's id. Refuses to run twice."""
    with db.session() as s:
        existing = s.scalar(select(Mine.id).where(Mine.name == DEMO_MINE))
    if existing is not None:
        return existing
    rng = random.Random(seed)
    today = clock.today()
    mine_id = create_mine(
        db,
        DEMO_OPERATOR,
        name=DEMO_MINE,
        kind=MineKind.coal,
        licence_no="（晋）MK安许证字〔2024〕B0000号",
        address="山西省晋城市阳城县示例镇",
        principal_name="",
    )
    dept_ids = {
        name: add_department(db, DEMO_OPERATOR, mine_id, name, underground=underground)
        for name, underground, _count, _posts in DEPARTMENTS
    }
    people = _people(rng, DEPARTMENTS, dept_ids, today)
    add_people(db, DEMO_OPERATOR, mine_id, people)
    # The mine manager (矿长) is the principal here, as at most single mines.
    update_mine(db, DEMO_OPERATOR, mine_id, principal_name=people[0].name)
    # A second, smaller mine whose principal is not yet recorded: the dashboard shows what that means.
    second = create_mine(
        db,
        DEMO_OPERATOR,
        name=DEMO_SECOND_MINE,
        kind=MineKind.underground_metal,
        address="山西省忻州市原平市示例乡",
    )
    small_ids = {
        n: add_department(db, DEMO_OPERATOR, second, n, underground=u) for n, u, _c, _p in SMALL_MINE
    }
    add_people(db, DEMO_OPERATOR, second, _people(rng, SMALL_MINE, small_ids, today))
    return mine_id
