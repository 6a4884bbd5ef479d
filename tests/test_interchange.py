"""Interchange: the shared samples in, the chapter map out, round trips, bad input.

Everything runs through the real CLI on a copy of the bundled map, and the Argdown
export is checked with the real Argdown CLI where Node.js and @argdown/cli exist.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import pytest

from argmap.argumentation.gradual import school_strengths
from argmap.core.loader import load_corpus
from argmap.interchange import argdown, kialo
from argmap.interchange.formats import read_file
from tests.conftest import ARGUMENTS, SHARED

CLI = Callable[..., subprocess.CompletedProcess[str]]
SAMPLES = next((p for p in (Path(os.environ.get("ARGMAP_INTERCHANGE_SAMPLES", "/nonexistent")),
                            SHARED / "interchange", SHARED.parent.parent / "shared" / "interchange")
                if (p / "aif").is_dir()), SHARED / "interchange")
AIF_SAMPLES = sorted((SAMPLES / "aif").glob("*.json"))
ARGDOWN_SAMPLES = sorted((SAMPLES / "argdown").glob("*.argdown"))
GRAPHML = "{http://graphml.graphdrawing.org/xmlns}"

KIALO = """Discussion Title: Was the Great Terror planned from above?

1. The Great Terror was planned by Stalin from the start.
1.1. Pro: Stalin signed the execution lists personally.
1.1.1. Con: Signing lists shows approval, not a plan made in advance;
the lists were drawn up by the NKVD.
1.2. Con: The NKVD's own reports drove the escalation.
1.2.1. Pro: Regional quotas were raised at the regions' request.
1.3. Pro: -> See 1.2.1.
"""

SYNTHETIC_ARGDOWN = """===
title: Synthetic
author: Someone
date: 2020-05-01
===

# Part one

// a line comment
[Main]: The main claim, which runs
over two lines. #main #(big tag)
  <+ <Pro one>: A reason
  for the main claim.
    <- [Objection]: An objection to the reason.
      <_ [Undercutter]: It does not follow.
  <- <Con one>: A reason against. {weight: 2}
  +> [Consequence]: What follows.

/* a block
comment */

## Part two

<Pro one>

(1) [Premise A]: First premise.
(2) Second premise without title.
--
modus ponens
--
(3) [Main]

[Undercutter]
  _> <Pro one>

[Consequence]
  >< [Rival]: The opposite.
  - [X]: attack in short form
  + [Y]: support in short form
