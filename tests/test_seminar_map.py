"""A seminar's contributions on the map (issue 16, Deliver 2): their own node style
beside their claim, only for claims in view, only visible ones, hostile text shown
as text; the plain map unchanged byte for byte; one toggle on the Map page hides them."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pygraphviz
import pytest
from streamlit.testing.v1 import AppTest

from argmap.core.loader import load_corpus
from argmap.drawing.dot import EDGE_STYLE, DotOptions, build_dot
from argmap.drawing.render import render
from argmap.graph import ArgumentGraph, build_graph
from argmap.seminar.mapnodes import CONTRIB_FILL, MapContribution, add_contributions, from_items
from argmap.seminar.store import SeminarStore
from argmap.views import Selection, select
from tests.conftest import ARGUMENTS
from tests.hostile import NEEDLE, PAYLOAD
from tests.test_app import param, run_app, texts

SVG = "{http://www.w3.org/2000/svg}"
CLAIM = "rise-thesis"
VIEW = f"claim:{CLAIM}"


@pytest.fixture(scope="module")
def graph() -> ArgumentGraph:
    return build_graph(load_corpus(ARGUMENTS))


@pytest.fixture(scope="module")
def sel(graph: ArgumentGraph) -> Selection:
    return select(graph, VIEW)


def _outside(graph: ArgumentGraph, sel: Selection) -> str:
    return next(c for c in graph.corpus.claims if c not in sel.nodes)


def _contributions(graph: ArgumentGraph, sel: Selection) -> list[MapContribution]:
    return [
        MapContribution(1, CLAIM, "objection", f"{PAYLOAD} objection"),
        MapContribution(2, CLAIM, "support", "A supporting point with more than eight words in it"),
        MapContribution(3, CLAIM, "question", "Why 1934?"),
        MapContribution(4, CLAIM, "source", "Khlevniuk, Master of the House"),
        MapContribution(5, CLAIM, "objection", "Hidden by the leader", status="hidden"),
        MapContribution(6, CLAIM, "objection", "Withdrawn by its author", status="withdrawn"),
        MapContribution(7, _outside(graph, sel), "objection", "On a claim out of view"),
        MapContribution(8, CLAIM, "question", "A reply to the objection", parent=1),
        MapContribution(9, CLAIM, "question", "A reply to the hidden one", parent=5),
    ]


def test_contributions_become_styled_nodes_beside_their_claims_in_view(
        graph: ArgumentGraph, sel: Selection) -> None:
    dot = build_dot(graph, sel, DotOptions())
    assert add_contributions(dot, sel, _contributions(graph, sel)) == 6
    parsed = pygraphviz.AGraph(string=dot.source)
    contrib = {str(n) for n in parsed.nodes() if str(n).startswith("contrib-")}
    assert contrib == {"contrib-1", "contrib-2", "contrib-3", "contrib-4", "contrib-8", "contrib-9"}
    for name in contrib:
        node = parsed.get_node(name)
        assert node.attr["shape"] == "note" and "dashed" in node.attr["style"]
        assert node.attr["fillcolor"] == CONTRIB_FILL and node.attr["id"] == name
    assert "OBJECTION" in parsed.get_node("contrib-1").attr["label"]
    assert "SOURCE" in parsed.get_node("contrib-4").attr["label"]
    # the first eight words, then an ellipsis
    label = parsed.get_node("contrib-2").attr["label"]
    assert label.endswith("eight words …") and "in it" not in label
    edges = {(str(a), str(b)): parsed.get_edge(a, b) for a, b in parsed.edges()
             if str(a).startswith("contrib-")}
    assert set(edges) == {("contrib-1", f"n-{CLAIM}"), ("contrib-2", f"n-{CLAIM}"),
                          ("contrib-3", f"n-{CLAIM}"), ("contrib-4", f"n-{CLAIM}"),
                          ("contrib-8", "contrib-1"), ("contrib-9", f"n-{CLAIM}")}
    objection = edges[("contrib-1", f"n-{CLAIM}")].attr
    assert (objection["color"], objection["style"], objection["arrowhead"]) == (
        EDGE_STYLE["attacks"]["color"], "dashed", "tee")
    support = edges[("contrib-2", f"n-{CLAIM}")].attr
    assert (support["color"], support["arrowhead"]) == (EDGE_STYLE["supports"]["color"], "normal")
    assert edges[("contrib-3", f"n-{CLAIM}")].attr["style"] == "dotted"
    assert edges[("contrib-4", f"n-{CLAIM}")].attr["style"] == "dotted"
    assert parsed.get_node("legend_contribution").attr["shape"] == "note"


def test_hostile_contributed_text_is_shown_as_text_in_the_svg(
        graph: ArgumentGraph, sel: Selection) -> None:
    dot = build_dot(graph, sel, DotOptions())
    add_contributions(dot, sel, _contributions(graph, sel))
    parsed = pygraphviz.AGraph(string=dot.source)
    names = {str(n) for n in parsed.nodes()}
    assert "evil" not in names and "x" not in names and NEEDLE not in names
    root = ET.fromstring(render(dot.source, "svg"))  # well-formed XML
    assert not root.findall(f".//{SVG}script") and not root.findall(".//script")
    for element in root.iter():
        assert not any(a.lower().startswith("on") for a in element.attrib), element.attrib
        assert element.tag.removeprefix(SVG) not in ("img", "foreignObject", "iframe")
    shown = " ".join(t.text or "" for t in root.iter(f"{SVG}text"))
    # the first words, literally (wrapped at 30 characters)
    assert "=HYPERLINK(" in shown and '"];evil[label="INJECTED"];evil' in shown
    assert "<script>alert(1)</script>" in shown
    tips = " ".join(v for e in root.iter() for k, v in e.attrib.items() if k.endswith("title"))
    assert "<script>alert(1)</script>" in tips  # the full text as a plain tooltip
    assert "Hidden by the leader" not in tips and "Withdrawn by its author" not in tips
    assert "On a claim out of view" not in tips and "Why 1934?" in tips


def test_without_contributions_the_dot_source_is_unchanged(
        graph: ArgumentGraph, sel: Selection) -> None:
    before = build_dot(graph, sel, DotOptions()).source
    for extra in ([], [c for c in _contributions(graph, sel) if c.id in (5, 6, 7)]):
        dot = build_dot(graph, sel, DotOptions())
        assert add_contributions(dot, sel, extra) == 0
        assert dot.source == before


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> SeminarStore:
    monkeypatch.delenv("ARGMAP_DATABASE_URL", raising=False)
    monkeypatch.setenv("ARGMAP_DATA_DIR", str(tmp_path / "data"))
    return SeminarStore()


def test_the_feed_gives_the_map_only_visible_contributions(store: SeminarStore) -> None:
    opened = store.open_seminar("harris-stalin", "Week 5")
    ann = store.join(opened.code, "Ann")
    store.post(ann, CLAIM, "objection", "Shown")
    store.post(ann, CLAIM, "question", "Hidden")
    store.post(ann, CLAIM, "support", "Withdrawn")
    hidden, withdrawn = (i.id for i in store.feed(ann) if i.text in ("Hidden", "Withdrawn"))
    store.hide(store.admin(opened.code), hidden)
    store.withdraw(ann, withdrawn)
    assert [c.text for c in from_items(store.feed(ann))] == ["Shown"]  # Ann sees her hidden one
    assert [c.text for c in from_items(store.feed(store.admin(opened.code)))] == ["Shown"]


def _join(at: AppTest, code: str, name: str) -> AppTest:
    at.text_input(key="seminar-join-code").input(code)
    at.text_input(key="seminar-join-name").input(name)
    at.button(key="FormSubmitter:seminar-join-Join").click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_the_map_page_toggle_shows_and_hides_the_seminar(monkeypatch: pytest.MonkeyPatch,
                                                         store: SeminarStore) -> None:
    opened = store.open_seminar("harris-stalin", "Week 5")
    store.post(store.join(opened.code, "Ann"), CLAIM, "objection", "On the map")
    # nobody joined: no toggle, nothing said of seminars
    at = run_app(monkeypatch, page="map", view=VIEW)
    assert not at.exception, [e.value for e in at.exception]
    assert "url-contribs" not in {t.key for t in at.toggle}
    assert "seminar contribution" not in texts(at)
    at = _join(run_app(monkeypatch, page="seminar", claim=CLAIM), opened.code, "Bob")
    at.query_params["page"] = "map"
    at.query_params["view"] = VIEW
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    toggle = at.toggle(key="url-contribs")
    assert toggle.value is True
    assert "1 seminar contribution(s) shown" in texts(at)
    toggle.set_value(False).run()
    assert not at.exception, [e.value for e in at.exception]
    assert param(at, "contribs") == "0"
    assert "seminar contribution(s) shown" not in texts(at)
    assert at.toggle(key="url-contribs").value is False
    at.toggle(key="url-contribs").set_value(True).run()
    assert param(at, "contribs") == ""
    assert "1 seminar contribution(s) shown" in texts(at)


@pytest.mark.browser
def test_in_a_browser_a_contribution_sits_by_its_claim_opens_it_and_hides_with_the_toggle(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, graph: ArgumentGraph) -> None:
    from tests.test_browser import CHROMIUM, CHROMIUM_ARGS

    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing (apt-get install -y chromium)")
    pytest.importorskip("playwright.sync_api", reason="playwright (python) is not installed")
    from playwright.sync_api import expect, sync_playwright

    from argmap.views import containing_view
    from tests.test_browser_seminar import _join as join_in_browser
    from tests.test_browser_seminar import _open, _server

    monkeypatch.delenv("ARGMAP_DATABASE_URL", raising=False)
    monkeypatch.setenv("ARGMAP_DATA_DIR", str(tmp_path / "data"))
    store = SeminarStore()
    opened = store.open_seminar("harris-stalin", "Week 5")
    ann = store.join(opened.code, "Ann")
    store.post(ann, CLAIM, "objection", f"Not so. {PAYLOAD}")
    store.post(ann, CLAIM, "question", "A question the leader hid")
    items = {i.kind: i.id for i in store.feed(ann)}
    objection, hidden = items["objection"], items["question"]
    store.hide(store.admin(opened.code), hidden)
    view = select(graph, containing_view(graph, "overview", CLAIM))
    other = next(n for n in view.nodes if n in graph.corpus.claims and n != CLAIM)
    dialogs: list[str] = []
    server, url = _server()
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            try:
                page = _open(browser.new_context(viewport={"width": 1500, "height": 1000}), url)
                page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
                join_in_browser(page, opened.code, "Bob")
                page.locator('[data-testid="stSidebar"]').get_by_text("Map", exact=True).click()
                node = page.locator(f'g.node[id="contrib-{objection}"]')
                expect(node).to_be_visible(timeout=60_000)
                expect(node).to_contain_text("OBJECTION")
                expect(node).to_contain_text("Not so.")
                expect(page.locator(f'g.node[id="contrib-{hidden}"]')).to_have_count(0)
                # the open map follows the seminar without a click: a new post appears,
                # one the leader hides goes, within a few seconds
                later = store.post(ann, CLAIM, "support", "Posted while the map was open")
                arrived = page.locator(f'g.node[id="contrib-{later}"]')
                expect(arrived).to_contain_text("SUPPORT", timeout=15_000)
                store.hide(store.admin(opened.code), later)
                expect(arrived).to_have_count(0, timeout=15_000)
                expect(node).to_be_visible()
                # dispatched, so a node panned out of the stage is still clicked as map.js sees it
                page.locator(f'g.node[id="n-{other}"]').dispatch_event("click")
                expect(page).to_have_url(re.compile(rf"[?&]claim={other}(&|$)"), timeout=15_000)
                node.dispatch_event("click")  # a contribution opens the claim it is on
                expect(page).to_have_url(re.compile(rf"[?&]claim={CLAIM}(&|$)"), timeout=15_000)
                page.get_by_text("Show the seminar's contributions").click()
                expect(node).to_have_count(0, timeout=15_000)
                expect(page).to_have_url(re.compile(r"[?&]contribs=0(&|$)"), timeout=15_000)
                assert page.locator("script:has-text('alert(')").count() == 0
                assert dialogs == []
            finally:
                browser.close()
    finally:
        from tests.test_browser import stop_server

        stop_server(server)
