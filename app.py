"""argmap seminar app: a thin Streamlit shell over src/argmap/webapp.

Run with `streamlit run app.py`; the map folder is $ARGMAP_CORPUS (default
`arguments`, relative to this file's folder).
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from argmap.webapp import (
    map_page,
    schools_page,
    search_page,
    seminar_page,
    shell,
    sources_page,
    state,
    timeline_page,
    walkthrough_page,
)
from argmap.webapp.data import corpus_folder, load

st.set_page_config(page_title="argmap — seminar", page_icon="🗺️", layout="wide")

loaded = load(corpus_folder(Path(__file__).resolve().parent))
shell.page_css(state.projector())
if loaded.problems:
    shell.show_problems(loaded)
elif loaded.graph is None:
    shell.show_load_error(loaded)
elif not loaded.corpus.claims:
    shell.show_empty(loaded)
else:
    PAGES = {
        "map": map_page.page,
        "walkthrough": walkthrough_page.page,
        "schools": schools_page.page,
        "sources": sources_page.page,
        "timeline": timeline_page.page,
        "search": search_page.page,
        "seminar": seminar_page.page,
    }
    loaded = shell.choose_work(loaded)
    PAGES[shell.sidebar(loaded)](loaded)
