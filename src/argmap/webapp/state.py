"""The app's state in the URL: which page, view, claim, filters.

Everything a seminar leader might paste into a chat lives in query parameters,
so a link reopens the same page, view and selected claim:

    ?page=map&view=section:rise-of-stalin&claim=rise-kasahara-confirmed-fears

Widgets are not bound to the URL directly; they are seeded from it on every
run and write back to it in their callbacks, so clicks in the map, buttons in
the claim panel and the widgets all go through the same few functions here.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import Any

import streamlit as st

from argmap.webapp.text import md

PAGES: dict[str, str] = {
    "map": "Map",
    "walkthrough": "Walkthrough",
    "schools": "Schools",
    "sources": "Sources",
    "timeline": "Timeline",
    "search": "Search",
    "seminar": "Seminar",
}
DEFAULT_PAGE = "map"
DEFAULT_VIEW = "overview"


MIRROR = "_argmap-url"
"""Session key: the URL as this session last left it (a dict of parameters)."""
LEFT = "_argmap-url-left"
"""Session key: URLs this session moved away from, with the monotonic time it left them."""
STALE_WITHIN = 10.0
"""Seconds during which a URL the session has just left counts as stale, not as a choice."""


def _query() -> dict[str, str]:
    return {name: str(st.query_params.get(name) or "") for name in st.query_params}


def _history_navigation() -> bool:
    """Whether this run is the browser's back/forward button (then the URL it
    restores is the user's choice). Streamlit keeps this on its private run
    context; without it, no run counts as history navigation."""
    try:
        from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

        ctx = get_script_run_ctx(suppress_warning=True)
    except ImportError:  # pragma: no cover - a Streamlit that moved its internals
        return False
    return bool(getattr(ctx, "is_history_navigation", False))


def heal() -> None:
    """Undo a stale URL that Streamlit's own timers carried back.

    Every Streamlit run, a fragment's timed rerun included, takes the query string
    the browser had when it sent the request. The Seminar page's feed reruns every
    second, so a tick sent just before the browser heard of our last change (a click
    on "Map" wrote page=map) brings back the URL that change replaced; when that
    tick is merged into a full rerun, the page flips back, and the click looks lost.
    So the session keeps its own copy of the URL: a URL it left within the last
    few seconds is put right again, while anything else that differs (a link, an
    edited address, the back button) is the user's and is taken as it comes.
    """
    now = _query()
    mirror = st.session_state.get(MIRROR)
    if mirror == now:
        return
    if mirror is not None and not _history_navigation():
        clock = time.monotonic()
        left = [(url, when) for url, when in st.session_state.get(LEFT, [])
                if clock - when < STALE_WITHIN]
        st.session_state[LEFT] = left
        if any(url == now for url, _ in left):
            st.query_params.from_dict(mirror)
            return
    st.session_state[MIRROR] = now


def get(name: str, default: str = "") -> str:
    """A query parameter's value (the last one if repeated)."""
    heal()
    value = st.query_params.get(name)
    return value if value else default


def put(**params: str | None) -> None:
    """Set (or, with None or "", remove) query parameters."""
    heal()
    before = _query()
    for name, value in params.items():
        if value:
            if st.query_params.get(name) != value:
                st.query_params[name] = value
        elif name in st.query_params:
            del st.query_params[name]
    after = _query()
    if after != before:
        st.session_state[LEFT] = [*st.session_state.get(LEFT, [])[-7:],
                                  (before, time.monotonic())]
        st.session_state[MIRROR] = after


def page() -> str:
    current = get("page", DEFAULT_PAGE)
    return current if current in PAGES else DEFAULT_PAGE


def view() -> str:
    return get("view", DEFAULT_VIEW)


def selected() -> str:
    return get("claim")


def select_node(node_id: str, *, go_to: str | None = None, view_spec: str | None = None) -> None:
    """Select a claim (or evidence, note, source); optionally switch page or view."""
    put(claim=node_id)
    if go_to is not None:
        put(page=go_to)
    if view_spec is not None:
        put(view=view_spec)


def projector() -> bool:
    return get("projector") == "1"


def _widget_key(param: str) -> str:
    return f"url-{param}"


def _copy_to_url(param: str, default: str) -> None:
    value = st.session_state.get(_widget_key(param))
    text = "" if value is None else str(value)
    if isinstance(value, bool):
        text = "1" if value else ""
    put(**{param: None if text == default else text})


def synced_selectbox(label: str, options: Sequence[str], param: str, default: str,
                     labels: dict[str, str] | None = None, **kwargs: Any) -> str:
    """A selectbox whose value is the query parameter `param`."""
    current = get(param, default)
    if current not in options:
        current = default if default in options else options[0]
    st.session_state[_widget_key(param)] = current
    names = labels or {}
    value = st.selectbox(
        label, list(options), key=_widget_key(param),
        format_func=lambda o: names.get(o, o),
        on_change=_copy_to_url, args=(param, default), **kwargs,
    )
    return str(value)


def synced_radio(label: str, options: Sequence[str], param: str, default: str,
                 labels: dict[str, str] | None = None, **kwargs: Any) -> str:
    """A radio whose value is the query parameter `param`."""
    current = get(param, default)
    if current not in options:
        current = default
    st.session_state[_widget_key(param)] = current
    names = labels or {}
    value = st.radio(  # radio options render Markdown: escape map text shown in them
        label, list(options), key=_widget_key(param),
        format_func=lambda o: md(str(names.get(o, o))),
        on_change=_copy_to_url, args=(param, default), **kwargs,
    )
    return str(value)


def synced_toggle(label: str, param: str, *, default: bool = False, **kwargs: Any) -> bool:
    """A toggle stored as param=1 in the URL (param=0 when it is on by `default` and
    turned off; the default itself leaves the URL clean)."""
    st.session_state[_widget_key(param)] = get(param, "1" if default else "0") == "1"
    value = st.toggle(label, key=_widget_key(param), on_change=_copy_toggle,
                      args=(param, default), **kwargs)
    return bool(value)


def _copy_toggle(param: str, default: bool) -> None:
    value = bool(st.session_state.get(_widget_key(param)))
    put(**{param: None if value == default else ("1" if value else "0")})


def synced_text(label: str, param: str, **kwargs: Any) -> str:
    st.session_state[_widget_key(param)] = get(param)
    value = st.text_input(label, key=_widget_key(param), on_change=_copy_to_url,
                          args=(param, ""), **kwargs)
    return str(value or "")


def synced_multiselect(label: str, options: Sequence[str], param: str, default: Sequence[str],
                       labels: dict[str, str] | None = None, **kwargs: Any) -> list[str]:
    """A multiselect stored comma-separated in the URL."""
    raw = get(param)
    chosen = [o for o in raw.split(",") if o in options] if raw else list(default)
    st.session_state[_widget_key(param)] = chosen
    names = labels or {}

    def _copy() -> None:
        values = st.session_state.get(_widget_key(param)) or []
        text = ",".join(values)
        put(**{param: None if list(values) == list(default) else text})

    value = st.multiselect(label, list(options), key=_widget_key(param),
                           format_func=lambda o: names.get(o, o), on_change=_copy, **kwargs)
    return [str(v) for v in value]
