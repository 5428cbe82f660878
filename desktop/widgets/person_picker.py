"""Pick a person of the current mine as you type: name, ID number (any part of it, full-width digits and a
lower-case x welcome) or 工号. The best matches drop down as you type; Enter takes the top one (or the one
the arrow keys moved to), so a clerk keying a paper sheet never reaches for the mouse.

    picker = PersonPicker(ctx)
    picker.person_chosen.connect(lambda person_id: ...)
    picker.person_id()          # the chosen person, or None while the text does not name one

With `clear_after_pick=True` the field empties after each pick, ready for the next name (adding attendees,
keying a drill sheet); `set_excluded(ids)` hides people already on the list.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeyEvent, QShowEvent
from PySide6.QtWidgets import QAbstractItemView, QCompleter, QLineEdit, QWidget
from sqlalchemy import select

from db.engine import Database
from db.models import Department, Person, PersonStatus
from db.models.person import STATUS_LABELS
from desktop.views.context import AppContext

PERSON_ID_ROLE = Qt.ItemDataRole.UserRole + 1
MAX_MATCHES = 50


def fold(text: str) -> str:
    """What typing variants mean the same: full-width → half-width, no spaces, upper case (x → X)."""
    return "".join(unicodedata.normalize("NFKC", text).split()).upper()


@dataclass(frozen=True)
class PersonEntry:
    id: int
    name: str
    id_number: str
    work_no: str
    department: str
    post: str
    status: str = PersonStatus.active
    department_id: int | None = None
    department_order: int = 0

    @property
    def roster_key(self) -> tuple[int, int, str, int]:
        """Roster order (department, then name), as the printed sheets list people."""
        return (self.department_order, self.department_id or 0, self.name, self.id)

    @property
    def active(self) -> bool:
        return self.status == PersonStatus.active

    @property
    def label(self) -> str:
        """What the field shows once the person is chosen: 王建国（综采一队 · 采煤机司机）."""
        where = " · ".join(x for x in (self.department, self.post) if x)
        return f"{self.name}（{where}）" if where else self.name

    def describe(self) -> str:
        """One line of the drop-down: name, department and post, ID number, 工号, status if not 在岗."""
        parts = [self.label, self.id_number]
        if self.work_no:
            parts.append(f"工号 {self.work_no}")
        if not self.active:
            parts.append(STATUS_LABELS.get(self.status, self.status))
        return "　".join(parts)


def load_people(db: Database, mine_id: int, *, include_inactive: bool = False) -> list[PersonEntry]:
    """The mine's people in roster order (department, then name)."""
    query = (
        select(
            Person.id,
            Person.name,
            Person.id_number,
            Person.work_no,
            Department.name,
            Person.post,
            Person.status,
            Person.department_id,
            Department.sort_order,
        )
        .outerjoin(Department, Person.department_id == Department.id)
        .where(Person.mine_id == mine_id)
        .order_by(Department.sort_order, Department.id, Person.name, Person.id)
    )
    if not include_inactive:
        query = query.where(Person.status == PersonStatus.active)
    with db.session() as s:
        rows = s.execute(query).all()
    return [
        PersonEntry(pid, name, number, work_no or "", dept or "", post or "", status, dept_id, order or 0)
        for pid, name, number, work_no, dept, post, status, dept_id, order in rows
    ]


def _rank(person: PersonEntry, text: str) -> int | None:
    """How well `text` (folded) names the person: 0 exactly, 1 by its start (or an ID's last digits),
    2 somewhere inside; None not at all."""
    name = fold(person.name)
    work_no = fold(person.work_no)
    number = person.id_number
    if text in (name, work_no, number):
        return 0
    ranks = []
    if name.startswith(text) or (work_no and work_no.startswith(text)):
        ranks.append(1)
    elif text in name:
        ranks.append(2)
    if any(ch.isdigit() for ch in text) and text in number:
        # Clerks type an ID's last digits (the ones on a work card) more often than its area code.
        ranks.append(1 if number.endswith(text) or number.startswith(text) else 2)
    return min(ranks) if ranks else None


