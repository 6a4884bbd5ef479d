"""The bundled map of "Stalin and Stalinism": valid, complete, in its own words."""

from __future__ import annotations

import subprocess
import sys
from collections import Counter

import pytest

from argmap.anchors import check_anchors
from argmap.citations.chicago import archival_reference
from argmap.core.corpus import Corpus
from argmap.core.loader import load_corpus
from argmap.graph import build_graph
from argmap.search import search_claims
from tests.conftest import ARGUMENTS, CHAPTER, SHARED

needs_shared = pytest.mark.skipif(
    not CHAPTER.exists(), reason=f"the chapter text is not at {CHAPTER} (../shared is absent)"
)


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return load_corpus(ARGUMENTS)


def test_every_body_paragraph_has_a_claim(corpus: Corpus) -> None:
    covered = {(c.locator.section, c.locator.paragraph) for c in corpus.claims.values()}
    missing = [(sid, p) for sid, (_, section) in corpus.sections.items()
               for p in range(1, section.paragraphs + 1) if (sid, p) not in covered]
    assert missing == []


def test_all_47_footnotes_are_mapped_and_used(corpus: Corpus) -> None:
    numbers = sorted(n.number for n in corpus.footnotes.values())
    assert numbers == list(range(1, 48))
    used = {n for node in (*corpus.claims.values(), *corpus.evidence.values())
            for n in node.footnotes}
    assert sorted(set(corpus.footnotes) - used) == []


def test_every_source_is_cited_or_further_reading_or_marked_editorial(corpus: Corpus) -> None:
    """Provenance: a source the chapter does not cite is the editor's addition, and says so."""
    cited = {c.source for n in corpus.footnotes.values() for c in n.citations}
    listed = {s for w in corpus.works.values() for s in w.further_reading}
    editorial = {s for s, src in corpus.sources.items() if src.editorial}
    assert sorted(set(corpus.sources) - cited - listed - editorial) == []
    assert sorted(editorial & (cited | listed)) == [], "the chapter cites these: not editorial"


def test_four_schools_take_stances_on_forty_five_contested_claims(corpus: Corpus) -> None:
    assert len(corpus.schools) >= 4
    per_claim = Counter(s.claim for s in corpus.stances if s.claim in corpus.claims)
    by_school = Counter(s.school for s in corpus.stances)
    assert set(by_school) == set(corpus.schools)
    fully = [c for c, n in per_claim.items() if n == len(corpus.schools)]
    assert len(fully) >= 45
    positions = {c: {s.position for s in corpus.stances if s.claim == c} for c in fully}
    assert sum(1 for p in positions.values() if len(p) > 1) >= 40, "schools must really differ"


def test_schools_are_made_of_historians_and_stances_name_them(corpus: Corpus) -> None:
    for school in corpus.schools.values():
        if school.id == "misperception":  # the chapter's own reading: Harris alone
            continue
        assert len(school.proponents) >= 3, school.id
        mine = [s for s in corpus.stances if s.school == school.id]
        named = Counter(p for s in mine for p in s.proponents)
        assert len(named) >= 3, (school.id, named)
        top = named.most_common(1)[0][1]
        assert top < 2 / 3 * len(mine), f"{school.id} rests mostly on one historian: {named}"


def test_theses_structure(corpus: Corpus) -> None:
    graph = build_graph(corpus)
    [main] = graph.theses("work")
    sections = graph.theses("section")
    assert len(sections) >= 4
    assert all(main in [r.target for r in graph.relations_from(s, "supports")] for s in sections)


def test_rejected_views_are_attacked(corpus: Corpus) -> None:
    graph = build_graph(corpus)
    reported = [c.id for c in corpus.claims.values() if c.asserted_by != "author"]
    assert len(reported) >= 4
    attacked = [c for c in reported if graph.attackers(c)]
    assert len(attacked) >= 4


def test_kasahara_search_reaches_note_21_and_the_archive(corpus: Corpus) -> None:
    graph = build_graph(corpus)
    hits = search_claims(corpus, "Kasahara")
    assert hits
    refs = set()
    for hit in hits:
        for ev in graph.evidence_for(hit.claim.id):
            for note in graph.footnotes_for(ev):
                for citation in corpus.footnotes[note].citations:
                    source = corpus.sources[citation.source]
                    if source.archival:
                        refs.add((corpus.footnotes[note].number,
                                  archival_reference(source, citation, style="slash")))
    assert (21, "RGASPI 558/11/185/19") in refs


def test_validate_command_passes_on_the_bundled_map() -> None:
    result = subprocess.run([sys.executable, "-m", "argmap", "validate", str(ARGUMENTS)],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr


@needs_shared
def test_every_anchor_is_found_in_the_chapter(corpus: Corpus) -> None:
    result = check_anchors(corpus, CHAPTER.read_text(encoding="utf-8"))
    assert result.checked > 200
    assert [str(p) for p in result.missing] == []


@needs_shared
def test_no_verbatim_run_over_twelve_words() -> None:
    tool = SHARED / "tools" / "verbatim-check"
    result = subprocess.run([sys.executable, str(tool), str(CHAPTER), str(ARGUMENTS)],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout[-3000:]


def test_accept_view_colours_claims_by_computed_label_with_reasons(corpus: Corpus) -> None:
    from argmap.views import select

    sel = select(build_graph(corpus), "accept:totalitarian")
    assert set(sel.verdicts.values()) <= {"IN", "OUT", "UNDEC"}
    assert sel.verdicts["abs-thesis-misperception"] == "OUT"
    assert set(sel.reasons) == set(sel.verdicts)


def test_a_schools_score_or_verdict_is_in_its_nodes_heading(corpus: Corpus) -> None:
    """Not an outside label: Graphviz put those at whichever corner was free, so between
    two neighbours a seminar could not tell whose number it was."""
    from html import unescape

    import pygraphviz

    from argmap.drawing.dot import build_dot, node_id
    from argmap.views import select

    graph = build_graph(corpus)
    for spec in ("strength:totalitarian", "accept:revisionist", "school:post-revisionist"):
        sel = select(graph, spec)
        assert sel.verdicts, spec
        drawn = pygraphviz.AGraph(string=build_dot(graph, sel).source)
        for claim, verdict in sel.verdicts.items():
            node = drawn.get_node(node_id(claim))
            assert not node.attr.get("xlabel"), (spec, claim)
            heading = unescape(node.attr["label"]).split("<BR/>")[0]
            shown = f"{sel.scores[claim]:.2f}" if claim in sel.scores else verdict
            assert heading.endswith(f" · {shown}</B>"), (spec, claim, heading)


def test_json_schema_accepts_every_bundled_file() -> None:
    jsonschema = pytest.importorskip("jsonschema", reason="jsonschema is not installed")
    from pathlib import Path

    from argmap.core.schema import json_schema
    from argmap.core.yamlfile import read_yaml

    validator = jsonschema.Draft202012Validator(json_schema())
    for path in sorted(ARGUMENTS.rglob("*.yaml")):
        parsed = read_yaml(Path(path), str(path))
        errors = [e.message for e in validator.iter_errors(parsed.data)]
        assert errors == [], (path, errors[:3])


def test_every_claim_and_evidence_has_a_title(corpus: Corpus) -> None:
    """Map nodes show titles; a derived one would be the text's first words, cut."""
    untitled = [n for n, node in {**corpus.claims, **corpus.evidence}.items() if not node.title]
    assert untitled == []
