"""Alembic environment for the seminar store: always run programmatically by
:func:`argmap.seminar.db.migrate`, on the connection it passes in."""

from __future__ import annotations

from alembic import context

from argmap.seminar.models import Base

VERSION_TABLE = "argmap_seminar_version"

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=Base.metadata,
                  version_table=VERSION_TABLE, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