def match_people(people: Iterable[PersonEntry], text: str, limit: int = MAX_MATCHES) -> list[PersonEntry]:
    """The people `text` names, best first: exact, then by start, then anywhere; 在岗 before others."""
    wanted = fold(text)
    if not wanted:
        return []
    scored = []
    for order, person in enumerate(people):
        rank = _rank(person, wanted)
        if rank is not None:
            scored.append((rank, not person.active, order, person))
    scored.sort(key=lambda item: item[:3])
    return [person for *_key, person in scored[:limit]]


class PersonMatchModel(QAbstractListModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[PersonEntry] = []

    def set_rows(self, rows: list[PersonEntry]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[PersonEntry]:
        return list(self._rows)

    def entry(self, row: int) -> PersonEntry:
        return self._rows[row]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid():
            return None
        person = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return person.describe()
        if role == Qt.ItemDataRole.EditRole:
            return person.label
        if role == PERSON_ID_ROLE:
            return person.id
        return None


class PersonPicker(QLineEdit):
    """A line edit that names one person of the current mine; see the module docstring."""

    person_chosen = Signal(int)  # the person's id, each time one is picked

    def __init__(
        self,
        ctx: AppContext,
        parent: QWidget | None = None,
        *,
        include_inactive: bool = False,
        clear_after_pick: bool = False,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.include_inactive = include_inactive
        self.clear_after_pick = clear_after_pick
        self._people: list[PersonEntry] = []
        self._by_id: dict[int, PersonEntry] = {}
        # The people are read when the picker is shown or asked (a tab nobody opened reads nobody).
        self._stale = True
        self._excluded: set[int] = set()
        self._chosen: PersonEntry | None = None
        self.setPlaceholderText(self.tr("Name, ID number or work number"))
        self.setClearButtonEnabled(True)
        self.setMinimumWidth(240)

        self.matches = PersonMatchModel(self)
        # The completer is attached with setWidget, not QLineEdit.setCompleter: the field's text changes only
        # when a person is picked, never while the arrow keys move through the list.
        self.completer = QCompleter(self.matches, self)
        self.completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setMaxVisibleItems(12)
        self.completer.setWidget(self)
        self.completer.activated[QModelIndex].connect(self._activated)
        popup = self.completer.popup()
        popup.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        popup.setObjectName("person_picker_popup")

        # textChanged, not textEdited: typed, pasted or set from outside, the list follows the text; the
        # picker's own setText (showing a chosen person) is fenced off by _quiet.
        self._quiet = False
        self.textChanged.connect(self._text_changed)
        # Bound methods, not lambdas: Qt drops the connections when the picker goes.
        ctx.mine_changed.connect(self._mine_changed)
        ctx.data_changed.connect(self._data_changed)
        self.reload()

    # --- data -------------------------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the people again: now when the picker is on screen, else when it is shown or asked."""
        self._stale = True
        if self.isVisible():
            self._load()

    def _ensure_loaded(self) -> None:
        if self._stale:
            self._load()

    def _load(self) -> None:
        self._stale = False
        mine_id = self.ctx.mine_id
        if mine_id is None or not self.ctx.ledger.is_open:
            self._people = []
        else:
            self._people = load_people(self.ctx.db, mine_id, include_inactive=self.include_inactive)
        self._by_id = {p.id: p for p in self._people}
        if self._chosen is not None:
            # A name or department may have changed; someone no longer listed is no longer chosen.
            self._chosen = self._by_id.get(self._chosen.id)
            if self._chosen is None:
                self.clear_person()
            else:
                self._show(self._chosen.label)

    def showEvent(self, event: QShowEvent) -> None:
        self._ensure_loaded()
        super().showEvent(event)

    def _mine_changed(self, _mine_id: int) -> None:
        self.clear_person()
        self.reload()

    def _data_changed(self) -> None:
        self.reload()  # keeps what the clerk is typing

    def people(self) -> list[PersonEntry]:
        self._ensure_loaded()
        return list(self._people)

    def entry(self, person_id: int) -> PersonEntry | None:
        self._ensure_loaded()
        return self._by_id.get(person_id)

    def set_excluded(self, person_ids: Iterable[int]) -> None:
        """People not to offer (already on the list being built)."""
        self._excluded = set(person_ids)

    # --- choosing ---------------------------------------------------------------------------------------

    def _show(self, text: str) -> None:
        self._quiet = True
        try:
            self.setText(text)
        finally:
            self._quiet = False

    def _text_changed(self, text: str) -> None:
        if not self._quiet:
            self._search(text)

    def person_id(self) -> int | None:
        self._ensure_loaded()
        return None if self._chosen is None else self._chosen.id

    def person(self) -> PersonEntry | None:
        self._ensure_loaded()
        return self._chosen

    def set_person_id(self, person_id: int | None) -> None:
        """Show a person as chosen (for a dialog opened on a person); None clears."""
        self._ensure_loaded()
        entry = None if person_id is None else self._by_id.get(person_id)
        if entry is None and person_id is not None:
            # Not in the list (someone who left, with include_inactive off): still show who it is.
            found = [
                p
                for p in load_people(self.ctx.db, self.ctx.mine_id or 0, include_inactive=True)
                if p.id == person_id
            ]
            entry = found[0] if found else None
        self._chosen = entry
        self._show(entry.label if entry else "")
        self.completer.popup().hide()

    def clear_person(self) -> None:
        self._chosen = None
        self._show("")

    def current_matches(self) -> list[PersonEntry]:
        return self.matches.rows()

    def _search(self, text: str) -> None:
        self._ensure_loaded()
        self._chosen = None
        found = match_people((p for p in self._people if p.id not in self._excluded), text)
        self.matches.set_rows(found)
        popup = self.completer.popup()
        if not found or not self.isVisible():
            popup.hide()
            return
        rect = self.rect()
        rect.setWidth(max(self.width(), 460))
        self.completer.complete(rect)
        # The top match is ready for Enter; the arrow keys move from there.
        popup.setCurrentIndex(self.completer.completionModel().index(0, 0))

    def _activated(self, index: QModelIndex) -> None:
        person_id = index.data(PERSON_ID_ROLE)
        if person_id is not None:
            self.pick(int(person_id))

    def pick(self, person_id: int) -> None:
        self._ensure_loaded()
        entry = self._by_id.get(person_id)
        if entry is None:
            return
        self.completer.popup().hide()
        if self.clear_after_pick:
            self._chosen = None
            self._show("")
        else:
            self._chosen = entry
            self._show(entry.label)
        self.person_chosen.emit(entry.id)

    def pick_typed(self) -> bool:
        """Enter with the list closed: take the person the text names when exactly one fits best."""
        if self._chosen is not None:
            return False
        text = self.text()
        self._ensure_loaded()
        candidates = [p for p in self._people if p.id not in self._excluded]
        found = match_people(candidates, text, limit=MAX_MATCHES)
        if not found:
            return False
        best = _rank(found[0], fold(text))
        tied = [p for p in found if _rank(p, fold(text)) == best]
        if len(tied) != 1:
            self._search(text)  # several fit equally well: show them
            return False
        self.pick(tied[0].id)
        return True

    # --- keys -------------------------------------------------------------------------------------------

    def event(self, event: QEvent) -> bool:
        # Enter must pick, not press a dialog's default button, while the text names nobody yet.
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            popup = self.completer.popup()
            if popup.isVisible():
                index = popup.currentIndex()
                if index.isValid():
                    self._activated(index)
                    event.accept()
                    return True
            if self._chosen is None and self.text().strip():
                self.pick_typed()
                event.accept()
                return True
        return super().event(event)
