"""Page-independent parts of the app: problems, empty maps, projector type, navigation."""

from __future__ import annotations

import streamlit as st

from argmap.webapp import state
from argmap.webapp.component import page_behaviour
from argmap.webapp.data import Loaded
from argmap.webapp.text import md

PROJECTOR_CSS = """
<style>
html, body, [data-testid="stAppViewContainer"] { font-size: 22px; }
[data-testid="stMarkdownContainer"] p, [data-testid="stMarkdownContainer"] li,
[data-testid="stCaptionContainer"], .stButton button p, label p { font-size: 1.25rem !important; }
.argmap-claim-text { font-size: 1.3rem !important; }
.stButton button { min-height: 3rem; }
</style>
"""

BASE_CSS = """
<style>
.block-container { padding: 3.75rem 1.5rem 2rem 1.5rem; }
div:has(> .st-key-map-panel-box), div:has(> .st-key-walk-panel-box),
.st-key-map-panel-box, .st-key-walk-panel-box {
  height: clamp(360px, calc(100vh - 150px), 1000px) !important; }
.argmap-claim-text { font-size: 1.2rem; font-weight: 600; line-height: 1.45;
  margin: 0.2rem 0 0.6rem 0; }
.stButton button p { text-align: left; }
/* Streamlit's caption grey is under 4.5:1 on white and on the sidebar (WCAG 1.4.3).
   Body colour at 80% opacity keeps captions quieter yet above 4.5:1, in light and
   dark themes alike. */
[data-testid="stCaptionContainer"] { color: inherit; opacity: 0.8; }
</style>
"""


def show_problems(loaded: Loaded) -> None:
    """The map did not load: list every problem as file:line:col: message (hint)."""
    st.title("The map has problems")
    st.error(f"{len(loaded.problems)} problem(s) stop the map in `{loaded.folder}` from "
             "loading. Fix them in the YAML files and reload this page.")
    lines = "\n".join(str(p) for p in loaded.problems)
    st.code(lines, language=None, wrap_lines=True)


def show_load_error(loaded: Loaded) -> None:
    st.title("No map to show")
    st.error(md(loaded.error or "The map could not be loaded."))
    st.markdown("Set `ARGMAP_CORPUS` to a folder of YAML files (see `docs/format.md`).")


def show_empty(loaded: Loaded) -> None:
    st.title("This map is empty")
    st.info(f"The folder `{loaded.folder}` holds no claims yet. Add a works file and a "
            "claims file (see `docs/format.md`), save, and reload this page.")


def page_css(projector: bool) -> None:
    st.markdown(BASE_CSS + (PROJECTOR_CSS if projector else ""), unsafe_allow_html=True)


WORK_PARAMS = ("claim", "view", "section", "para", "event", "q", "schools", "colour", "crux_a",
               "crux_b")
"""What belongs to one work: a claim, view or place in its text means nothing in another."""


def choose_work(loaded: Loaded) -> Loaded:
    """With several works, a selector in the sidebar (?work=ID); every page then shows
    that work alone, under its own ids. One work: the corpus as it is."""
    works = loaded.corpus.works
    if len(works) <= 1:
        return loaded
    ids = list(works)
    current = state.get("work", ids[0])
    if current not in works:
        current = ids[0]
    st.session_state["url-work"] = current

    def _switch() -> None:
        state.put(work=str(st.session_state.get("url-work") or ""),
                  **dict.fromkeys(WORK_PARAMS))

    with st.sidebar:
        st.selectbox("Work", ids, key="url-work", on_change=_switch,
                     format_func=lambda w: works[w].title,
                     help="This corpus holds several works; each is shown on its own.")
    return loaded.for_work(current)


def sidebar(loaded: Loaded) -> str:
    """Navigation and global toggles; returns the page to show."""
    with st.sidebar:
        work = next(iter(loaded.corpus.works.values()), None)
        st.markdown("## argmap")
        if work is not None:
            authors = ", ".join(f"{a.given or ''} {a.family or a.literal or ''}".strip()
                                for a in work.author)
            st.caption(f"*{md(work.title)}*" + (f" — {md(authors)}" if authors else ""))
        chosen = state.synced_radio("Page", list(state.PAGES), "page", state.DEFAULT_PAGE,
                                    labels=state.PAGES)
        state.synced_toggle("Projector (large type)", "projector")
        if work is not None:
            from argmap.webapp.export import download_buttons

            download_buttons(loaded.corpus, work.id)
        st.caption("The address bar holds the page, view and selected claim: copy it to "
                   "share this exact view.")
        page_behaviour(chosen, walk=chosen == "walkthrough")
    return chosen
