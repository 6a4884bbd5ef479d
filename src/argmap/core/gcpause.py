"""Pausing Python's cyclic garbage collector while a large acyclic heap is built.

Loading a map allocates about a million objects, none in a cycle; while they are
young the collector walks them again and again (half the time of a warm load).
The app builds several such heaps from Streamlit's script threads, and the
switch is process-wide, so pauses are counted: the collector comes back on when
the last pause ends, and only if it was on when the first began. With a plain
disable/enable pair, the first of two overlapping loads to finish turned the
collector back on under the other one.
"""

from __future__ import annotations

import gc
import threading
from types import TracebackType

_lock = threading.Lock()
_depth = 0
_was_enabled = False


class _Pause:
    """The pause itself. A class, not a contextlib generator: finishing a generator
    allocates, and the first allocation after ``gc.enable()`` sets off a collection
    over every object the pause let through (0.1 s after a 10,000-claim load), before
    a caller that freezes the heap right away (the CLI, the app) could do so."""

    def __enter__(self) -> None:
        global _depth, _was_enabled
        with _lock:
            if _depth == 0:
                _was_enabled = gc.isenabled()
                gc.disable()
            _depth += 1

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        global _depth
        with _lock:
            _depth -= 1
            resume = _depth == 0 and _was_enabled
        if resume:
            gc.enable()  # last: nothing may be allocated between this and the caller


def gc_paused() -> _Pause:
    """Run a ``with`` block with the cyclic collector off (nested and threaded pauses nest)."""
    return _Pause()
