"""Doors for certificates. A renewal or review is a new row linked to the one before it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from db import clock
from db.catalogs import special_operations
from db.engine import Database
from db.errors import NotFoundError, ValidationError
from db.models import Certificate, CertificateKind, Mine, Person
from db.models.certificate import CERTIFICATE_KIND_LABELS
from db.services.unit import Writer, snapshot, write


@dataclass
class CertificateInput:
    kind: str
    number: str
    issued_on: date
    valid_until: date
    operation_type: str = ""
    next_review: date | None = None
    issuer: str = ""
    extended_review: bool = False
    first_underground: bool = False


def _validate(w: Writer, person: Person, data: CertificateInput) -> str:
    """Checks the input; returns the catalogue edition of the operation type ('' for competence)."""
    if data.kind not in CERTIFICATE_KIND_LABELS:
        raise ValidationError("证书类别", f"“{data.kind}”不是可选的类别")
    if not data.number.strip():
        raise ValidationError("证号", "不能为空")
    if data.issued_on > clock.today():
        raise ValidationError("发证日期", "不能晚于今天")
    if data.valid_until <= data.issued_on:
        raise ValidationError("有效期至", "应晚于发证日期")
    if data.next_review is not None and not data.issued_on < data.next_review <= data.valid_until:
        raise ValidationError("复审日期", "应在发证日期与有效期之间")
    if data.kind != CertificateKind.special_operation:
        return ""
    mine = w.session.get(Mine, person.mine_id)
    assert mine is not None
    ops = {op.name: op for op in special_operations(mine.kind, data.issued_on)}
    op = ops.get(data.operation_type.strip())
    if op is None:
        raise ValidationError("作业类别", f"“{data.operation_type}”不在本类矿山的特种作业目录中")
    return op.edition


def _person(w: Writer, person_id: int) -> Person:
    person = w.session.get(Person, person_id)
    if person is None:
        raise NotFoundError(f"找不到编号为{person_id}的人员")
    return person


def add_certificate(db: Database, operator: str, person_id: int, data: CertificateInput) -> int:
    return add_certificates(db, operator, [(person_id, data)])[0]


def add_certificates(db: Database, operator: str, items: list[tuple[int, CertificateInput]]) -> list[int]:
    """Register certificates in one transaction: all of them or none."""
    ids: list[int] = []
    with write(db, operator) as w:
        now = clock.now()
        for person_id, data in items:
            person = _person(w, person_id)
            edition = _validate(w, person, data)
            cert = Certificate(
                person_id=person_id,
                kind=data.kind,
                operation_type=data.operation_type.strip(),
                catalogue_edition=edition,
                number=data.number.strip(),
                issued_on=data.issued_on,
                valid_until=data.valid_until,
                next_review=data.next_review,
                issuer=data.issuer.strip(),
                extended_review=data.extended_review,
                first_underground=data.first_underground,
                created_at=now,
            )
            w.session.add(cert)
            w.session.flush()
            w.audit("create", cert, before=None, mine_id=person.mine_id)
            ids.append(cert.id)
    return ids


def renew_certificate(db: Database, operator: str, previous_id: int, data: CertificateInput) -> int:
    """Record a renewal (换证) or a review (复审) as a new row chained to the one it replaces."""
    with write(db, operator) as w:
        previous = w.session.get(Certificate, previous_id)
        if previous is None:
            raise NotFoundError(f"找不到编号为{previous_id}的证书")
        if previous.superseded:
            raise ValidationError("证书", "这张证书已被后来的换证或复审记录取代，请在最新的记录上办理")
        person = _person(w, previous.person_id)
        if data.kind != previous.kind:
            raise ValidationError("证书类别", "换证或复审不能改变证书类别")
        if data.issued_on < previous.issued_on:
            raise ValidationError("发证日期", f"早于上一张证书的发证日期（{previous.issued_on:%Y-%m-%d}）")
        edition = _validate(w, person, data)
        before = snapshot(previous)
        previous.superseded = True
        w.audit("supersede", previous, before=before, mine_id=person.mine_id)
        cert = Certificate(
            person_id=person.id,
            kind=data.kind,
            operation_type=data.operation_type.strip(),
            catalogue_edition=edition,
            number=data.number.strip(),
            issued_on=data.issued_on,
            valid_until=data.valid_until,
            next_review=data.next_review,
            issuer=data.issuer.strip(),
            extended_review=data.extended_review,
            first_underground=False,
            previous_id=previous.id,
            created_at=clock.now(),
        )
        w.session.add(cert)
        w.session.flush()
        w.audit("create", cert, before=None, mine_id=person.mine_id)
        return cert.id


def certificate_chain(db: Database, certificate_id: int) -> list[Certificate]:
    """The certificate and every row before it, oldest first."""
    chain: list[Certificate] = []
    with db.session() as s:
        current = s.get(Certificate, certificate_id)
        while current is not None:
            chain.append(current)
            current = s.get(Certificate, current.previous_id) if current.previous_id else None
    return list(reversed(chain))
