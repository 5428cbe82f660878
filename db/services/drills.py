"""Doors for self-rescuer drills and evacuation drills.

A clerk types a whole team's results from the paper sheet: the session and all its results go in one
transaction. A person who has left or does not go underground is a warning the clerk must accept, never a
silent add; seconds that are not a plausible donning time are refused with the row named.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from sqlalchemy import select

from db import clock
from db.catalogs import drill_catalog, drill_kinds
from db.engine import Database
from db.errors import MineLedgerError, NotFoundError, ValidationError
from db.models import DrillResult, DrillSession, EvacuationDrill, Mine, Person, PersonStatus
from db.services.unit import Writer, snapshot, write


@dataclass
class DrillSessionInput:
    held_on: date
    kind: str = "monthly"  # monthly | shift_spot
    shift: str = ""
    place: str = ""
    instructor: str = ""
    unit_model: str = ""
    unit_serials: str = ""
    threshold_s: float | None = None  # None: the catalogue's (30 s)
    notes: str = ""


@dataclass
class DrillEntry:
    person_id: int
    seconds: float | str | None  # as typed; None or "" when absent
    absent: bool = False
    remark: str = ""


class DrillWarnings(MineLedgerError):
    """People the clerk should look at before the results go in (left, or not underground)."""

    def __init__(self, warnings: list[str]) -> None:
        super().__init__("；".join(warnings))
        self.warnings = warnings


def parse_seconds(value: float | str | None, where: str) -> float:
    """A donning time in seconds, one decimal; refuses what cannot be a real time."""
    if value is None or (isinstance(value, str) and not value.strip()):
        raise ValidationError(f"{where}盲戴用时", "未填写（缺考请勾选“缺席”）")
    try:
        seconds = (
            float(str(value).strip().replace("秒", "").replace("s", ""))
            if isinstance(value, str)
            else float(value)
        )
    except ValueError:
        raise ValidationError(f"{where}盲戴用时", f"“{value}”不是数字") from None
    limit = float(drill_catalog()["max_plausible_seconds"])
    if seconds != seconds or seconds <= 0:  # NaN, zero, negative
        raise ValidationError(f"{where}盲戴用时", "应大于0秒")
    if seconds > limit:
        raise ValidationError(f"{where}盲戴用时", f"{seconds:g}秒超过{limit:g}秒，不像真实的盲戴用时，请核对")
    return round(seconds, 1)


def _validate_session(data: DrillSessionInput) -> float:
    if data.held_on > clock.today():
        raise ValidationError("演练日期", "不能晚于今天")
    if data.kind not in drill_kinds():
        raise ValidationError("类别", f"“{data.kind}”不是可选的类别")
    threshold = (
        data.threshold_s if data.threshold_s is not None else float(drill_catalog()["threshold_seconds"])
    )
    if not 0 < threshold <= 120:
        raise ValidationError("合格标准", "应在0到120秒之间")
    return threshold


def _merge(entries: list[DrillEntry]) -> list[tuple[DrillEntry, int]]:
    """The same person twice in one session is one result: the later attempt counts, attempts add up."""
    merged: dict[int, tuple[DrillEntry, int]] = {}
    for entry in entries:
        if entry.person_id in merged:
            earlier, attempts = merged[entry.person_id]
            # Keep what the clerk wrote against the earlier attempt too: the remark is part of the record.
            remarks = "；".join(r for r in (earlier.remark.strip(), entry.remark.strip()) if r)
            merged[entry.person_id] = (replace(entry, remark=remarks), attempts + 1)
        else:
            merged[entry.person_id] = (entry, 1)
    return list(merged.values())


def _apply(w: Writer, session: DrillSession, entries: list[DrillEntry], accept_warnings: bool) -> None:
    merged = _merge(entries)
    ids = [e.person_id for e, _ in merged]
    people = {
        p.id: p
        for p in w.session.scalars(
            select(Person).where(Person.id.in_(ids), Person.mine_id == session.mine_id)
        )
    }
    parsed: list[tuple[DrillEntry, int, float | None]] = []
    warnings: list[str] = []
    for row, (entry, attempts) in enumerate(merged, start=1):
        person = people.get(entry.person_id)
        if person is None:
            raise ValidationError(f"第{row}行", "不是本矿人员")
        seconds = None if entry.absent else parse_seconds(entry.seconds, f"第{row}行（{person.name}）")
        if person.status != PersonStatus.active:
            warnings.append(
                f"{person.name}已不在岗（{'离职' if person.status == PersonStatus.left else '调离'}）"
            )
        elif not person.underground:
            warnings.append(f"{person.name}不是入井人员")
        parsed.append((entry, attempts, seconds))
    if warnings and not accept_warnings:
        raise DrillWarnings(warnings)
    existing = {
        r.person_id: r
        for r in w.session.scalars(select(DrillResult).where(DrillResult.session_id == session.id))
    }
    for entry, attempts, seconds in parsed:
        passed = None if seconds is None else seconds <= session.threshold_s
        result = existing.get(entry.person_id)
        if result is None:
            result = DrillResult(
                session_id=session.id,
                person_id=entry.person_id,
                seconds=seconds,
                passed=passed,
                absent=entry.absent,
                attempts=attempts,
                remark=entry.remark.strip(),
            )
            w.session.add(result)
            w.session.flush()
            w.audit("create", result, before=None, mine_id=session.mine_id)
        else:
            before = snapshot(result)
            result.seconds, result.passed, result.absent = seconds, passed, entry.absent
            result.attempts = result.attempts + attempts
            result.remark = entry.remark.strip()
            w.audit("update", result, before=before, mine_id=session.mine_id)


def record_drill(
    db: Database,
    operator: str,
    mine_id: int,
    data: DrillSessionInput,
    entries: list[DrillEntry],
    *,
    accept_warnings: bool = False,
) -> int:
    """A drill session with its results, all in one transaction. Raises DrillWarnings unless accepted."""
    threshold = _validate_session(data)
    with write(db, operator) as w:
        if w.session.get(Mine, mine_id) is None:
            raise NotFoundError(f"找不到编号为{mine_id}的矿山")
        session = DrillSession(
            mine_id=mine_id,
            held_on=data.held_on,
            kind=data.kind,
            shift=data.shift.strip(),
            place=data.place.strip(),
            instructor=data.instructor.strip(),
            unit_model=data.unit_model.strip(),
            unit_serials=data.unit_serials.strip(),
            threshold_s=threshold,
            notes=data.notes.strip(),
            created_at=clock.now(),
        )
        w.session.add(session)
        w.session.flush()
        w.audit("create", session, before=None)
        _apply(w, session, entries, accept_warnings)
        return session.id


def record_results(
    db: Database, operator: str, session_id: int, entries: list[DrillEntry], *, accept_warnings: bool = False
) -> None:
    """Add results to a session, or correct them (a retry adds to the attempts)."""
    with write(db, operator) as w:
        session = w.session.get(DrillSession, session_id)
        if session is None:
            raise NotFoundError(f"找不到编号为{session_id}的演练")
        _apply(w, session, entries, accept_warnings)


@dataclass
class EvacuationInput:
    held_on: date
    scenario: str
    place: str = ""
    organiser: str = ""
    participants: int = 0
    participant_names: str = ""
    duration_min: int | None = None
    process: str = ""
    problems: str = ""
    measures: str = ""
    evaluation: str = ""
    reported_on: date | None = None


def _validate_evacuation(data: EvacuationInput) -> None:
    if data.held_on > clock.today():
        raise ValidationError("演练时间", "不能晚于今天")
    if not data.scenario.strip():
        raise ValidationError("演练科目/场景", "不能为空")
    if data.participants < 0:
        raise ValidationError("参演人数", "不能为负数")
    if data.duration_min is not None and not 0 < data.duration_min <= 24 * 60:
        raise ValidationError("演练时长", "应在1分钟到24小时之间")
    if data.reported_on is not None and data.reported_on < data.held_on:
        raise ValidationError("报告日期", "早于演练日期")


def record_evacuation_drill(db: Database, operator: str, mine_id: int, data: EvacuationInput) -> int:
    _validate_evacuation(data)
    with write(db, operator) as w:
        if w.session.get(Mine, mine_id) is None:
            raise NotFoundError(f"找不到编号为{mine_id}的矿山")
        drill = EvacuationDrill(
            mine_id=mine_id,
            held_on=data.held_on,
            scenario=data.scenario.strip(),
            place=data.place.strip(),
            organiser=data.organiser.strip(),
            participants=data.participants,
            participant_names=data.participant_names.strip(),
            duration_min=data.duration_min,
            process=data.process.strip(),
            problems=data.problems.strip(),
            measures=data.measures.strip(),
            evaluation=data.evaluation.strip(),
            reported_on=data.reported_on,
            created_at=clock.now(),
        )
        w.session.add(drill)
        w.session.flush()
        w.audit("create", drill, before=None)
        return drill.id


def update_evacuation_drill(db: Database, operator: str, drill_id: int, data: EvacuationInput) -> None:
    """Correct a saved drill, or add the day it was reported to the county regulator."""
    _validate_evacuation(data)
    with write(db, operator) as w:
        drill = w.session.get(EvacuationDrill, drill_id)
        if drill is None:
            raise NotFoundError(f"找不到编号为{drill_id}的应急演练")
        before = snapshot(drill)
        drill.held_on = data.held_on
        drill.scenario = data.scenario.strip()
        drill.place = data.place.strip()
        drill.organiser = data.organiser.strip()
        drill.participants = data.participants
        drill.participant_names = data.participant_names.strip()
        drill.duration_min = data.duration_min
        drill.process = data.process.strip()
        drill.problems = data.problems.strip()
        drill.measures = data.measures.strip()
        drill.evaluation = data.evaluation.strip()
        drill.reported_on = data.reported_on
        w.audit("update", drill, before=before)
