"""The Seminar page: students join with the code and a name, pick a claim, object,
support, ask, suggest a source and vote; the leader moderates, gives feedback,
sees participation and where the class stands beside the schools.

All the work is in :mod:`argmap.seminar`; this page only calls the store.  The
feed is a fragment that reruns every second, so a contribution posted in one
browser shows in the others within about a second without a reload.  Every
contributed text goes through :func:`~argmap.webapp.text.md` (escaped) or into a
dataframe cell, never through HTML.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import streamlit as st

from argmap.argumentation.gradual import school_strengths
from argmap.core.corpus import Corpus
from argmap.graph import ArgumentGraph
from argmap.seminar.audience import class_strengths
from argmap.seminar.db import database_url
from argmap.seminar.export import export
from argmap.seminar.mapnodes import MapContribution, from_items
from argmap.seminar.store import (
    KIND_LABEL,
    KINDS,
    MAX_CITATION,
    MAX_NAME,
    MAX_TEXT,
    Item,
    Leader,
    Seat,
    SeminarError,
    SeminarStore,
    Viewer,
    format_code,
)
from argmap.webapp import state
from argmap.webapp.data import Loaded
from argmap.webapp.map_page import claim_options
from argmap.webapp.panel import claim_panel
from argmap.webapp.text import cell, md

SEAT, LEADER, FLASH = "seminar-seat", "seminar-leader", "seminar-flash"
REFRESH = timedelta(seconds=1)
KIND_ICON = {"objection": "✗", "support": "✓", "question": "?", "source": "📚"}


@st.cache_resource(show_spinner=False)
def _store(url: str) -> SeminarStore:
    """One store (and connection pool) per server process and database."""
    return SeminarStore(url)


def store() -> SeminarStore:
    """The store for $ARGMAP_DATABASE_URL, else the SQLite file under $ARGMAP_DATA_DIR
    or .argmap-data in the folder the app runs from."""
    return _store(database_url(Path.cwd()))


def viewer() -> Viewer | None:
    who = st.session_state.get(LEADER) or st.session_state.get(SEAT)
    return who if isinstance(who, Seat | Leader) else None


def _act(action: Callable[[], object], done: str = "") -> None:
    """Run a store action from a callback; a refusal is shown on the next run."""
    try:
        action()
        if done:
            st.session_state[FLASH] = ("ok", done)
    except SeminarError as exc:
        st.session_state[FLASH] = ("error", str(exc))


def _flash() -> None:
    message = st.session_state.pop(FLASH, None)
    if message:
        (st.success if message[0] == "ok" else st.error)(md(message[1]))


def lines(text: str) -> str:
    """Contributed text as escaped Markdown, its line breaks kept, and `&` as an entity
    so that an entity someone typed shows as typed."""
    return "  \n".join(md(line).replace("&", "&amp;") for line in text.splitlines()
                       if line.strip())


# --------------------------------------------------------------------------- entry


def _join() -> None:
    code = st.session_state.get("seminar-join-code", "")
    name = st.session_state.get("seminar-join-name", "")
    anonymous = bool(st.session_state.get("seminar-join-anon"))
    try:
        st.session_state[SEAT] = store().join(code, name, anonymous=anonymous)
        st.session_state.pop(LEADER, None)
    except SeminarError as exc:
        st.session_state[FLASH] = ("error", str(exc))


def _login() -> None:
    code = st.session_state.get("seminar-lead-code", "")
    key = st.session_state.get("seminar-lead-key", "")
    try:
        st.session_state[LEADER] = store().leader(code, key)
        st.session_state.pop(SEAT, None)
    except SeminarError as exc:
        st.session_state[FLASH] = ("error", str(exc))


def _open(corpus: Corpus) -> None:
    title = st.session_state.get("seminar-new-title", "")
    work = st.session_state.get("seminar-new-work") or next(iter(corpus.works))
    try:
        opened = store().open_seminar(work, title)
        st.session_state["seminar-opened"] = opened
        st.session_state[LEADER] = store().leader(opened.code, opened.leader_key)
        st.session_state.pop(SEAT, None)
    except SeminarError as exc:
        st.session_state[FLASH] = ("error", str(exc))


def _leave() -> None:
    for name in (SEAT, LEADER, "seminar-opened"):
        st.session_state.pop(name, None)


def entry(corpus: Corpus) -> None:
    st.title("Seminar")
    st.markdown("Argue back: object to a claim, support it, ask a question or suggest a source, "
                "and vote on how much each claim matters. Your leader gives you the join code.")
    _flash()
    student, leader = st.columns(2, gap="large")
    with student, st.form("seminar-join", border=True):
        st.subheader("Join as a student")
        st.text_input("Join code", key="seminar-join-code", value=state.get("seminar"),
                      placeholder="ABCDE-FGHJK")
        st.text_input("Display name", key="seminar-join-name", max_chars=MAX_NAME)
        st.checkbox("Anonymous to the other students (the leader still sees your name)",
                    key="seminar-join-anon")
        st.form_submit_button("Join", on_click=_join, type="primary")
    with leader:
        with st.form("seminar-lead", border=True):
            st.subheader("Leader")
            st.text_input("Join code", key="seminar-lead-code", value=state.get("seminar"))
            st.text_input("Leader key", key="seminar-lead-key", type="password")
            st.form_submit_button("Sign in as leader", on_click=_login)
        with st.form("seminar-new", border=True):
            st.subheader("Open a new seminar")
            st.text_input("Title", key="seminar-new-title", max_chars=200)
            works = list(corpus.works)
            st.selectbox("Work", works, key="seminar-new-work",
                         format_func=lambda w: corpus.works[w].title)
            st.form_submit_button("Open seminar", on_click=_open, args=(corpus,))


# --------------------------------------------------------------------------- posting


def _post(seat: Seat, claim: str) -> None:
    kind = st.session_state.get("seminar-post-kind", "objection")
    text = st.session_state.get("seminar-post-text", "")
    citation = st.session_state.get("seminar-post-cite", "")
    _act(lambda: store().post(seat, claim, kind, text, citation=citation or None),
         f"Posted your {KIND_LABEL[kind].lower()}.")


def post_form(seat: Seat, claim: str, closed: bool) -> None:
    if closed:
        st.info("The seminar is closed: you can read, not post or vote.")
        return
    with st.form("seminar-post", clear_on_submit=True, border=True):
        st.radio("Your contribution", list(KINDS), key="seminar-post-kind", horizontal=True,
                 format_func=lambda k: f"{KIND_ICON[k]} {KIND_LABEL[k]}")
        st.text_area("What do you want to say?", key="seminar-post-text", max_chars=MAX_TEXT,
                     placeholder="Plain text; it is shown exactly as you type it.")
        st.text_input("Citation (optional): author, title, page", key="seminar-post-cite",
                      max_chars=MAX_CITATION)
        st.form_submit_button("Post", on_click=_post, args=(seat, claim), type="primary")


def _vote(seat: Seat, target: str | int, key: str) -> None:
    value = st.session_state.get(key)
    if value is not None:
        _act(lambda: store().vote(seat, target, int(value)))


def vote_control(seat: Seat, target: str | int, current: int | None, key: str, label: str,
                 disabled: bool) -> None:
    if key not in st.session_state or st.session_state[key] is None:
        st.session_state[key] = current
    st.segmented_control(label, [0, 1, 2, 3, 4], key=key, on_change=_vote,
                         args=(seat, target, key), disabled=disabled)


def _edit(seat: Seat) -> None:
    number = st.session_state.get("seminar-edit-which")
    text = st.session_state.get("seminar-edit-text", "")
    if number is not None:
        _act(lambda: store().edit(seat, int(number), text), "Saved your edit.")


def own_edits(seat: Seat, items: list[Item], closed: bool) -> None:
    mine = {i.id: i for i in items if i.mine}
    if not mine or closed:
        return
    with st.expander("Edit one of your contributions"), st.form("seminar-edit", border=False):
        st.selectbox("Which", list(mine), key="seminar-edit-which",
                     format_func=lambda n: f"#{n} {KIND_LABEL[mine[n].kind]}: "
                                           f"{' '.join(mine[n].text.split())[:60]}")
        st.text_area("New text", key="seminar-edit-text", max_chars=MAX_TEXT)
        st.form_submit_button("Save edit", on_click=_edit, args=(seat,))


def _feedback(leader: Leader) -> None:
    number = st.session_state.get("seminar-fb-which")
    text = st.session_state.get("seminar-fb-text", "")
    if number is not None:
        _act(lambda: store().feedback(leader, int(number), text), "Feedback attached.")


def feedback_form(leader: Leader, items: list[Item]) -> None:
    if not items:
        return
    by_id = {i.id: i for i in items}
    with st.expander("Give feedback on a contribution"), st.form("seminar-fb", border=False,
                                                                    clear_on_submit=True):
        st.selectbox("Contribution", list(by_id), key="seminar-fb-which",
                     format_func=lambda n: f"#{n} {KIND_LABEL[by_id[n].kind]}: "
                                           f"{' '.join(by_id[n].text.split())[:60]}")
        st.text_area("Feedback", key="seminar-fb-text", max_chars=MAX_TEXT)
        st.form_submit_button("Attach feedback", on_click=_feedback, args=(leader,))


# --------------------------------------------------------------------------- the feed


def item_box(who: Viewer, item: Item, corpus: Corpus, closed: bool, depth: int) -> None:
    with st.container(border=True, key=f"seminar-item-{item.id}"):
        marks = [f"{KIND_ICON[item.kind]} **{KIND_LABEL[item.kind]}** #{item.id}",
                 md(item.author), f"{item.created_at:%H:%M:%S} UTC"]
        if depth:
            marks.insert(1, "reply")
        if item.claim in corpus.claims and depth == 0 and st.session_state.get("seminar-all"):
            marks.append("on " + md(corpus.claims[item.claim].heading))
        if item.pinned:
            marks.append(":orange-badge[pinned]")
        if item.kind == "question":
            marks.append(":green-badge[answered]" if item.answered else ":blue-badge[open question]")
        if item.status == "hidden":
            marks.append(":red-badge[hidden by the leader]")
        if item.vote_count:
            marks.append(f"impact {item.vote_mean or 0:.1f}/4 ({item.vote_count})")
        st.caption(" · ".join(marks))
        st.markdown(lines(item.text))
        if item.citation:
            st.caption("Source: " + md(item.citation))
        for note in item.feedback:
            st.info("Leader's feedback: " + md(note))
        if isinstance(who, Seat):
            cols = st.columns([3, 1])
            with cols[0]:
                if item.status == "visible":
                    vote_control(who, item.id, item.my_vote, f"seminar-v-{item.id}",
                                 "Impact (0–4)", closed)
            with cols[1]:
                if item.mine and not closed:
                    st.button("Withdraw", key=f"seminar-wd-{item.id}",
                              on_click=_act, args=(lambda: store().withdraw(who, item.id),))
        else:
            tools = st.columns(3)
            hide = store().restore if item.status == "hidden" else store().hide
            tools[0].button("Restore" if item.status == "hidden" else "Hide",
                           key=f"seminar-hide-{item.id}",
                           on_click=_act, args=(lambda: hide(who, item.id),))
            tools[1].button("Unpin" if item.pinned else "Pin", key=f"seminar-pin-{item.id}",
                           on_click=_act, args=(lambda: store().pin(who, item.id, not item.pinned),))
            if item.kind == "question":
                tools[2].button("Reopen question" if item.answered else "Mark answered",
                               key=f"seminar-ans-{item.id}", on_click=_act,
                               args=(lambda: store().mark_answered(who, item.id, not item.answered),))


def thread(who: Viewer, items: list[Item], corpus: Corpus, closed: bool) -> None:
    """Top-level contributions (pinned first), each with its replies beneath."""
    shown = {i.id for i in items}
    replies: dict[int, list[Item]] = {}
    top = []
    for item in items:
        if item.parent is not None and item.parent in shown:
            replies.setdefault(item.parent, []).append(item)
        else:
            top.append(item)
    top.sort(key=lambda i: (not i.pinned, -i.id))

    def show(item: Item, depth: int) -> None:
        item_box(who, item, corpus, closed, depth)
        for reply in replies.get(item.id, []):
            show(reply, depth + 1)

    for item in top:
        show(item, 0)


@st.fragment(run_every=REFRESH)
def feed(who: Viewer, claim: str, corpus: Corpus, closed: bool) -> None:
    """Reruns every second on its own, so new contributions arrive without a reload."""
    try:
        everything = st.session_state.get("seminar-all", False)
        items = store().feed(who, claim=None if everything else claim)
    except SeminarError as exc:
        st.error(md(str(exc)))
        return
    st.caption(f"{len(items)} contribution(s) {'in the seminar' if everything else 'on this claim'}"
               " · updates every second")
    if not items:
        st.markdown("Nothing yet. Be the first to object, support, ask or suggest a source.")
    thread(who, items, corpus, closed)


# --------------------------------------------------------------------------- leader views


def overview(leader: Leader, corpus: Corpus) -> None:
    view = store().overview(leader)
    st.subheader("Who contributed what")
    rows = [{"name": cell(p.name), "anonymous": p.anonymous,
             **{KIND_LABEL[k]: p.by_kind.get(k, 0) for k in KINDS},
             "votes": p.votes, "hidden": p.hidden, "withdrawn": p.withdrawn,
             "claims": len(p.claims)} for p in view.people]
    st.dataframe(rows, hide_index=True, width="stretch", key="seminar-people")
    st.subheader("Where the discussion concentrated")
    st.dataframe([{"claim": cell(corpus.claims[c].heading if c in corpus.claims else c),
                   "contributions": n, "votes": v} for c, n, v in view.claims],
                 hide_index=True, width="stretch", key="seminar-where")


def standing_rows(corpus: Corpus, votes: dict[str, Any]) -> list[dict[str, Any]]:
    """The class's strength beside each school's, for the claims the class voted on
    or discussed and the theses."""
    klass = class_strengths(corpus, votes)
    schools = {s: school_strengths(corpus, s) for s in corpus.schools}
    chosen = [c for c, claim in corpus.claims.items() if c in votes or claim.kind == "thesis"]
    rows = []
    for claim_id in chosen:
        row: dict[str, Any] = {"claim": cell(corpus.claims[claim_id].heading),
                               "votes": votes[claim_id].count if claim_id in votes else 0,
                               "This class": round(klass.strength[claim_id], 2)}
        for school, result in schools.items():
            row[corpus.schools[school].name] = round(result.strength[claim_id], 2)
        rows.append(row)
    rows.sort(key=lambda r: -int(r["votes"]))
    return rows


def standing(who: Viewer, corpus: Corpus) -> None:
    votes = store().claim_votes(who)
    st.markdown("The class's impact votes read as one more audience: a claim's mean vote "
                "(0–4) is its base score (0.1–0.9; no votes 0.5), and supports and attacks "
                "do the rest, exactly as for the schools.")
    rows = standing_rows(corpus, votes)
    config: dict[str, Any] = {
        name: st.column_config.ProgressColumn(cell(name.split()[0] if name != "This class" else name),
                                              min_value=0.0, max_value=1.0, format="%.2f")
        for name in ["This class", *(corpus.schools[s].name for s in corpus.schools)]
    }
    config["claim"] = st.column_config.TextColumn("Claim", width="large")
    st.dataframe(rows, hide_index=True, width="stretch", column_config=config,
                 key="seminar-standing")


def leader_tools(leader: Leader, corpus: Corpus, closed: bool) -> None:
    opened = st.session_state.get("seminar-opened")
    if opened is not None and opened.code == leader.code:
        st.warning(f"Leader key (shown once; keep it private): `{opened.leader_key}` · join code "
                   f"for students: **{format_code(opened.code)}**")
    if closed:
        st.button("Reopen the seminar", key="seminar-reopen",
                  on_click=_act, args=(lambda: store().reopen_seminar(leader), "Reopened."))
    else:
        st.button("Close the seminar (read-only)", key="seminar-close",
                  on_click=_act, args=(lambda: store().close_seminar(leader), "Closed."))
    st.button("Prepare the exports", key="seminar-export", on_click=_prepare, args=(leader, corpus),
              help="The report (Markdown), the data (JSON) and suggestions for the map's editor "
                   "(YAML), as they stand now")
    ready = st.session_state.get("seminar-exports")
    if ready and ready[0] == leader.code:
        cols = st.columns(3)
        for col, (fmt, mime) in zip(cols, [("md", "text/markdown"), ("json", "application/json"),
                                            ("yaml", "application/yaml")], strict=True):
            col.download_button(f"Export {fmt}", ready[1][fmt], file_name=f"seminar-{leader.code}.{fmt}",
                                mime=mime, key=f"seminar-export-{fmt}", on_click="ignore")


def _prepare(leader: Leader, corpus: Corpus) -> None:
    """Exports are made on request, not on every rerun of the leader's page."""
    st.session_state["seminar-exports"] = (
        leader.code, {fmt: export(store(), leader, corpus, fmt) for fmt in ("md", "json", "yaml")})