"""

SADFACE = {
    "metadata": {"core": {"title": "A small SADFace debate", "analyst_name": "", "analyst_email": "",
                          "created": "2020-01-01T00:00:00", "edited": "2020-01-01T00:00:00",
                          "id": "x", "notes": "", "description": "", "version": "0.2"}},
    "nodes": [
        {"id": "a1", "type": "atom", "text": "Grain requisitions caused the famine.", "metadata": {}},
        {"id": "a2", "type": "atom", "text": "Requisition quotas exceeded the harvest.", "metadata": {}},
        {"id": "a3", "type": "atom", "text": "The harvest figures were inflated.", "metadata": {}},
        {"id": "s1", "type": "scheme", "name": "support", "metadata": {}},
        {"id": "s2", "type": "scheme", "name": "attack", "metadata": {}},
    ],
    "edges": [
        {"id": "e1", "source_id": "a2", "target_id": "s1"},
        {"id": "e2", "source_id": "s1", "target_id": "a1"},
        {"id": "e3", "source_id": "a3", "target_id": "s2"},
        {"id": "e4", "source_id": "s2", "target_id": "a2"},
    ],
}

OVA = {
    "analysis": {"txt": "", "documentTitle": "An OVA analysis"},
    "participants": [],
    "nodes": [
        {"id": 1, "type": "I", "text": "Kirov's murder changed Stalin's view."},
        {"id": 2, "type": "I", "text": "After 1934 Stalin demanded vigilance."},
        {"id": 3, "type": "RA", "text": "Argument From Sign"},
        {"id": 4, "type": "I", "text": "Vigilance campaigns predate 1934."},
        {"id": 5, "type": "CA", "text": "Default Conflict"},
    ],
    "edges": [
        {"from": {"id": 2}, "to": {"id": 3}}, {"from": {"id": 3}, "to": {"id": 1}},
        {"from": {"id": 4}, "to": {"id": 5}}, {"from": {"id": 5}, "to": {"id": 3}},
    ],
}

XAIF_DIALOGUE = {
    "AIF": {
        "nodes": [
            {"nodeID": "1", "text": "The plan came from above.", "type": "I"},
            {"nodeID": "2", "text": "Stalin signed the lists.", "type": "I"},
            {"nodeID": "3", "text": "Default Inference", "type": "RA"},
            {"nodeID": "4", "text": "The plan came from above, said it.", "type": "I"},
            {"nodeID": "5", "text": "Default Rephrase", "type": "MA"},
            {"nodeID": "6", "text": "Bob : Stalin signed the lists.", "type": "L"},
            {"nodeID": "7", "text": "Asserting", "type": "YA"},
            {"nodeID": "8", "text": "Default Transition", "type": "TA"},
        ],
        "edges": [
            {"edgeID": "a", "fromID": "2", "toID": "3"}, {"edgeID": "b", "fromID": "3", "toID": "1"},
            {"edgeID": "c", "fromID": "4", "toID": "5"}, {"edgeID": "d", "fromID": "5", "toID": "1"},
            {"edgeID": "e", "fromID": "6", "toID": "7"}, {"edgeID": "f", "fromID": "7", "toID": "2"},
            {"edgeID": "g", "fromID": "6", "toID": "8"},
        ],
        "locutions": [], "participants": [], "schemefulfillments": [],
    },
    "text": "",
}


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A copy of the bundled map to import into."""
    target = tmp_path / "arguments"
    shutil.copytree(ARGUMENTS, target)
    return target


def snapshot(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()} | \
        {str(p.relative_to(folder)) + "/": "" for p in folder.rglob("*") if p.is_dir()}


def run_ok(cli: CLI, *args: str) -> subprocess.CompletedProcess[str]:
    result = cli(*args)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return result


def imported(cli: CLI, corpus: Path, source: Path, work: str, *extra: str) -> None:
    result = run_ok(cli, "--corpus", str(corpus), "import", str(source), "--work", work, *extra)
    assert f"as work '{work}'" in result.stdout


def argdown_cli() -> list[str] | None:
    for candidate in (os.environ.get("ARGDOWN_CLI"), shutil.which("argdown"),
                      "/tmp/argdown-cli/node_modules/.bin/argdown"):
        if candidate and Path(candidate).exists() and shutil.which("node"):
            return [candidate]
    return None


# -- every shared sample in -----------------------------------------------------------------------


def test_every_shared_sample_imports_validates_and_renders(cli: CLI, corpus: Path,
                                                           tmp_path: Path) -> None:
    samples = AIF_SAMPLES + ARGDOWN_SAMPLES
    assert len(samples) >= 13
    works = []
    for number, sample in enumerate(samples):
        work = f"in{number}-{sample.stem[:12].lower().replace('_', '-')}".rstrip("-")
        imported(cli, corpus, sample, work)
        works.append(work)
    result = run_ok(cli, "--corpus", str(corpus), "validate")
    assert result.stdout.startswith("ok:")
    full = load_corpus(corpus)
    for work in works:
        c = full.for_work(work)  # the work under its own ids (the corpus holds several)
        own = [cid for cid, claim in c.claims.items() if c.sections[claim.locator.section][0].id == work]
        assert own and all(cid.startswith(f"{work}-") for cid in own)
        assert all(c.claims[cid].locator.anchor is None for cid in own)
        assert all(c.claims[cid].editor_note is not None for cid in own)
        first = c.works[work].sections[0].id
        out = tmp_path / f"{work}.svg"
        run_ok(cli, "--corpus", str(corpus), "--work", work, "render", f"section:{first}",
               "-o", str(out))
        assert out.read_bytes().lstrip().startswith((b"<?xml", b"<svg"))


