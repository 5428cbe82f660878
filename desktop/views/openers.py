"""Which record window a finding opens, by the entity it is about. Later areas add theirs here
(person → the person's file, hazard → the hazard's ledger entry)."""

from __future__ import annotations

from desktop.views.context import OpenerRegistry


def install_default_openers(registry: OpenerRegistry) -> None:
    from desktop.dialogs.mine_dialog import open_mine

    registry.register("mine", open_mine)
