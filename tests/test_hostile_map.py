"""The hostile map (tests/hostile.py): every text field carries DOT, HTML/SVG,
Markdown, LaTeX, formula and terminal payloads. Every view renders to well-formed
SVG and DOT with no injected node, every human-readable command prints no control
character a terminal would obey, and every app page loads with the payloads escaped."""

from __future__ import annotations

import re
import subprocess
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import pygraphviz
import pytest
from streamlit.testing.v1 import AppTest

from argmap.core.loader import load_corpus
from argmap.drawing.dot import DotOptions, build_dot
from argmap.drawing.render import render
from argmap.graph import ArgumentGraph, build_graph
from argmap.views import select
from tests.hostile import NEEDLE, RTL, hostile_copy
from tests.test_app import run_app

CLI = Callable[..., subprocess.CompletedProcess[str]]
APP = str(Path(__file__).resolve().parent.parent / "app.py")
SVG = "{http://www.w3.org/2000/svg}"
# What a terminal obeys: C0 controls other than tab and newline, DEL, C1, bidi controls.
RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return hostile_copy(tmp_path_factory.mktemp("hostile") / "map")


@pytest.fixture(scope="module")
def graph(hostile: Path) -> ArgumentGraph:
    return build_graph(load_corpus(hostile))


def view_specs(graph: ArgumentGraph) -> list[str]:
    """One spec of every view kind (every section), on the hostile map's records."""
    corpus = graph.corpus
    claim = next(c.id for c in corpus.claims.values() if c.kind == "thesis")
    school = next(iter(corpus.schools))
    person = next(p for p in corpus.people if any(p in c.people for c in corpus.claims.values()))
    event = next(e for e in corpus.events if any(e in c.events for c in corpus.claims.values()))
    return ["overview", *(f"section:{s}" for s in corpus.sections), f"claim:{claim}:2",
            f"trace:{claim}", f"school:{school}", f"accept:{school}", f"strength:{school}",
            f"person:{person}", f"event:{event}", "period:1930..1940"]


def test_the_hostile_map_validates(cli: CLI, hostile: Path) -> None:
    result = cli("validate", str(hostile))
    assert result.returncode == 0, result.stderr[-2000:]


def test_every_view_renders_to_well_formed_svg_and_dot_without_injected_nodes(
    graph: ArgumentGraph,
) -> None:
    for spec in view_specs(graph):
        sel = select(graph, spec)
        dot = build_dot(graph, sel, DotOptions()).source
        parsed = pygraphviz.AGraph(string=dot)
        names = {str(n).removeprefix("n-") for n in parsed.nodes()}
        assert "evil" not in names and "x" not in names, spec
        assert set(sel.nodes) <= names, spec
        assert all(n in sel.nodes or n.startswith("legend") or n in graph.corpus.footnotes
                   or n in graph.corpus.sources for n in names), (spec, names - set(sel.nodes))
        svg = render(dot, "svg")
        root = ET.fromstring(svg)  # raises on SVG that is not well-formed XML
        assert not root.findall(f".//{SVG}script") and not root.findall(".//script"), spec
        for element in root.iter():
            assert not any(a.lower().startswith("on") for a in element.attrib), (spec, element.attrib)
            assert element.tag.removeprefix(SVG) not in ("img", "foreignObject", "iframe"), spec
        titles = {t.text for t in root.iter(f"{SVG}title")}
        assert "evil" not in titles, spec
        shown = " ".join(t.text or "" for t in root.iter(f"{SVG}text"))
        if sel.nodes and spec != "period:1930..1940":
            assert '"];evil[' in shown or "<b>*B*</b>" in shown, spec  # the payload as literal text


def human_commands(graph: ArgumentGraph) -> list[list[str]]:
    corpus = graph.corpus
    claim = next(c.id for c in corpus.claims.values() if c.kind == "thesis")
    a, b = list(corpus.schools)[:2]
    return [["validate"], ["stats"], ["footnotes"], ["sources"], ["sources", "--all"],
            ["search", "the"], ["trace", claim], ["accept", "--school", a],
            ["strength", "--school", a, "--evidence"], ["compare", a, b, "--limit", "0"],
            ["prompts", *list(corpus.schools)], ["cruxes", a, b]]


def test_human_output_holds_no_raw_control_characters(cli: CLI, hostile: Path,
                                                      graph: ArgumentGraph) -> None:
    for command in human_commands(graph):
        result = cli(*command, "--corpus", str(hostile))
        assert result.returncode == 0, (command, result.stderr[-1000:])
        for stream in (result.stdout, result.stderr):
            bad = RAW_CONTROL.search(stream)
            assert bad is None, (command, stream[max(bad.start() - 80, 0): bad.start() + 20])
        if command[0] in ("footnotes", "sources", "search", "trace", "compare"):
            assert "\\u202e" in result.stdout, command  # shown, visibly, not obeyed


def test_json_output_stays_exact(cli: CLI, hostile: Path) -> None:
    result = cli("footnotes", "--json", "--corpus", str(hostile))
    assert result.returncode == 0
    assert RTL in result.stdout and "\\u202e" not in result.stdout


