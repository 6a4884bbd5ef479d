"""The Seminar page through Streamlit's AppTest (no browser): joining, posting,
anonymity, the leader's sign-in, and contributed text shown as text."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from argmap.seminar.store import SeminarStore
from tests.hostile import PAYLOAD
from tests.test_app import run_app, texts

CLAIM = "rise-thesis"


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> SeminarStore:
    monkeypatch.delenv("ARGMAP_DATABASE_URL", raising=False)
    monkeypatch.setenv("ARGMAP_DATA_DIR", str(tmp_path / "data"))
    return SeminarStore()


def _join(at: AppTest, code: str, name: str, anonymous: bool = False) -> AppTest:
    at.text_input(key="seminar-join-code").input(code)
    at.text_input(key="seminar-join-name").input(name)
    if anonymous:
        at.checkbox(key="seminar-join-anon").check()
    at.button(key="FormSubmitter:seminar-join-Join").click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_a_student_joins_posts_and_sees_text_as_text(monkeypatch: pytest.MonkeyPatch,
                                                     store: SeminarStore) -> None:
    opened = store.open_seminar("harris-stalin", "Week 5")
    ann = store.join(opened.code, "Zoë Hidden", anonymous=True)
    store.post(ann, CLAIM, "objection", f"{PAYLOAD} from Ann", citation=f"{PAYLOAD} cited")
    at = _join(run_app(monkeypatch, page="seminar", claim=CLAIM), opened.code, "Bob")
    shown = texts(at)
    assert "you: Bob" in shown
    assert "Zoë Hidden" not in shown and "Anonymous student" in shown
    body = next(m.value for m in at.markdown if "from Ann" in m.value)
    # every character Markdown or HTML would act on reaches st.markdown escaped
    assert "\\<script\\>alert(1)\\</script\\>" in body and "\\*\\*bold\\*\\*" in body
    assert "&amp;amp; &amp;lt;" in body and "\\$\\\\color" in body
    assert "<script>" not in body.replace("\\<script\\>", "")
    at.text_area(key="seminar-post-text").input("Bob's question about 1937")
    at.radio(key="seminar-post-kind").set_value("question")
    at.button(key="FormSubmitter:seminar-post-Post").click().run()
    assert "Posted your question." in [s.value for s in at.success]
    (item,) = [i for i in store.feed(store.admin(opened.code)) if i.kind == "question"]
    assert item.text == "Bob's question about 1937" and item.author == "Bob"
    # the claim panel of the map page shows the seminar's contributions on the claim
    at.query_params["page"] = "map"
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert "**In the seminar** (2)" in texts(at) and "Bob's question about 1937" in texts(at)


def test_the_claim_panel_says_nothing_of_seminars_to_whoever_has_not_joined(
        monkeypatch: pytest.MonkeyPatch, store: SeminarStore) -> None:
    opened = store.open_seminar("harris-stalin", "Week 5")
    store.post(store.join(opened.code, "Ann"), CLAIM, "objection", "Only for the seminar")
    shown = texts(run_app(monkeypatch, page="map", claim=CLAIM))
    assert "In the seminar" not in shown and "Only for the seminar" not in shown


def test_the_leader_signs_in_with_the_key_only(monkeypatch: pytest.MonkeyPatch,
                                               store: SeminarStore) -> None:
    opened = store.open_seminar("harris-stalin", "Week 5")
    other = store.open_seminar("harris-stalin", "Another seminar")
    seat = store.join(opened.code, "Zoë Named", anonymous=True)
    store.post(seat, CLAIM, "question", "Visible to the leader with the name")
    at = run_app(monkeypatch, page="seminar", claim=CLAIM)
    at.text_input(key="seminar-lead-code").input(opened.code)
    at.text_input(key="seminar-lead-key").input(other.leader_key)
    at.button(key="FormSubmitter:seminar-lead-Sign in as leader").click().run()
    assert "do not match" in texts(at) and "you: leader" not in texts(at)
    at.text_input(key="seminar-lead-key").input(opened.leader_key)
    at.button(key="FormSubmitter:seminar-lead-Sign in as leader").click().run()
    shown = texts(at)
    assert "you: leader" in shown and "Zoë Named (anonymous to the class)" in shown
    assert "Visible to the leader with the name" in shown
    keys = {b.key for b in at.button}
    (item,) = store.feed(store.admin(opened.code))
    assert {f"seminar-hide-{item.id}", f"seminar-pin-{item.id}", f"seminar-ans-{item.id}"} <= keys
    at.button(key=f"seminar-ans-{item.id}").click().run()
    assert store.feed(store.admin(opened.code))[0].answered