def map_contributions() -> tuple[MapContribution, ...] | None:
    """The contributions the map draws for whoever joined a seminar in this browser
    session (the same viewer and feed as :func:`panel_section`); None when nobody
    has, which costs no query."""
    who = viewer()
    if who is None:
        return None
    try:
        return from_items(store().feed(who))
    except SeminarError:
        return ()


def map_version() -> tuple[object, ...] | None:
    """What :func:`map_contributions` would read changes when this does (one small
    query); None when nobody joined in this browser session or the store failed."""
    who = viewer()
    if who is None:
        return None
    try:
        return store().feed_version(who)
    except SeminarError:
        return None


def panel_section(claim: str) -> None:
    """In the claim panel of the other pages: what the seminar said on this claim, for
    whoever has joined one in this browser session (nothing otherwise, and no query)."""
    who = viewer()
    if who is None:
        return
    try:
        items = store().feed(who, claim=claim)
    except SeminarError:
        return
    items = [i for i in items if i.status == "visible"]
    items.sort(key=lambda i: (not i.pinned, -(i.vote_mean or -1.0), i.id))
    st.markdown(f"**In the seminar** ({len(items)})")
    for item in items[:5]:
        st.markdown(f"- {KIND_ICON[item.kind]} {KIND_LABEL[item.kind]}, {md(item.author)}: "
                    f"{md(item.text).replace('&', '&amp;')}")
    if len(items) > 5:
        st.caption(f"and {len(items) - 5} more on the Seminar page")


