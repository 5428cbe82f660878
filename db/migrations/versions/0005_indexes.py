"""indexes for the rules and the ledgers at the size of a county database

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23 22:20:00

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from db.models.hazard import UNACCEPTED_SQL, place_key_sql

revision: str = "0005"
down_revision: str | Sequence[str] | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # The roster of every mine in the file, in name order, without sorting 120,000 rows.
    op.create_index("ix_person_status_name", "person", ["status", "name"])
    # The hazard rules read open, major and unaccepted hazards through indexes, not the whole ledger.
    op.create_index("ix_hazard_mine_grade", "hazard", ["mine_id", "grade"])
    op.create_index("ix_hazard_unaccepted", "hazard", ["mine_id"], sqlite_where=sa.text(UNACCEPTED_SQL))
    # HAZ-REPEAT finds an earlier closing of the same kind at the same place with one seek per hazard.
    op.create_index(
        "ix_hazard_repeat",
        "hazard",
        ["mine_id", "category", sa.text(place_key_sql("place")), "closed_on"],
        sqlite_where=sa.text("status = 'closed'"),
    )


def downgrade() -> None:
    op.drop_index("ix_person_status_name", table_name="person")
    op.drop_index("ix_hazard_unaccepted", table_name="hazard")
    op.drop_index("ix_hazard_mine_grade", table_name="hazard")
    op.drop_index("ix_hazard_repeat", table_name="hazard")
