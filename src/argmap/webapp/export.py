"""Sidebar downloads of the shown work as AIF, Argdown and GraphML (argmap.interchange).

Each file is made only when its button is clicked (a callable as the button's data),
from the corpus already loaded; the click does not rerun the page.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from argmap.core.corpus import Corpus
from argmap.interchange.formats import MIME, SUFFIX, export
from argmap.interchange.work import work_view

DOWNLOADS = (("aif", "AIF (JSON)"), ("argdown", "Argdown"), ("graphml", "GraphML"))


def _maker(corpus: Corpus, work: str, fmt: str) -> Callable[[], bytes]:
    def make() -> bytes:
        return export(work_view(corpus, work), fmt)

    return make


def download_buttons(corpus: Corpus, work: str) -> None:
    """One download button per format for ``work``, in a collapsed expander."""
    with st.expander("Take the map out"):
        st.caption("This work as a file for AIFdb/OVA, the Argdown tools, or Gephi/yEd.")
        for fmt, label in DOWNLOADS:
            st.download_button(label, data=_maker(corpus, work, fmt),
                               file_name=f"{work}{SUFFIX[fmt]}", mime=MIME[fmt],
                               key=f"download-{fmt}", on_click="ignore")
