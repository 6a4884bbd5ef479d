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

import contextlib
import gc
import threading
from collections.abc import Iterator

_lock = threading.Lock()
_depth = 0
_was_enabled = False


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Run the block with the cyclic collector off (nested and threaded pauses nest)."""
    global _depth, _was_enabled
    with _lock:
        if _depth == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0 and _was_enabled:
                gc.enable()
