"""argmap seminar app: a thin Streamlit shell over src/argmap/webapp.

Run with `streamlit run app.py`; the map folder is $ARGMAP_CORPUS (default
`arguments`, relative to this file's folder).
"""

from __future__ import annotations

import importlib
from pathlib import Path

import streamlit as st

from argmap.webapp import shell, state
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
    loaded = shell.choose_work(loaded)
    # Each page's module (argmap.webapp.<page>_page) is imported when first shown:
    # the timeline's charts (Altair) and the seminar store (SQLAlchemy) cost 0.6 s
    # that the first map of a session need not wait for. Only a name of
    # state.PAGES is ever imported, whatever the address bar says.
    chosen = shell.sidebar(loaded)
    name = chosen if chosen in state.PAGES else state.DEFAULT_PAGE
    importlib.import_module(f"argmap.webapp.{name}_page").page(loaded)
