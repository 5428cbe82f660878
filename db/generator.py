"""Big, realistic databases for measuring speed: `mineledger demo --size office|county`.

*office* is one mine as a large office keeps it (3,000 people, three years of monthly self-rescuer drills,
15,000 hazards, 20,000 training attendances, 4,000 certificates); *county* is forty such mines. The same
seed gives the same database. Mines, departments and key posts go through the service doors; the bulk rows
are checked with the services' own validation (ID numbers, dates) and inserted set-wise, one transaction per
mine, so a county builds in minutes instead of hours. Life cycles are real: people join and leave, licences
are reviewed and renewed as chains, failed drills are re-drilled, hazards move registered → 整改 → 验收 →
销号 with an event per step, numbers run per year with the counter row kept in step.

Audit rows: one per person, hazard, session, certificate and monthly check (the records a clerk opens and
reads the history of), written by the 数据生成器 operator so generated data never passes for typed entries.
"""

from __future__ import annotations

import json
import math
import random
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, Table, func, select

from db import clock
from db.catalogs import Clause, clauses_for, operation_for_post
from db.demo import (
    DEPARTMENTS,
    HAZARD_FIXES,
    HAZARD_PLAN,
    HAZARD_SOURCES,
    OUTSIDE_CHECKERS,
    Departments,
    _people,
)
from db.engine import Database
from db.models import (
    AuditEntry,
    Certificate,
    CertificateKind,
    DrillResult,
    DrillSession,
    EvacuationDrill,
    Hazard,
    HazardCounter,
    HazardEvent,
    MineKind,
    MonthlyCheck,
    Operator,
    Person,
    PersonStatus,
    PersonStatusChange,
    TrainingAttendance,
    TrainingSession,
)
from db.rules.catalog import rule
from db.services.mines import add_department, create_mine
from db.services.people import PersonInput, validate_person
from db.services.staffing import assign_post
from db.services.training import PASS_MARK

OPERATOR = "数据生成器"
TEAM_SIZE = 110  # people per numbered team (综采一队 …) before another team is opened
NUMERALS = "一二三四五六七八九十"
COUNTIES = ("阳城县", "泽州县", "高平市", "沁水县", "陵川县", "原平市", "忻府区", "宁武县")


@dataclass(frozen=True)
class Size:
    name: str
    mines: int
    people: int  # on each mine's roster today (leavers come on top)
    months: int  # of drill, training and hazard history
    hazards: int  # per mine
    majors: int  # of those, major
    attendances: int  # training attendances per mine
    certificates: int  # certificate rows per mine, chains included


SIZES: dict[str, Size] = {
    "small": Size("small", 2, 150, 6, 300, 6, 600, 160),
    "office": Size("office", 1, 3000, 36, 15000, 300, 20000, 4000),
    "county": Size("county", 40, 3000, 36, 15000, 300, 20000, 4000),
}


@dataclass
class Summary:
    mine_ids: list[int]
    counts: dict[str, int]
    seconds: float


# -------------------------------------------------------------------------------------------- bulk writes


def _sql_value(value: Any) -> Any:
    # The storage formats SQLAlchemy's SQLite dialect reads back (its DATE/DATETIME string forms).
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S.%f")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return int(value)
    return value


def _json_value(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date | datetime) else value


class Bulk:
    """Rows collected per table with ids handed out in advance, so related rows can point at them, then
    written with one executemany per table inside the mine's transaction."""

    def __init__(self, conn: Connection, operator_id: int, now: datetime) -> None:
        self.conn = conn
        self.operator_id = operator_id
        self.now = now
        self.rows: dict[str, list[dict[str, Any]]] = defaultdict(list)
        self.tables: dict[str, Table] = {}
        self._next: dict[str, int] = {}

    def next_id(self, table: Table) -> int:
        if table.name not in self._next:
            top = self.conn.execute(select(func.coalesce(func.max(table.c.id), 0))).scalar_one()
            self._next[table.name] = int(top) + 1
        self._next[table.name] += 1
        return self._next[table.name] - 1

    def add(self, table: Table, row: dict[str, Any], *, audit_mine: int | None = None) -> int:
        row.setdefault("id", self.next_id(table))
        self.tables[table.name] = table
        self.rows[table.name].append(row)
        if audit_mine is not None:
            self.add(
                AuditEntry.__table__,  # type: ignore[arg-type]
                {
                    "at": self.now,
                    "operator_id": self.operator_id,
                    "operator_name": OPERATOR,
                    "action": "create",
                    "entity": table.name,
                    "entity_id": row["id"],
                    "mine_id": audit_mine,
                    "before": None,
                    "after": json.dumps(
                        {k: _json_value(v) for k, v in sorted(row.items())}, ensure_ascii=False
                    ),
                },
            )
        return int(row["id"])

    def flush(self) -> dict[str, int]:
        written: dict[str, int] = {}
        # Parents before children, so foreign keys hold at every statement.
        for name in sorted(self.rows, key=_ORDER.index):
            rows = self.rows[name]
            table = self.tables[name]
            columns = [c.name for c in table.columns]
            sql = f"INSERT INTO {name} ({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)})"
            defaults = {c.name: _column_default(c) for c in table.columns}
            self.conn.exec_driver_sql(
                sql, [tuple(_sql_value(r.get(c, defaults[c])) for c in columns) for r in rows]
            )
            written[name] = len(rows)
        self.rows.clear()
        return written


