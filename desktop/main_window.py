"""The main window: navigation on the left, one page per area, the mine switcher, operator and mine in the
status bar. Window layout and the last chosen mine come back on the next start."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction, QCloseEvent, QFont
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QToolBar,
    QWidget,
)

from desktop.dialogs.mine_dialog import MineDialog
from desktop.dialogs.person_dialog import open_person_dialog
from desktop.views.context import AppContext
from desktop.views.dashboard import DashboardPage
from desktop.views.drills_page import DrillsPage
from desktop.views.hazards_page import HazardsPage
from desktop.views.openers import install_default_openers
from desktop.views.personnel import PersonnelPage
from desktop.views.print_center import PrintCenterPage
from desktop.views.settings_page import SettingsPage

PAGE_KEY_ROLE = Qt.ItemDataRole.UserRole + 1
STAFFING_RULES = ("STAFF-FIVE-POSITIONS", "STAFF-SPECIALTY")
DEFAULT_SIZE = QSize(1180, 760)


class MainWindow(QMainWindow):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        install_default_openers(ctx.openers)
        self._install_personnel_openers()
        self.setWindowTitle(self.tr("MineLedger"))

        self.pages: dict[str, QWidget] = {}
        self.stack = QStackedWidget()
        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setFixedWidth(168)
        nav_font = QFont(self.nav.font())
        nav_font.setPointSizeF(nav_font.pointSizeF() * 1.15)
        self.nav.setFont(nav_font)
        self.nav.setStyleSheet("QListWidget#navigation::item { padding: 10px 12px; }")
        self.nav.currentRowChanged.connect(self.stack.setCurrentIndex)

        self.dashboard = DashboardPage(ctx)
        self.print_center = PrintCenterPage(ctx)
        self.settings_page = SettingsPage(ctx)
        self._add_page("home", self.tr("Home"), self.dashboard)
        self.personnel = PersonnelPage(ctx)
        self._add_page("training", self.tr("Training"), self.personnel)
        self.drills = DrillsPage(ctx)
        self.drills.register_openers()
        self._add_page("drills", self.tr("Self-rescuer drills"), self.drills)
        self.hazards = HazardsPage(ctx)
        self.hazards.register_openers()
        self._add_page("hazards", self.tr("Hazard ledger"), self.hazards)
        self._add_page("print", self.tr("Print center"), self.print_center)
        self._add_page("settings", self.tr("Settings"), self.settings_page)

        central = QWidget()
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(self.nav)
        row.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self._build_toolbar()
        self.mine_status = QLabel()
        self.operator_status = QLabel()
        self.statusBar().addWidget(self.mine_status)
        self.statusBar().addWidget(self.operator_status)

        ctx.operator_changed.connect(lambda _name: self._update_status())
        ctx.mine_changed.connect(lambda _id: self._update_status())
        ctx.mine_changed.connect(self._follow_mine)  # a page may switch mines (the roster across mines)
        ctx.data_changed.connect(self._data_changed)
        ctx.reopened.connect(self.reload_mines)

        self._first_size()
        self._restore_layout()
        self.nav.setCurrentRow(0)
        self.reload_mines()

    # --- building ---------------------------------------------------------------------------------------

    def _add_page(self, key: str, label: str, page: QWidget) -> None:
        item = QListWidgetItem(label)
        item.setData(PAGE_KEY_ROLE, key)
        self.nav.addItem(item)
        self.stack.addWidget(page)
        self.pages[key] = page

    def _install_personnel_openers(self) -> None:
        """Findings about a person open the person's record; a missing “五职” or “五科” is about the mine but
        is fixed where the key posts are staffed (人员培训 → 关键岗位配备, else the roster)."""
        self.ctx.openers.register("person", open_person_dialog)
        for rule in STAFFING_RULES:
            self.ctx.openers.register("mine", open_staffing, rule=rule)

    def show_staffing(self) -> bool:
        """Go to 人员培训, on the key posts tab when there is one. Returns False: nothing was saved."""
        self.go("training")
        if not self.personnel.show_area("staffing"):
            self.personnel.show_area("roster")
        return False

    def _build_toolbar(self) -> None:
        bar = QToolBar(self.tr("Mine"))
        bar.setObjectName("mine_toolbar")  # saveState needs a name to find the bar again
        bar.setMovable(False)
        self.addToolBar(bar)
        self.mine_combo = QComboBox()
        self.mine_combo.setMinimumWidth(260)
        self.mine_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.mine_combo.activated.connect(self._mine_chosen)
        self.mine_label_action = bar.addWidget(QLabel(" " + self.tr("Current mine:") + " "))
        self.mine_combo_action = bar.addWidget(self.mine_combo)
        self.add_mine_action = QAction(self.tr("Add mine…"), self)
        self.add_mine_action.triggered.connect(self.add_mine)
        bar.addAction(self.add_mine_action)
        self.toolbar = bar

    # --- navigation -------------------------------------------------------------------------------------

    def page_keys(self) -> list[str]:
        return [self.nav.item(i).data(PAGE_KEY_ROLE) for i in range(self.nav.count())]

    def go(self, key: str) -> None:
        self.nav.setCurrentRow(self.page_keys().index(key))

    def current_page_key(self) -> str:
        return self.page_keys()[self.stack.currentIndex()]

    # --- mines ------------------------------------------------------------------------------------------

    def reload_mines(self) -> None:
        """Fill the switcher; keep the chosen mine, else the one chosen last time, else the first."""
        mines = self.ctx.mines()
        wanted = self.ctx.mine_id or self.ctx.settings.last_mine_id
        ids = [m.id for m in mines]
        chosen = wanted if wanted in ids else (ids[0] if ids else None)
        self.mine_combo.blockSignals(True)
        self.mine_combo.clear()
        for mine in mines:
            self.mine_combo.addItem(mine.name, mine.id)
        if chosen is not None:
            self.mine_combo.setCurrentIndex(ids.index(chosen))
        self.mine_combo.blockSignals(False)
        # One mine needs no switcher; it appears once the office keeps a second one.
        several = len(mines) > 1
        self.mine_label_action.setVisible(several)
        self.mine_combo_action.setVisible(several)
        self.ctx.set_mine(chosen)

    def _follow_mine(self, mine_id: int) -> None:
        index = self.mine_combo.findData(mine_id)
        if index >= 0 and index != self.mine_combo.currentIndex():
            self.mine_combo.blockSignals(True)
            self.mine_combo.setCurrentIndex(index)
            self.mine_combo.blockSignals(False)

    def _mine_chosen(self, index: int) -> None:
        mine_id = self.mine_combo.itemData(index)
        if mine_id is not None and mine_id != self.ctx.mine_id:
            self.ctx.set_mine(mine_id)

    def add_mine(self) -> None:
        dialog = MineDialog(self.ctx, None, self)
        if dialog.exec() == MineDialog.DialogCode.Accepted and dialog.saved_id is not None:
            self.ctx.mine_id = dialog.saved_id
            self.reload_mines()

    def _data_changed(self) -> None:
        # A mine's name may have changed: the switcher and status bar show names.
        names = {m.id: m.name for m in self.ctx.mines()}
        for index in range(self.mine_combo.count()):
            name = names.get(self.mine_combo.itemData(index))
            if name is not None:
                self.mine_combo.setItemText(index, name)
        self._update_status()

    def _update_status(self) -> None:
        mine = self.ctx.mine() if self.ctx.ledger.is_open else None
        self.mine_status.setText(
            self.tr("Current mine: {name}").format(name=mine.name) if mine else self.tr("No mine yet")
        )
        operator = self.ctx.operator or self.tr("(not set — see Settings)")
        self.operator_status.setText(self.tr("Operator: {name}").format(name=operator))

    # --- window layout ----------------------------------------------------------------------------------

    def _first_size(self) -> None:
        """A size that fits a 1366×768 office laptop as well as a large screen (until the clerk resizes)."""
        size = QSize(DEFAULT_SIZE)
        screen = self.screen()
        if screen is not None:
            available = screen.availableGeometry()
            size = size.boundedTo(QSize(int(available.width() * 0.95), int(available.height() * 0.92)))
        self.resize(size)

    def _restore_layout(self) -> None:
        geometry = self.ctx.settings.window_geometry
        if geometry is not None:
            self.restoreGeometry(geometry)
        state = self.ctx.settings.window_state
        if state is not None:
            self.restoreState(state)

    def save_layout(self) -> None:
        self.ctx.settings.window_geometry = self.saveGeometry()
        self.ctx.settings.window_state = self.saveState()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_layout()
        self.ctx.runner.wait_idle()  # a form or backup in flight finishes before the database closes
        self.print_center.clear_preview()
        super().closeEvent(event)


def open_staffing(parent: QWidget, _ctx: AppContext, _mine_id: int) -> bool:
    """The opener for a missing “五职” or “五科”: the window the finding was opened from shows 人员培训.

    A plain function, not a bound method: the context outlives windows and must not keep one alive."""
    window = parent.window() if parent is not None else None
    if isinstance(window, MainWindow):
        return window.show_staffing()
    return False
