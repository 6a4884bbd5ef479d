"""The neutral graph every reader produces and the importer consumes.

It holds only what argmap can use (statements, their titles, relations, sections)
plus what it cannot (tags, scheme names, premise-conclusion structures, dialogue),
the latter as notes to keep as YAML comments and as lines for the import report.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from argmap.core.errors import ArgmapError

LinkKind = Literal["supports", "attacks", "undercuts", "qualifies", "contradicts"]


class InterchangeError(ArgmapError):
    """A file of another format that cannot be read: names the file and the position
    (line:col) or node id, the real cause first and a hint."""

    def __init__(self, file: str, where: str, message: str, hint: str = "") -> None:
        self.file, self.where, self.message, self.hint = file, where, message, hint
        text = f"{file}:{where}: {message}" if where else f"{file}: {message}"
        super().__init__(f"{text} ({hint})" if hint else text)


@dataclass
class Node:
    """A statement of the source: becomes one claim (or, restored from argmap's own
    metadata, the claim or evidence record it was exported from)."""

    key: str
    text: str
    title: str | None = None
    section: str | None = None
    role: str = "statement"
    notes: list[str] = field(default_factory=list)
    kind: str = "interpretive"
    scope: str | None = None
    restored: dict[str, Any] | None = None


@dataclass
class Link:
    kind: LinkKind
    source: str
    target: str
    via: str | None = None
    """For undercuts: the supporting node whose inference to target is attacked."""


@dataclass
class Scheme:
    """A scheme node of AIF (RA, CA): kept so an AIF round trip rebuilds it whole."""

    id: str
    type: str
    text: str
    premises: list[str]
    conclusions: list[str]


@dataclass
class Graph:
    fmt: str
    file: str
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    date: str | None = None
    nodes: dict[str, Node] = field(default_factory=dict)
    links: list[Link] = field(default_factory=list)
    sections: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    """Things about the whole source kept as comments in work.yaml (front matter, prose)."""
    lost: list[str] = field(default_factory=list)
    """What argmap cannot hold and did not keep: listed in the import report."""
    kept: list[str] = field(default_factory=list)
    """What argmap cannot hold as data but kept as comments: listed in the report."""
    schemes: list[Scheme] = field(default_factory=list)
    restored_work: dict[str, Any] | None = None
    trail: dict[str, dict[str, dict[str, Any]]] = field(default_factory=dict)
    """Footnotes, sources, people and events restored from argmap's own metadata."""

    def add(self, node: Node) -> Node:
        self.nodes[node.key] = node
        if node.section is not None and node.section not in self.sections:
            self.sections.append(node.section)
        return node
