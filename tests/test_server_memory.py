"""The app's server runs with at most two malloc arenas (dev.py's APP_ENV).

Counted in a fresh process started with the environment `dev.py app` gives the
server, as glibc's own malloc_stats() reports them, while eight threads allocate
at once, as Streamlit's script threads do.
"""

from __future__ import annotations

import os
import platform
import subprocess
import sys
import textwrap

import pytest

from tests.test_browser import dev_module

pytestmark = pytest.mark.skipif(
    platform.system() != "Linux" or platform.libc_ver()[0] != "glibc",
    reason="malloc arenas are glibc's; other C libraries ignore MALLOC_ARENA_MAX",
)

THREADS = textwrap.dedent(
    """
    import ctypes, threading
    barrier = threading.Barrier(8)
    def work():
        keep = [bytes(1000 + i) for i in range(200)]
        barrier.wait()
        keep.extend(bytes(2000 + i) for i in range(200))
        barrier.wait()
    threads = [threading.Thread(target=work) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    ctypes.CDLL(None).malloc_stats()
    """
)


def arenas(env: dict[str, str]) -> int:
    """How many arenas malloc_stats listed in a process run with `env`."""
    done = subprocess.run([sys.executable, "-c", THREADS], capture_output=True, text=True,
                          env=env, timeout=120, check=True)
    return sum(line.startswith("Arena ") for line in done.stderr.splitlines())


def environ(**extra: str) -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k != "MALLOC_ARENA_MAX"} | extra


def test_the_app_server_shares_two_arenas() -> None:
    assert arenas(dev_module().app_env(environ())) == 2


def test_without_it_each_thread_gets_its_own() -> None:
    """The control: the same threads in a bare environment make more arenas, so the
    test above measures the setting and not the machine."""
    assert arenas(environ()) > 2


def test_an_operators_own_setting_stands() -> None:
    env = dev_module().app_env(environ(MALLOC_ARENA_MAX="4"))
    assert env["MALLOC_ARENA_MAX"] == "4"
    assert arenas(env) == 4
