"""The clickable map: a server-rendered SVG in a Streamlit v2 component.

The SVG comes from argmap.drawing.render; the component's JavaScript (static/map.js)
makes every node focusable (tabindex, role=button), reports a click or Enter
on a node as the trigger value `clicked`, highlights the selection without a
page reload, and pans and zooms through the SVG viewBox.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import streamlit as st

STATIC = Path(__file__).parent / "static"
_JS = (STATIC / "map.js").read_text(encoding="utf-8")
_CSS = (STATIC / "map.css").read_text(encoding="utf-8")

_mount = st.components.v2.component("argmap_map", js=_JS, css=_CSS)
_page_mount = st.components.v2.component(
    "argmap_page", js=(STATIC / "page.js").read_text(encoding="utf-8"))


def page_behaviour(page: str, *, walk: bool = False) -> None:
    """Start each page at the top (Streamlit keeps the old scroll position), and in
    the Walkthrough (`walk`) let the Left/Right arrow keys step through paragraphs."""
    _page_mount(key="argmap-page", data={"page": page, "walk": walk})


_DIGESTS: dict[int, tuple[bytes | str, str]] = {}
"""The digest of each drawn SVG, by the identity of its (cached, immutable) object:
hashing a 600-node section's 1.5 MB again on every click cost 3 ms of it. Each
entry keeps its drawing alive, so only the last _DIGESTS_KEPT are kept (a miss
costs one hash)."""
_DIGESTS_KEPT = 8
_DIGESTS_LOCK = threading.Lock()  # every session's script runs in its own thread


def _digest(svg: bytes | str) -> str:
    kept = _DIGESTS.get(id(svg))
    if kept is not None and kept[0] is svg:
        return kept[1]
    data = svg.encode("utf-8") if isinstance(svg, str) else svg
    digest = hashlib.sha1(data).hexdigest()[:16]
    with _DIGESTS_LOCK:
        if len(_DIGESTS) >= _DIGESTS_KEPT:
            _DIGESTS.pop(next(iter(_DIGESTS)), None)
        _DIGESTS[id(svg)] = (svg, digest)  # the entry keeps the object: its id stays its own
    return digest


def clickable_map(svg: bytes | str, *, key: str, selected: str = "", focus: str = "",
                  height: int = 640, fit: bool = False, group: tuple[str, ...] = (),
                  projector: bool = False,
                  labels: dict[str, str] | Callable[[], dict[str, str]] | None = None,
                  exact: bool = False, targets: dict[str, str] | None = None,
                  on_click: Callable[[str], None] | None = None) -> str | None:
    """Show the SVG; return the node id clicked in this run (or None).

    The first view is at a readable scale (node text at about 13 px, 19 px with
    `projector`), showing the `group` or the whole map when they fit at that
    scale, else centred on `selected` or `focus`. `labels` are the nodes'
    accessible names (id -> text), sent with the SVG (a function giving them is
    called only then, not on the clicks that do not resend it). With `exact` the focus is
    centred exactly; otherwise the view may shift so the stage is not half empty. `fit` is kept for callers
    but no longer shrinks a large map below the readable scale.
    `targets` maps the SVG ids of nodes that are not corpus nodes (a seminar's
    contributions) to the corpus id a click on them selects.
    `on_click` is called with the clicked node's corpus id before the rerun
    that follows the click, so it can update the URL state first.
    """
    digest = _digest(svg) + f"-{height}"
    sent_key = f"{key}--svg-sent"
    # A click reruns the page; re-sending an unchanged ~250 KB SVG each time was
    # most of the click latency. The browser keeps the SVG it has; if it lacks it
    # (the component was remounted), it asks again through the `missing` trigger.
    resend = st.session_state.get(sent_key) != digest
    st.session_state[sent_key] = digest

    def _changed() -> None:
        value = _clicked(st.session_state.get(key))
        if value and on_click is not None:
            on_click(value)

    def _missing() -> None:
        st.session_state.pop(sent_key, None)

    # The dicts and the list go as JSON text: Streamlit inspects every dict or list it
    # is given for a dataframe, which took 35 ms on a map's 300 labels, each page load.
    text = (svg.decode("utf-8") if isinstance(svg, bytes) else svg) if resend else None
    names = (labels() if callable(labels) else labels) if resend else None
    result = _mount(
        key=key,
        data={"svg": text, "hash": digest, "selected": selected,
              "labels": json.dumps(names or {}) if resend else "{}",
              "targets": json.dumps(targets or {}) if resend else "{}",
              "focus": focus, "exact": exact, "group": json.dumps(list(group)),
              "zoom": "fit" if fit else "readable", "height": height, "projector": projector},
        on_clicked_change=_changed,
        on_missing_change=_missing,
    )
    return _clicked(result)


def _clicked(result: Any) -> str | None:
    if result is None:
        return None
    value = result.get("clicked") if isinstance(result, dict) else getattr(result, "clicked", None)
    return str(value) if value else None
