"""Doors for key posts: assign a person to a post, end a holding. Dated history is kept."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from db import clock
from db.catalogs import key_posts
from db.engine import Database
from db.errors import NotFoundError, ValidationError
from db.models import Mine, Person, PersonStatus, PostAssignment
from db.services.unit import snapshot, write


def assign_post(
    db: Database, operator: str, person_id: int, post_code: str, start: date, *, replace: bool = True
) -> int:
    """Make a person the holder of a key post from `start`.

    For the principal and the five positions there is one holder: with `replace`, the current holder's
    term ends the day before. A specialty may have several technicians, so nobody is replaced there.
    """
    if start > clock.today():
        raise ValidationError("任职时间", "不能晚于今天")
    with write(db, operator) as w:
        person = w.session.get(Person, person_id)
        if person is None:
            raise NotFoundError(f"找不到编号为{person_id}的人员")
        if person.status != PersonStatus.active:
            raise ValidationError("人员", f"{person.name}已不在岗，不能任职")
        mine = w.session.get(Mine, person.mine_id)
        assert mine is not None
        posts = {p.code: p for p in key_posts(mine.kind)}
        post = posts.get(post_code)
        if post is None:
            raise ValidationError("职务", f"“{post_code}”不是本类矿山的关键岗位")
        current = list(
            w.session.scalars(
                select(PostAssignment).where(
                    PostAssignment.mine_id == mine.id,
                    PostAssignment.post_code == post_code,
                    PostAssignment.end.is_(None),
                )
            )
        )
        if any(a.person_id == person_id for a in current):
            raise ValidationError("职务", f"{person.name}已担任{post.title}")
        if replace and post.group != "five_specialties":
            for old in current:
                if old.start >= start:
                    raise ValidationError("任职时间", f"应晚于现任者的任职时间（{old.start:%Y-%m-%d}）")
                before = snapshot(old)
                old.end = date.fromordinal(start.toordinal() - 1)
                w.audit("end_post", old, before=before, mine_id=mine.id)
        assignment = PostAssignment(mine_id=mine.id, person_id=person_id, post_code=post_code, start=start)
        w.session.add(assignment)
        w.session.flush()
        w.audit("assign_post", assignment, before=None)
        if post.group == "principal":
            before = snapshot(mine)
            mine.principal_name = person.name
            w.audit("update", mine, before=before, mine_id=mine.id)
        return assignment.id


def end_post(db: Database, operator: str, assignment_id: int, end: date, note: str = "") -> None:
    with write(db, operator) as w:
        assignment = w.session.get(PostAssignment, assignment_id)
        if assignment is None:
            raise NotFoundError(f"找不到编号为{assignment_id}的任职记录")
        if assignment.end is not None:
            raise ValidationError("离任时间", "该任职已结束")
        if end < assignment.start:
            raise ValidationError("离任时间", f"早于任职时间（{assignment.start:%Y-%m-%d}）")
        before = snapshot(assignment)
        assignment.end = end
        assignment.note = note.strip()
        w.audit("end_post", assignment, before=before)
