"""首页: the chosen mine's findings, most severe first; opening one leads to the record that fixes it."""

from __future__ import annotations

import json
import threading

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QDialogButtonBox
from sqlalchemy import select

from db.models import AuditEntry, Mine
from db.rules.findings import SEVERITY_ORDER, Finding, Subject
from desktop.dialogs.mine_dialog import MineDialog
from desktop.views import dashboard


def settle(qtbot, page) -> None:
    """The rules run on the worker: wait until the page shows the answer to the latest request."""
    qtbot.waitUntil(lambda: not page.checking(), timeout=10000)


def row_of(view, code: str) -> int:
    model = view.findings
    rows = [r for r in range(model.rowCount()) if model.finding(r).rule_code == code]
    assert rows, f"{code} not listed"
    return rows[0]


def double_click_row(qtbot, view, row: int) -> None:
    # A real double-click: press/release, then the double-click event (the view checks the pressed row).
    point = view.visualRect(view.findings.index(row, 3)).center()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)


def test_a_mine_without_principal_shows_staff_principal(ctx, add_mine, window, qtbot):
    add_mine("一号煤矿")
    page = window.dashboard
    with qtbot.waitSignal(page.refreshed, timeout=10000):
        window.reload_mines()
    view = page.view
    assert page.stack.currentWidget() is view
    row = row_of(view, "STAFF-PRINCIPAL")
    model = view.findings
    cells = [model.index(row, c).data() for c in range(model.columnCount())]
    assert cells[0] == "红色（违规）"
    assert cells[1:3] == ["STAFF-PRINCIPAL", "一号煤矿"]
    assert "主要负责人" in cells[3] and "八条硬措施" in cells[4]
    assert model.index(row, 0).data(Qt.ItemDataRole.DecorationRole).toImage().pixelColor(6, 6) == QColor(
        "#c62828"
    )
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == ["级别", "规则", "对象", "问题", "依据"]
    order = [SEVERITY_ORDER[f.severity] for f in page.findings()]
    assert order == sorted(order)


def test_red_findings_come_before_amber(ctx, add_mine, window, monkeypatch, qtbot):
    def unordered(_db, mine_id, today=None):
        subject = Subject("mine", mine_id, "一号煤矿")
        return [
            Finding("A-AMBER", "amber", subject, "快到期", "条款甲", mine_id),
            Finding("Z-RED", "red", subject, "违规", "条款乙", mine_id),
        ]

    monkeypatch.setattr(dashboard, "findings_for_mine", unordered)
    add_mine("一号煤矿")
    window.reload_mines()
    settle(qtbot, window.dashboard)
    model = window.dashboard.view.findings
    assert [model.index(r, 1).data() for r in range(2)] == ["Z-RED", "A-AMBER"]
    assert [model.index(r, 0).data() for r in range(2)] == ["红色（违规）", "黄色（临期/不完整）"]
    assert model.index(1, 0).data(Qt.ItemDataRole.DecorationRole).toImage().pixelColor(6, 6) == QColor(
        "#f0a500"
    )
    assert "红色（违规）1 个，黄色（临期/不完整）1 个" in window.dashboard.summary.text()


def test_double_click_opens_the_mine_and_filling_the_principal_clears_it(
    ctx, add_mine, window, when_modal, qtbot
):
    mine_id = add_mine("一号煤矿")
    window.reload_mines()
    settle(qtbot, window.dashboard)
    view = window.dashboard.view
    opened = []

    def fill(dialog):
        opened.append(dialog)
        assert isinstance(dialog, MineDialog)
        assert dialog.form.name.text() == "一号煤矿"
        dialog.form.principal_name.setText("王建国")
        dialog.form.rule_profile.setCurrentIndex(dialog.form.rule_profile.findData("national"))
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()

    when_modal(fill)
    double_click_row(qtbot, view, row_of(view, "STAFF-PRINCIPAL"))
    assert len(opened) == 1
    settle(qtbot, window.dashboard)
    codes = [f.rule_code for f in window.dashboard.findings()]
    assert "STAFF-PRINCIPAL" not in codes
    with ctx.db.session() as s:
        mine = s.get(Mine, mine_id)
        trail = s.scalars(select(AuditEntry).where(AuditEntry.action == "update")).all()
    assert (mine.principal_name, mine.rule_profile) == ("王建国", "national")
    (entry,) = trail
    assert entry.operator_name == "张会计"
    assert json.loads(entry.before) == {"principal_name": "", "rule_profile": "shanxi"}
    assert json.loads(entry.after) == {"principal_name": "王建国", "rule_profile": "national"}


def test_cancelling_the_dialog_changes_nothing(ctx, add_mine, window, when_modal, qtbot):
    add_mine("一号煤矿")
    window.reload_mines()
    settle(qtbot, window.dashboard)
    view = window.dashboard.view

    def cancel(dialog):
        dialog.form.principal_name.setText("王建国")
        dialog.reject()

    seen = when_modal(cancel)
    double_click_row(qtbot, view, row_of(view, "STAFF-PRINCIPAL"))
    assert len(seen) == 1
    assert not window.dashboard.checking()  # nothing saved: no new check
    assert "STAFF-PRINCIPAL" in [f.rule_code for f in window.dashboard.findings()]
    with ctx.db.session() as s:
        assert s.scalars(select(AuditEntry).where(AuditEntry.action == "update")).all() == []


def test_no_findings_shows_the_empty_state(ctx, add_mine, window, monkeypatch, qtbot):
    add_mine("一号煤矿")
    monkeypatch.setattr(dashboard, "findings_for_mine", lambda *a, **k: [])
    window.reload_mines()
    page = window.dashboard
    settle(qtbot, page)
    assert page.stack.currentWidget() is page.empty
    assert page.empty.text() == "未发现问题"


