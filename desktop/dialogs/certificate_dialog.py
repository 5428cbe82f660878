"""登记证书 / 换证或复审: a certificate saved through db.services.certificates (add_certificate /
renew_certificate) by ctx.write.

Dates are offered as the rule editions give them: a special-operation licence is valid 6 years, a safety
competence certificate 3; a 3-yearly review (复审) is offered only where it falls due before the edition that
abolished it (CERT-EXPIRY's review_abolished_from, 2026-06-01). A renewal or review is a new row chained to
the one before; the dialog shows that chain.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from db.catalogs import operation_for_post, special_operations
from db.models import CERTIFICATE_KIND_LABELS, Certificate, CertificateKind, Mine
from db.rules.certificates import review_applies
from db.services.certificates import (
    CertificateInput,
    add_certificate,
    certificate_chain,
    renew_certificate,
)
from desktop.views.context import AppContext
from desktop.widgets.date_field import date_edit, from_qdate, to_qdate
from desktop.widgets.person_picker import PersonPicker
from desktop.widgets.rows_table import RowsView

VALID_YEARS = {CertificateKind.special_operation: 6, CertificateKind.safety_competence: 3}
REVIEW_YEARS = 3


def add_years(day: date, years: int) -> date:
    """The same day `years` later (29 February becomes 28 February)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def default_valid_until(kind: str, issued: date) -> date:
    return add_years(issued, VALID_YEARS.get(kind, 6))


def default_review(kind: str, issued: date, *, extended: bool = False) -> date | None:
    """The 3-yearly review of a special-operation licence, where the edition in force then still has one."""
    if kind != CertificateKind.special_operation or extended:
        return None
    due = add_years(issued, REVIEW_YEARS)
    return due if review_applies(due) else None


def chain_rows(chain: list[Certificate]) -> list[tuple[str, ...]]:
    """The chain, oldest first, as the clerk files it: first issue, then each renewal (换证) or review (复审)."""
    rows = []
    previous: Certificate | None = None
    for c in chain:
        if previous is None:
            step = QCoreApplication.translate("CertificateDialog", "First issue")
        elif c.valid_until != previous.valid_until:
            step = QCoreApplication.translate("CertificateDialog", "Renewal")
        else:
            step = QCoreApplication.translate("CertificateDialog", "Review")
        rows.append(
            (
                step,
                c.number,
                f"{c.issued_on:%Y-%m-%d}",
                f"{c.valid_until:%Y-%m-%d}",
                "" if c.next_review is None else f"{c.next_review:%Y-%m-%d}",
                c.issuer,
                QCoreApplication.translate("CertificateDialog", "replaced")
                if c.superseded
                else QCoreApplication.translate("CertificateDialog", "current"),
            )
        )
        previous = c
    return rows


def chain_headers() -> list[str]:
    return [
        QCoreApplication.translate("CertificateDialog", "Step"),
        QCoreApplication.translate("CertificateDialog", "Number"),
        QCoreApplication.translate("CertificateDialog", "Issued"),
        QCoreApplication.translate("CertificateDialog", "Valid until"),
        QCoreApplication.translate("CertificateDialog", "Next review"),
        QCoreApplication.translate("CertificateDialog", "Issuer"),
        QCoreApplication.translate("CertificateDialog", "Record"),
    ]


CHAIN_WIDTHS = (56, 130, 84, 84, 84, 124)


