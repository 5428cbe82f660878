"""证书: the current certificates of the people 在岗, by how soon they fall due, with each one's history.

Lines, days left and status come from db.reports.cert_expiry — CERT-EXPIRY's own verdict, so this list, the
printed 预警清单 and the 首页 findings never disagree. 登记证书 and 换证/复审 go through db.services.certificates
by ctx.write (certificate_dialog). Findings CERT-EXPIRY and CERT-SPECIAL-OP open this tab on their person.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QBrush, QColor, QShowEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from db import clock
from db.catalogs import operation_for_post
from db.models import CERTIFICATE_KIND_LABELS, Mine, Person
from db.reports.cert_expiry import (
    STATUS_LABELS,
    ExpiryLine,
    cert_expiry_report,
    default_warning_days,
)
from db.rules.certificates import EXPIRED, EXPIRING, REVIEW_DUE, REVIEW_OVERDUE
from db.rules.runner import certificate_findings
from db.services.certificates import certificate_chain
from desktop.dialogs.certificate_dialog import (
    CHAIN_WIDTHS,
    CertificateDialog,
    chain_headers,
    chain_rows,
)
from desktop.dialogs.form_preview import preview_form
from desktop.views.context import AppContext
from desktop.widgets.person_picker import PersonPicker
from desktop.widgets.rows_table import RowsView

LINE_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
VALID = "valid"  # nothing falls due within the rule's warning window
ALL_DAYS = 365 * 100  # “全部”: every current certificate, however far off its date
RED, AMBER, GREEN = "#b71c1c", "#8a5a00", "#2e7d32"
STATUS_COLOURS = {EXPIRED: RED, REVIEW_OVERDUE: RED, EXPIRING: AMBER, REVIEW_DUE: AMBER, VALID: GREEN}
CERT_RULES = ("CERT-EXPIRY", "CERT-SPECIAL-OP", "CERT-FIRST-UNDERGROUND-EDU")

# The due windows a clerk filters by: (key, label, days for the report).
WINDOWS = (
    ("expired", QT_TRANSLATE_NOOP("CertificatesTab", "Expired"), 0),
    ("30", QT_TRANSLATE_NOOP("CertificatesTab", "Within 30 days"), 30),
    ("60", QT_TRANSLATE_NOOP("CertificatesTab", "Within 60 days"), 60),
    ("90", QT_TRANSLATE_NOOP("CertificatesTab", "Within 90 days"), 90),
    ("all", QT_TRANSLATE_NOOP("CertificatesTab", "All"), ALL_DAYS),
)
HEADERS = (
    QT_TRANSLATE_NOOP("CertificatesTab", "Name"),
    QT_TRANSLATE_NOOP("CertificatesTab", "Department"),
    QT_TRANSLATE_NOOP("CertificatesTab", "Certificate kind"),
    QT_TRANSLATE_NOOP("CertificatesTab", "Operation type"),
    QT_TRANSLATE_NOOP("CertificatesTab", "Number"),
    QT_TRANSLATE_NOOP("CertificatesTab", "Issued"),
    QT_TRANSLATE_NOOP("CertificatesTab", "Valid until"),
    QT_TRANSLATE_NOOP("CertificatesTab", "Review date"),
    QT_TRANSLATE_NOOP("CertificatesTab", "Due"),
    QT_TRANSLATE_NOOP("CertificatesTab", "Days left"),
    QT_TRANSLATE_NOOP("CertificatesTab", "Status"),
)
DAYS_COLUMN = 9


def _t(source: str) -> str:
    return QCoreApplication.translate("CertificatesTab", source)


@dataclass(frozen=True)
class CertRow:
    line: ExpiryLine
    status: str  # a CERT-EXPIRY status, or VALID

    @property
    def status_label(self) -> str:
        return (
            QCoreApplication.translate("CertificatesTab", "Valid")
            if self.status == VALID
            else STATUS_LABELS[self.status]
        )


def certificate_rows(ctx: AppContext, window: str, kind: str | None, person_id: int | None) -> list[CertRow]:
    """The tab's lines: the 预警清单's for the window; for “all”, every current certificate, those the rule
    does not flag reading 有效."""
    mine_id = ctx.mine_id
    if mine_id is None:
        return []
    days = dict((key, d) for key, _label, d in WINDOWS)[window]
    rule_days = default_warning_days()
    report = cert_expiry_report(ctx.db, mine_id, clock.today(), days)
    rows = []
    for line in report.lines:
        status = line.status
        if window == "expired" and status not in (EXPIRED, REVIEW_OVERDUE):
            continue
        # Wider than the rule's window, a date still far off is not a warning: the rule says nothing.
        if line.days_left > rule_days and status in (EXPIRING, REVIEW_DUE) and window == "all":
            status = VALID
        if kind is not None and line.kind != kind:
            continue
        if person_id is not None and line.person_id != person_id:
            continue
        rows.append(CertRow(line, status))
    return rows


def reveal(widget: QWidget) -> None:
    """Bring a page to the front wherever it sits: its tab in any QTabWidget, its page in the main window."""
    child: QWidget = widget
    parent = widget.parentWidget()
    window = widget.window()
    pages = getattr(window, "pages", None)
    go = getattr(window, "go", None)
    while parent is not None:
        if isinstance(parent, QStackedWidget):
            owner = parent.parentWidget()
            if isinstance(owner, QTabWidget):
                owner.setCurrentWidget(child)
            elif isinstance(pages, dict) and callable(go) and child in pages.values():
                go(next(key for key, page in pages.items() if page is child))
            else:
                parent.setCurrentWidget(child)
        child, parent = parent, parent.parentWidget()
    if not window.isVisible():
        window.show()
    window.raise_()
    window.activateWindow()


class CertificatesTab(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._stale = True
        self.rows: list[CertRow] = []

        self.window_filter = QComboBox()
        for key, label, _days in WINDOWS:
            self.window_filter.addItem(_t(label), key)
        self.kind_filter = QComboBox()
        self.kind_filter.addItem(self.tr("All kinds"), None)
        for kind, label in CERTIFICATE_KIND_LABELS.items():
            self.kind_filter.addItem(label, kind)
        self.person_filter = PersonPicker(ctx)
        self.person_filter.setPlaceholderText(self.tr("Everyone — or type a name, ID number or work number"))
        self.person_filter.person_chosen.connect(self._person_chosen)
        self.person_filter.textChanged.connect(self._person_text)
        self.reset_window()
        self.window_filter.currentIndexChanged.connect(lambda _i: self.refresh())
        self.kind_filter.currentIndexChanged.connect(lambda _i: self.refresh())

        self.add_button = QPushButton(self.tr("Register certificate…"))
        self.add_button.clicked.connect(lambda: self.add_certificate())
        self.renew_button = QPushButton(self.tr("Renew / review…"))
        self.renew_button.clicked.connect(self.renew)
        self.print_button = QPushButton(self.tr("Print warning list…"))
        self.print_button.clicked.connect(self.print_list)

        self.person_box = QLabel()
        self.person_box.setWordWrap(True)
        self.person_box.setTextFormat(Qt.TextFormat.RichText)
        self.person_box.setStyleSheet(
            "QLabel { background: #fff8e1; border: 1px solid #f0d58c; border-radius: 3px; padding: 6px; }"
        )
        self.add_for_person = QPushButton(self.tr("Register a certificate for this person…"))
        self.add_for_person.clicked.connect(self.add_for_filtered_person)
        person_row = QHBoxLayout()
        person_row.setContentsMargins(0, 0, 0, 0)
        person_row.addWidget(self.person_box, 1)
        person_row.addWidget(self.add_for_person, 0, Qt.AlignmentFlag.AlignTop)
        self.person_panel = QWidget()
        self.person_panel.setLayout(person_row)
        self.person_panel.hide()

        self.model = QStandardItemModel(self)
        self.model.setSortRole(SORT_ROLE)
        self.model.setHorizontalHeaderLabels([_t(h) for h in HEADERS])
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setSortingEnabled(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        # Widths from the font: a date, a licence number and a Chinese name fit on one line; the kind and the
        # operation type are elided (the whole text is the cell's tooltip), the status takes what is left.
        fm = self.fontMetrics()
        day = fm.horizontalAdvance("2026-11-23") + 14
        widths = (
            fm.horizontalAdvance("欧阳建国") + 14,
            fm.horizontalAdvance("地测防治水科") + 12,
            fm.horizontalAdvance("特种作业操作证") + 14,
            fm.horizontalAdvance("煤矿采煤机（掘进机）操作") + 10,
            fm.horizontalAdvance("T14052219000123") + 14,
            day,
            day,
            day,
            day,
            fm.horizontalAdvance("剩余天数") + 14,
        )
        for col, width in enumerate(widths):
            self.table.setColumnWidth(col, width)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._selection_changed())
        self.table.doubleClicked.connect(lambda _index: self.renew())
        self.count = QLabel()

        self.chain_view = RowsView(chain_headers(), CHAIN_WIDTHS)
        self.chain_box = QGroupBox(self.tr("History of the selected certificate (oldest first)"))
        chain_layout = QVBoxLayout(self.chain_box)
        chain_layout.addWidget(self.chain_view)

        filters = QHBoxLayout()
        filters.addWidget(QLabel(self.tr("Falls due")))
        filters.addWidget(self.window_filter)
        filters.addSpacing(12)
        filters.addWidget(QLabel(self.tr("Kind")))
        filters.addWidget(self.kind_filter)
        filters.addSpacing(12)
        filters.addWidget(QLabel(self.tr("Person")))
        filters.addWidget(self.person_filter, 1)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.renew_button, self.print_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.count)

        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.table)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(top)
        split.addWidget(self.chain_box)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        split.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.person_panel)
        layout.addLayout(buttons)
        layout.addWidget(split, 1)

        ctx.mine_changed.connect(self._mine_changed)
        ctx.data_changed.connect(self._changed)
        self.refresh()

    # --- filters ----------------------------------------------------------------------------------------

    def window_key(self) -> str:
        return self.window_filter.currentData()

    def set_window(self, key: str) -> None:
        self.window_filter.setCurrentIndex(max(self.window_filter.findData(key), 0))

    def reset_window(self) -> None:
        """The rule's own warning window (60 days unless the catalogue says otherwise), else 全部."""
        days = default_warning_days()
        key = str(days) if self.window_filter.findData(str(days)) >= 0 else "all"
        self.set_window(key)

    def kind(self) -> str | None:
        return self.kind_filter.currentData()

    def person_id(self) -> int | None:
        return self.person_filter.person_id()

    def show_person(self, person_id: int) -> None:
        """Every current certificate of one person, with what the rules say about them."""
        self.person_filter.set_person_id(person_id)
        self.kind_filter.blockSignals(True)
        self.kind_filter.setCurrentIndex(0)
        self.kind_filter.blockSignals(False)
        self.window_filter.blockSignals(True)
        self.set_window("all")
        self.window_filter.blockSignals(False)
        self.refresh()

    def _person_chosen(self, _person_id: int) -> None:
        # One person's certificates: all of them, however far off their dates.
        self.window_filter.blockSignals(True)
        self.set_window("all")
        self.window_filter.blockSignals(False)
        self.refresh()

    def _person_text(self, text: str) -> None:
        if not text.strip() and self.person_panel.isVisible():
            self.refresh()

    # --- reading ----------------------------------------------------------------------------------------

    def _mine_changed(self, _mine_id: int) -> None:
        self.person_filter.clear_person()
        self._changed()

    def _changed(self) -> None:
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        if self._stale:
            self.refresh()
        super().showEvent(event)

    def refresh(self) -> None:
        self._stale = False
        selected = self.current_row()
        self.rows = certificate_rows(self.ctx, self.window_key(), self.kind(), self.person_id())
        self.table.setSortingEnabled(False)
        self.model.removeRows(0, self.model.rowCount())
        for row in self.rows:
            self.model.appendRow(self._items(row))
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(DAYS_COLUMN, Qt.SortOrder.AscendingOrder)
        self.count.setText(self.tr("{count} certificates").format(count=len(self.rows)))
        self._show_person_panel()
        if selected is not None:
            self.select(selected.line.certificate_id)
        self._selection_changed()
        self.add_button.setEnabled(self.ctx.mine_id is not None)
        self.print_button.setEnabled(self.ctx.mine_id is not None)

    def _items(self, row: CertRow) -> list[QStandardItem]:
        line = row.line

        def day(value: object) -> str:
            return "" if value is None else f"{value:%Y-%m-%d}"

        texts = [
            line.name,
            line.department,
            line.kind_label,
            line.operation_type,
            line.number,
            day(line.issued_on),
            day(line.valid_until),
            day(line.next_review),
            day(line.due),
            str(line.days_left),
            row.status_label,
        ]
        items = []
        for col, text in enumerate(texts):
            item = QStandardItem(text)
            item.setToolTip(text)
            item.setData(row, LINE_ROLE)
            item.setData(line.days_left if col == DAYS_COLUMN else text, SORT_ROLE)
            if col == DAYS_COLUMN:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if col in (DAYS_COLUMN, len(texts) - 1):
                item.setForeground(QBrush(QColor(STATUS_COLOURS.get(row.status, GREEN))))
            items.append(item)
        return items

    def _show_person_panel(self) -> None:
        person_id = self.person_id()
        if person_id is None or self.ctx.mine_id is None:
            self.person_panel.hide()
            return
        found = [
            f
            for f in certificate_findings(self.ctx.db, self.ctx.mine_id)
            if f.subject.entity == "person" and f.subject.id == person_id and f.rule_code in CERT_RULES
        ]
        entry = self.person_filter.person()
        name = entry.label if entry else ""
        lines = [f"<b>{name}</b>"]
        if found:
            for f in found:
                colour = RED if f.severity == "red" else AMBER
                lines.append(f"<span style='color:{colour}'>{f.rule_code}：{f.message}</span>")
        else:
            fine = self.tr("No certificate problem found.")
            lines.append(f"<span style='color:{GREEN}'>{fine}</span>")
        self.person_box.setText("<br>".join(lines))
        self.person_panel.show()

    def lines(self) -> list[ExpiryLine]:
        return [self.model.item(r, 0).data(LINE_ROLE).line for r in range(self.model.rowCount())]

    def current_row(self) -> CertRow | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return self.model.item(index.row(), 0).data(LINE_ROLE)

    def select(self, certificate_id: int) -> bool:
        for r in range(self.model.rowCount()):
            if self.model.item(r, 0).data(LINE_ROLE).line.certificate_id == certificate_id:
                self.table.selectRow(r)
                return True
        return False

    def chain(self) -> list[tuple[str, ...]]:
        return [self.chain_view.rows.row(r) for r in range(self.chain_view.rows.rowCount())]

    def _selection_changed(self) -> None:
        row = self.current_row()
        self.renew_button.setEnabled(row is not None)
        if row is None:
            self.chain_view.rows.set_rows([])
            return
        self.show_chain(row.line.certificate_id)

    def show_chain(self, certificate_id: int) -> None:
        self.chain_view.rows.set_rows(chain_rows(certificate_chain(self.ctx.db, certificate_id)))

    # --- actions ----------------------------------------------------------------------------------------

    def add_certificate(self, *, person_id: int | None = None, operation_type: str | None = None) -> None:
        if self.ctx.mine_id is None:
            return
        dialog = CertificateDialog(self.ctx, person_id=person_id, operation_type=operation_type, parent=self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.saved_id is not None:
            self.select(dialog.saved_id)
        dialog.deleteLater()

    def add_for_filtered_person(self) -> None:
        person_id = self.person_id()
        if person_id is None:
            return
        operation = None
        with self.ctx.db.session() as s:
            person = s.get(Person, person_id)
            mine = s.get(Mine, person.mine_id) if person is not None else None
        if person is not None and mine is not None:
            op = operation_for_post(mine.kind, person.post, clock.today())
            operation = op.name if op else None
        self.add_certificate(person_id=person_id, operation_type=operation)

    def renew(self) -> None:
        row = self.current_row()
        if row is None:
            return
        dialog = CertificateDialog(self.ctx, renew_of=row.line.certificate_id, parent=self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.saved_id is not None:
            if not self.select(dialog.saved_id):
                # Renewed out of the window it was listed in: its history still shows what was done.
                self.show_chain(dialog.saved_id)
        dialog.deleteLater()

    def print_list(self) -> None:
        if self.ctx.mine_id is None:
            return
        key = self.window_key()
        # The printed list is a warning list: “all” prints the rule's own window.
        days = None if key == "all" else dict((k, d) for k, _label, d in WINDOWS)[key]
        preview_form(self, self.ctx, "cert-expiry", **({} if days is None else {"days": days}))


def register_openers(ctx: AppContext, tab: CertificatesTab) -> None:
    """CERT-EXPIRY and CERT-SPECIAL-OP findings open this tab on their person (other CERT-* rules keep the
    person's own window, whoever registers it)."""

    def show(_parent: QWidget, _ctx: AppContext, person_id: int) -> bool:
        if not isValid(tab):
            return False
        tab.show_person(person_id)
        reveal(tab)
        return False  # nothing was written

    for rule in ("CERT-EXPIRY", "CERT-SPECIAL-OP"):
        ctx.openers.register("person", show, rule=rule)


def make_tab(ctx: AppContext) -> QWidget:
    tab = CertificatesTab(ctx)
    tab.setWindowTitle(tab_title())
    register_openers(ctx, tab)
    return tab


def tab_title() -> str:
    return QCoreApplication.translate("CertificatesTab", "Certificates")
