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
            number = make(rng.choice(AREAS), birth, rng.randint(1, 999))
            while number in used:
                number = make(rng.choice(AREAS), birth, rng.randint(1, 999))
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