# --------------------------------------------------------------------------- page


def page(loaded: Loaded) -> None:
    graph: ArgumentGraph = loaded.graph  # type: ignore[assignment]
    corpus = loaded.corpus
    who = viewer()
    if who is None:
        entry(corpus)
        return
    try:
        info = store().info(who.code)
    except SeminarError as exc:
        st.error(md(str(exc)))
        _leave()
        return
    st.title(f"Seminar: {md(info.title)}")
    role = ("leader" if isinstance(who, Leader)
            else f"{md(who.name)}{' (anonymous to the class)' if who.anonymous else ''}")
    head = st.columns([4, 1])
    head[0].caption(f"Join code **{format_code(info.code)}** · {info.participants} participant(s) · "
                    f"{'closed (read-only)' if info.closed else 'open'} · you: {role}")
    head[1].button("Leave", key="seminar-leave", on_click=_leave)
    _flash()
    claims = list(corpus.claims)
    default = next((c for c, cl in corpus.claims.items() if cl.kind == "thesis"), claims[0])
    claim = state.synced_selectbox("Claim", claims, "claim", default,
                                   labels=claim_options(graph))
    tabs = (["Discussion", "Where this class stands", "Participation", "Leader"]
            if isinstance(who, Leader) else ["Discussion", "Where this class stands"])
    shown = st.tabs(tabs)
    with shown[0]:
        left, right = st.columns([3, 2], gap="large")
        with left:
            st.markdown(f"**{md(corpus.claims[claim].heading)}**")
            st.markdown(md(corpus.claims[claim].text))
            if isinstance(who, Seat):
                vote_control(who, claim, store().my_claim_votes(who).get(claim),
                             f"seminar-cv-{claim}", "Your vote: how much does this claim matter? (0–4)",
                             info.closed)
                post_form(who, claim, info.closed)
            st.toggle("Show the whole seminar, not just this claim", key="seminar-all")
            feed(who, claim, corpus, info.closed)
            items = store().feed(who)
            if isinstance(who, Seat):
                own_edits(who, items, info.closed)
            else:
                feedback_form(who, items)
        with right, st.expander("The claim in the map", expanded=True):
            claim_panel(graph, claim, key="seminar-panel")
    with shown[1]:
        standing(who, corpus)
    if isinstance(who, Leader):
        with shown[2]:
            overview(who, corpus)
        with shown[3]:
            leader_tools(who, corpus, info.closed)