def test_argdown_import_keeps_titles_relations_sections_and_tags(cli: CLI, corpus: Path) -> None:
    imported(cli, corpus, SAMPLES / "argdown" / "semmelweis_betz.argdown", "semmelweis")
    c = load_corpus(corpus).for_work("semmelweis")
    work = c.works["semmelweis"]
    assert work.title.startswith("A Stylized Reconstruction of the Scientific Debate")
    assert [a.literal for a in work.author] == ["Gregor Betz"]
    assert work.issued is None and "19/10/2018" in (work.note or "")
    titles = [s.title for s in work.sections]
    assert titles[:2] == ["Three Rival Hypotheses", "Evidence"]
    by_title = {cl.title: cid for cid, cl in c.claims.items() if cid.startswith("semmelweis-")}
    h1, h2 = by_title["Epidemic Influence Hypothesis"], by_title["Rough Examination Hypothesis"]
    assert h2 in c.claims[h1].attacks  # [H1] -> [H2]
    assert c.claims[h1].text == ("The outbreak of childbed fever is controlled by epidemic "
                                 "influences.")  # a statement over two lines, tag removed
    more = by_title["More Injuries"]
    assert any(r.kind == "contradicts" and more in (r.source, r.target) for r in c.relations)
    yaml_text = (corpus / "semmelweis" / "claims.yaml").read_text(encoding="utf-8")
    assert "# tag: #H1" in yaml_text
    assert "# premise-conclusion structure: (1) Epidemic Influence Hypothesis" in yaml_text


def test_kialo_import_thesis_pro_con_and_links(cli: CLI, corpus: Path, tmp_path: Path) -> None:
    source = tmp_path / "terror.txt"
    source.write_text(KIALO, encoding="utf-8")
    imported(cli, corpus, source, "terror")
    c = load_corpus(corpus).for_work("terror")
    thesis = c.claims["terror-c1"]
    assert thesis.kind == "thesis" and thesis.scope == "work"
    assert thesis.title == "Was the Great Terror planned from above?"
    assert c.works["terror"].title == "Was the Great Terror planned from above?"
    assert c.claims["terror-c2"].supports == ["terror-c1"]
    assert c.claims["terror-c3"].attacks == ["terror-c2"]
    assert c.claims["terror-c3"].text.endswith("the lists were drawn up by the NKVD.")
    assert c.claims["terror-c4"].attacks == ["terror-c1"]
    # 1.3. Pro: -> See 1.2.1.  -- the linked claim also supports the thesis
    assert sorted(c.claims["terror-c5"].supports) == ["terror-c1", "terror-c4"]
    assert len([x for x in c.claims if x.startswith("terror-")]) == 5


def test_sadface_ova_and_xaif_with_dialogue(cli: CLI, corpus: Path, tmp_path: Path) -> None:
    for name, data, work in (("s.json", SADFACE, "sad"), ("o.json", OVA, "ova"),
                             ("x.json", XAIF_DIALOGUE, "xaif")):
        (tmp_path / name).write_text(json.dumps(data), encoding="utf-8")
        imported(cli, corpus, tmp_path / name, work)
    full = load_corpus(corpus)
    c = full.for_work("sad")
    assert c.works["sad"].title == "A small SADFace debate"
    assert c.claims["sad-c2"].supports == ["sad-c1"]
    assert c.claims["sad-c3"].attacks == ["sad-c2"]
    c = full.for_work("ova")
    assert c.works["ova"].title == "An OVA analysis"
    # the CA on the RA is an undercut of that inference
    assert [u.model_dump() for u in c.claims["ova-c3"].undercuts] == \
        [{"source": "ova-c2", "target": "ova-c1"}]
    c = full.for_work("xaif")
    assert c.claims["xaif-c2"].supports == ["xaif-c1"]
    yaml_text = (corpus / "xaif" / "claims.yaml").read_text(encoding="utf-8")
    assert "rephrases 1 (AIF MA 5)" in yaml_text
    assert "locution (Asserting): Bob : Stalin signed the lists." in yaml_text
    report = run_ok(cli, "--corpus", str(corpus), "import", str(tmp_path / "x.json"),
                    "--work", "xaif2", "--json")
    data = json.loads(report.stdout)
    assert any("MA 5" in line for line in data["kept_as_comments"])
    assert any("TA" in line for line in data["kept_as_comments"])


