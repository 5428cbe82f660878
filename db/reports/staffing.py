"""“五职”矿长和“五科”专业技术人员配备情况: one line per key post and holder, judged as the rules judge.

The reasons a holder does not qualify are the ones db.rules.staffing gives the 首页 findings, under the
mine's qualification profile; a vacant post and a post with two holders read as the staffing rules say.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from db import clock
from db.catalogs import key_posts
from db.engine import Database
from db.models import MINE_KIND_LABELS, CertificateKind, Person
from db.reports.common import mine_facts
from db.rules import staffing as staffing_rules
from db.rules.catalog import rule
from db.rules.facts import Holding, MineData

PROFILE_LABELS = {"shanxi": "山西省标准", "national": "国家标准"}
# Education levels as a requirement reads them ("中专及以上", not "高中/中专/技校及以上").
_EDUCATION_WORDING = {"高中/中专/技校": "中专"}


@dataclass(frozen=True)
class StaffingLine:
    post_code: str
    post_title: str
    group: str  # principal | five_positions | five_specialties
    vacant: bool
    person_id: int | None = None
    name: str = ""
    education: str = ""
    major: str = ""
    core_major: bool | None = None
    front_line_years: float | None = None  # None: no front-line start date on file
    since: date | None = None  # 任职时间
    competence: tuple[tuple[str, date], ...] = ()  # safety competence certificates: (number, valid until)
    special_training_required: bool = False  # principal and five positions: 年度专门培训
    special_training_this_year: bool = False
    special_training_missed_last_year: bool = False  # the rule's red case: held the post all last year
    reasons: tuple[str, ...] = ()  # why the holder does not meet the requirements ([] = meets them)
    note: str = ""  # e.g. a principal named on the mine but not linked to a person record


@dataclass(frozen=True)
class StaffingReport:
    mine_name: str
    mine_kind: str
    mine_kind_label: str
    on: date
    profile: str
    profile_label: str
    requirements: tuple[str, ...]  # the qualification rules in force, as a sentence each
    lines: list[StaffingLine]


def profile_of(data: MineData) -> str:
    # The same fallback as db.rules.staffing.check_key_post_qualifications.
    return "national" if data.rule_profile == "national" else "shanxi"


def _education(level: str) -> str:
    return _EDUCATION_WORDING.get(level, level)


def requirements(profile: str) -> tuple[str, ...]:
    """The qualification thresholds of the profile, read from the rules catalogue."""
    position = rule("STAFF-POSITION-QUALIFIED")
    specialty = rule("STAFF-SPECIALTY-QUALIFIED")
    if profile == "national":
        return (
            f"“五职”矿长：矿山相关专业{_education(position.param('min_education', profile))}及以上学历，"
            f"或{position.param('or_title', profile)}及以上职称",
            f"“五科”专业技术人员：{_education(specialty.param('min_education', profile))}及以上学历，"
            f"或{specialty.param('or_title', profile)}及以上职称",
        )
    pos_core = "主体专业" if position.param("core_major", profile) else ""
    spec_core = "主体专业毕业，且" if specialty.param("core_major", profile) else ""
    return (
        f"“五职”矿长：{pos_core}{_education(position.param('min_education', profile))}及以上学历，"
        f"且一线从业经历不少于{position.param('front_line_years', profile)}年",
        f"“五科”专业技术人员：{spec_core}一线从业经历不少于{specialty.param('front_line_years', profile)}年",
    )


def staffing_report(db: Database, mine_id: int, today: date | None = None) -> StaffingReport:
    today = today or clock.today()
    with db.session() as s:
        data = mine_facts(s, mine_id, parts=frozenset({"training", "certificates"}))
        # Majors as typed (the facts carry only what the rules need).
        holder_ids = {h.person_id for h in data.holdings}
        majors = dict(s.execute(select(Person.id, Person.major).where(Person.id.in_(holder_ids))).all())
    profile = profile_of(data)
    holdings: dict[str, list[Holding]] = defaultdict(list)
    for h in data.holdings:
        holdings[h.post_code].append(h)
    competence: dict[int, list[tuple[str, date]]] = defaultdict(list)
    for c in data.certificates:
        if c.kind == CertificateKind.safety_competence:
            competence[c.person_id].append((c.number, c.valid_until))
    special_years: dict[int, set[int]] = defaultdict(set)
    for a in data.attendances:
        if a.kind == "special" and a.passed is not False:  # as TRAIN-SPECIAL-ANNUAL counts it
            special_years[a.person_id].add(a.start_date.year)
    # TRAIN-SPECIAL-ANNUAL takes "held since" from the person's holdings in this order; so do we.
    held_since = {h.person_id: h.start for h in data.holdings}
    last_year = today.year - 1

    lines: list[StaffingLine] = []
    for post in key_posts(data.kind):
        holders = sorted(holdings.get(post.code, []), key=lambda h: (h.start, data.people[h.person_id].name))
        if not holders:
            if post.group == "principal" and data.principal_name.strip():
                # STAFF-PRINCIPAL is met by the name on the mine record, linked or not.
                lines.append(
                    StaffingLine(
                        post.code, post.title, post.group, vacant=False, name=data.principal_name.strip(),
                        note="已在矿山信息中明确，未关联人员档案",
                    )
                )  # fmt: skip
            else:
                lines.append(StaffingLine(post.code, post.title, post.group, vacant=True))
            continue
        for h in holders:
            p = data.people[h.person_id]
            reasons: list[str] = []
            if post.group == "five_positions":
                if len(holders) > 1:  # STAFF-FIVE-POSITIONS
                    reasons.append(f"{post.title}同时登记了{len(holders)}人，一矿只能有一套领导班子")
                reasons += staffing_rules.position_shortfalls(p, profile, today)
            elif post.group == "five_specialties":
                reasons += staffing_rules.specialty_shortfalls(p, profile, today)
            leader = post.group in ("principal", "five_positions")
            years = special_years.get(p.id, set())
            lines.append(
                StaffingLine(
                    post_code=post.code,
                    post_title=post.title,
                    group=post.group,
                    vacant=False,
                    person_id=p.id,
                    name=p.name,
                    education=p.education,
                    major=majors.get(p.id, ""),
                    core_major=p.core_major,
                    front_line_years=None if p.work_start is None else p.front_line_years(today),
                    since=h.start,
                    competence=tuple(sorted(competence.get(p.id, []), key=lambda c: (c[1], c[0]))),
                    special_training_required=leader,
                    special_training_this_year=leader and today.year in years,
                    special_training_missed_last_year=leader
                    and p.active
                    and held_since[p.id] <= date(last_year, 1, 1)
                    and last_year not in years,
                    reasons=tuple(reasons),
                )
            )
    kind_label = {kind.value: label for kind, label in MINE_KIND_LABELS.items()}.get(data.kind, data.kind)
    return StaffingReport(
        mine_name=data.name,
        mine_kind=data.kind,
        mine_kind_label=kind_label,
        on=today,
        profile=profile,
        profile_label=PROFILE_LABELS[profile],
        requirements=requirements(profile),
        lines=lines,
    )