@pytest.mark.parametrize("entity", ["violation", "unknown_kind"])
def test_a_record_kind_without_an_opener_says_so(ctx, add_mine, window, messages, entity):
    mine_id = add_mine("一号煤矿")
    finding = Finding("X", "red", Subject(entity, 1, "张三"), "问题", "条款", mine_id)
    window.dashboard.open_finding(finding)
    assert messages.texts("information") == ["本版本还不能打开这类记录。"]


def test_later_areas_register_their_own_opener(ctx, add_mine, window):
    mine_id = add_mine("一号煤矿")
    calls = []
    ctx.openers.register("person", lambda parent, c, record_id: calls.append(record_id) or True)
    window.dashboard.open_finding(Finding("X", "red", Subject("person", 7, "张三"), "问题", "条款", mine_id))
    assert calls == [7]


def test_an_opener_can_be_narrowed_to_one_rule(ctx, add_mine, window):
    mine_id = add_mine("一号煤矿")
    calls = []
    ctx.openers.register(
        "mine", lambda parent, c, record_id: calls.append(record_id) or False, rule="STAFF-X"
    )
    window.dashboard.open_finding(
        Finding("STAFF-X", "red", Subject("mine", mine_id, "一号煤矿 · 矿长"), "缺", "条款", mine_id)
    )
    assert calls == [mine_id]  # the narrower opener won over the mine dialog


# --- the check runs on the worker ------------------------------------------------------------------------


class GatedRules:
    """A stand-in for the rules that waits for the test to let it finish, and records each call."""

    def __init__(self) -> None:
        self.gate = threading.Event()
        self.calls: list[tuple[int, str]] = []

    def __call__(self, _db, mine_id, today=None):
        self.calls.append((mine_id, threading.current_thread().name))
        assert self.gate.wait(10), "the test never let the check finish"
        return [Finding("X-RED", "red", Subject("mine", mine_id, f"矿{mine_id}"), "违规", "条款", mine_id)]


@pytest.fixture
def gated(monkeypatch) -> GatedRules:
    rules = GatedRules()
    monkeypatch.setattr(dashboard, "findings_for_mine", rules)
    yield rules
    rules.gate.set()  # never leave the worker blocked


def test_the_check_runs_on_the_worker_and_says_so_meanwhile(ctx, add_mine, window, gated, qtbot):
    mine_id = add_mine("一号煤矿")
    page = window.dashboard
    window.reload_mines()
    assert page.checking() and page.summary.text() == "正在检查…"
    assert page.title.text() == "首页 — 一号煤矿"  # the title follows the mine at once
    qtbot.waitUntil(lambda: len(gated.calls) == 1)
    assert gated.calls[0][0] == mine_id and gated.calls[0][1] != threading.current_thread().name
    with qtbot.waitSignal(page.refreshed, timeout=10000):
        gated.gate.set()
    assert not page.checking()
    assert [f.rule_code for f in page.findings()] == ["X-RED"]
    assert "共 1 个问题" in page.summary.text()


def test_requests_during_a_check_collapse_into_one_more(ctx, add_mine, window, gated, qtbot):
    add_mine("一号煤矿")
    page = window.dashboard
    window.reload_mines()
    qtbot.waitUntil(lambda: len(gated.calls) == 1)
    shown = []
    page.refreshed.connect(lambda: shown.append(list(page.findings())))
    for _ in range(5):  # five saves while the rules run
        ctx.data_changed.emit()
    page.refresh_button.click()
    gated.gate.set()
    settle(qtbot, page)
    qtbot.wait(50)  # nothing else arrives late
    assert len(gated.calls) == 2  # the running check, and one for all six requests
    assert len(shown) == 1  # the stale first answer was never shown


def test_an_answer_for_a_mine_no_longer_chosen_is_dropped(ctx, add_mine, window, gated, qtbot):
    first = add_mine("一号煤矿")
    second = add_mine("二号煤矿")
    page = window.dashboard
    window.reload_mines()
    qtbot.waitUntil(lambda: len(gated.calls) == 1)
    assert gated.calls[0][0] == first
    ctx.set_mine(second)
    assert page.title.text() == "首页 — 二号煤矿" and page.findings() == []
    gated.gate.set()
    settle(qtbot, page)
    assert [c[0] for c in gated.calls] == [first, second]
    assert [f.mine_id for f in page.findings()] == [second]


def test_a_failed_check_is_reported_in_the_summary_and_refresh_tries_again(
    ctx, add_mine, window, monkeypatch, messages, qtbot
):
    add_mine("一号煤矿")
    page = window.dashboard

    def broken(*_a, **_k):
        raise RuntimeError("数据库被占用")

    monkeypatch.setattr(dashboard, "findings_for_mine", broken)
    with qtbot.waitSignal(page.refreshed, timeout=10000):
        window.reload_mines()
    assert "检查失败" in page.summary.text() and "数据库被占用" in page.summary.text()
    assert page.stack.currentWidget() is page.view and len(messages) == 0
    monkeypatch.setattr(dashboard, "findings_for_mine", lambda *_a, **_k: [])
    with qtbot.waitSignal(page.refreshed, timeout=10000):
        page.refresh_button.click()
    assert page.summary.text() == "已按规则检查，没有需要处理的问题。"
    assert page.stack.currentWidget() is page.empty


def test_without_a_mine_the_page_answers_at_once(ctx, window, qtbot):
    page = window.dashboard
    with qtbot.waitSignal(page.refreshed, timeout=1000):
        page.refresh()
    assert not page.checking()
    assert page.title.text() == "首页" and "还没有矿山" in page.summary.text()
