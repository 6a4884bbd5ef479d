"""One work of a corpus, as the exporters see it: its nodes in reading order and the
relations among them."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from argmap.core.corpus import Corpus
from argmap.core.errors import UsageError
from argmap.core.model import Relation, Work


@dataclass
class WorkView:
    corpus: Corpus
    work: Work
    nodes: list[str]
    relations: list[Relation]
    folder: Path | None = None
    _provenance: dict[str, Any] | None = field(default=None, repr=False)

    def section_nodes(self) -> list[tuple[str, list[str]]]:
        """(section id, node ids) in the work's order, sections without nodes left out."""
        by: dict[str, list[str]] = {}
        for n in self.nodes:
            by.setdefault(self.node(n).locator.section, []).append(n)
        return [(s.id, by[s.id]) for s in self.work.sections if s.id in by]

    def node(self, nid: str) -> Any:
        return self.corpus.claims.get(nid) or self.corpus.evidence[nid]


def work_view(corpus: Corpus, work_id: str | None = None) -> WorkView:
    """The chosen work (the only one when not named); a clear error otherwise."""
    if work_id is None:
        if len(corpus.works) != 1:
            names = ", ".join(corpus.works) or "none"
            raise UsageError(f"the map holds {len(corpus.works)} works ({names}); "
                             "name one with --work")
        work = next(iter(corpus.works.values()))
    else:
        if work_id not in corpus.works:
            raise UsageError(f"no work '{work_id}'; the map holds: " + ", ".join(corpus.works))
        work = corpus.works[work_id]
    sections = {s.id: i for i, s in enumerate(work.sections)}
    located = [n for n, c in corpus.claims.items() if c.locator.section in sections]
    located += [n for n, e in corpus.evidence.items()
                if e.locator is not None and e.locator.section in sections]
    # Evidence the text does not locate belongs to the work whose claims it bears on.
    bears_on = {r.source for r in corpus.relations if r.target in set(located)}
    unlocated = [n for n, ev in corpus.evidence.items() if ev.locator is None and n in bears_on]
    nodes = located + unlocated
    order = {n: i for i, n in enumerate(nodes)}

    def place(n: str) -> tuple[int, int, int]:
        loc = (corpus.claims.get(n) or corpus.evidence[n]).locator
        if loc is None:
            return (len(sections), 0, order[n])
        return (sections[loc.section], loc.paragraph, order[n])

    nodes.sort(key=place)
    inside = set(nodes)
    relations = [r for r in corpus.relations if r.source in inside and r.target in inside
                 and (r.via is None or r.via in inside)]
    origin = corpus.origins.get(work.id)
    folder = origin.path.parent if origin is not None else None
    return WorkView(corpus, work, nodes, relations, folder)


def provenance(view: WorkView) -> dict[str, Any]:
    """The import's record of the source's ids (interchange.json beside the work), if any."""
    if view._provenance is None:
        data: dict[str, Any] = {}
        if view.folder is not None:
            path = view.folder / "interchange.json"
            try:
                loaded = json.loads(path.read_text(encoding="utf-8"))
                data = loaded if isinstance(loaded, dict) else {}
            except (OSError, ValueError):
                data = {}
        nodes = data.get("nodes")
        data["nodes"] = {k: v for k, v in nodes.items() if k in view.nodes
                         and isinstance(v, dict)} if isinstance(nodes, dict) else {}
        schemes = data.get("schemes")
        data["schemes"] = [s for s in schemes if isinstance(s, dict)
                           and all(p in view.nodes for p in [*s.get("premises", []),
                                                             *s.get("conclusions", [])])] \
            if isinstance(schemes, list) else []
        view._provenance = data
    return view._provenance
