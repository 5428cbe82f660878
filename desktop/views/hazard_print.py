"""Print buttons of the hazard ledger: a form of the print center, previewed with its parameters fixed.

The hazard forms (隐患排查治理台账, 五落实及整改销号单, 月度排查记录（零报告）, 隐患统计表) live in
desktop/printing/catalog.py FORMS; a button shows only when its form is there, and passes only the
parameters the form takes.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget

from db.errors import ValidationError
from desktop.printing.catalog import FORMS
from desktop.views.context import AppContext

LEDGER, CARD, MONTHLY, STATS = "hazard-ledger", "hazard-card", "monthly-check", "hazard-stats"


def has_form(key: str) -> bool:
    return key in FORMS


def form_params(key: str, **offered: Any) -> dict[str, Any]:
    """The offered values the form takes, matched by parameter name or command-line flag (`from` for
    --from), parsed as the form's parameter parses typed text; a value the form would refuse is left out
    (the form then prints its default)."""
    entry = FORMS.get(key)
    if entry is None:
        return {}
    out: dict[str, Any] = {}
    for param in entry.params:
        flag = param.flag.lstrip("-").replace("-", "_")
        value = offered.get(param.name, offered.get(flag))
        if value is None or value == "":
            continue
        try:
            out[param.name] = param.parse(str(value))
        except ValidationError:
            continue
    return out


def print_form(parent: QWidget, ctx: AppContext, key: str, **offered: Any) -> bool:
    """Preview a hazard form for the current mine; False when the form is not in this version."""
    if key not in FORMS or ctx.mine_id is None:
        return False
    from desktop.dialogs.form_preview import preview_form

    preview_form(parent, ctx, key, **form_params(key, **offered))
    return True
