"""设置: language, operator, the mine's information, and 备份与恢复 (backup now / restore from a backup)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QFont, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from db.backup import backup_now
from db.errors import MineLedgerError
from desktop.dialogs.mine_dialog import MineDialog
from desktop.views.context import AppContext
from desktop.widgets.mine_form import kind_label
from desktop.workers import TaskControl, run_with_progress

# Each language names itself, so a clerk who chose the wrong one can still find the way back.
LANGUAGE_CHOICES = (("zh_CN", "中文"), ("en", "English"))


def _selectable(label: QLabel) -> QLabel:
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class SettingsPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        heading = QLabel(self.tr("Settings"))
        font = QFont(heading.font())
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        heading.setFont(font)

        # language
        self.language = QComboBox()
        for code, label in LANGUAGE_CHOICES:
            self.language.addItem(label, code)
        self.language.setCurrentIndex(max(self.language.findData(ctx.settings.language), 0))
        self.language.currentIndexChanged.connect(self._language_chosen)
        self.language_note = QLabel(self.tr("A new language applies the next time MineLedger starts."))
        self.language_note.setEnabled(False)
        language_box = QGroupBox(self.tr("Interface language"))
        language_form = QFormLayout(language_box)
        language_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        self.language.setMinimumWidth(180)
        language_form.addRow(self.tr("Language"), self.language)
        language_form.addRow(self.language_note)

        # operator
        self.operator = QLineEdit(ctx.operator, maxLength=50)
        self.operator_save = QPushButton(self.tr("Save operator"))
        self.operator_save.clicked.connect(self.save_operator)
        self.operator.returnPressed.connect(self.save_operator)
        operator_row = QHBoxLayout()
        operator_row.addWidget(self.operator, 1)
        operator_row.addWidget(self.operator_save)
        operator_box = QGroupBox(self.tr("Operator"))
        operator_form = QFormLayout(operator_box)
        operator_form.addRow(self.tr("Operator name"), operator_row)
        note = QLabel(self.tr("Every change is recorded with this name and the time."))
        note.setEnabled(False)
        operator_form.addRow(note)

        # mine
        self.mine_summary = _selectable(QLabel())
        self.mine_button = QPushButton(self.tr("Edit mine information…"))
        self.mine_button.clicked.connect(self.edit_mine)
        mine_box = QGroupBox(self.tr("Mine information"))
        mine_layout = QHBoxLayout(mine_box)
        mine_layout.addWidget(self.mine_summary, 1)
        mine_layout.addWidget(self.mine_button)

        # backup and restore
        self.db_file = _selectable(QLabel())
        self.auto_folder = _selectable(QLabel())
        self.newest = _selectable(QLabel())
        self.open_folder_button = QPushButton(self.tr("Open folder"))
        self.open_folder_button.clicked.connect(self.open_backup_folder)
        self.backup_button = QPushButton(self.tr("Back up now to…"))
        self.backup_button.clicked.connect(self.backup_to_folder)
        self.restore_button = QPushButton(self.tr("Restore from a backup…"))
        self.restore_button.clicked.connect(self.choose_restore)
        self.backup_result = _selectable(QLabel())
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.auto_folder, 1)
        folder_row.addWidget(self.open_folder_button)
        actions = QHBoxLayout()
        actions.addWidget(self.backup_button)
        actions.addWidget(self.restore_button)
        actions.addStretch(1)
        backup_box = QGroupBox(self.tr("Backup and restore"))
        backup_form = QFormLayout(backup_box)
        backup_form.addRow(self.tr("Database file"), self.db_file)
        backup_form.addRow(self.tr("Automatic backups"), folder_row)
        backup_form.addRow(self.tr("Newest backup"), self.newest)
        explain = QLabel(
            self.tr(
                "MineLedger backs the database up automatically once a day when it starts. "
                "Copy a backup to a USB stick regularly, so the records survive a broken computer."
            )
        )
        explain.setWordWrap(True)
        explain.setEnabled(False)
        backup_form.addRow(explain)
        backup_form.addRow(actions)
        backup_form.addRow(self.backup_result)

        inner = QWidget()
        inner.setMaximumWidth(920)  # long lines of settings are hard to read on a wide screen
        column = QVBoxLayout(inner)
        column.addWidget(heading)
        for box in (language_box, operator_box, mine_box, backup_box):
            column.addWidget(box)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(inner)
        scroll.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

        ctx.mine_changed.connect(self._changed)  # bound methods: disconnected when the page goes
        ctx.data_changed.connect(self._changed)
        ctx.operator_changed.connect(self.operator.setText)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh()  # backups appear in the background (daily backup), so re-read on every visit

    def _changed(self) -> None:
        if self.isVisible():  # else the next visit re-reads anyway
            self.refresh()

    def refresh(self) -> None:
        ledger = self.ctx.ledger
        self.db_file.setText(str(ledger.path))
        self.auto_folder.setText(str(ledger.backup_dir))
        newest = ledger.newest_backup()
        if newest is None:
            self.newest.setText(self.tr("No backup yet"))
        else:
            when = datetime.fromtimestamp(newest.stat().st_mtime).strftime("%Y-%m-%d %H:%M")
            self.newest.setText(self.tr("{path}  (made {when})").format(path=newest, when=when))
        mine = self.ctx.mine() if ledger.is_open else None
        self.mine_button.setEnabled(mine is not None)
        if mine is None:
            self.mine_summary.setText(self.tr("No mine yet."))
        else:
            principal = mine.principal_name or self.tr("(not filled in)")
            self.mine_summary.setText(
                self.tr("{name} · {kind} · principal: {principal}").format(
                    name=mine.name, kind=kind_label(mine.kind), principal=principal
                )
            )

    # --- language and operator ----------------------------------------------------------------------------

    def _language_chosen(self, _index: int) -> None:
        self.ctx.settings.language = self.language.currentData()
        self.language_note.setEnabled(True)

    def save_operator(self) -> None:
        name = self.operator.text().strip()
        if not name:
            QMessageBox.warning(
                self,
                self.tr("Check the operator"),
                self.tr("Operator name: please fill in your name; every change records who made it."),
            )
            return
        self.ctx.set_operator(name)

    def edit_mine(self) -> None:
        if self.ctx.mine_id is not None:
            MineDialog(self.ctx, self.ctx.mine_id, self).exec()

    # --- backup -------------------------------------------------------------------------------------------

    def open_backup_folder(self) -> None:
        folder = self.ctx.ledger.backup_dir
        folder.mkdir(parents=True, exist_ok=True)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    def backup_to_folder(self) -> None:
        chosen = QFileDialog.getExistingDirectory(
            self, self.tr("Choose the folder to back up into (e.g. a USB stick)"), str(Path.home())
        )
        if not chosen:
            return
        db_path, folder = self.ctx.ledger.path, Path(chosen)

        def work(_control: TaskControl) -> Path:
            return backup_now(db_path, folder)

        self.backup_result.setText(self.tr("Backing up…"))
        run_with_progress(
            self,
            self.ctx.runner,
            self.tr("Backing up the database…"),
            work,
            self._backed_up,
            self._backup_failed,
            cancellable=False,
        )

    def _backed_up(self, made: Path) -> None:
        self.backup_result.setText(self.tr("Backed up (integrity checked): {path}").format(path=made))
        self.refresh()

    def _backup_failed(self, exc: BaseException) -> None:
        self.backup_result.setText(self.tr("The backup was not made."))
        detail = str(exc) if isinstance(exc, MineLedgerError) else f"{type(exc).__name__}: {exc}"
        QMessageBox.critical(self, self.tr("Backup failed"), detail)

    # --- restore ------------------------------------------------------------------------------------------

    def choose_restore(self) -> None:
        ledger = self.ctx.ledger
        chosen, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Choose the backup to restore"),
            str(ledger.backup_dir if ledger.backup_dir.is_dir() else Path.home()),
            self.tr("MineLedger backups (*.sqlite3 *.db);;All files (*)"),
        )
        if not chosen:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Restore from a backup"),
            self.tr(
                "All the data now in the database “{db}” will be replaced by the backup “{file}”.\n\n"
                "The current data is first kept as a safety copy in “{safety}”, so this can be undone by "
                "restoring that copy.\n\nRestore now?"
            ).format(db=ledger.path, file=chosen, safety=ledger.safety_dir),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.restore(Path(chosen))

    def restore(self, backup_file: Path) -> None:
        """Swap the data on the worker (the only thread touching the database meanwhile); the window stays
        disabled until the ledger is open again, so no page reads a closed database."""
        window = self.window()
        self.ctx.runner.wait_idle()
        window.setEnabled(False)
        self.backup_result.setText(self.tr("Restoring…"))

        def work(_control: TaskControl) -> Path | None:
            return self.ctx.ledger.restore_from(backup_file)

        def done(safety: Path | None) -> None:
            window.setEnabled(True)
            kept = self.tr("The previous data was kept as: {path}").format(path=safety) if safety else ""
            self.backup_result.setText(
                self.tr("Restored from {file}.").format(file=backup_file) + (f"\n{kept}" if kept else "")
            )
            self.ctx.reopened.emit()

        def failed(exc: BaseException) -> None:
            window.setEnabled(True)
            self.backup_result.setText(self.tr("Not restored."))
            if not self.ctx.ledger.is_open:
                self._reopen_after_failure(exc)
                return
            detail = str(exc) if isinstance(exc, MineLedgerError) else f"{type(exc).__name__}: {exc}"
            QMessageBox.critical(
                self, self.tr("Not restored"), detail + "\n\n" + self.tr("The current data was not changed.")
            )
            self.ctx.reopened.emit()

        run_with_progress(
            self,
            self.ctx.runner,
            self.tr("Restoring from the backup…"),
            work,
            done,
            failed,
            cancellable=False,
        )

    def _reopen_after_failure(self, exc: BaseException) -> None:
        try:
            self.ctx.ledger.open()
        except MineLedgerError as again:
            QMessageBox.critical(
                self,
                self.tr("Database cannot be opened"),
                str(again) + "\n\n" + self.tr("MineLedger will close now."),
            )
            QApplication.instance().quit()  # type: ignore[union-attr]
            return
        QMessageBox.critical(self, self.tr("Not restored"), str(exc))
        self.ctx.reopened.emit()
