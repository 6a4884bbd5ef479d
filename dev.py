#!/usr/bin/env python3
"""One-command set-up for argmap: `python3 dev.py app` or `python3 dev.py test`.

Needs only Python 3.11+. Creates (or refreshes) `.venv` in the repository root,
installs argmap with its dependencies into it (pygraphviz wheels bundle
Graphviz, so no system packages are needed), then starts the app on the bundled
map or runs every check and test.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PY = BIN / ("python.exe" if os.name == "nt" else "python")
STAMP = VENV / ".argmap-installed"


APP_ENV = {"MALLOC_ARENA_MAX": "2"}
"""Set for the app's server unless already set. Streamlit runs every script run in a
thread, and glibc's malloc gives concurrent threads arenas of their own (up to 8 per
core): after 30 students clicked at once the server kept 1.25x its RSS, in partly
used arenas, though the live heap came back within 3%; with two arenas 1.10x, at the
same click times (docs/performance.md). It must be set before the process starts:
by the first script run the server already has 11 arenas, and glibc fixes its limit
once there are more than 8. Other C libraries ignore it."""


def app_env(environ: dict[str, str]) -> dict[str, str]:
    """The app server's environment: `environ`, with APP_ENV's defaults where unset."""
    return {**APP_ENV, **environ}


def run(*cmd: str | Path, env: dict[str, str] | None = None) -> int:
    print("+", " ".join(str(c) for c in cmd), flush=True)
    return subprocess.call([str(c) for c in cmd], cwd=ROOT, env=env)


def setup() -> None:
    """Create the venv if needed; reinstall only when pyproject.toml changed."""
    if sys.version_info < (3, 11):
        sys.exit(f"argmap needs Python 3.11 or newer; this is {sys.version.split()[0]}")
    if not PY.exists():
        print(f"creating {VENV}", flush=True)
        venv.EnvBuilder(with_pip=True, clear=VENV.exists()).create(VENV)
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if STAMP.exists() and STAMP.read_text() == digest:
        return
    if run(PY, "-m", "pip", "install", "--quiet", "--upgrade", "pip") != 0:
        sys.exit("could not upgrade pip in .venv")
    if run(PY, "-m", "pip", "install", "--quiet", "-e", f"{ROOT}[dev]") != 0:
        sys.exit("installing argmap into .venv failed (see the pip output above)")
    STAMP.write_text(digest)


def app(extra: list[str]) -> int:
    setup()
    return run(PY, "-m", "streamlit", "run", "app.py", "--server.headless=true", *extra,
               env=app_env(dict(os.environ)))


def test(extra: list[str]) -> int:
    setup()
    failures = []
    for name, cmd in [
        ("ruff", [PY, "-m", "ruff", "check", "src", "tests", "benchmarks", "app.py", "dev.py"]),
        ("mypy", [PY, "-m", "mypy", "--strict", "src"]),
        ("pytest", [PY, "-m", "pytest", *extra]),
    ]:
        if run(*cmd) != 0:
            failures.append(name)
    if failures:
        print("FAILED: " + ", ".join(failures), flush=True)
        return 1
    return 0


def main() -> int:
    if len(sys.argv) < 2 or sys.argv[1] not in ("app", "test", "setup"):
        print(__doc__)
        print("usage: python3 dev.py app|test|setup [extra args]")
        return 2
    command, extra = sys.argv[1], sys.argv[2:]
    if command == "setup":
        setup()
        return 0
    return app(extra) if command == "app" else test(extra)


if __name__ == "__main__":
    sys.exit(main())
