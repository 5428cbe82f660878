"""The window speaks Chinese: every source string has a finished translation, and the translator is used."""

from __future__ import annotations

import re
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator
from PySide6.QtWidgets import QDialogButtonBox

from db.models import MINE_KIND_LABELS
from db.rules.findings import SEVERITY_LABELS
from desktop.i18n import compile_translations, find_qt_tool, install_translator, ts_path
from desktop.widgets.findings import SEVERITY_TEXT, severity_text
from desktop.widgets.mine_form import KIND_LABELS, kind_label

ROOT = Path(__file__).resolve().parent.parent
PLACEHOLDER = re.compile(r"\{\w+\}")


def read_ts(path: Path) -> dict[tuple[str, str], tuple[str, str | None]]:
    """(context, source) → (translation text, translation type or None when finished)."""
    out = {}
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None
            out[(name, message.findtext("source") or "")] = (translation.text or "", translation.get("type"))
    return out


@pytest.fixture(scope="module")
def fresh_sources(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], tuple[str, str | None]]:
    """What lupdate finds in today's code, independent of the shipped file."""
    lupdate = find_qt_tool("lupdate")
    assert lupdate is not None, "pyside6-lupdate is part of PySide6 and must be found"
    out = tmp_path_factory.mktemp("lupdate") / "fresh.ts"
    result = subprocess.run(
        [str(lupdate), "-silent", "-extensions", "py", "-locations", "none", "desktop", "-ts", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    found = read_ts(out)
    assert len(found) > 50, "lupdate found almost no strings: is the scan broken?"
    return found


def test_every_source_string_has_a_finished_chinese_translation(fresh_sources):
    shipped = read_ts(ts_path())
    missing = [
        f"{context}: {source!r}"
        for (context, source) in fresh_sources
        if (context, source) not in shipped
        or shipped[(context, source)][1] is not None
        or not shipped[(context, source)][0].strip()
    ]
    assert not missing, (
        "strings without a finished zh_CN translation — run pyside6-lupdate -extensions py -locations none "
        "desktop -ts resources/i18n/mineledger_zh_CN.ts and translate them:\n" + "\n".join(missing)
    )


def test_shipped_translations_are_finished_and_keep_their_placeholders():
    problems = []
    for (context, source), (text, kind) in read_ts(ts_path()).items():
        if kind is not None:
            problems.append(f"{context}: {source!r} is marked {kind}")
        if sorted(PLACEHOLDER.findall(source)) != sorted(PLACEHOLDER.findall(text)):
            problems.append(f"{context}: {source!r} → {text!r} changes the {{placeholders}}")
    assert not problems, "\n".join(problems)


def test_chinese_translator_turns_the_window_chinese_and_english_leaves_it(gui_app):
    translate = QCoreApplication.translate
    try:
        assert [
            translate("MainWindow", s)
            for s in ("Home", "Training", "Self-rescuer drills", "Hazard ledger", "Print center", "Settings")
        ] == ["首页", "人员培训", "自救器演练", "隐患台账", "打印中心", "设置"]
        assert translate("MainWindow", "MineLedger") == "矿安台账"
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok).text()
        cancel = buttons.button(QDialogButtonBox.StandardButton.Cancel).text()
        assert "确定" in ok and "取消" in cancel  # Qt's own strings, from qtbase_zh_CN
        assert install_translator(gui_app, "en")
        assert translate("MainWindow", "Home") == "Home"
    finally:
        install_translator(gui_app, "zh_CN")


def test_domain_labels_translate_exactly_as_the_glossary(gui_app):
    assert {kind: kind_label(kind) for kind in KIND_LABELS} == dict(MINE_KIND_LABELS)
    assert {s: severity_text(s) for s in SEVERITY_TEXT} == SEVERITY_LABELS


def test_compile_translations_makes_a_loadable_qm(tmp_path):
    qm = tmp_path / "out" / "zh.qm"
    compile_translations(ts_path(), qm)
    translator = QTranslator()
    assert translator.load(str(qm))
    assert translator.translate("MainWindow", "Home") == "首页"


def test_a_missing_qm_is_compiled_from_the_ts(monkeypatch, tmp_path, qapp):
    import desktop.i18n as i18n

    ts = tmp_path / "mineledger_zh_CN.ts"
    ts.write_bytes(ts_path().read_bytes())
    qm = tmp_path / "mineledger_zh_CN.qm"
    monkeypatch.setattr(i18n, "ts_path", lambda: ts)
    monkeypatch.setattr(i18n, "qm_path", lambda: qm)
    try:
        assert install_translator(qapp, "zh_CN")
        assert qm.is_file()
        assert QCoreApplication.translate("MainWindow", "Settings") == "设置"
    finally:
        monkeypatch.undo()
        install_translator(qapp, "zh_CN")
