"""Laying out and drawing DOT in-process with pygraphviz.

pygraphviz 2 wheels bundle the Graphviz C library, so SVG/PNG/PDF come out
without any system Graphviz install and without spawning `dot`.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

import pygraphviz

from argmap.core.errors import UsageError

_QUIET_LIMIT = 1000
"""pygraphviz writes "layout may take a long time" to stderr when draw() is asked to
lay out a graph of more nodes than this."""

FORMATS = {".svg": "svg", ".png": "png", ".pdf": "pdf", ".dot": "dot", ".gv": "dot"}


def render(dot_source: str, fmt: str) -> bytes:
    """Lay out with dot and draw in the given format (svg, png, pdf or dot)."""
    if fmt == "dot":
        return dot_source.encode("utf-8")
    if fmt not in ("svg", "png", "pdf"):
        raise UsageError(f"unknown format '{fmt}'; use svg, png, pdf or dot")
    graph = pygraphviz.AGraph(string=dot_source)
    if graph.number_of_nodes() <= _QUIET_LIMIT:
        # One pass, as `dot -T` does it. layout() and then draw() lays the graph out
        # twice (dot, then neato -n2 from the positions written back in between):
        # 0.06 s of a 375-node section.
        data: bytes = graph.draw(format=fmt, prog="dot")
        return data
    graph.layout(prog="dot")  # draw(prog=...) would print pygraphviz's size warning
    data = graph.draw(format=fmt)
    return data


def format_for(path: Path) -> str:
    """The output format a file name asks for."""
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise UsageError(
            f"cannot tell the format of '{path}'; use a .svg, .png, .pdf or .dot file name"
        )
    return fmt


def write_atomic(path: Path, data: bytes) -> None:
    """Write via a temporary file and rename, so a failed render leaves no half file."""
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        tmp.write_bytes(data)
        tmp.replace(path)
    except OSError as exc:
        with contextlib.suppress(OSError):  # in a read-only folder the clean-up fails too
            tmp.unlink(missing_ok=True)
        raise UsageError(f"cannot write {path}: {exc.strerror or exc}") from exc
