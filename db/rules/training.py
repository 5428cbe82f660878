"""Training rules (培训): pure functions over plain data."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from db.catalogs import key_posts, training_hours
from db.rules.catalog import rule
from db.rules.facts import Attendance, MineData, PersonFacts
from db.rules.findings import Finding, Subject, finding


def _subject(p: PersonFacts) -> Subject:
    return Subject("person", p.id, p.name)


def _by_person(data: MineData) -> dict[int, list[Attendance]]:
    out: dict[int, list[Attendance]] = defaultdict(list)
    for a in data.attendances:
        out[a.person_id].append(a)
    return out


def leaders(data: MineData) -> dict[int, str]:
    """Person id → post title for the principal and the five positions (they get special training)."""
    titles = {p.code: p.title for p in key_posts(data.kind) if p.group in ("principal", "five_positions")}
    return {h.person_id: titles[h.post_code] for h in data.holdings if h.post_code in titles}


def check_special_annual(data: MineData, today: date) -> list[Finding]:
    """TRAIN-SPECIAL-ANNUAL: the principal and five positions get special training each calendar year."""
    attended = _by_person(data)
    found = []
    held_since = {h.person_id: h.start for h in data.holdings}
    for pid, title in leaders(data).items():
        person = data.people.get(pid)
        if person is None or not person.active:
            continue
        years = {
            a.start_date.year for a in attended.get(pid, []) if a.kind == "special" and a.passed is not False
        }
        last_year = today.year - 1
        judged = data.judged(date(last_year, 12, 31))
        if judged and held_since[pid] <= date(last_year, 1, 1) and last_year not in years:
            message = f"{person.name}（{title}）{last_year}年未参加专门安全培训。"
            found.append(finding("TRAIN-SPECIAL-ANNUAL", _subject(person), message, data.id))
        elif today.year not in years:
            message = f"{person.name}（{title}）{today.year}年尚未参加专门安全培训，请在年内安排。"
            found.append(finding("TRAIN-SPECIAL-ANNUAL", _subject(person), message, data.id, "amber"))
    return found


def check_pre_job(data: MineData, today: date) -> list[Finding]:
    """TRAIN-PRE-JOB: pre-job training passed before the post starts; retraining after a year away."""
    spec = rule("TRAIN-PRE-JOB")
    window = spec.param("check_hires_within_days")
    attended = _by_person(data)
    found = []
    for p in data.people.values():
        if not p.active:
            continue
        mine_training = attended.get(p.id, [])
        if p.hire_date is not None and (today - p.hire_date).days <= window:
            ok = any(
                a.kind == "pre_job" and a.passed is not False and a.end_date <= p.hire_date
                for a in mine_training
            )
            if not ok:
                message = f"{p.name}于{p.hire_date:%Y-%m-%d}上岗，未见上岗前通过的岗前培训记录。"
                found.append(finding("TRAIN-PRE-JOB", _subject(p), message, data.id))
        back = p.returned_after_absence
        if back is not None and not any(
            a.start_date >= back and a.passed is not False for a in mine_training
        ):
            message = f"{p.name}离岗一年以上后于{back:%Y-%m-%d}重新上岗，未见重新上岗前的安全培训记录。"
            found.append(finding("TRAIN-PRE-JOB", _subject(p), message, data.id))
    return found


def check_annual_hours(data: MineData, today: date) -> list[Finding]:
    """TRAIN-ANNUAL-HOURS: last calendar year's hours reached, for people on the roster all that year."""
    hours = training_hours()
    leader_ids = set(leaders(data))
    year = today.year - 1
    if not data.judged(date(year, 12, 31)):
        return []
    found = []
    for p in data.people.values():
        if not p.active or (p.hire_date is not None and p.hire_date > date(year, 1, 1)):
            continue
        need = hours["principal_and_safety_managers" if p.id in leader_ids else "default"]["annual"]
        total = data.training_hours.get((p.id, year), 0.0)
        if total < need:
            message = f"{p.name}{year}年度安全培训{total:g}学时，不足{need}学时。"
            found.append(finding("TRAIN-ANNUAL-HOURS", _subject(p), message, data.id))
    return found


def check_spot_exam_fail(data: MineData) -> list[Finding]:
    """TRAIN-SPOT-EXAM-FAIL: a failed 逢查必考 needs off-job retraining passed after it."""
    found = []
    for pid, items in _by_person(data).items():
        person = data.people.get(pid)
        if person is None or not person.active:
            continue
        fails = [a for a in items if a.kind == "spot_exam" and a.passed is False]
        if not fails:
            continue
        last_fail = max(fails, key=lambda a: a.end_date)
        retrained = any(
            a.kind != "spot_exam" and a.passed is not False and a.start_date >= last_fail.end_date
            for a in items
        )
        if not retrained:
            message = (
                f"{person.name}在{last_fail.end_date:%Y-%m-%d}逢查必考中不合格，"
                "未见此后离岗培训合格的记录，培训合格前不得上岗。"
            )
            found.append(finding("TRAIN-SPOT-EXAM-FAIL", _subject(person), message, data.id))
    return found


def check_archive(data: MineData) -> list[Finding]:
    """TRAIN-ARCHIVE: a session with no attendee recorded is not in anyone's file."""
    return [
        finding(
            "TRAIN-ARCHIVE",
            Subject("training_session", sid, name),
            f"培训“{name}”没有登记参训人员，不能记入一人一档。",
            data.id,
        )
        for sid, name in data.empty_sessions
    ]