def _column_default(column: Any) -> Any:
    default = column.default
    if default is not None and getattr(default, "is_scalar", False):
        return default.arg
    return None


_ORDER = [
    t.name  # type: ignore[attr-defined]
    for t in (
        Person.__table__,
        PersonStatusChange.__table__,
        TrainingSession.__table__,
        TrainingAttendance.__table__,
        Certificate.__table__,
        DrillSession.__table__,
        DrillResult.__table__,
        EvacuationDrill.__table__,
        Hazard.__table__,
        HazardEvent.__table__,
        MonthlyCheck.__table__,
        AuditEntry.__table__,
    )
]


def _t(model: Any) -> Table:
    return model.__table__  # type: ignore[no-any-return]


# ---------------------------------------------------------------------------------------------- the mines


def _numeral(n: int) -> str:
    if n <= 10:
        return NUMERALS[n - 1]
    return ("" if n < 20 else NUMERALS[n // 10 - 1]) + "十" + (NUMERALS[n % 10 - 1] if n % 10 else "")


# (prefix, suffix, underground, share of the roster, posts); a numbered prefix becomes 综采一队, 综采二队 …
_UNITS: list[tuple[str, str, bool, float, str]] = [
    ("综采", "队", True, 0.27, "综采一队"),
    ("掘进", "队", True, 0.21, "掘进一队"),
    ("机电", "队", True, 0.10, "机电队"),
    ("运输", "队", True, 0.09, "运输队"),
    ("通风", "队", True, 0.08, "通风队"),
    ("地测防治水科", "", True, 0.04, "地测防治水科"),
    ("安全科", "", True, 0.05, "安全科"),
    ("调度室", "", False, 0.02, "调度室"),
    ("培训中心", "", False, 0.01, "培训中心"),
    ("机关科室", "", False, 0.05, "机关科室"),
]
SPECIALTY_UNITS = {
    "综采": "spec_mining",
    "掘进": "spec_tunnelling",
    "机电": "spec_electromech_transport",
    "通风": "spec_ventilation",
    "地测": "spec_survey_water",
}
LEADER_POSTS = ("mine_manager", "chief_engineer", "deputy_safety", "deputy_production", "deputy_electromech")


def departments_for(people: int) -> Departments:
    """The mine's units scaled to its size: the leadership, then numbered teams of about TEAM_SIZE."""
    posts = {name: p for name, _u, _c, p in DEPARTMENTS}
    out: Departments = [DEPARTMENTS[0]]
    rest = people - DEPARTMENTS[0][2]
    for prefix, suffix, underground, share, like in _UNITS:
        count = max(3, round(rest * share))
        if not suffix:
            out.append((prefix, underground, count, posts[like]))
            continue
        teams = max(1, math.ceil(count / TEAM_SIZE))
        for k in range(teams):
            size = count // teams + (1 if k < count % teams else 0)
            out.append((f"{prefix}{_numeral(k + 1)}{suffix}", underground, size, posts[like]))
    return out


@dataclass
class Worker:
    """A generated person as the bulk writer needs him: dates that decide when he can appear in records."""

    id: int
    name: str
    dept: str
    post: str
    underground: bool
    hired: date
    left: date | None
    leader: int | None = None  # index in the leadership, for key posts

    def on_roster(self, day: date) -> bool:
        return self.hired <= day and (self.left is None or day < self.left)


@dataclass
class MineBuild:
    spec: Size
    rng: random.Random
    today: date
    start: date  # first day of the history
    mine_id: int
    kind: str
    departments: Departments
    dept_ids: dict[str, int]
    workers: list[Worker] = field(default_factory=list)

    def days(self) -> int:
        return (self.today - self.start).days

    def team(self, prefix: str) -> list[Worker]:
        return [w for w in self.workers if w.dept.startswith(prefix)]


def _month_starts(first: date, last: date) -> list[date]:
    out, day = [], first.replace(day=1)
    while day <= last:
        out.append(day)
        day = (day + timedelta(days=32)).replace(day=1)
    return out


def generate(
    db: Database,
    size: str | Size,
    seed: int = 20261123,
    progress: Callable[[str], None] | None = None,
) -> Summary:
    """Fill `db` with `size` (a key of SIZES or a Size); returns the new mines' ids and row counts."""
    spec = SIZES[size] if isinstance(size, str) else size
    say = progress or (lambda _msg: None)
    began = time.perf_counter()
    rng = random.Random(seed)
    today = clock.today()
    start = _month_starts(today - timedelta(days=31 * (spec.months - 1)), today)[0]
    counts: dict[str, int] = defaultdict(int)
    mine_ids: list[int] = []
    for index in range(spec.mines):
        county = COUNTIES[index % len(COUNTIES)]
        name = f"{county}{'晋兴' if spec.mines == 1 else ''}第{_numeral(index + 1) if index < 99 else index + 1}煤矿"
        name += f"（{spec.name}生成）"
        build = _new_mine(db, random.Random(rng.random()), spec, today, start, name, county)
        written = _fill_mine(db, build)
        for table, n in written.items():
            counts[table] += n
        mine_ids.append(build.mine_id)
        say(f"{index + 1}/{spec.mines} {name}：{sum(written.values())} 行")
    return Summary(mine_ids, dict(counts), time.perf_counter() - began)


def _new_mine(
    db: Database, rng: random.Random, spec: Size, today: date, start: date, name: str, county: str
) -> MineBuild:
    mine_id = create_mine(
        db,
        OPERATOR,
        name=name,
        kind=MineKind.coal,
        licence_no=f"（晋）MK安许证字〔2024〕G{rng.randint(1000, 9999)}号",
        address=f"山西省晋城市{county}",
    )
    departments = departments_for(spec.people)
    dept_ids = {
        dept: add_department(db, OPERATOR, mine_id, dept, underground=underground)
        for dept, underground, _count, _posts in departments
    }
    return MineBuild(spec, rng, today, start, mine_id, MineKind.coal.value, departments, dept_ids)


def _fill_mine(db: Database, b: MineBuild) -> dict[str, int]:
    with db.engine.begin() as conn:
        operator_id = conn.execute(select(Operator.id).where(Operator.name == OPERATOR)).scalar_one()
        bulk = Bulk(conn, operator_id, clock.now())
        _add_people(bulk, b)
        _add_training(bulk, b)
        _add_certificates(bulk, b)
        _add_drills(bulk, b)
        _add_hazards(bulk, b)
        written = bulk.flush()
        _set_counters(conn, b)
    _key_posts(db, b)
    return written


# --------------------------------------------------------------------------------------------------- people


def _add_people(bulk: Bulk, b: MineBuild) -> None:
    rng, today = b.rng, b.today
    leavers = round(b.spec.people * 0.08)  # people who left during the history: their records stay
    scaled = [
        (name, under, count + (round(count * 0.08) if i else 0), posts)
        for i, (name, under, count, posts) in enumerate(b.departments)
    ]
    inputs = _people(rng, scaled, b.dept_ids, today)
    inputs.sort(key=lambda p: rng.random() if p.post not in DEPARTMENTS[0][3] else -1.0)
    leaders = b.departments[0][2]  # the leadership comes first, in its posts' order (矿长, 总工程师 …)
    names_by_id = {v: k for k, v in b.dept_ids.items()}
    span = b.days()
    for index, data in enumerate(inputs):
        leader = index if index < leaders else None
        # About one in ten joined during the history (their pre-job training and first drills are on file).
        if leader is None and rng.random() < 0.10:
            data.hire_date = b.start + timedelta(days=rng.randint(0, max(1, span - 20)))
            data.work_start = min(data.work_start or data.hire_date, data.hire_date)
        number, sex, birth = validate_person(data, today)
        hired = data.hire_date or b.start
        left = None
        if leader is None and leavers and index % max(1, len(inputs) // leavers) == 1:
            leavers -= 1
            low = max(hired, b.start) + timedelta(days=60)
            if low < today - timedelta(days=10):
                left = low + timedelta(days=rng.randint(0, (today - timedelta(days=10) - low).days))
        pid = _person_row(bulk, b, data, number, sex, birth, left)
        dept = names_by_id.get(data.department_id or -1, "")
        b.workers.append(Worker(pid, data.name, dept, data.post, data.underground, hired, left, leader))


def _person_row(
    bulk: Bulk,
    b: MineBuild,
    data: PersonInput,
    number: str,
    sex: str,
    birth: date,
    left: date | None,
) -> int:
    status = PersonStatus.left if left else PersonStatus.active
    row = {
        "mine_id": b.mine_id,
        "name": data.name.strip(),
        "id_number": number,
        "sex": sex,
        "birth_date": birth,
        "education": data.education,
        "major": data.major,
        "department_id": data.department_id,
        "post": data.post,
        "employment_type": data.employment_type,
        "underground": data.underground,
        "work_start": data.work_start,
        "hire_date": data.hire_date,
        "status": status,
        "created_at": bulk.now,
        "work_no": data.work_no,
        "phone": data.phone,
        "core_major": data.core_major,
        "school": "",
        "title": data.title,
        "contractor": data.contractor,
        "note": "",
    }
    pid = bulk.add(_t(Person), row, audit_mine=b.mine_id)
    changes = _t(PersonStatusChange)
    bulk.add(changes, {"person_id": pid, "effective": data.hire_date or b.start, "status": "active",
                       "note": "登记入册"})  # fmt: skip
    if left:
        bulk.add(
            changes,
            {"person_id": pid, "effective": left, "status": PersonStatus.left, "note": "解除劳动合同"},
        )
    return pid


def _key_posts(db: Database, b: MineBuild) -> None:
    """Principal, the five positions and the five specialties, through the staffing service (it keeps the
    mine's principal in step), held since the history began."""
    by_leader = {w.leader: w for w in b.workers if w.leader is not None}
    assign_post(db, OPERATOR, by_leader[0].id, "principal", b.start)
    for index, code in enumerate(LEADER_POSTS):
        assign_post(db, OPERATOR, by_leader[index].id, code, b.start)
    for prefix, code in SPECIALTY_UNITS.items():
        team = [w for w in b.team(prefix) if w.left is None]
        if team:
            head = max(team, key=lambda w: (w.post in ("队长", "科长"), -w.id))
            assign_post(db, OPERATOR, head.id, code, b.start)


# ------------------------------------------------------------------------------------------------- training


def _training_session(
    bulk: Bulk, b: MineBuild, name: str, kind: str, day: date, days: int, hours: float, people: Sequence[Worker],
    organiser: str = "矿培训中心", retake: bool = False,
) -> list[Worker]:  # fmt: skip
    """One session and its results; returns who failed (a retake passes: it is the make-up exam)."""
    sid = bulk.add(
        _t(TrainingSession),
        {
            "mine_id": b.mine_id, "name": name, "kind": kind, "start_date": day,
            "end_date": day + timedelta(days=days), "hours": hours, "place": "培训中心教室", "organiser": organiser,
            "content": "安全生产法律法规、岗位操作规程、事故案例警示教育", "created_at": bulk.now,
        },
        audit_mine=b.mine_id,
    )  # fmt: skip
    rng = b.rng
    failed = []
    for w in people:
        score = float(rng.randint(62, 98)) if retake or rng.random() > 0.02 else float(rng.randint(40, 59))
        if score < PASS_MARK:
            failed.append(w)
        bulk.add(
            _t(TrainingAttendance),
            {"session_id": sid, "person_id": w.id, "score": score, "passed": score >= PASS_MARK, "note": ""},
        )
    return failed


def _chunks(people: list[Worker], size: int) -> Iterable[list[Worker]]:
    for i in range(0, len(people), size):
        yield people[i : i + size]


def _add_training(bulk: Bulk, b: MineBuild) -> None:
    rng, today = b.rng, b.today
    done = 0
    leaders = sorted((w for w in b.workers if w.leader is not None), key=lambda w: w.leader or 0)
    for year in range(b.start.year, today.year + 1):
        day = date(year, 3, 15)
        if not b.start <= day <= today:
            continue
        roster = [w for w in b.workers if w.on_roster(day)]
        failed: list[Worker] = []
        for part, chunk in enumerate(_chunks(roster, 120), start=1):
            failed += _training_session(
                bulk, b, f"{year}年度从业人员安全再培训（第{part}期）", "annual", day + timedelta(days=part % 20),
                2, 20, chunk,
            )  # fmt: skip
            done += len(chunk)
        retake = day + timedelta(days=40)
        if failed and retake <= today:  # those who failed sit the make-up exam; the year's hours then count
            again = [w for w in failed if w.on_roster(retake)]
            _training_session(
                bulk, b, f"{year}年度安全再培训补考", "annual", retake, 2, 20, again, retake=True
            )
            done += len(again)
        _training_session(
            bulk, b, f"{year}年主要负责人和“五职”矿长专门安全培训", "special", date(year, 4, 20), 4, 24,
            [w for w in leaders if w.on_roster(date(year, 4, 20))], "晋城市应急管理局",
        )  # fmt: skip
    # Pre-job training for each month's joiners, finished before their first day.
    joiners: dict[date, list[Worker]] = defaultdict(list)
    for w in b.workers:
        if w.hired >= b.start + timedelta(days=15):
            joiners[w.hired.replace(day=1)].append(w)
    for month, group in sorted(joiners.items()):
        first = min(w.hired for w in group) - timedelta(days=14)
        _training_session(bulk, b, f"{month:%Y年%m月}新入矿人员岗前安全培训", "pre_job", first, 10, 72, group)
        done += len(group)
    # Topic training (emergency, warning education …) until the mine's attendance count is reached.
    topics = (
        ("emergency", "应急救援及自救互救培训"),
        ("warning", "事故案例警示教育"),
        ("other", "新规程新标准宣贯"),
    )
    span = b.days()
    while done < b.spec.attendances:
        day = b.start + timedelta(days=rng.randint(0, max(0, span - 3)))
        kind, title = rng.choice(topics)
        roster = [w for w in b.workers if w.on_roster(day)]
        group = rng.sample(roster, min(len(roster), rng.randint(40, 150), b.spec.attendances - done))
        _training_session(bulk, b, f"{day:%Y年%m月}{title}", kind, day, 0, 4, group)
        done += len(group)


# --------------------------------------------------------------------------------------------- certificates


def _add_certificates(bulk: Bulk, b: MineBuild) -> None:
    """Special-operation licences (6-yearly renewal; the 3-yearly review under the rules before 2026-06-01)
    as chains of rows, and the leaders' safety-competence certificates (3-yearly)."""
    rng, today = b.rng, b.today
    table = _t(Certificate)
    made = 0
    serial = 0
    holders = [w for w in b.workers if w.left is None and operation_for_post(b.kind, w.post, today)]
    # 安全生产知识和管理能力考核合格证: the leadership, and the safety managers (安全科, team and office heads).
    leaders = [
        w
        for w in b.workers
        if (w.leader is not None and w.leader < 5)
        or (
            w.left is None and w.leader is None and (w.dept == "安全科" or w.post in ("队长", "科长", "主任"))
        )
    ]
    chosen = set()
    for w in leaders + holders:
        if w.id in chosen:
            continue
        chosen.add(w.id)
        if made >= b.spec.certificates:
            break
        serial += 1
        if serial % 97 == 0:
            continue  # a licence not on file: the clerk has to chase it (CERT rules find it)
        competence = w in leaders
        # Up to 9 years of safety-competence renewals, up to 15 of licence reviews and renewals (the 2010
        # catalogue's time: older licences were issued under rules this file does not hold).
        issued = today - timedelta(days=rng.randint(30, (9 if competence else 15) * 365))
        previous: int | None = None
        while True:
            valid = _years_later(issued, 3 if competence else 6)
            op = None if competence else operation_for_post(b.kind, w.post, issued)
            review = None
            if not competence and _years_later(issued, 3) < date(2026, 6, 1):
                review = _years_later(issued, 3)
            row = {
                "person_id": w.id,
                "kind": CertificateKind.safety_competence if competence else CertificateKind.special_operation,
                "operation_type": op.name if op else "",
                "catalogue_edition": op.edition if op else "",
                "number": f"{'晋A' if competence else 'T140522'}{b.mine_id:03d}{serial:05d}",
                "issued_on": issued, "valid_until": valid, "next_review": review,
                "issuer": "山西省应急管理厅", "extended_review": False, "first_underground": False,
                "previous_id": previous, "superseded": False, "created_at": bulk.now,
            }  # fmt: skip
            cid = bulk.add(table, row, audit_mine=b.mine_id)
            made += 1
            # The review (复审) or renewal (换证) that followed, if its day has come: a new row in the chain.
            due = review if review is not None else valid - timedelta(days=30)
            if due > today - timedelta(days=rng.randint(0, 20)) or made >= b.spec.certificates:
                break
            row["superseded"] = True
            previous = cid
            if review is not None:
                issued = review - timedelta(days=rng.randint(5, 30))
                if issued <= row["issued_on"]:
                    break
            else:
                issued = valid - timedelta(days=rng.randint(5, 30))


def _years_later(day: date, years: int) -> date:
    return (
        day.replace(year=day.year + years)
        if not (day.month == 2 and day.day == 29)
        else date(day.year + years, 3, 1)
    )


# --------------------------------------------------------------------------------------------------- drills


def _drill_session(
    bulk: Bulk, b: MineBuild, day: date, kind: str, place: str, results: list[tuple[Worker, float, str]]
) -> None:
    sid = bulk.add(
        _t(DrillSession),
        {
            "mine_id": b.mine_id, "held_on": day, "kind": kind, "shift": b.rng.choice(("早班", "中班", "夜班")),
            "place": place, "instructor": "培训中心", "unit_model": "ZYX45", "unit_serials": "PX-01～PX-10",
            "threshold_s": 30.0, "notes": "", "created_at": bulk.now,
        },
        audit_mine=b.mine_id,
    )  # fmt: skip
    table = _t(DrillResult)
    for w, seconds, remark in results:
        bulk.add(
            table,
            {"session_id": sid, "person_id": w.id, "seconds": seconds, "passed": seconds <= 30.0, "absent": False,
             "attempts": 1, "remark": remark},
        )  # fmt: skip


def _add_drills(bulk: Bulk, b: MineBuild) -> None:
    """Every underground team drills once a month; whoever fails is re-drilled a few days later; a weekly
    pre-shift spot check; two evacuation drills a year, reported to the county."""
    rng, today = b.rng, b.today
    teams: dict[str, list[Worker]] = defaultdict(list)
    for w in b.workers:
        if w.underground:
            teams[w.dept].append(w)
    for month in _month_starts(b.start, today):
        for team_no, members in enumerate(teams.values()):
            day = month + timedelta(days=2 + team_no % 20)
            if day > today:
                continue
            results: list[tuple[Worker, float, str]] = []
            failed: list[Worker] = []
            for w in members:
                if not w.on_roster(day) or rng.random() < 0.01:
                    continue  # not on the roster yet / any more, or missed it (sick leave, a shift swap)
                seconds = round(rng.uniform(14.0, 28.5), 1)
                if rng.random() < 0.012:
                    seconds = round(rng.uniform(30.5, 41.0), 1)
                    failed.append(w)
                results.append((w, seconds, ""))
            if results:
                _drill_session(bulk, b, day, "monthly", "井口培训室", results)
            redo = day + timedelta(days=rng.randint(2, 5))
            if failed and redo <= today:
                retry = [(w, round(rng.uniform(18.0, 29.5), 1), "补训") for w in failed if w.on_roster(redo)]
                _drill_session(bulk, b, redo, "monthly", "井口培训室", retry)
    underground = [w for w in b.workers if w.underground]
    day = b.start + timedelta(days=1)
    while day <= today:
        present = [w for w in underground if w.on_roster(day)]
        sample = rng.sample(present, min(8, len(present)))
        _drill_session(
            bulk, b, day, "shift_spot", "副井口", [(w, round(rng.uniform(15, 27), 1), "") for w in sample]
        )
        day += timedelta(days=rng.randint(3, 6))
    for year in range(b.start.year, today.year + 1):
        for month in (4, 10):
            held = date(year, month, 18)
            if not b.start <= held <= today:
                continue
            bulk.add(
                _t(EvacuationDrill),
                {
                    "mine_id": b.mine_id, "held_on": held, "place": "各采掘工作面及避灾路线",
                    "scenario": "井下火灾事故紧急撤离" if month == 4 else "井下透水事故逃生避险",
                    "organiser": "矿长", "participants": len([w for w in underground if w.on_roster(held)]),
                    "participant_names": "", "duration_min": 50, "process": "调度室发出警报，人员佩戴自救器沿避灾路线撤离，升井清点人数。",
                    "problems": "个别人员对避灾路线不熟。", "measures": "开展避灾路线专项培训。",
                    "evaluation": "达到预期目的。",
                    "reported_on": held + timedelta(days=3) if held + timedelta(days=3) <= today else None,
                    "created_at": bulk.now,
                },
                audit_mine=b.mine_id,
            )  # fmt: skip


# -------------------------------------------------------------------------------------------------- hazards


@dataclass
class _Ledger:
    """What hazard generation needs to remember: numbers per year, closings per (category, place)."""

    numbers: dict[int, int] = field(default_factory=lambda: defaultdict(int))
    closed: dict[tuple[str, str], list[date]] = field(default_factory=lambda: defaultdict(list))
    majors_by_month: dict[tuple[int, int], int] = field(default_factory=lambda: defaultdict(int))


def _add_hazards(bulk: Bulk, b: MineBuild) -> None:
    rng = b.rng
    span = b.days()
    found_days = sorted(b.start + timedelta(days=rng.randint(0, span)) for _ in range(b.spec.hazards))
    majors = set(rng.sample(range(len(found_days)), min(b.spec.majors, len(found_days))))
    categories = list(HAZARD_PLAN)
    weights = [HAZARD_PLAN[c][0] for c in categories]
    safety = [w for w in b.team("安全科") if w.left is None]
    heads = {prefix: _unit_head(b, prefix) for prefix in {HAZARD_PLAN[c][1][:2] for c in categories}}
    ledger = _Ledger()
    repeat_days = int(rule("HAZ-REPEAT").param("days"))
    clauses: dict[date, list[Clause]] = {}
    for index, found in enumerate(found_days):
        category = rng.choices(categories, weights=weights)[0]
        _weight, unit, places, descriptions = HAZARD_PLAN[category]
        head = heads[unit[:2]]
        place = rng.choice(places)
        if place.endswith(("顺槽", "大巷", "上山", "斜井")):
            place += f"{rng.randint(1, 40) * 50}米处"
        major = index in majors
        clause = None
        if major:  # graded against the edition in force on the day it was found
            if found not in clauses:
                clauses[found] = clauses_for(b.kind, found)
            fitting = [c for c in clauses[found] if c.category == category]
            clause = rng.choice(fitting or clauses[found])
            ledger.majors_by_month[(found.year, found.month)] += 1
        repeat = any(c <= found <= c + timedelta(days=repeat_days) for c in ledger.closed[(category, place)])
        _hazard(
            bulk, b, ledger, found, category, place, rng.choice(descriptions), head, safety, clause, repeat
        )
    _monthly_checks(bulk, b, ledger)


def _unit_head(b: MineBuild, prefix: str) -> Worker:
    team = [w for w in b.workers if w.dept.startswith(prefix) and w.left is None]
    team = team or [w for w in b.workers if w.left is None]
    return max(team, key=lambda w: (w.post in ("队长", "科长", "主任"), -w.id))


def _hazard(
    bulk: Bulk,
    b: MineBuild,
    ledger: _Ledger,
    found: date,
    category: str,
    place: str,
    description: str,
    head: Worker,
    safety: list[Worker],
    clause: Clause | None,
    repeat: bool,
) -> None:
    rng, today = b.rng, b.today
    age = (today - found).days
    ledger.numbers[found.year] += 1
    number = f"{found.year}-{ledger.numbers[found.year]:04d}"
    deadline = found + timedelta(days=rng.randint(20, 45) if clause else rng.randint(3, 25))
    roll = rng.random()
    # Where it stands today: recent ones are still under way; a very few old ones are overdue or were voided.
    if roll < 0.004:
        state = "voided"
    elif age <= 30 and roll < 0.45:
        state = rng.choice(("registered", "rectifying", "rectifying", "awaiting_acceptance"))
        deadline = max(deadline, today + timedelta(days=rng.randint(2, 10)))
    elif roll < 0.006 and deadline < today:
        state = "overdue"
    else:
        state = "closed"
    source = rng.choices(list(HAZARD_SOURCES), weights=list(HAZARD_SOURCES.values()))[0]
    outside_name, outside_unit = OUTSIDE_CHECKERS.get(source, ("", ""))
    finder = None
    for _ in range(0 if outside_name else 30):
        finder = rng.choice(b.workers)
        if finder.on_roster(found):
            break
    else:
        finder = None if outside_name else head
    funds = float(rng.choice((0, 500, 1200, 3000, 8000))) if not clause else float(rng.randint(5, 80) * 10000)
    measures = f"{HAZARD_FIXES[category]}，整改后报安全科验收"
    row: dict[str, Any] = {
        "mine_id": b.mine_id, "number": number, "found_on": found,
        "found_by_person_id": finder.id if finder else None, "found_by_name": finder.name if finder else outside_name,
        "found_by_unit": outside_unit, "source": source, "place": place, "category": category,
        "category_text": "", "description": description, "grade": "major" if clause else "general",
        "grade_label": "", "standard_edition": clause.edition if clause else "",
        "clause_key": clause.key if clause else "",
        "clause_text": f"{clause.article}{clause.item} {clause.text}".strip() if clause else "",
        "responsible_person_id": head.id, "responsible_name": head.name, "measures": measures,
        "funds": funds, "deadline": deadline,
        "contingency_plan": f"{place}{category}事故专项应急处置方案" if clause else "",
        "listed_by": "", "listed_on": None, "reported_on": None, "announced_on": None,
        "status": "registered", "rectified_on": None, "rectified_by": "", "rectification": "",
        "accepted_by_person_id": None, "accepted_by_name": "", "accepted_on": None, "acceptance_opinion": "",
        "closed_on": None,
        "cause_analysis": "同类隐患在同一地点再次出现：现场管理不到位，已追究责任并加强日常检查" if repeat else "",
        "void_reason": "", "created_at": bulk.now,
    }  # fmt: skip
    if clause:  # the double report the day after; the county lists a third of them for supervision
        row["reported_on"] = row["announced_on"] = min(found + timedelta(days=1), today)
        if rng.random() < 0.33:
            row["listed_by"], row["listed_on"] = "县应急管理局", min(found + timedelta(days=2), today)
    events: list[tuple[date, str, str, str]] = [(found, "", "registered", "登记")]
    if state == "voided":
        row["void_reason"] = "重复登记，经核实与同日另一条为同一隐患"
        events.append((found, "registered", "voided", row["void_reason"]))
    elif state in ("rectifying", "awaiting_acceptance", "overdue", "closed"):
        begun = min(found + timedelta(days=rng.randint(0, 2)), today)
        events.append((begun, "registered", "rectifying", "按措施组织整改"))
        done_by = min(deadline, today) if state == "closed" else None
        if state == "awaiting_acceptance" and age >= 1:
            done_by = found + timedelta(days=rng.randint(0, max(0, min(age, 5))))
        if done_by is not None:
            rectified = begun + timedelta(days=rng.randint(0, max(0, (done_by - begun).days)))
            row.update(rectified_on=rectified, rectified_by=head.name, rectification="已按措施整改到位")
            events.append((rectified, "rectifying", "awaiting_acceptance", "已按措施整改到位"))
            if state == "closed":
                acceptor = rng.choice([w for w in safety if w.id != head.id] or safety)
                if rng.random() < 0.02 and rectified > begun:  # failed once, then rectified again
                    events.insert(
                        -1, (rectified - timedelta(days=1), "rectifying", "awaiting_acceptance", "已整改")
                    )
                    events.insert(-1, (rectified - timedelta(days=1), "awaiting_acceptance", "rectifying",
                                       "验收不合格：整改不彻底"))  # fmt: skip
                accepted = min(rectified + timedelta(days=rng.randint(0, 3)), today)
                row.update(
                    status="closed", accepted_by_person_id=acceptor.id, accepted_by_name=acceptor.name,
                    accepted_on=accepted, acceptance_opinion="整改到位，同意销号", closed_on=accepted,
                )  # fmt: skip
                events.append((accepted, "awaiting_acceptance", "closed", "整改到位，同意销号"))
                ledger.closed[(category, place)].append(accepted)
    row["status"] = events[-1][2]
    hid = bulk.add(_t(Hazard), row, audit_mine=b.mine_id)
    table = _t(HazardEvent)
    for step, (day, before, after, note) in enumerate(events):
        at = datetime(day.year, day.month, day.day, 9, 0) + timedelta(minutes=10 * step)
        bulk.add(table, {"hazard_id": hid, "at": at, "operator_name": OPERATOR, "from_status": before,
                         "to_status": after, "note": note})  # fmt: skip


def _monthly_checks(bulk: Bulk, b: MineBuild, ledger: _Ledger) -> None:
    principal = next(w for w in b.workers if w.leader == 0)
    deputies = "、".join(w.name for w in b.workers if w.leader is not None and 0 < w.leader < 6)
    for month in _month_starts(b.start, b.today):
        checked = month + timedelta(days=5)
        if checked > b.today:
            continue
        majors = ledger.majors_by_month[(month.year, month.month)]
        bulk.add(
            _t(MonthlyCheck),
            {
                "mine_id": b.mine_id, "year": month.year, "month": month.month, "checked_on": checked,
                "led_by": principal.name, "participants": deputies,
                "scope": "全矿井：采掘工作面、通风瓦斯、防治水、机电运输、安全监控及地面设施",
                "result": f"发现重大事故隐患{majors}项，已按规定上报" if majors else "未发现重大事故隐患",
                "zero_report_on": None if majors else min(checked + timedelta(days=1), b.today),
                "created_at": bulk.now,
            },
            audit_mine=b.mine_id,
        )  # fmt: skip


def _set_counters(conn: Connection, b: MineBuild) -> None:
    """The counter rows the service numbers new hazards from: the next one registered follows on."""
    rows = conn.execute(select(Hazard.number).where(Hazard.mine_id == b.mine_id)).scalars()
    last: dict[int, int] = {}
    for number in rows:
        year, seq = number.split("-")
        last[int(year)] = max(last.get(int(year), 0), int(seq))
    table = _t(HazardCounter)
    for year, n in last.items():
        conn.execute(table.insert().values(mine_id=b.mine_id, year=year, last=n))
