"""Where the seminar store lives and how it is opened: the database URL, the
engines, and the Alembic migrations run on first use.

SQLite is the embedded default: ``$ARGMAP_DATA_DIR/seminars.sqlite``, else
``.argmap-data/seminars.sqlite`` under the folder the app or command runs from
(never inside ``arguments/``), in WAL mode so students reading the feed do not
block the one writing.  ``$ARGMAP_DATABASE_URL`` selects another database,
e.g. ``postgresql://user:pw@host/argmap`` for a department server.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError

from argmap.core.errors import UsageError

DATA_DIR_ENV = "ARGMAP_DATA_DIR"
DATABASE_URL_ENV = "ARGMAP_DATABASE_URL"
DEFAULT_DATA_DIR = ".argmap-data"
SQLITE_NAME = "seminars.sqlite"
MIGRATIONS = Path(__file__).resolve().parent / "migrations"
_MIGRATED: set[str] = set()
_LOCK = threading.Lock()


def data_dir(base: Path | None = None) -> Path:
    """$ARGMAP_DATA_DIR, else ``.argmap-data`` under ``base`` (default: the working folder)."""
    chosen = os.environ.get(DATA_DIR_ENV)
    if chosen:
        return Path(chosen)
    return (base or Path.cwd()) / DEFAULT_DATA_DIR


def database_url(base: Path | None = None) -> str:
    """$ARGMAP_DATABASE_URL, else the SQLite file in :func:`data_dir`."""
    url = os.environ.get(DATABASE_URL_ENV)
    if url:
        return url
    return f"sqlite:///{data_dir(base) / SQLITE_NAME}"


def normalise_url(url: str) -> str:
    """PostgreSQL URLs use psycopg 3 whatever the user wrote (postgres://, postgresql://)."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def _sqlite_setup(engine: Engine, writer: bool) -> None:
    """Writers take SQLite's write lock when they begin (BEGIN IMMEDIATE), so a
    transaction that read first never fails to upgrade to a writer under load; the
    busy timeout makes the others wait their turn instead of failing."""

    @event.listens_for(engine, "connect")
    def _connect(dbapi: Any, _record: Any) -> None:
        dbapi.isolation_level = None
        cursor = dbapi.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: Any) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE" if writer else "BEGIN")


def engines(url: str) -> tuple[Engine, Engine]:
    """(writer, reader) engines for ``url``: the same engine except on SQLite, where
    the writer begins every transaction IMMEDIATE and the reader does not."""
    url = normalise_url(url)
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise UsageError(f"{DATABASE_URL_ENV}: not a database URL: {url!r} ({exc})") from None
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            try:
                Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise UsageError(f"cannot create the seminar data folder "
                                 f"{Path(parsed.database).parent}: {exc.strerror}") from None
        made = []
        for writer in (True, False):
            engine = create_engine(url, connect_args={"timeout": 30, "check_same_thread": False},
                                   pool_size=8, max_overflow=32, pool_timeout=60)
            _sqlite_setup(engine, writer)
            made.append(engine)
        return made[0], made[1]
    try:
        engine = create_engine(url, pool_size=10, max_overflow=30, pool_timeout=60,
                               pool_pre_ping=True)
    except (ArgumentError, ImportError) as exc:
        raise UsageError(f"cannot use database URL {parsed.render_as_string()}: {exc}") from None
    return engine, engine


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest migration (once per process and database).
    On PostgreSQL an advisory lock keeps two servers starting at once from racing."""
    key = engine.url.render_as_string(hide_password=False)
    with _LOCK:
        if key in _MIGRATED:
            return
        from alembic import command
        from alembic.config import Config

        cfg = Config()
        cfg.set_main_option("script_location", str(MIGRATIONS))
        try:
            with engine.begin() as conn:
                if engine.dialect.name == "postgresql":
                    conn.execute(text("SELECT pg_advisory_xact_lock(727274)"))
                cfg.attributes["connection"] = conn
                command.upgrade(cfg, "head")
        except SQLAlchemyError as exc:
            raise UsageError(f"cannot open the seminar database {engine.url.render_as_string()}: "
                             f"{exc.__class__.__name__}: {str(exc).splitlines()[0]}") from None
        _MIGRATED.add(key)
