"""Staffing rules (配备): pure functions over plain data."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from db.catalogs import EDUCATION_ORDER, TITLE_ORDER, key_posts
from db.rules.catalog import rule
from db.rules.facts import MineData, PersonFacts
from db.rules.findings import Finding, Subject, finding


@dataclass(frozen=True)
class MineFacts:
    id: int
    name: str
    kind: str
    principal_name: str
    rule_profile: str


def check_principal(mine: MineFacts) -> list[Finding]:
    """STAFF-PRINCIPAL: the mine names its principal (主要负责人)."""
    if mine.principal_name.strip():
        return []
    return [
        finding(
            "STAFF-PRINCIPAL",
            Subject("mine", mine.id, mine.name),
            f"{mine.name}未明确主要负责人（含实际控制人），请在矿山信息中填写。",
            mine.id,
        )
    ]


def _person_subject(p: PersonFacts) -> Subject:
    return Subject("person", p.id, p.name)


def check_five_positions(data: MineData) -> list[Finding]:
    """STAFF-FIVE-POSITIONS: each position has exactly one current holder."""
    found = []
    for post in key_posts(data.kind):
        if post.group != "five_positions":
            continue
        holders = [data.people[h.person_id].name for h in data.holdings if h.post_code == post.code]
        if len(holders) == 1:
            continue
        subject = Subject("mine", data.id, f"{data.name} · {post.title}")
        if not holders:
            message = f"“五职”矿长中{post.title}空缺，请配备并在关键岗位中登记。"
        else:
            message = (
                f"{post.title}同时登记了{len(holders)}人（{'、'.join(holders)}），一矿只能有一套领导班子。"
            )
        found.append(finding("STAFF-FIVE-POSITIONS", subject, message, data.id))
    return found


def _meets_education(p: PersonFacts, minimum: str) -> bool:
    return p.education_rank >= EDUCATION_ORDER[minimum]


def position_shortfalls(p: PersonFacts, profile: str, today: date) -> list[str]:
    """Why a five-position holder does not qualify under the profile ([] when he does)."""
    spec = rule("STAFF-POSITION-QUALIFIED")
    if profile == "national":
        by_degree = _meets_education(p, spec.param("min_education", profile)) and p.core_major
        by_title = p.title_rank >= TITLE_ORDER[spec.param("or_title", profile)]
        return [] if by_degree or by_title else ["既无矿山相关专业大专及以上学历，也无中级及以上职称"]
    reasons = []
    if not _meets_education(p, spec.param("min_education", profile)):
        reasons.append(f"学历为{p.education or '未填写'}，低于大专")
    if spec.param("core_major", profile) and not p.core_major:
        reasons.append("所学专业不是主体专业")
    years = p.front_line_years(today)
    need = spec.param("front_line_years", profile)
    if years < need:
        reasons.append(f"一线从业经历{years:.1f}年，不足{need}年")
    return reasons


def specialty_shortfalls(p: PersonFacts, profile: str, today: date) -> list[str]:
    spec = rule("STAFF-SPECIALTY-QUALIFIED")
    if profile == "national":
        by_school = _meets_education(p, spec.param("min_education", profile))
        by_title = p.title_rank >= TITLE_ORDER[spec.param("or_title", profile)]
        return [] if by_school or by_title else ["既无中专及以上学历，也无中级及以上职称"]
    reasons = []
    if spec.param("core_major", profile) and not p.core_major:
        reasons.append("不是主体专业毕业")
    years = p.front_line_years(today)
    need = spec.param("front_line_years", profile)
    if years < need:
        reasons.append(f"一线从业经历{years:.1f}年，不足{need}年")
    return reasons


def check_key_post_qualifications(data: MineData, today: date) -> list[Finding]:
    """STAFF-POSITION-QUALIFIED and STAFF-SPECIALTY-QUALIFIED for every current holder."""
    posts = {p.code: p for p in key_posts(data.kind)}
    profile = "national" if data.rule_profile == "national" else "shanxi"
    found = []
    for h in data.holdings:
        post = posts.get(h.post_code)
        person = data.people.get(h.person_id)
        if post is None or person is None or post.group == "principal":
            continue
        if post.group == "five_positions":
            code, reasons = "STAFF-POSITION-QUALIFIED", position_shortfalls(person, profile, today)
        else:
            code, reasons = "STAFF-SPECIALTY-QUALIFIED", specialty_shortfalls(person, profile, today)
        if reasons:
            message = f"{person.name}（{post.title}）不符合任职条件：{'；'.join(reasons)}。"
            found.append(finding(code, _person_subject(person), message, data.id))
    return found


def check_specialties(data: MineData) -> list[Finding]:
    """STAFF-SPECIALTY: each of the five specialties has at least one technician."""
    held = {h.post_code for h in data.holdings}
    missing = [p.title for p in key_posts(data.kind) if p.group == "five_specialties" and p.code not in held]
    if not missing:
        return []
    subject = Subject("mine", data.id, f"{data.name} · “五科”")
    message = f"“五科”专业技术人员缺{'、'.join(missing)}专业，请配齐并登记。"
    return [finding("STAFF-SPECIALTY", subject, message, data.id)]


def check_dispatch_underground(data: MineData) -> list[Finding]:
    """STAFF-NO-DISPATCH-UNDERGROUND."""
    return [
        finding(
            "STAFF-NO-DISPATCH-UNDERGROUND",
            _person_subject(p),
            f"{p.name}为劳务派遣人员，却登记为入井人员；劳务派遣人员不得入井。",
            data.id,
        )
        for p in data.people.values()
        if p.active and p.underground and p.employment_type == "劳务派遣"
    ]
