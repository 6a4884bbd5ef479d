"""Shared fixtures: small real corpora written to disk, and the real CLI."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ARGUMENTS = ROOT / "arguments"
SHARED = ROOT.parent / "shared"
CHAPTER = SHARED / "seeds" / "000_50507852347b52b5.txt"

BASE = """\
works:
  - id: w
    title: A Work
    sections:
      - {id: s1, title: One, paragraphs: 3}
people:
  - {id: stalin, name: Joseph Stalin}
sources:
  - {id: src-a, type: book, title: A Book, publisher: P, publisher-place: X, issued: "1999",
     author: [{family: Doe, given: Jane}]}
footnotes:
  - id: n1
    work: w
    number: 1
    section: s1
    paragraph: 1
    citations: [{source: src-a, locator: "12"}]
claims:
  - id: thesis
    text: The main thesis.
    kind: thesis
    scope: work
    locator: {section: s1, paragraph: 1}
  - id: c1
    text: A claim about Stalin.
    kind: factual
    locator: {section: s1, paragraph: 2, anchor: a short anchor}
    people: [stalin]
    footnotes: [n1]
    supports: [thesis]
"""


def write(folder: Path, files: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return folder


@pytest.fixture
def corpus_dir(tmp_path: Path) -> Callable[..., Path]:
    """Write a corpus: the valid base file plus any extra files given."""

    def make(extra: dict[str, str] | None = None, base: bool = True) -> Path:
        files = {"base.yaml": BASE} if base else {}
        files.update(extra or {})
        return write(tmp_path / "map", files)

    return make


def argmap_exe() -> list[str]:
    exe = shutil.which("argmap", path=str(Path(sys.executable).parent))
    return [exe] if exe else [sys.executable, "-m", "argmap"]


@pytest.fixture
def cli() -> Callable[..., subprocess.CompletedProcess[str]]:
    """Run the real console entry point."""

    def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
        env = {k: v for k, v in os.environ.items() if k != "ARGMAP_CORPUS"}
        return subprocess.run(
            [*argmap_exe(), *args], capture_output=True, text=True, cwd=cwd or ROOT,
            env=env, timeout=120,
        )

    return run


@pytest.fixture(scope="module")
def base_url() -> Iterator[str]:
    """The app on the bundled map, served on a free port for a module's browser tests
    (skipped, with the reason, without Chromium or playwright)."""
    from tests.test_browser import serve_app

    with serve_app() as url:
        yield url


@pytest.fixture(autouse=True, scope="session")
def _private_load_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The load cache of the test session lives in a temporary folder, never in ~/.cache."""
    if "ARGMAP_CACHE_DIR" in os.environ:
        yield
        return
    os.environ["ARGMAP_CACHE_DIR"] = str(tmp_path_factory.mktemp("argmap-cache"))
    try:
        yield
    finally:
        os.environ.pop("ARGMAP_CACHE_DIR", None)


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A load cache of the test's own, turned on (whatever the environment says)."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("ARGMAP_CACHE_DIR", str(folder))
    monkeypatch.delenv("ARGMAP_NO_CACHE", raising=False)
    return folder
