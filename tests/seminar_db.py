"""Databases for the seminar tests: a fresh SQLite file always, and a real
PostgreSQL server when one can be had, from $ARGMAP_TEST_POSTGRES_URL or started
here with initdb/pg_ctl in a throwaway folder (as the postgres user when run as
root). Without either, the PostgreSQL cases skip with the reason."""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.test_browser import free_port


def _binary(name: str) -> str | None:
    found = shutil.which(name) or shutil.which(name, path="/usr/local/bin")
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return candidates[-1] if candidates else None


def _as_postgres(cmd: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return cmd
    runuser = shutil.which("runuser")
    if runuser is None:
        raise RuntimeError("running as root and runuser is missing, so initdb cannot run")
    return [runuser, "-u", "postgres", "--", *cmd]


@contextlib.contextmanager
def throwaway_postgres() -> Iterator[str]:
    """A PostgreSQL server in a temporary folder, on a Unix socket there; its URL."""
    initdb, pg_ctl = _binary("initdb"), _binary("pg_ctl")
    if initdb is None or pg_ctl is None:
        raise RuntimeError("initdb/pg_ctl not found (apt-get install postgresql)")
    folder = Path(tempfile.mkdtemp(prefix="argmap-pg-"))
    try:
        if os.geteuid() == 0:
            shutil.chown(folder, "postgres")
        data, port = folder / "data", free_port()
        subprocess.run(_as_postgres([initdb, "-D", str(data), "-A", "trust", "-U", "postgres",
                                     "--no-sync"]),
                       check=True, capture_output=True, timeout=120)
        options = f"-p {port} -k {folder} -c listen_addresses='' -c fsync=off"
        subprocess.run(_as_postgres([pg_ctl, "-D", str(data), "-o", options, "-l",
                                     str(folder / "log"), "-w", "-t", "60", "start"]),
                       check=True, capture_output=True, timeout=120)
        try:
            yield f"postgresql+psycopg://postgres@/postgres?host={folder}&port={port}"
        finally:
            subprocess.run(_as_postgres([pg_ctl, "-D", str(data), "-m", "fast", "-w", "stop"]),
                           capture_output=True, timeout=60)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """$ARGMAP_TEST_POSTGRES_URL, else a throwaway server; skips with the reason."""
    given = os.environ.get("ARGMAP_TEST_POSTGRES_URL")
    if given:
        yield given
        return
    try:
        server = throwaway_postgres()
        url = server.__enter__()
    except (RuntimeError, OSError, subprocess.SubprocessError, KeyError) as exc:
        pytest.skip(f"no PostgreSQL: set ARGMAP_TEST_POSTGRES_URL or install postgresql ({exc})")
    try:
        yield url
    finally:
        server.__exit__(None, None, None)


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The same test on a fresh SQLite file and on PostgreSQL."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'seminars.sqlite'}"
    url: str = request.getfixturevalue("postgres_url")
    return url  # one server for the session: each test opens its own seminars