class CertificateDialog(QDialog):
    """New certificate (`renew_of=None`), or a renewal/review of the certificate `renew_of`."""

    def __init__(
        self,
        ctx: AppContext,
        *,
        renew_of: int | None = None,
        person_id: int | None = None,
        operation_type: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.renew_of = renew_of
        self.saved_id: int | None = None
        self._setting = False  # prefilling dates: not the clerk's own change
        self._valid_touched = False
        self._review_touched = False
        with ctx.db.session() as s:
            mine = s.get(Mine, ctx.mine_id) if ctx.mine_id is not None else None
            self.previous = s.get(Certificate, renew_of) if renew_of is not None else None
        self.mine_kind = mine.kind if mine is not None else "coal"
        self.chain = certificate_chain(ctx.db, renew_of) if renew_of is not None else []

        self.setWindowTitle(self.tr("Renewal or review") if renew_of else self.tr("Register a certificate"))
        self.picker = PersonPicker(ctx, include_inactive=renew_of is not None)
        self.picker.person_chosen.connect(self._person_chosen)
        self.kind = QComboBox()
        for kind, label in CERTIFICATE_KIND_LABELS.items():
            self.kind.addItem(label, kind)
        self.kind.setCurrentIndex(self.kind.findData(CertificateKind.special_operation))
        self.operation = QComboBox()
        self.operation.setMinimumWidth(260)
        self.number = QLineEdit(maxLength=60)
        self.issued = date_edit()
        self.valid_until = date_edit(not_after_today=False)
        self.has_review = QCheckBox()
        self.has_review.setToolTip(self.tr("Tick when the certificate has a review date"))
        self.next_review = date_edit(not_after_today=False)
        self.has_review.toggled.connect(self.next_review.setEnabled)
        self.issuer = QLineEdit(maxLength=100)
        self.issuer.setPlaceholderText(self.tr("e.g. Shanxi Provincial Emergency Management Department"))
        self.first_underground = QCheckBox(self.tr("First underground special-operation certificate"))
        self.first_underground.setToolTip(
            self.tr(
                "A first-time holder of an underground licence needs senior high school education or above."
            )
        )
        self.extended_review = QCheckBox(
            self.tr("Issuer agreed to review every 6 years (10+ years in the trade)")
        )
        self.rule_note = QLabel()
        self.rule_note.setWordWrap(True)
        self.rule_note.setEnabled(False)

        review_row = QHBoxLayout()
        review_row.setContentsMargins(0, 0, 0, 0)
        review_row.addWidget(self.has_review)
        review_row.addWidget(self.next_review, 1)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        # Labels read as the records layer names the fields, so a refusal points at a visible label.
        form.addRow(self.tr("Person"), self.picker)
        form.addRow(self.tr("Certificate kind"), self.kind)
        self.operation_label = QLabel(self.tr("Operation type"))
        form.addRow(self.operation_label, self.operation)
        form.addRow(self.tr("Certificate number"), self.number)
        form.addRow(self.tr("Issue date"), self.issued)
        form.addRow(self.tr("Valid until"), self.valid_until)
        self.review_label = QLabel(self.tr("Review date"))
        form.addRow(self.review_label, review_row)
        form.addRow(self.tr("Issuer"), self.issuer)
        form.addRow("", self.first_underground)
        form.addRow("", self.extended_review)

        layout = QVBoxLayout(self)
        self.renew_box: QGroupBox | None = None
        self.renewal = QRadioButton(self.tr("Renewal (换证): a new certificate with a new validity"))
        self.review = QRadioButton(self.tr("Review (复审): the validity stays, the review is recorded"))
        if self.previous is not None:
            layout.addWidget(self._build_renew_box())
        layout.addLayout(form)
        layout.addWidget(self.rule_note)
        if self.chain:
            chain_box = QGroupBox(self.tr("Certificate history (oldest first)"))
            self.chain_view = RowsView(chain_headers(), CHAIN_WIDTHS)
            self.chain_view.rows.set_rows(chain_rows(self.chain))
            self.chain_view.setMinimumHeight(110)
            chain_layout = QVBoxLayout(chain_box)
            chain_layout.addWidget(self.chain_view)
            layout.addWidget(chain_box)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout.addStretch(1)
        layout.addWidget(self.buttons)

        self.kind.currentIndexChanged.connect(lambda _i: self._kind_changed())
        self.issued.dateChanged.connect(lambda _d: self._dates_changed())
        self.valid_until.dateChanged.connect(lambda _d: self._touched("_valid_touched"))
        self.next_review.dateChanged.connect(lambda _d: self._touched("_review_touched"))
        self.has_review.toggled.connect(lambda _on: self._touched("_review_touched"))
        self.extended_review.toggled.connect(lambda _on: self._extended_changed())

        if self.previous is not None:
            self._load_previous()
        else:
            self._kind_changed()
            if person_id is not None:
                self.picker.set_person_id(person_id)
                self._person_chosen(person_id)
            if operation_type:
                self._choose_operation(operation_type)
        self.resize(720 if self.chain else 640, 620 if self.chain else 470)

    # --- building ---------------------------------------------------------------------------------------

    def _build_renew_box(self) -> QGroupBox:
        assert self.previous is not None
        box = QGroupBox(self.tr("What is being done"))
        group = QButtonGroup(box)
        group.addButton(self.renewal)
        group.addButton(self.review)
        row = QVBoxLayout(box)
        row.addWidget(self.renewal)
        row.addWidget(self.review)
        prev = self.previous
        review_open = (
            prev.kind == CertificateKind.special_operation
            and prev.next_review is not None
            and review_applies(prev.next_review)
        )
        self.review.setEnabled(review_open)
        if not review_open:
            self.review.setToolTip(
                self.tr("No review is due on this certificate under the rule edition in force.")
            )
        # A review due before the certificate ends is what comes first; otherwise it is a renewal.
        (self.review if review_open and prev.next_review < prev.valid_until else self.renewal).setChecked(
            True
        )
        self.renewal.toggled.connect(lambda _on: self._step_changed())
        self.renew_box = box
        return box

    def _load_previous(self) -> None:
        prev = self.previous
        assert prev is not None
        self.picker.set_person_id(prev.person_id)
        self.picker.setEnabled(False)
        self.kind.setCurrentIndex(max(self.kind.findData(prev.kind), 0))
        self.kind.setEnabled(False)
        self._fill_operations(prev.operation_type)
        self.operation.setEnabled(False)
        self.number.setText(prev.number)
        self.issuer.setText(prev.issuer)
        self.extended_review.setChecked(prev.extended_review)
        self.first_underground.hide()  # only a first certificate can be the first underground one
        self._update_kind_fields()
        self._step_changed()

    def _fill_operations(self, keep: str | None = None) -> None:
        current = keep if keep is not None else self.operation.currentText()
        self.operation.blockSignals(True)
        self.operation.clear()
        for op in special_operations(self.mine_kind, from_qdate(self.issued.date())):
            self.operation.addItem(op.name, op.name)
        if current and self.operation.findData(current) < 0:
            self.operation.addItem(current, current)  # an older edition's name stays as recorded
        if current:
            self.operation.setCurrentIndex(self.operation.findData(current))
        self.operation.blockSignals(False)

    def _choose_operation(self, name: str) -> None:
        index = self.operation.findData(name)
        if index >= 0:
            self.operation.setCurrentIndex(index)

    # --- reacting ---------------------------------------------------------------------------------------

    def is_special(self) -> bool:
        return self.kind.currentData() == CertificateKind.special_operation

    def is_review(self) -> bool:
        return self.previous is not None and self.review.isChecked()

    def _touched(self, flag: str) -> None:
        if not self._setting:
            setattr(self, flag, True)

    def _update_kind_fields(self) -> None:
        special = self.is_special()
        for widget in (self.operation_label, self.operation, self.extended_review):
            widget.setVisible(special)
        self.first_underground.setVisible(special and self.previous is None)
        for widget in (self.review_label, self.has_review, self.next_review):
            widget.setVisible(special)

    def _kind_changed(self) -> None:
        self._fill_operations()
        self._update_kind_fields()
        self._valid_touched = self._review_touched = False
        self._dates_changed()

    def _extended_changed(self) -> None:
        self._review_touched = False
        self._dates_changed()

    def _step_changed(self) -> None:
        prev = self.previous
        if prev is None:
            return
        review = self.is_review()
        self._valid_touched = self._review_touched = False
        self.valid_until.setEnabled(not review)
        if review:
            self._setting = True
            self.valid_until.setDate(to_qdate(prev.valid_until))
            self.has_review.setChecked(False)
            self._setting = False
        self._dates_changed()

    def _dates_changed(self) -> None:
        """Offer the dates the rule edition gives, unless the clerk has typed his own."""
        kind = self.kind.currentData()
        issued = from_qdate(self.issued.date())
        if self.is_special() and self.previous is None:
            self._fill_operations()
        self._setting = True
        try:
            if not self._valid_touched and not self.is_review():
                self.valid_until.setDate(to_qdate(default_valid_until(kind, issued)))
            if not self._review_touched and not self.is_review():
                review = default_review(kind, issued, extended=self.extended_review.isChecked())
                self.has_review.setChecked(review is not None)
                self.next_review.setEnabled(review is not None)
                if review is not None:
                    self.next_review.setDate(to_qdate(review))
                else:
                    self.next_review.setDate(to_qdate(add_years(issued, REVIEW_YEARS)))
        finally:
            self._setting = False
        self._explain(kind, issued)

    def _explain(self, kind: str, issued: date) -> None:
        years = VALID_YEARS.get(kind, 6)
        if kind != CertificateKind.special_operation:
            text = self.tr("Valid {years} years from issue.").format(years=years)
        elif self.is_review():
            text = self.tr("A review keeps the certificate's validity; it is recorded as a new row.")
        elif default_review(kind, issued) is not None:
            text = self.tr(
                "Valid {years} years; under the edition in force until 2026-05-31 it is reviewed every "
                "3 years."
            ).format(years=years)
        else:
            text = self.tr(
                "Valid {years} years; from 2026-06-01 the 3-yearly review is abolished, the certificate is "
                "renewed when it ends."
            ).format(years=years)
        self.rule_note.setText(text)

    def _person_chosen(self, person_id: int) -> None:
        if not self.is_special() or self.previous is not None:
            return
        entry = self.picker.entry(person_id)
        if entry is None or not entry.post:
            return
        op = operation_for_post(self.mine_kind, entry.post, from_qdate(self.issued.date()))
        if op is not None:
            self._choose_operation(op.name)

    # --- saving -----------------------------------------------------------------------------------------

    def certificate_input(self) -> CertificateInput:
        special = self.is_special()
        return CertificateInput(
            kind=self.kind.currentData(),
            number=self.number.text(),
            issued_on=from_qdate(self.issued.date()),
            valid_until=from_qdate(self.valid_until.date()),
            operation_type=(self.operation.currentData() or "") if special else "",
            next_review=from_qdate(self.next_review.date())
            if special and self.has_review.isChecked()
            else None,
            issuer=self.issuer.text(),
            extended_review=special and self.extended_review.isChecked(),
            first_underground=special and self.previous is None and self.first_underground.isChecked(),
        )

    def save(self) -> None:
        data = self.certificate_input()
        if self.previous is not None:
            ok, new_id = self.ctx.write(self, renew_certificate, self.previous.id, data)
        else:
            person_id = self.picker.person_id()
            if person_id is None:
                QMessageBox.warning(
                    self, self.tr("Not saved"), self.tr("Person: choose whose certificate it is.")
                )
                self.picker.setFocus()
                return
            ok, new_id = self.ctx.write(self, add_certificate, person_id, data)
        if ok:
            self.saved_id = new_id
            self.accept()
