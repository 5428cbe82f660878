"""The mine's fields (name, kind, licence, address, principal, rule profile): one form for the first-run
wizard, 新增矿山 and 矿山信息, so the three never drift apart."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QComboBox, QFormLayout, QLineEdit, QWidget

from db.models import Mine, MineKind

# Labels for stored values. The Chinese translation must read exactly as the glossary (MINE_KIND_LABELS).
KIND_LABELS: dict[MineKind, str] = {
    MineKind.coal: QT_TRANSLATE_NOOP("MineForm", "Coal mine"),
    MineKind.underground_metal: QT_TRANSLATE_NOOP("MineForm", "Underground metal/non-metal mine"),
    MineKind.open_pit: QT_TRANSLATE_NOOP("MineForm", "Open-pit metal/non-metal mine"),
    MineKind.tailings: QT_TRANSLATE_NOOP("MineForm", "Tailings pond"),
}
PROFILE_LABELS: dict[str, str] = {
    "shanxi": QT_TRANSLATE_NOOP("MineForm", "Shanxi Province"),
    "national": QT_TRANSLATE_NOOP("MineForm", "National"),
}


def kind_label(kind: str) -> str:
    try:
        source = KIND_LABELS[MineKind(kind)]
    except ValueError:
        return kind
    return QCoreApplication.translate("MineForm", source)


def profile_label(profile: str) -> str:
    source = PROFILE_LABELS.get(profile)
    return QCoreApplication.translate("MineForm", source) if source else profile


class MineForm(QWidget):
    def __init__(self, parent: QWidget | None = None, *, with_profile: bool = True) -> None:
        super().__init__(parent)
        self.name = QLineEdit(maxLength=100)
        self.kind = QComboBox()
        for kind in MineKind:
            self.kind.addItem(kind_label(kind), kind.value)
        self.licence_no = QLineEdit(maxLength=60)
        self.address = QLineEdit(maxLength=200)
        self.principal_name = QLineEdit(maxLength=50)
        self.principal_name.setPlaceholderText(self.tr("The person first responsible for safety"))
        self.rule_profile = QComboBox()
        for profile in PROFILE_LABELS:
            self.rule_profile.addItem(profile_label(profile), profile)
        self.rule_profile.setToolTip(
            self.tr(
                "Which qualification rules the checks apply: Shanxi's stricter notices, or the national baseline."
            )
        )

        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        # Labels use the field names the records layer's messages use, so an error points at a visible label.
        form.addRow(self.tr("Mine name"), self.name)
        form.addRow(self.tr("Mine type"), self.kind)
        form.addRow(self.tr("Safety production licence no."), self.licence_no)
        form.addRow(self.tr("Address"), self.address)
        form.addRow(self.tr("Principal (incl. actual controller)"), self.principal_name)
        if with_profile:
            form.addRow(self.tr("Qualification standard"), self.rule_profile)
        else:
            self.rule_profile.hide()
        self.name.setMinimumWidth(320)

    def values(self) -> dict[str, Any]:
        return {
            "name": self.name.text().strip(),
            "kind": self.kind.currentData(),
            "licence_no": self.licence_no.text().strip(),
            "address": self.address.text().strip(),
            "principal_name": self.principal_name.text().strip(),
            "rule_profile": self.rule_profile.currentData(),
        }

    def set_mine(self, mine: Mine) -> None:
        self.name.setText(mine.name)
        self.kind.setCurrentIndex(max(self.kind.findData(mine.kind), 0))
        self.licence_no.setText(mine.licence_no)
        self.address.setText(mine.address)
        self.principal_name.setText(mine.principal_name)
        self.rule_profile.setCurrentIndex(max(self.rule_profile.findData(mine.rule_profile), 0))
