"""A realistic fictional mine so a newcomer sees a working app at once (`mineledger demo`).

Everything goes through the service doors, so the demo's records carry audit rows like real ones.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from sqlalchemy import select

from db import clock
from db.catalogs import operation_for_post
from db.engine import Database
from db.idnumber import make
from db.models import CertificateKind, Department, Mine, MineKind
from db.services.certificates import CertificateInput, add_certificates, renew_certificate
from db.services.drills import (
    DrillEntry,
    DrillSessionInput,
    EvacuationInput,
    record_drill,
    record_evacuation_drill,
)
from db.services.mines import add_department, create_mine
from db.services.people import PersonInput, add_people
from db.services.staffing import assign_post
from db.services.training import Result, SessionInput, create_session

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


def _sequence(rng: random.Random, underground: bool) -> int:
    return rng.randint(0, 499) * 2 + 1 if underground else rng.randint(1, 999)


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
            leader = dept == "矿领导"
            birth = date(
                rng.randint(1968, 1980) if leader else rng.randint(1966, 2002),
                rng.randint(1, 12),
                rng.randint(1, 28),
            )
            # An odd sequence number makes a man's ID: women do not work underground at these mines.
            number = make(rng.choice(AREAS), birth, _sequence(rng, underground))
            while number in used:
                number = make(rng.choice(AREAS), birth, _sequence(rng, underground))
            used.add(number)
            start = birth + timedelta(days=365 * rng.randint(18, 24) + rng.randint(0, 300))
            start = min(start, today - timedelta(days=500))
            post = (
                posts[i]
                if leader and i < len(posts)
                else (posts[0] if i == 0 else rng.choice(posts[1:] or posts))
            )
            education = "本科" if leader else _education(rng)
            if i == 0 and education in ("初中", "高中/中专/技校"):
                education = "大专"  # team heads double as the five-specialty technicians
            employment = rng.choices(("正式", "合同", "外包"), weights=(70, 25, 5))[0]
            major = rng.choice(MAJORS[:6]) if education in ("大专", "本科", "研究生") else ""
            people.append(
                PersonInput(
                    name=_name(rng),
                    id_number=number,
                    education=education,
                    major=major,
                    core_major=bool(major),
                    title="中级" if leader else "",
                    department_id=dept_ids[dept],
                    post=post,
                    employment_type=employment,
                    contractor="晋东矿建工程有限公司" if employment == "外包" else "",
                    underground=underground,
                    work_start=start,
                    hire_date=start + timedelta(days=rng.randint(0, 2000)) if rng.random() < 0.5 else start,
                    work_no=f"{len(people) + 1:04d}",
                    phone=f"13{rng.randint(100000000, 999999999)}",
                )
            )
    for p in people:
        # Everyone but the few recent hires (see _recent_hires) joined more than a year ago.
        if p.hire_date and p.hire_date > today - timedelta(days=400):
            p.hire_date = today - timedelta(days=400)
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
    _recent_hires(rng, people, today)
    ids = add_people(db, DEMO_OPERATOR, mine_id, people)
    _key_posts(db, people, ids, today)
    _training(db, rng, mine_id, people, ids, today)
    _certificates(db, rng, people, ids, today)
    _drills(db, rng, mine_id, people, ids, today)
    _hazards(db, rng, mine_id, people, ids, today)
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


def _recent_hires(rng: random.Random, people: list[PersonInput], today: date) -> None:
    """A handful of this year's hires, so pre-job training shows in the files; and the 机电副矿长
    came from another industry with 8 years at the front line, which the Shanxi profile flags."""
    people[4].work_start = today - timedelta(days=8 * 365)
    people[4].hire_date = people[4].work_start
    for p in people[20:26]:
        p.hire_date = today - timedelta(days=rng.randint(30, 200))


LEADER_POSTS = ("mine_manager", "chief_engineer", "deputy_safety", "deputy_production", "deputy_electromech")
SPECIALTY_DEPTS = {
    "综采一队": "spec_mining",
    "掘进一队": "spec_tunnelling",
    "机电队": "spec_electromech_transport",
    "通风队": "spec_ventilation",
    "地测防治水科": "spec_survey_water",
}


def _key_posts(db: Database, people: list[PersonInput], ids: list[int], today: date) -> None:
    # The mine manager is the principal, as at most single mines.
    start = today - timedelta(days=3 * 365)
    assign_post(db, DEMO_OPERATOR, ids[0], "principal", start)
    for offset, code in enumerate(LEADER_POSTS):
        assign_post(db, DEMO_OPERATOR, ids[offset], code, start)
    dept_of: dict[int | None, int] = {}
    for index, p in enumerate(people):
        dept_of.setdefault(p.department_id, index)  # the first person of a department is its head
    with db.session() as s:
        names = {dept_id: name for dept_id, name in s.execute(select(Department.id, Department.name))}
    for dept_id, index in dept_of.items():
        code = SPECIALTY_DEPTS.get(names.get(dept_id, ""))
        if code:
            assign_post(db, DEMO_OPERATOR, ids[index], code, start)


def _training(
    db: Database, rng: random.Random, mine_id: int, people: list[PersonInput], ids: list[int], today: date
) -> None:
    everyone = list(zip(ids, people, strict=True))
    leaders = ids[:5]
    for year in (today.year - 1, today.year):
        day = date(year, 3, 15)
        if day > today:
            continue
        on_roster = [pid for pid, p in everyone if (p.hire_date or day) <= day]
        for part, chunk in enumerate((on_roster[::2], on_roster[1::2]), start=1):
            create_session(
                db,
                DEMO_OPERATOR,
                mine_id,
                SessionInput(
                    name=f"{year}年度从业人员安全再培训（第{part}期）",
                    kind="annual",
                    start_date=day + timedelta(days=7 * part),
                    end_date=day + timedelta(days=7 * part + 2),
                    hours=20,
                    place="培训中心一号教室",
                    organiser="矿培训中心",
                    content="《煤矿安全规程》重点条款、事故案例警示教育、自救器使用、应急避险",
                ),
                [Result(pid, score=float(rng.randint(68, 98))) for pid in chunk],
            )
        attendees = leaders if year < today.year else leaders[:4]  # one deputy has not gone yet this year
        create_session(
            db,
            DEMO_OPERATOR,
            mine_id,
            SessionInput(
                name=f"{year}年矿山主要负责人和“五职”矿长专门安全培训",
                kind="special",
                start_date=date(year, 4, 20),
                end_date=date(year, 4, 24),
                hours=24,
                place="市应急管理局培训基地",
                organiser="晋城市应急管理局",
                content="八条硬措施、重大事故隐患判定标准、安全生产法律法规",
            ),
            [Result(pid, score=float(rng.randint(80, 96))) for pid in attendees],
        )
    for index, (pid, p) in enumerate(everyone[20:26]):
        if index == 5 or p.hire_date is None:
            continue  # one new hire's pre-job training is not on file: the dashboard says so
        create_session(
            db,
            DEMO_OPERATOR,
            mine_id,
            SessionInput(
                name=f"新入矿人员岗前安全培训（{p.name}）",
                kind="pre_job",
                start_date=p.hire_date - timedelta(days=12),
                end_date=p.hire_date - timedelta(days=2),
                hours=72,
                place="培训中心",
                organiser="矿培训中心",
                content="入井须知、岗位安全操作规程、自救器盲戴",
            ),
            [Result(pid, score=85.0)],
        )
    spot_day = today - timedelta(days=20)
    sample = [pid for pid, p in everyone[30:40]]
    create_session(
        db,
        DEMO_OPERATOR,
        mine_id,
        SessionInput(
            name="县应急局执法检查逢查必考",
            kind="spot_exam",
            start_date=spot_day,
            end_date=spot_day,
            hours=1,
            place="综采一队井口",
            organiser="阳城县应急管理局",
            content="岗位应知应会",
        ),
        [Result(pid, score=52.0 if i == 3 else float(rng.randint(70, 95))) for i, pid in enumerate(sample)],
    )


def _certificates(
    db: Database, rng: random.Random, people: list[PersonInput], ids: list[int], today: date
) -> None:
    items: list[tuple[int, CertificateInput]] = []
    serial = 0
    missing = 0
    for pid, p in zip(ids, people, strict=True):
        op = operation_for_post("coal", p.post, today)
        if op is None:
            continue
        serial += 1
        if serial % 37 == 0 and missing < 2:
            missing += 1  # two special-operation workers with no licence on file (无证上岗)
            continue
        # Most licences were issued in the last two and a half years, so their 3-yearly review falls after
        # 2026-06-01, when the review was abolished (renewal at six years only).
        issued = today - timedelta(days=rng.randint(60, 900))
        if serial % 23 == 0:
            issued = today - timedelta(days=6 * 365 - 25)  # due for renewal within the warning window
        if serial % 41 == 0:
            issued = today - timedelta(days=6 * 365 + 10)  # expired ten days ago
        valid_until = (
            issued.replace(year=issued.year + 6) if not (issued.month == 2 and issued.day == 29) else issued
        )
        review = (
            issued.replace(year=issued.year + 3)
            if issued.replace(year=issued.year + 3) < date(2026, 6, 1)
            else None
        )
        items.append(
            (
                pid,
                CertificateInput(
                    kind=CertificateKind.special_operation,
                    operation_type=op.name,
                    number=f"T14052219{serial:06d}",
                    issued_on=issued,
                    valid_until=valid_until,
                    next_review=review if review and review > issued else None,
                    issuer="山西省应急管理厅",
                ),
            )
        )
    for index, pid in enumerate(ids[:5]):
        issued = today - timedelta(days=400 + 90 * index)
        items.append(
            (
                pid,
                CertificateInput(
                    kind=CertificateKind.safety_competence,
                    number=f"晋A{2024_0000 + index + 1}",
                    issued_on=issued,
                    valid_until=issued.replace(year=issued.year + 3),
                    issuer="山西省应急管理厅",
                ),
            )
        )
    cert_ids = add_certificates(db, DEMO_OPERATOR, items)
    # Licences old enough to have passed their 3-yearly review (复审) under the old edition had it done:
    # each review is a new row chained to the licence, as the office files it.
    for cert_id, (_pid, data) in zip(cert_ids, items, strict=True):
        if data.next_review is not None and data.next_review < today:
            reviewed = data.next_review - timedelta(days=20)
            renew_certificate(
                db,
                DEMO_OPERATOR,
                cert_id,
                CertificateInput(
                    kind=data.kind,
                    operation_type=data.operation_type,
                    number=data.number,
                    issued_on=reviewed,
                    valid_until=data.valid_until,
                    issuer=data.issuer,
                ),
            )


def _drills(
    db: Database, rng: random.Random, mine_id: int, people: list[PersonInput], ids: list[int], today: date
) -> None:
    """A year of monthly self-rescuer drills per underground team (a few fails, a few gaps), weekly shift
    spot checks, and two evacuation drills."""
    teams: dict[int | None, list[int]] = {}
    for pid, p in zip(ids, people, strict=True):
        if p.underground:
            teams.setdefault(p.department_id, []).append(pid)
    slow = set(ids[60:63])  # three workers who struggle: fails, one of them two months running
    first = date(today.year - 1, today.month, 1)
    month = first
    while month <= today:
        for team_no, members in enumerate(teams.values()):
            day = month + timedelta(days=3 + team_no)
            if day > today:
                continue
            entries = []
            for pid in members:
                if rng.random() < 0.015:
                    continue  # missed this month's drill (sick leave, a shift swap): shows as missing
                seconds = round(rng.uniform(14.0, 28.5), 1)
                if pid in slow and rng.random() < 0.5:
                    seconds = round(rng.uniform(30.5, 41.0), 1)
                entries.append(DrillEntry(pid, seconds))
            record_drill(
                db,
                DEMO_OPERATOR,
                mine_id,
                DrillSessionInput(
                    held_on=day,
                    kind="monthly",
                    shift=rng.choice(("早班", "中班", "夜班")),
                    place="井口培训室",
                    instructor="王培训",
                    unit_model="ZYX45",
                    unit_serials="PX-01～PX-06",
                ),
                entries,
            )
        month = (month + timedelta(days=32)).replace(day=1)
    for back in (1, 3, 5):
        day = today - timedelta(days=back)
        sample = rng.sample(sorted(ids[8:200]), 8)
        entries = [
            DrillEntry(pid, round(rng.uniform(15.0, 27.0), 1))
            for pid in sample
            if people[ids.index(pid)].underground
        ]
        record_drill(
            db,
            DEMO_OPERATOR,
            mine_id,
            DrillSessionInput(
                held_on=day, kind="shift_spot", shift="早班", place="副井口", instructor="安检员"
            ),
            entries,
        )
    # The latest drill of one slow worker failed: he may not go underground until a re-drill passes.
    record_drill(
        db,
        DEMO_OPERATOR,
        mine_id,
        DrillSessionInput(
            held_on=today - timedelta(days=2), kind="monthly", place="井口培训室", instructor="王培训"
        ),
        [DrillEntry(ids[60], 36.4, remark="补考未过")],
    )
    for months_ago, scenario, reported in (
        (8, "综采工作面火灾事故紧急撤离", True),
        (2, "井下透水事故逃生避险", False),
    ):
        day = today - timedelta(days=30 * months_ago)
        record_evacuation_drill(
            db,
            DEMO_OPERATOR,
            mine_id,
            EvacuationInput(
                held_on=day,
                scenario=scenario,
                place="综采一队 1302 工作面及避灾路线",
                organiser=people[0].name,
                participants=186,
                duration_min=48,
                process="调度室发出警报，各作业地点人员佩戴自救器沿避灾路线撤至地面，清点人数。",
                problems="个别人员对避灾路线不熟；一处路标被煤尘覆盖。",
                measures="组织避灾路线专项培训；清理并增设反光路标。",
                evaluation="演练达到预期目的，撤离用时符合预案要求。",
                reported_on=day + timedelta(days=3) if reported else None,
            ),
        )


# Hazard category: (weight, department that rectifies, places, descriptions); shared with db/generator.py.
HAZARD_PLAN: dict[str, tuple[int, str, tuple[str, ...], tuple[str, ...]]] = {
    "顶板": (
        20, "综采一队",
        ("1302综采工作面", "1302运输顺槽", "1302回风顺槽", "1303综采工作面", "2101掘进工作面"),
        ("顶板离层仪读数超限未及时处理", "锚杆托盘未紧贴岩面", "超前支护单体支柱初撑力不足",
         "支架歪斜，接顶不严"),
    ),
    "通风": (
        14, "通风队", ("2101掘进工作面", "2102掘进工作面", "北翼回风大巷", "1302回风顺槽", "主通风机房"),
        ("风筒破损漏风，出风口距迎头超过5米", "调节风窗设置不规范", "密闭墙前栅栏损坏，未设警标",
         "风门未实现闭锁"),
    ),
    "机电": (
        18, "机电队", ("中央变电所", "一采区变电所", "1302运输顺槽", "主斜井"),
        ("电缆悬挂不规范，吊挂间距过大", "防爆设备失爆（接线盒螺栓缺失）", "漏电保护装置未按期试验",
         "设备接地不良"),
    ),
    "运输提升": (
        12, "运输队", ("副斜井", "一采区轨道上山", "井底车场", "南翼运输大巷"),
        ("绞车信号不清晰", "挡车栏损坏未修复", "架空乘人装置越位保护失效", "道岔扣件缺失"),
    ),
    "瓦斯": (
        8, "通风队", ("1302综采工作面", "2101掘进工作面", "2102掘进工作面", "1302回风顺槽"),
        ("瓦斯检查牌板填写不全", "便携式甲烷检测报警仪未随身携带", "瓦斯检查存在空班漏检"),
    ),
    "防治水": (
        8, "地测防治水科", ("+780水平中央泵房", "1303综采工作面", "井底车场", "2102掘进工作面"),
        ("排水沟淤积，排水不畅", "水仓清挖不及时", "探放水记录填写不全"),
    ),
    "安全监控": (
        8, "通风队", ("1302综采工作面", "2101掘进工作面", "调度室"),
        ("甲烷传感器悬挂位置不当", "传感器超期未调校", "断电范围设置与规定不符"),
    ),
    "防灭火": (
        6, "通风队", ("1302回风顺槽", "瓦斯抽采泵站", "中央变电所", "井底车场"),
        ("束管监测取样管路破损", "灭火器压力不足", "消防管路阀门损坏"),
    ),
    "人员定位": (
        4, "运输队", ("副井口", "南翼运输大巷", "调度室"), ("入井人员未携带定位卡", "定位分站通讯中断"),
    ),
    "爆破": (4, "掘进二队", ("2101掘进工作面", "爆炸材料发放硐室"), ("炮眼封泥不足", "爆破警戒距离不够")),
    "防突": (3, "通风队", ("2101掘进工作面", "2102掘进工作面"), ("防突措施效果检验记录不全",)),
    "冲击地压": (2, "综采二队", ("1302综采工作面", "1303综采工作面"), ("卸压钻孔施工记录缺失",)),
    "地面消防（三堂一舍）": (
        6, "机关科室", ("职工宿舍", "职工食堂", "职工澡堂"),
        ("宿舍私拉乱接电线", "食堂液化气瓶存放不规范", "澡堂疏散通道堆放杂物"),
    ),
    "地面吊篮": (1, "机电队", ("办公楼",), ("吊篮安全锁未按期检测",)),
    "其他": (4, "安全科", ("办公楼", "副井口"), ("安全警示标志缺失", "作业规程未及时修订")),
}  # fmt: skip
HAZARD_SOURCES = {
    "shift_daily": 40, "team_weekly": 25, "mine_monthly": 18, "group_quarterly": 6,
    "enforcement": 5, "supervision": 3, "report": 1, "other": 2,
}  # fmt: skip
OUTSIDE_CHECKERS = {
    "group_quarterly": ("集团安监部检查组", "晋兴能源集团安全监察部"),
    "enforcement": ("阳城县应急管理局检查组", "阳城县应急管理局"),
    "supervision": ("晋城市能源局督查组", "晋城市能源局"),
    "report": ("举报人（匿名）", ""),
}
HAZARD_FIXES = {
    "顶板": "补打锚杆，加强支护", "通风": "修复通风设施，调整风量", "机电": "停电处理，恢复完好",
    "运输提升": "检修信号及安全设施", "瓦斯": "严格瓦斯检查及交接班", "防治水": "清理淤积，完善记录",
    "安全监控": "重新调校并规范悬挂", "防灭火": "更换器材，修复管路", "人员定位": "严格检身，检修分站",
    "爆破": "严格执行爆破说明书", "防突": "补做效果检验", "冲击地压": "补齐卸压记录并分析",
    "地面消防（三堂一舍）": "拆除私拉电线，清理通道", "地面吊篮": "送检安全锁",
    "其他": "补设标志，修订规程",
}  # fmt: skip


def _hazards(
    db: Database, rng: random.Random, mine_id: int, people: list[PersonInput], ids: list[int], today: date
) -> None:
    """A year of the hazard ledger: ~150 general hazards from every level of check, most accepted and closed
    by the safety office (never by whoever rectified), some still under way, a few overdue, one repeat at the
    same place, two voided entries; three major hazards (closed; open with all five fixes and the double
    report; open without its contingency plan); the monthly checks with zero reports, last month's missing.
    Everything is registered in the order it was found, so the numbers run with the dates."""
    from collections.abc import Callable

    from db.catalogs import clauses_for
    from db.models import Hazard
    from db.services.hazards import (
        FiveFixes,
        HazardInput,
        MonthlyCheckInput,
        accept_hazard,
        file_zero_report,
        record_monthly_check,
        record_rectification,
        register_hazard,
        set_five_fixes,
        start_rectification,
        void_hazard,
    )

    op = DEMO_OPERATOR
    with db.session() as s:
        dept_names = {d_id: name for d_id, name in s.execute(select(Department.id, Department.name))}
    staff: dict[str, list[tuple[int, str]]] = {}
    for pid, p in zip(ids, people, strict=True):
        staff.setdefault(dept_names.get(p.department_id, ""), []).append((pid, p.name))
    head = {dept: members[0] for dept, members in staff.items()}
    acceptors = staff["安全科"][1:]  # the safety office accepts; its head leads the 其他 rectifications
    safety_deputy = ids[2]
    closings: list[tuple[str, str, date]] = []  # (category, place, closed on): no accidental repeats
    numbers: dict[int, int] = {}  # plan index -> hazard id, for the voided duplicate

    def register(found: date, category: str, place: str, description: str, deadline: date) -> int:
        dept = HAZARD_PLAN[category][1]
        source = rng.choices(list(HAZARD_SOURCES), weights=list(HAZARD_SOURCES.values()))[0]
        name, unit = OUTSIDE_CHECKERS.get(source, ("", ""))
        data = HazardInput(
            found_on=found,
            source=source,
            place=place,
            category=category,
            description=description,
            grade=rng.choices(("一般", "C级", "B级", "A级"), weights=(40, 35, 20, 5))[0],
            found_by_person_id=None if name else rng.choice(staff[dept])[0],
            found_by_name=name,
            found_by_unit=unit,
            responsible_person_id=head[dept][0],
            measures=f"{HAZARD_FIXES[category]}，整改后报安全科验收",
            funds=rng.choice((None, 0, 500, 1200, 3000, 8000)),
            deadline=deadline,
        )
        return register_hazard(db, op, mine_id, data)

    def close(hid: int, dept: str, rectified: date, accepted: date, fail_first: bool = False) -> None:
        start_rectification(db, op, hid)
        acceptor = rng.choice(acceptors)[0]
        if fail_first:  # a failed acceptance sends it back, visibly, with the reason
            first = rectified - timedelta(days=2)
            record_rectification(db, op, hid, first, "已整改", head[dept][1])
            accept_hazard(
                db, op, hid, accepted_on=first, opinion="整改不彻底，仍有两处未处理",
                acceptor_person_id=acceptor, passed=False,
            )  # fmt: skip
        record_rectification(db, op, hid, rectified, "已按措施整改到位", head[dept][1])
        accept_hazard(
            db, op, hid, accepted_on=accepted, opinion="整改到位，同意销号", acceptor_person_id=acceptor
        )

    def free_place(category: str, found: date) -> str:
        places = HAZARD_PLAN[category][2]
        place = ""
        for attempt in range(60):
            place = rng.choice(places)
            if place.endswith(("顺槽", "大巷", "上山", "斜井")):
                place += f"{rng.randint(1, 18) * 50}米处"
            elif attempt >= 10:  # the fixed places are all taken: a spot within one
                place += f"{rng.randint(1, 99)}号测点"
            if not any(
                c == category and p == place and closed <= found <= closed + timedelta(days=180)
                for c, p, closed in closings
            ):
                break
        return place

    categories = list(HAZARD_PLAN)
    weights = [HAZARD_PLAN[c][0] for c in categories]

    def general(index: int, found: date, overdue: bool) -> None:
        category = rng.choices(categories, weights=weights)[0]
        dept = HAZARD_PLAN[category][1]
        place = free_place(category, found)
        deadline = found + timedelta(days=rng.randint(3, 25))
        age = (today - found).days
        roll = rng.random()
        under_way = age <= 30 and roll < 0.45 and not overdue
        if under_way:  # this month's, still open: its deadline has not come (only the chosen few are overdue)
            deadline = max(deadline, today + timedelta(days=rng.randint(2, 10)))
        hid = numbers[index] = register(
            found, category, place, rng.choice(HAZARD_PLAN[category][3]), deadline
        )
        if overdue:
            start_rectification(db, op, hid)  # past its deadline and still open: HAZ-OVERDUE
            return
        if under_way:
            if roll > 0.15:
                start_rectification(db, op, hid)
            if roll > 0.32 and age > 1:
                rectified = found + timedelta(days=rng.randint(1, min(age, 5)))
                record_rectification(db, op, hid, rectified, "已整改，待验收", head[dept][1])
            return
        span = min(age, (deadline - found).days)
        rectified = found + timedelta(days=rng.randint(span // 3, span))
        accepted = min(rectified + timedelta(days=rng.randint(0, 3)), today)
        close(hid, dept, rectified, accepted, fail_first=index % 37 == 5 and (rectified - found).days >= 2)
        closings.append((category, place, accepted))

    def repeat(found: date, description: str) -> None:
        # 副井绞车房 is on no random list: the pair below is the ledger's one repeat (HAZ-REPEAT).
        hid = register(found, "机电", "副井绞车房", description, found + timedelta(days=7))
        close(hid, "机电队", found + timedelta(days=3), found + timedelta(days=5))

    def duplicate(index: int, found: date) -> None:
        with db.session() as s:
            twin = s.get(Hazard, numbers[index])
            assert twin is not None
            category, place, number = twin.category, twin.place, twin.number
        hid = register(found, category, place, "与同日登记的隐患重复", found + timedelta(days=5))
        void_hazard(db, op, hid, f"重复登记（与{number}为同一隐患）")

    def mistaken(found: date) -> None:
        hid = register(found, "其他", "副井口", "井口安全标志缺失", found + timedelta(days=3))
        void_hazard(db, op, hid, "误登记：经复查该处标志齐全")

    def major(found: date, spec: tuple[str, str, str, str, tuple[str, ...], str, int, bool]) -> None:
        category, dept, place, description, words, contingency, funds, closed = spec
        clauses = clauses_for("coal", found)  # the edition in force on the day it was found
        clause = next((c.key for c in clauses if any(w in c.text for w in words)), clauses[0].key)
        deadline = found + timedelta(days=20) if closed else today + timedelta(days=40)
        measures = f"停止该区域作业，{dept}制定专项整改方案并落实"
        hid = register_hazard(
            db, op, mine_id,
            HazardInput(
                found_on=found, source="mine_monthly", place=place, category=category,
                description=description, grade="重大", clause_key=clause, found_by_person_id=safety_deputy,
                responsible_person_id=head[dept][0], measures=measures, funds=funds, deadline=deadline,
                contingency_plan=contingency,
            ),
        )  # fmt: skip
        listed = not closed and bool(contingency)  # the open one is under the county's named supervision
        set_five_fixes(
            db, op, hid,
            FiveFixes(
                responsible_person_id=head[dept][0], measures=measures, funds=funds, deadline=deadline,
                contingency_plan=contingency, listed_by="阳城县应急管理局" if listed else "",
                listed_on=found + timedelta(days=2) if listed else None,
                reported_on=found + timedelta(days=1), announced_on=found + timedelta(days=1),
            ),
        )  # fmt: skip
        start_rectification(db, op, hid, "按“五落实”组织整改")
        if closed:
            record_rectification(
                db, op, hid, found + timedelta(days=15), "更换风电闭锁装置并联合试验合格", head[dept][1]
            )
            accept_hazard(
                db, op, hid, accepted_on=found + timedelta(days=18),
                opinion="经矿组织验收，闭锁功能可靠，同意销号", acceptor_person_id=safety_deputy,
            )  # fmt: skip

    found_days = sorted(today - timedelta(days=rng.randint(1, 358)) for _ in range(150))
    late = [i for i, d in enumerate(found_days) if 60 <= (today - d).days <= 130]
    overdue = set(late[:: max(1, len(late) // 4)][:4])
    # (found on, order on the day, step): every step runs in the order the hazards were found.
    steps: list[tuple[date, int, Callable[[], None]]] = [
        (d, 0, lambda i=i, d=d: general(i, d, i in overdue)) for i, d in enumerate(found_days)
    ]
    day = lambda n: today - timedelta(days=n)  # noqa: E731
    steps += [
        (day(200), 0, lambda: repeat(day(200), "高压开关柜闭锁装置失效")),
        (day(124), 0, lambda: repeat(day(124), "高压开关柜闭锁装置再次失效")),
        (found_days[40], 1, lambda: duplicate(40, found_days[40])),
        (day(45), 0, lambda: mistaken(day(45))),
        (day(270), 0, lambda: major(day(270), (
            "通风", "通风队", "2103掘进工作面", "2103掘进工作面局部通风机风电闭锁装置失效，未实现甲烷电闭锁",
            ("风电闭锁",), "2103掘进工作面停风撤人应急处置方案", 85000, True))),
        (day(150), 0, lambda: major(day(150), (
            "防治水", "地测防治水科", "1305综采工作面", "1305综采工作面回采前未按规定对老空区积水进行探放水",
            ("需要探放水",), "1305工作面透水事故专项应急预案", 460000, False))),
        (day(60), 0, lambda: major(day(60), (
            "通风", "通风队", "1302综采工作面上隅角", "1302综采工作面上隅角风流短路，瓦斯积聚",
            ("采煤工作面风流短路",), "", 120000, False))),
    ]  # fmt: skip
    for _found, _order, step in sorted(steps, key=lambda x: (x[0], x[1])):
        step()

    # The principal's monthly whole-system check, a zero report where it found no major hazard; last month's
    # check was never recorded (HAZ-MONTHLY-CHECK shows it).
    with db.session() as s:
        major_days = list(
            s.scalars(select(Hazard.found_on).where(Hazard.mine_id == mine_id, Hazard.grade == "major"))
        )
    leaders = "、".join(p.name for p in people[1:6])
    year, month = today.year - 1, today.month
    last = (today.year, today.month - 1) if today.month > 1 else (today.year - 1, 12)
    while (year, month) <= (today.year, today.month):
        checked = date(year, month, 6)
        found_majors = [d for d in major_days if (d.year, d.month) == (year, month)]
        if (year, month) != last and checked <= today:
            result = (
                f"发现重大事故隐患{len(found_majors)}项，已按规定上报"
                if found_majors
                else "未发现重大事故隐患"
            )
            check = record_monthly_check(
                db, op, mine_id,
                MonthlyCheckInput(
                    year=year, month=month, checked_on=checked, led_by=people[0].name, participants=leaders,
                    scope="全矿井：采掘工作面、通风瓦斯、防治水、机电运输、安全监控及地面设施", result=result,
                ),
            )  # fmt: skip
            if not found_majors:
                file_zero_report(db, op, check, min(checked + timedelta(days=1), today))
        year, month = (year, month + 1) if month < 12 else (year + 1, 1)
