"""The first seminar schema: seminars, participants, contributions, votes, feedback
and moderation events.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision: str | None = None
branch_labels: str | None = None
depends_on: str | None = None


def _when(name: str, nullable: bool = False) -> sa.Column[object]:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "seminars",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("code", sa.String(32), nullable=False),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("work", sa.String(200), nullable=False),
        sa.Column("leader_salt", sa.LargeBinary(32), nullable=False),
        sa.Column("leader_hash", sa.LargeBinary(64), nullable=False),
        _when("created_at"),
        _when("closed_at", nullable=True),
    )
    op.create_index("ix_seminars_code", "seminars", ["code"], unique=True)
    op.create_table(
        "participants",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("seminar_id", sa.Integer, sa.ForeignKey("seminars.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("name", sa.String(60), nullable=False),
        sa.Column("anonymous", sa.Boolean, nullable=False),
        sa.Column("token_hash", sa.String(64), nullable=False),
        _when("joined_at"),
    )
    op.create_index("ix_participants_seminar_id", "participants", ["seminar_id"])
    op.create_index("ix_participants_token_hash", "participants", ["token_hash"], unique=True)
    op.create_table(
        "contributions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("seminar_id", sa.Integer, sa.ForeignKey("seminars.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("participant_id", sa.Integer,
                  sa.ForeignKey("participants.id", ondelete="CASCADE"), nullable=False),
        sa.Column("claim", sa.String(200), nullable=False),
        sa.Column("parent_id", sa.Integer, sa.ForeignKey("contributions.id"), nullable=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("citation", sa.Text, nullable=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("answered", sa.Boolean, nullable=False),
        sa.Column("pinned", sa.Boolean, nullable=False),
        _when("created_at"),
        _when("updated_at"),
    )
    for column in ("seminar_id", "participant_id", "claim", "created_at", "updated_at"):
        op.create_index(f"ix_contributions_{column}", "contributions", [column])
    op.create_table(
        "votes",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("seminar_id", sa.Integer, sa.ForeignKey("seminars.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("participant_id", sa.Integer,
                  sa.ForeignKey("participants.id", ondelete="CASCADE"), nullable=False),
        sa.Column("target_kind", sa.String(16), nullable=False),
        sa.Column("target", sa.String(200), nullable=False),
        sa.Column("value", sa.Integer, nullable=False),
        _when("updated_at"),
        sa.UniqueConstraint("participant_id", "target_kind", "target"),
    )
    op.create_index("ix_votes_seminar_id", "votes", ["seminar_id"])
    op.create_table(
        "feedback",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("seminar_id", sa.Integer, sa.ForeignKey("seminars.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("contribution_id", sa.Integer,
                  sa.ForeignKey("contributions.id", ondelete="CASCADE"), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        _when("created_at"),
    )
    op.create_index("ix_feedback_seminar_id", "feedback", ["seminar_id"])
    op.create_index("ix_feedback_contribution_id", "feedback", ["contribution_id"])
    op.create_table(
        "moderation_events",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("seminar_id", sa.Integer, sa.ForeignKey("seminars.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("contribution_id", sa.Integer,
                  sa.ForeignKey("contributions.id", ondelete="CASCADE"), nullable=True),
        sa.Column("action", sa.String(16), nullable=False),
        _when("at"),
    )
    op.create_index("ix_moderation_events_seminar_id", "moderation_events", ["seminar_id"])


def downgrade() -> None:
    for table in ("moderation_events", "feedback", "votes", "contributions", "participants",
                  "seminars"):
        op.drop_table(table)