def test_render_writes_svg_from_the_cli(cli: CLI, hostile: Path, tmp_path: Path) -> None:
    out = tmp_path / "o.svg"
    result = cli("render", "section:rise-of-stalin", "-o", str(out), "--corpus", str(hostile))
    assert result.returncode == 0, result.stderr
    ET.fromstring(out.read_bytes())
    assert RAW_CONTROL.search(result.stderr) is None


# ------------------------------------------------------------------ the app

UNESCAPED = [re.compile(p) for p in (r"(?<!\\)!\[", r"(?<!\\)\$", r"(?<!\\)<script", r"(?<!\\)://",
                                     r"(?<!\\)\*\*bold", r"(?<!\\)<img", r"(?<!\\)\[link")]


def app(monkeypatch: pytest.MonkeyPatch, hostile: Path, **params: str) -> AppTest:
    return run_app(monkeypatch, str(hostile), **params)


def shown_markdown(at: AppTest) -> list[str]:
    """Every Markdown string the page sends, labels of buttons, tabs and expanders included."""
    parts = [m.value for m in at.markdown if "<style>" not in m.value]
    parts += [c.value for c in at.caption] + [t.value for t in at.title]
    parts += [h.value for h in at.header] + [s.value for s in at.subheader]
    parts += [w.value for w in at.warning] + [i.value for i in at.info] + [e.value for e in at.error]
    parts += [b.label for b in at.button] + [t.label for t in at.tabs]
    parts += [e.label for e in at.expander]
    for radio in at.radio:
        parts += [str(radio.format_func(o)) for o in radio.options] if hasattr(radio, "format_func") \
            else [str(o) for o in radio.options]
    return [str(p) for p in parts]


def assert_escaped(at: AppTest, where: str) -> None:
    seen_payload = False
    for text in shown_markdown(at):
        if NEEDLE not in text and "evil" not in text:
            continue
        seen_payload = True
        for pattern in UNESCAPED:
            if "argmap-claim-text" in text and pattern.pattern.endswith("script"):
                continue  # html.escape'd inside the claim-text block
            assert pattern.search(text) is None, (where, pattern.pattern, text[:300])
    assert seen_payload, f"{where}: no payload on the page at all"


def pages(graph: ArgumentGraph) -> list[dict[str, str]]:
    corpus = graph.corpus
    claim = next(c.id for c in corpus.claims.values() if c.kind == "thesis")
    note = next(iter(corpus.footnotes))
    source = next(iter(corpus.sources))
    event = next(e for e in corpus.events.values() if e.date)
    return [
        {"page": "map"},
        {"page": "map", "view": "section:rise-of-stalin", "claim": claim},
        {"page": "map", "view": f"trace:{claim}", "claim": note},
        {"page": "map", "view": f"trace:{claim}", "claim": source},
        {"page": "walkthrough"},
        {"page": "schools", "claim": claim},
        {"page": "schools", "colouring": "computed", "claim": claim},
        {"page": "sources"},
        {"page": "timeline", "event": event.id},
        {"page": "search", "q": "the"},
    ]


def test_every_app_page_loads_with_payloads_escaped(monkeypatch: pytest.MonkeyPatch, hostile: Path,
                                                    graph: ArgumentGraph) -> None:
    for params in pages(graph):
        at = app(monkeypatch, hostile, **params)
        assert_escaped(at, str(params))


@pytest.mark.parametrize("params", [
    {"view": "![x](http://evil.example/x.png) **b** $x$"},
    {"view": "section:![x](http://evil.example/x.png)"},
    {"view": "claim:rise-thesis:²"},
    {"view": "claim:x:" + "5" * 5000},
    {"claim": "![x](http://evil.example/x.png) $y$"},
])
def test_url_values_are_shown_as_text(monkeypatch: pytest.MonkeyPatch, params: dict[str, str]) -> None:
    at = run_app(monkeypatch, str(Path(APP).parent / "arguments"), **params)
    for text in shown_markdown(at):
        for pattern in UNESCAPED[:2]:
            if "evil" in text or "$" in text:
                assert pattern.search(text) is None, (params, text[:300])


def test_table_cells_cannot_start_a_formula(graph: ArgumentGraph) -> None:
    from argmap.argumentation.gradual import compare
    from argmap.webapp.schools_page import comparison_rows

    comp = compare(graph.corpus, list(graph.corpus.schools)[:2])
    rows = comparison_rows(graph, comp)
    assert rows
    for row in rows:
        for value in row.values():
            if isinstance(value, str):
                assert not value.startswith(("=", "+", "-", "@")), value
    assert any(str(row["claim"]).startswith("'=1+2") for row in rows)


@pytest.mark.skipif(not hasattr(__import__("os"), "mkfifo"), reason="needs FIFOs")
def test_the_app_lists_a_fifo_as_a_problem_instead_of_hanging(monkeypatch: pytest.MonkeyPatch,
                                                              tmp_path: Path) -> None:
    import os
    import shutil

    folder = tmp_path / "map"
    shutil.copytree(Path(APP).parent / "arguments", folder)
    os.mkfifo(folder / "a.yaml")
    monkeypatch.setenv("ARGMAP_CORPUS", str(folder))
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    assert not at.exception
    assert any("not a regular file (a FIFO)" in c.value for c in at.code)