# -- the chapter map out, and round trips -------------------------------------------------------


def _strip(work: str, value: object) -> object:
    """Ids of a re-imported record back to the original's (drop the work prefix)."""
    if isinstance(value, str):
        return value.removeprefix(f"{work}-")
    if isinstance(value, list):
        return [_strip(work, v) for v in value]
    if isinstance(value, dict):
        return {k: _strip(work, v) for k, v in value.items()}
    return value


def test_chapter_to_aif_and_back_keeps_claims_evidence_relations_and_trail(
        cli: CLI, corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "chapter.json"
    run_ok(cli, "--corpus", str(corpus), "export", "aif", "-o", str(out))
    data = json.loads(out.read_text(encoding="utf-8"))
    types = {n["type"] for n in data["nodes"]}
    assert types == {"I", "RA", "CA"}
    imported(cli, corpus, out, "rt")
    c = load_corpus(corpus).for_work("rt")
    original = load_corpus(ARGUMENTS)
    for kind in ("claims", "evidence"):
        mine = getattr(original, kind)
        back = {k.removeprefix("rt-"): v for k, v in getattr(c, kind).items() if k.startswith("rt-")}
        assert set(back) == set(mine)
        for key, record in mine.items():
            assert _strip("rt", back[key].model_dump()) == record.model_dump(), key
    rel = {(r.kind, r.source, r.target, r.via) for r in original.relations}
    rel_back = {(r.kind, *(_strip("rt", x) for x in (r.source, r.target, r.via)))
                for r in c.relations if r.source.startswith("rt-")}
    assert rel_back == rel
    notes = {k.removeprefix("rt-"): v for k, v in c.footnotes.items() if k.startswith("rt-")}
    assert set(notes) == set(original.footnotes)
    for key, note in original.footnotes.items():
        back = _strip("rt", notes[key].model_dump())
        assert isinstance(back, dict)
        assert back | {"work": note.work} == note.model_dump(), key
    cited = {cit.source for n in original.footnotes.values() for cit in n.citations}
    for source in cited:
        assert _strip("rt", c.sources[f"rt-{source}"].model_dump()) == \
            original.sources[source].model_dump()


@pytest.mark.parametrize("sample", AIF_SAMPLES, ids=lambda p: p.stem)
def test_aif_sample_to_argmap_and_back_keeps_inodes_ra_ca(
        cli: CLI, corpus: Path, tmp_path: Path, sample: Path) -> None:
    imported(cli, corpus, sample, "back")
    out = tmp_path / "back.json"
    run_ok(cli, "--corpus", str(corpus), "export", "aif", "--work", "back", "-o", str(out))

    def shape(graph: dict[str, object]) -> tuple[set[tuple[str, str]], set[tuple[str, frozenset[str],
                                                                             frozenset[str]]]]:
        nodes = {str(n["nodeID"]): n for n in graph["nodes"]}  # type: ignore[attr-defined]
        inodes = {(i, str(n["text"])) for i, n in nodes.items() if n["type"] == "I"}
        schemes = set()
        for i, n in nodes.items():
            if n["type"] in ("RA", "CA"):
                ins = frozenset(e["fromID"] for e in graph["edges"] if e["toID"] == i)  # type: ignore[attr-defined]
                outs = frozenset(e["toID"] for e in graph["edges"] if e["fromID"] == i)  # type: ignore[attr-defined]
                schemes.add((str(n["type"]), ins, outs))
        return inodes, schemes

    before = shape(json.loads(sample.read_text(encoding="utf-8")))
    after = shape(json.loads(out.read_text(encoding="utf-8")))
    assert after == before


@pytest.mark.parametrize("sample", ARGDOWN_SAMPLES, ids=lambda p: p.stem)
def test_argdown_to_argmap_and_back_keeps_statements_titles_relations(
        cli: CLI, corpus: Path, tmp_path: Path, sample: Path) -> None:
    imported(cli, corpus, sample, "back")
    out = tmp_path / "back.argdown"
    run_ok(cli, "--corpus", str(corpus), "export", "argdown", "--work", "back", "-o", str(out))
    first, second = read_file(sample), read_file(out)

    def view(g: object) -> tuple[set[str], dict[str, str], set[tuple[str, str, str]]]:
        nodes = g.nodes  # type: ignore[attr-defined]
        texts = {n.text or n.title for n in nodes.values()}
        titles = {n.title: n.text or n.title for n in nodes.values() if n.title}
        links = {(ln.kind, nodes[ln.source].text or nodes[ln.source].title,
                  nodes[ln.target].text or nodes[ln.target].title) for ln in g.links}  # type: ignore[attr-defined]
        return texts, titles, links

    texts1, titles1, links1 = view(first)
    texts2, titles2, links2 = view(second)
    assert texts2 == texts1
    assert titles1.items() <= titles2.items()  # every title kept, with its text
    assert links2 == links1
    assert {k for k, n in first.nodes.items() if n.role == "argument"} == \
        {k for k, n in second.nodes.items() if n.role == "argument"}


def test_export_argdown_is_accepted_by_the_argdown_cli(cli: CLI, corpus: Path,
                                                       tmp_path: Path) -> None:
    exe = argdown_cli()
    if exe is None:
        pytest.skip("the Argdown CLI is not installed (npm install -g @argdown/cli; needs node)")
    imported(cli, corpus, SAMPLES / "argdown" / "argdown-primer.argdown", "primer")
    outs = []
    for work in ("harris-stalin", "primer"):
        out = tmp_path / f"{work}.argdown"
        run_ok(cli, "--corpus", str(corpus), "export", "argdown", "--work", work, "-o", str(out))
        outs.append(out)
    for out in outs:
        result = subprocess.run([*exe, "json", str(out), str(tmp_path / "json")],
                                capture_output=True, text=True, timeout=300)
        assert result.returncode == 0, result.stdout + result.stderr
        assert "error" not in (result.stdout + result.stderr).lower()
    model = json.loads((tmp_path / "json" / "harris-stalin.json").read_text(encoding="utf-8"))
    original = load_corpus(ARGUMENTS)
    assert len(model["statements"]) == len(original.claims) + len(original.evidence)
    kinds = {"support": "supports", "attack": "attacks", "contradictory": "contradicts",
             "undercut": "undercuts"}
    counted: dict[str, int] = {}
    for r in model["relations"]:
        counted[kinds[r["relationType"]]] = counted.get(kinds[r["relationType"]], 0) + 1
    expected: dict[str, int] = {}
    for r in original.relations:
        kind = "attacks" if r.kind == "qualifies" else r.kind
        expected[kind] = expected.get(kind, 0) + 1
    undercut = {(r.via, r.target) for r in original.relations if r.kind == "undercuts"}
    # an undercut support is written as a small argument (premise, conclusion), not a relation
    expected["supports"] -= len(undercut)
    assert counted == expected
    texts = [m.get("text") or "" for s in model["statements"].values() for m in s["members"]]
    for claim in original.claims.values():  # tags follow the text
        assert any(t.startswith(" ".join(claim.text.split())) for t in texts), claim.id


def test_our_argdown_reading_agrees_with_the_argdown_cli(tmp_path: Path) -> None:
    exe = argdown_cli()
    if exe is None:
        pytest.skip("the Argdown CLI is not installed (npm install -g @argdown/cli; needs node)")
    kinds = {"support": "supports", "attack": "attacks", "contradictory": "contradicts"}
    for sample in ARGDOWN_SAMPLES:
        result = subprocess.run([*exe, "json", str(sample), str(tmp_path)], capture_output=True,
                                text=True, timeout=300)
        assert result.returncode == 0, result.stderr
        model = json.loads((tmp_path / f"{sample.stem}.json").read_text(encoding="utf-8"))
        theirs = {(kinds[r["relationType"]], r["from"], r["to"]) for r in model["relations"]
                  if r["relationType"] in kinds and not r["from"].startswith("Untitled")
                  and not r["to"].startswith("Untitled")}
        g = argdown.read(sample, sample.read_bytes())
        ours = {(ln.kind, g.nodes[ln.source].title, g.nodes[ln.target].title) for ln in g.links}
        assert theirs <= ours, sample.name
        titled = {t for t, s in model["statements"].items() if not t.startswith("Untitled")}
        assert titled == {n.title for n in g.nodes.values() if n.role == "statement" and n.title}


def test_graphml_has_node_and_edge_attributes_with_school_strengths(cli: CLI, corpus: Path,
                                                                   tmp_path: Path) -> None:
    out = tmp_path / "chapter.graphml"
    run_ok(cli, "--corpus", str(corpus), "export", "graphml", "-o", str(out))
    root = ET.parse(out).getroot()
    keys = {k.get("attr.name"): k.get("id") for k in root.iter(f"{GRAPHML}key")}
    c = load_corpus(ARGUMENTS)
    for school in c.schools:
        assert f"stance_{school}" in keys and f"strength_{school}" in keys
    assert {"kind", "section", "label", "title", "relation", "via"} <= set(keys)
    nodes = {n.get("id"): {d.get("key"): d.text for d in n} for n in root.iter(f"{GRAPHML}node")}
    assert len(nodes) == len(c.claims) + len(c.evidence)
    school = next(iter(c.schools))
    strength = school_strengths(c, school).strength
    node = nodes["dict-kirov-convinced-stalin"]
    assert node["kind"] == "causal" and node["section"] == "Dictatorship and Terror"
    assert node["title"] == c.claims["dict-kirov-convinced-stalin"].title
    assert abs(float(node[f"strength_{school}"] or 0) - strength["dict-kirov-convinced-stalin"]) < 1e-3
    edges = list(root.iter(f"{GRAPHML}edge"))
    assert len(edges) == len(c.relations)
    assert sum(1 for e in edges for d in e if d.get("key") == "via") == \
        sum(1 for r in c.relations if r.kind == "undercuts")


def test_kialo_export_of_the_chapter_reads_back(cli: CLI, corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "chapter.txt"
    run_ok(cli, "--corpus", str(corpus), "export", "kialo", "-o", str(out))
    text = out.read_text(encoding="utf-8")
    assert text.startswith("Discussion Title: Stalin and Stalinism\n\n1. ")
    g = kialo.read(out, out.read_bytes())
    c = load_corpus(ARGUMENTS)
    assert sorted(n.text for n in g.nodes.values()) == \
        sorted(" ".join(x.text.split()) for x in [*c.claims.values(), *c.evidence.values()])
    pairs = {(r.source, r.via if r.kind == "undercuts" and r.via else r.target) for r in c.relations}
    assert len(g.links) == len(pairs)
    imported(cli, corpus, out, "kialo-back")


# -- bad input -----------------------------------------------------------------------------------


def _truncated(tmp_path: Path) -> list[tuple[Path, str]]:
    """A truncated or malformed file of each format, with what the error must name."""
    cases: list[tuple[Path, str]] = []
    aif_text = AIF_SAMPLES[0].read_text(encoding="utf-8")
    cut = tmp_path / "cut.json"
    cut.write_text(aif_text[: len(aif_text) // 2], encoding="utf-8")
    cases.append((cut, "cut.json:1:"))
    dangling = json.loads(aif_text)
    dangling["nodes"] = dangling["nodes"][:-1]
    bad_edge = tmp_path / "dangling.json"
    bad_edge.write_text(json.dumps(dangling), encoding="utf-8")
    cases.append((bad_edge, "dangling.json:edge "))
    no_id = json.loads(aif_text)
    del no_id["nodes"][1]["nodeID"]
    missing = tmp_path / "noid.json"
    missing.write_text(json.dumps(no_id), encoding="utf-8")
    cases.append((missing, "noid.json:node #2"))
    sad = json.loads(json.dumps(SADFACE))
    sad["edges"][1]["target_id"] = "zz"
    (tmp_path / "sad.json").write_text(json.dumps(sad), encoding="utf-8")
    cases.append((tmp_path / "sad.json", "sad.json:edge e2"))
    primer = (SAMPLES / "argdown" / "argdown-primer.argdown").read_text(encoding="utf-8")
    comment = primer.index("<!--")
    (tmp_path / "cut1.argdown").write_text(primer[: comment + 10], encoding="utf-8")
    cases.append((tmp_path / "cut1.argdown", "cut1.argdown:"))
    semmel = (SAMPLES / "argdown" / "semmelweis_betz.argdown").read_text(encoding="utf-8")
    (tmp_path / "cut2.argdown").write_text(semmel[:200], encoding="utf-8")
    cases.append((tmp_path / "cut2.argdown", "cut2.argdown:1:1: front matter"))
    title_cut = semmel[: semmel.index("[Epidemic Influence Hypothesis]:") + 12]
    (tmp_path / "cut3.argdown").write_text(title_cut, encoding="utf-8")
    cases.append((tmp_path / "cut3.argdown", "cut3.argdown:21:1: statement title"))
    pcs_cut = semmel[: semmel.index("----") + 4]
    (tmp_path / "cut4.argdown").write_text(pcs_cut, encoding="utf-8")
    cases.append((tmp_path / "cut4.argdown", "inference line with no conclusion"))
    kialo_cut = "\n".join(KIALO.splitlines()[3:]) + "\n"
    (tmp_path / "cut.txt").write_text(kialo_cut, encoding="utf-8")
    cases.append((tmp_path / "cut.txt", "cut.txt:1:1:"))
    kialo_link = KIALO.replace("-> See 1.2.1.", "-> See 1.9.")
    (tmp_path / "link.txt").write_text(kialo_link, encoding="utf-8")
    cases.append((tmp_path / "link.txt", "link.txt:9:1: claim 1.3. links to 1.9."))
    return cases


def test_bad_input_is_a_clear_error_and_leaves_the_corpus_unchanged(
        cli: CLI, corpus: Path, tmp_path: Path) -> None:
    before = snapshot(corpus)
    for source, expected in _truncated(tmp_path):
        result = cli("--corpus", str(corpus), "import", str(source), "--work", "bad")
        assert result.returncode == 1, (source, result.stderr)
        assert "Traceback" not in result.stderr and "internal error" not in result.stderr
        assert expected in result.stderr, result.stderr
        assert result.stderr.startswith("argmap: ")
        assert snapshot(corpus) == before, source


def test_import_never_overwrites_and_ids_are_checked(cli: CLI, corpus: Path) -> None:
    before = snapshot(corpus)
    sample = str(AIF_SAMPLES[0])
    for work, message in (("harris-stalin", "already exists"), ("Bad_Id", "not a slug")):
        result = cli("--corpus", str(corpus), "import", sample, "--work", work)
        assert result.returncode == 2 and message in result.stderr, result.stderr
    assert snapshot(corpus) == before
    result = cli("--corpus", str(corpus), "import", str(corpus / "missing.json"), "--work", "x")
    assert result.returncode == 2 and "no such file" in result.stderr


def test_export_needs_work_when_the_map_holds_several(cli: CLI, corpus: Path) -> None:
    imported(cli, corpus, AIF_SAMPLES[0], "extra")
    result = cli("--corpus", str(corpus), "export", "aif")
    assert result.returncode == 2 and "--work" in result.stderr
    result = cli("--corpus", str(corpus), "export", "kialo", "--work", "nope")
    assert result.returncode == 2 and "no work 'nope'" in result.stderr
    result = run_ok(cli, "--corpus", str(corpus), "export", "kialo", "--work", "extra")
    assert result.stdout.startswith("Discussion Title: nodeset10\n\n1. ")


def test_argdown_syntax_incoming_outgoing_undercut_pcs_comments(cli: CLI, corpus: Path,
                                                                 tmp_path: Path) -> None:
    source = tmp_path / "syn.argdown"
    source.write_text(SYNTHETIC_ARGDOWN, encoding="utf-8")
    result = run_ok(cli, "--corpus", str(corpus), "import", str(source), "--work", "syn")
    assert "written as an attack" in result.stdout  # <_ on a statement: argmap undercuts supports
    c = load_corpus(corpus).for_work("syn")
    work = c.works["syn"]
    assert (work.title, [a.literal for a in work.author], work.issued) == \
        ("Synthetic", ["Someone"], "2020-05-01")
    assert [s.title for s in work.sections] == ["Part one", "Part two"]
    ids = {cl.title: cid for cid, cl in c.claims.items() if cid.startswith("syn-")}
    main, pro, con = ids["Main"], ids["Pro one"], ids["Con one"]
    assert c.claims[main].text == "The main claim, which runs over two lines."
    assert c.claims[pro].supports == [main] and c.claims[con].attacks == [main]
    assert ids["Consequence"] in c.claims[main].supports
    assert c.claims[ids["Consequence"]].contradicts == [ids["Rival"]]
    assert c.claims[ids["X"]].attacks == [ids["Consequence"]]
    assert c.claims[ids["Y"]].supports == [ids["Consequence"]]
    assert ids["Premise A"] in [k for k, v in c.claims.items() if pro in v.supports
                                and v.title == "Premise A"]
    assert [u.model_dump() for u in c.claims[ids["Undercutter"]].undercuts] == \
        [{"source": pro, "target": main}]
    assert c.claims[ids["Undercutter"]].attacks == [ids["Objection"]]
    untitled = [cl for cid, cl in c.claims.items() if cid.startswith("syn-") and cl.title is None]
    assert [cl.text for cl in untitled] == ["Second premise without title."]
    text = (corpus / "syn" / "claims.yaml").read_text(encoding="utf-8")
    assert "# tag: #(big tag)" in text and "# data: {weight: 2}" in text
    assert "modus ponens" in text
    assert "a block comment" in (corpus / "syn" / "work.yaml").read_text(encoding="utf-8")


def test_a_file_cut_anywhere_imports_or_fails_cleanly(tmp_path: Path) -> None:
    """Every prefix of the samples either imports into a valid work or is an ArgmapError."""
    from argmap.core.errors import ArgmapError
    from argmap.interchange.importer import write_work

    samples = [*ARGDOWN_SAMPLES, AIF_SAMPLES[-1]]
    kialo_file = tmp_path / "k.txt"
    kialo_file.write_text(KIALO, encoding="utf-8")
    outcomes = {"ok": 0, "error": 0}
    for sample in [*samples, kialo_file]:
        data = sample.read_bytes()
        for cut in range(1, len(data), max(1, len(data) // 25)):
            piece = tmp_path / f"piece{sample.suffix}"
            piece.write_bytes(data[:cut])
            target = tmp_path / f"c{outcomes['ok'] + outcomes['error']}"
            try:
                write_work(read_file(piece), "w", target)
            except ArgmapError as exc:
                assert "does not validate" not in str(exc), (sample.name, cut, exc)
                assert not (target / "w").exists()
                outcomes["error"] += 1
            else:
                load_corpus(target)
                outcomes["ok"] += 1
    assert outcomes["ok"] and outcomes["error"]
