"""The seminar app, page by page, through Streamlit's AppTest (no browser)."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")
# The bundled map; ARGMAP_TEST_CORPUS points the tests at another copy while the
# bundled one is being edited.
BUNDLED = os.environ.get("ARGMAP_TEST_CORPUS") or str(ROOT / "arguments")
KASAHARA = "rise-kasahara-confirmed-fears"


def run_app(monkeypatch: pytest.MonkeyPatch, corpus: str = BUNDLED, **params: str) -> AppTest:
    monkeypatch.setenv("ARGMAP_CORPUS", corpus)
    at = AppTest.from_file(APP, default_timeout=60)
    for name, value in params.items():
        at.query_params[name] = value
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def texts(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption]
    parts += [c.value for c in at.code] + [e.value for e in at.error] + [i.value for i in at.info]
    parts += [w.value for w in at.warning] + [t.value for t in at.title]
    parts += [h.value for h in at.header] + [s.value for s in at.subheader]
    return "\n".join(str(p) for p in parts)


def param(at: AppTest, name: str) -> str:
    value = at.query_params.get(name)
    if isinstance(value, list):
        return str(value[-1]) if value else ""
    return str(value or "")


@pytest.fixture(scope="module")
def kasahara_text() -> str:
    from argmap.core.loader import load_corpus

    return load_corpus(BUNDLED).claims[KASAHARA].text


def test_map_page_opens_on_the_overview(monkeypatch: pytest.MonkeyPatch) -> None:
    at = run_app(monkeypatch)
    assert at.selectbox(key="map-view-kind").value == "overview"
    assert "Overview" in texts(at)
    assert "Click a node in the map" in texts(at)


def test_deep_link_opens_view_and_claim(monkeypatch: pytest.MonkeyPatch,
                                        kasahara_text: str) -> None:
    at = run_app(monkeypatch, view="section:rise-of-stalin", claim=KASAHARA)
    shown = texts(at)
    assert at.selectbox(key="map-view-kind").value == "section"
    assert at.selectbox(key="map-view-arg").value == "rise-of-stalin"
    assert kasahara_text.split(":")[0] in shown
    assert "RGASPI, f. 558, op. 11, d. 185" in shown  # the archive behind note 21
    assert "the text ·" in shown or "editorial ·" in shown or "no stance mapped" in shown


def test_claim_panel_buttons_select_claims(monkeypatch: pytest.MonkeyPatch) -> None:
    at = run_app(monkeypatch, view="section:rise-of-stalin", claim=KASAHARA)
    buttons = [b for b in at.button if str(b.key).startswith("panel-It supports-")]
    assert buttons
    target = str(buttons[0].key).removeprefix("panel-It supports-")
    buttons[0].click().run()
    assert not at.exception
    assert param(at, "claim") == target


def test_changing_the_view_goes_to_the_url(monkeypatch: pytest.MonkeyPatch) -> None:
    at = run_app(monkeypatch, claim=KASAHARA)
    at.selectbox(key="map-view-kind").set_value("trace").run()
    assert not at.exception
    assert param(at, "view") == f"trace:{KASAHARA}"
    assert "Trace of" in texts(at)


def test_a_bad_view_in_the_url_falls_back(monkeypatch: pytest.MonkeyPatch) -> None:
    at = run_app(monkeypatch, view="section:no-such-section")
    assert "Cannot show view" in texts(at)


def test_stances_are_marked_chapter_or_editorial(monkeypatch: pytest.MonkeyPatch) -> None:
    from argmap.core.loader import load_corpus
    from argmap.graph import build_graph

    graph = build_graph(load_corpus(BUNDLED))
    claim = next(c for c, s in graph.stances_on.items()
                 if {x.basis for x in s.values()} == {"chapter", "editorial"})
    shown = texts(run_app(monkeypatch, claim=claim))
    assert ":blue-badge[the text ·" in shown
    assert ":orange-badge[editorial ·" in shown


def test_schools_page_compares_every_school_with_graded_strengths(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from argmap.argumentation.gradual import compare
    from argmap.core.loader import load_corpus

    at = run_app(monkeypatch, page="schools")
    shown = texts(at)
    assert "Schools compared" in shown
    assert "Where they part ways" in shown and "Cruxes" in shown
    corpus = load_corpus(BUNDLED)
    assert at.multiselect(key="url-schools").value == list(corpus.schools)  # all, not capped
    # one definition of contested: the table lists exactly what compare() calls contested
    table = at.dataframe[0].value
    expected = compare(corpus, list(corpus.schools), drivers=0)
    assert len(table) == len(expected.differences) > 0
    assert f"{len(expected.differences)} contested claims" in shown
    for school in corpus.schools.values():
        assert school.name in table.columns
        assert table[school.name].between(0, 1).all()
    # historians with their works, and cruxes naming claims as buttons
    assert ("Historians" in shown and "Oleg" in shown) or "Khlevniuk" in shown
    assert any(b.key and b.key.startswith("crux-") for b in at.button)
    assert "Their readings of the thesis" in shown or "Beneath it" in shown


def test_schools_page_explains_a_claims_strength_for_a_school(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    at = run_app(monkeypatch, page="schools", colour="revisionist",
                 claim="abs-misleading-intelligence")
    shown = texts(at)
    assert "Strength for the Revisionist school:" in shown
    assert "How strong each claim is for the Revisionist school" in shown
    assert "Starting score 0.15 from *rejects*" in shown


def test_schools_page_colours_by_computed_labels_and_explains_them(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    at = run_app(monkeypatch, page="schools", colour="totalitarian", colouring="computed",
                 claim="abs-thesis-misperception")
    shown = texts(at)
    assert "Computed for the Totalitarian school: `OUT`" in shown
    assert "rejected by the school" in shown
    assert "What stands for the Totalitarian school" in shown


def test_sources_page(monkeypatch: pytest.MonkeyPatch) -> None:
    at = run_app(monkeypatch, page="sources")
    shown = texts(at)
    assert "Sources" in shown
    assert "RGASPI" in shown
    assert any("rest on it" in e.label for e in at.expander)


def test_timeline_page(monkeypatch: pytest.MonkeyPatch) -> None:
    at = run_app(monkeypatch, page="timeline")
    assert "Timeline 1917–1953" in texts(at)


def test_timeline_lists_an_events_claims(monkeypatch: pytest.MonkeyPatch) -> None:
    from argmap.core.loader import load_corpus

    corpus = load_corpus(BUNDLED)
    event = next(e for e in corpus.events
                 if any(e in c.events for c in corpus.claims.values()))
    at = run_app(monkeypatch, page="timeline", event=event)
    assert corpus.events[event].name in texts(at)
    assert any(str(b.key).startswith(f"tl-{event}-") for b in at.button)


def test_search_page(monkeypatch: pytest.MonkeyPatch) -> None:
    at = run_app(monkeypatch, page="search", q="kasahara")
    assert any(str(b.key) == f"hit-{KASAHARA}" for b in at.button)
    at.button(key=f"hit-{KASAHARA}").click().run()
    assert param(at, "claim") == KASAHARA
    assert param(at, "page") == "map"
    # The map opens on a view that contains the claim (its section), not the overview.
    assert param(at, "view") == "section:rise-of-stalin"
    assert at.selectbox(key="map-view-arg").value == "rise-of-stalin"


def test_a_link_to_a_claim_outside_its_view_shows_a_view_with_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    at = run_app(monkeypatch, view="overview", claim=KASAHARA)
    assert param(at, "view") == "section:rise-of-stalin"
    at = run_app(monkeypatch, view="claim:rise-historiography-misread", claim=KASAHARA)
    assert param(at, "view") == f"claim:{KASAHARA}"


def test_choosing_a_view_without_the_selection_drops_it(monkeypatch: pytest.MonkeyPatch) -> None:
    at = run_app(monkeypatch, view="section:rise-of-stalin", claim=KASAHARA)
    at.selectbox(key="map-view-kind").set_value("overview").run()
    assert param(at, "view") == "overview"
    assert param(at, "claim") == ""


def test_claim_picker_finds_words_deep_in_the_text(monkeypatch: pytest.MonkeyPatch) -> None:
    from argmap.core.loader import load_corpus

    corpus = load_corpus(BUNDLED)
    at = run_app(monkeypatch, view=f"claim:{KASAHARA}")
    labels = [str(o) for o in at.selectbox(key="map-view-arg").options]
    claim = corpus.claims[KASAHARA]
    label = next(o for o in labels if claim.heading in o)
    assert " ".join(claim.text.split()) in label  # uncut, so typing any of its words finds it
    assert sum("Kasahara" in o for o in labels) >= 1


def test_walkthrough_steps_through_paragraphs(monkeypatch: pytest.MonkeyPatch) -> None:
    at = run_app(monkeypatch, page="walkthrough", section="rise-of-stalin", para="10")
    assert "¶10 of" in texts(at)
    assert any(str(b.key) == f"walk-node-{KASAHARA}" for b in at.button)
    assert "The Rise of Stalin and the Great Break, paragraph 10" in texts(at)  # paragraph view
    at.button(key=f"walk-node-{KASAHARA}").click().run()
    assert param(at, "claim") == KASAHARA
    assert any(str(b.key) == "walk-close" for b in at.button)  # the panel, at the box's top
    at.button(key="walk-next").click().run()
    assert not at.exception
    assert param(at, "para") == "11"
    assert param(at, "claim") == ""  # the last paragraph's selection does not follow
    assert "¶11 of" in texts(at)


def test_projector_toggle(monkeypatch: pytest.MonkeyPatch) -> None:
    at = run_app(monkeypatch, projector="1")
    assert any("font-size: 22px" in m.value for m in at.markdown)


def test_broken_map_lists_problems(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    (tmp_path / "claims.yaml").write_text(
        "claims:\n  - id: a\n    text: A claim.\n    kind: opinion\n"
        "    locator: {section: nowhere, paragraph: 1}\n", encoding="utf-8")
    at = run_app(monkeypatch, corpus=str(tmp_path))
    shown = texts(at)
    assert "The map has problems" in shown
    assert f"{tmp_path / 'claims.yaml'}:4:" in shown  # file:line:col of the bad kind


def test_empty_map_is_friendly(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    at = run_app(monkeypatch, corpus=str(tmp_path))
    assert "This map is empty" in texts(at)


def test_missing_folder_is_friendly(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    at = run_app(monkeypatch, corpus=str(tmp_path / "nope"))
    assert "corpus folder not found" in texts(at)


def test_a_stale_url_from_a_timer_does_not_undo_a_click(monkeypatch: pytest.MonkeyPatch) -> None:
    """The Seminar feed's timed rerun can carry the URL the browser had just before
    a click reached it; merged into the click's rerun it used to send the reader
    back to the page they had left (a CI run caught "Map" failing to open)."""
    at = run_app(monkeypatch, page="search", q="Kasahara")
    at.radio(key="url-page").set_value("timeline").run()
    assert not at.exception
    assert param(at, "page") == "timeline"
    at.query_params["page"] = "search"  # the stale tick: the URL before the click
    at.run()
    assert not at.exception
    assert at.radio(key="url-page").value == "timeline"
    assert param(at, "page") == "timeline"
    assert "Timeline" in texts(at)


def test_a_url_the_reader_changes_is_taken(monkeypatch: pytest.MonkeyPatch) -> None:
    """Only a URL the session has just left counts as stale: another one is the reader's."""
    at = run_app(monkeypatch, page="search", q="Kasahara")
    at.query_params["page"] = "sources"
    at.run()
    assert not at.exception
    assert at.radio(key="url-page").value == "sources"


def _map_without_theses(tmp_path: Path) -> str:
    """A map whose claims are written but none is marked a thesis yet."""
    import sys

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from generate import generate

    generate(tmp_path / "draft", claims=40)
    return str(tmp_path / "draft")


def test_a_map_without_theses_opens_on_its_first_section(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = run_app(monkeypatch, _map_without_theses(tmp_path))
    shown = texts(at)
    assert "No claim of this map is marked as a thesis yet" in shown
    assert "Showing the first section instead" in shown
    assert param(at, "view") == "section:s0"
    caption = next(str(c.value) for c in at.caption if "edges shown" in str(c.value))
    assert "Section 0" in caption and not re.search(r"\b0 nodes, 0 edges shown", caption), caption


def test_an_overview_the_reader_chose_stays_and_says_why_it_is_empty(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = run_app(monkeypatch, _map_without_theses(tmp_path), view="overview")
    shown = texts(at)
    assert "Choose a section under **View**" in shown
    assert param(at, "view") == "overview"


def test_the_chapter_still_opens_on_its_overview(monkeypatch: pytest.MonkeyPatch) -> None:
    at = run_app(monkeypatch)
    assert "No claim of this map is marked as a thesis" not in texts(at)
    assert param(at, "view") in ("", "overview")
