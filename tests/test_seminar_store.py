"""The seminar store on a real SQLite file and a real PostgreSQL server: who may do
what, limits, moderation, the feed, concurrency, restarts, the class's strengths."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect, text

from argmap.seminar.db import normalise_url
from argmap.seminar.store import (
    CODE_ALPHABET,
    CODE_LENGTH,
    MAX_TEXT,
    RateLimited,
    RateLimits,
    SeminarError,
    SeminarStore,
    normalise_code,
)
from tests.seminar_db import postgres_url, store_url  # noqa: F401  (fixtures)

CLAIM = "rise-thesis"


@pytest.fixture
def store(store_url: str) -> Iterator[SeminarStore]:  # noqa: F811
    made = SeminarStore(store_url)
    yield made
    made.close()


def test_codes_are_random_and_keys_are_stored_hashed(store: SeminarStore) -> None:
    a, b = store.open_seminar("w", "A"), store.open_seminar("w", "B")
    assert a.code != b.code and a.leader_key != b.leader_key
    assert len(a.code) == CODE_LENGTH and set(a.code) <= set(CODE_ALPHABET)
    assert a.leader_key not in a.code
    with store.engine.connect() as conn:
        rows = conn.execute(text("SELECT code, leader_hash, leader_salt FROM seminars")).all()
    for _, digest, salt in rows:
        assert a.leader_key.encode() not in bytes(digest) and len(bytes(salt)) == 16
    assert store.leader(a.code, a.leader_key).code == a.code
    with pytest.raises(SeminarError, match="do not match"):
        store.leader(a.code, b.leader_key)
    with pytest.raises(SeminarError, match="do not match"):
        store.leader("NOSUCHCODE", a.leader_key)
    # typed loosely, the code still works
    assert store.join(a.code[:5].lower() + "-" + a.code[5:], "Ann").code == a.code
    assert normalise_code(" ab-cd ") == "ABCD"


def test_seminars_do_not_see_each_other(store: SeminarStore) -> None:
    a, b = store.open_seminar("w", "A"), store.open_seminar("w", "B")
    ann, bob = store.join(a.code, "Ann"), store.join(b.code, "Bob")
    in_a = store.post(ann, CLAIM, "objection", "only in A")
    store.post(bob, CLAIM, "question", "only in B")
    assert [i.text for i in store.feed(bob)] == ["only in B"]
    assert [i.text for i in store.feed(store.leader(b.code, b.leader_key))] == ["only in B"]
    with pytest.raises(SeminarError, match="no contribution"):
        store.vote(bob, in_a, 4)
    with pytest.raises(SeminarError, match="no contribution"):
        store.hide(store.leader(b.code, b.leader_key), in_a)
    with pytest.raises(SeminarError, match="no contribution"):
        store.post(bob, CLAIM, "support", "reply across seminars", parent=in_a)


def test_students_edit_and_withdraw_only_their_own(store: SeminarStore) -> None:
    opened = store.open_seminar("w", "S")
    ann, bob = store.join(opened.code, "Ann"), store.join(opened.code, "Bob")
    mine = store.post(ann, CLAIM, "objection", "first words", citation="Conquest, p. 4")
    with pytest.raises(SeminarError, match="only your own"):
        store.edit(bob, mine, "hijacked")
    with pytest.raises(SeminarError, match="only your own"):
        store.withdraw(bob, mine)
    store.edit(ann, mine, "second words", citation=None)
    (item,) = store.feed(bob)
    assert (item.text, item.citation, item.mine, item.author) == ("second words", None, False, "Ann")
    store.withdraw(ann, mine)
    assert store.feed(bob) == [] and store.feed(ann) == []
    forged = type(ann)(ann.code, ann.participant, ann.name, ann.anonymous, "not-the-token")
    with pytest.raises(SeminarError, match="not known"):
        store.post(forged, CLAIM, "objection", "x")


def test_anonymous_names_are_hidden_from_students_not_from_the_leader(store: SeminarStore) -> None:
    opened = store.open_seminar("w", "S")
    leader = store.leader(opened.code, opened.leader_key)
    anon, bob = store.join(opened.code, "Zoë Secret", anonymous=True), store.join(opened.code, "Bob")
    store.post(anon, CLAIM, "question", "why 1928?")
    assert "Zoë" not in store.feed(bob)[0].author and store.feed(bob)[0].participant is None
    assert store.feed(anon)[0].author.endswith("(you)")
    assert "Zoë Secret" in store.feed(leader)[0].author


def test_votes_replace_and_stay_in_range(store: SeminarStore) -> None:
    opened = store.open_seminar("w", "S")
    leader = store.leader(opened.code, opened.leader_key)
    seats = [store.join(opened.code, f"S{i}") for i in range(3)]
    post = store.post(seats[0], CLAIM, "support", "yes")
    for seat, value in zip(seats, (0, 4, 2), strict=True):
        store.vote(seat, CLAIM, value)
        store.vote(seat, post, value)
    store.vote(seats[0], CLAIM, 3)  # replaces the 0
    tally = store.claim_votes(leader)[CLAIM]
    assert (tally.count, tally.mean) == (3, pytest.approx(3.0))
    (item,) = store.feed(seats[1])
    assert (item.vote_count, item.vote_mean, item.my_vote) == (3, pytest.approx(2.0), 4)
    assert store.my_claim_votes(seats[0]) == {CLAIM: 3}
    for bad in (-1, 5):
        with pytest.raises(SeminarError, match="0 to 4"):
            store.vote(seats[0], CLAIM, bad)


def test_moderation_hide_restore_answer_pin_feedback_overview(store: SeminarStore) -> None:
    opened = store.open_seminar("w", "S")
    leader = store.leader(opened.code, opened.leader_key)
    ann, bob = store.join(opened.code, "Ann"), store.join(opened.code, "Bob")
    rude = store.post(ann, CLAIM, "objection", "rude")
    question = store.post(bob, "rise-other", "question", "what is a kulak?")
    good = store.post(bob, CLAIM, "support", "good", parent=None)
    store.hide(leader, rude)
    assert [i.id for i in store.feed(bob)] == [question, good]
    assert [(i.id, i.status) for i in store.feed(ann)] == [(rude, "hidden"), (question, "visible"),
                                                          (good, "visible")]
    store.restore(leader, rude)
    assert rude in [i.id for i in store.feed(bob)]
    store.mark_answered(leader, question)
    store.pin(leader, good)
    store.feedback(leader, good, "Well argued: cite the page.")
    items = {i.id: i for i in store.feed(bob)}
    assert items[question].answered and items[good].pinned
    assert items[good].feedback == ("Well argued: cite the page.",)
    view = store.overview(leader)
    people = {p.name: p for p in view.people}
    assert people["Bob"].by_kind == {"question": 1, "support": 1} and people["Ann"].posts == 1
    assert view.claims[0] == (CLAIM, 2, 0)
    assert [a for _, a, _ in store.events(leader)] == ["hide", "restore", "answer", "pin", "feedback"]


def test_the_feed_version_moves_with_every_change_the_feed_shows(store: SeminarStore) -> None:
    """An open map asks for it every two seconds and reads the feed only when it moved."""
    opened = store.open_seminar("w", "S")
    other = store.open_seminar("w", "Another")
    leader = store.leader(opened.code, opened.leader_key)
    ann, bob = store.join(opened.code, "Ann"), store.join(opened.code, "Bob")
    seen = [store.feed_version(ann)]
    assert store.feed_version(bob) == store.feed_version(leader) == seen[-1]

    def moved() -> bool:
        now = store.feed_version(bob)
        fresh = now not in seen
        seen.append(now)
        return fresh

    post = store.post(ann, CLAIM, "objection", "first")
    assert moved()
    assert not moved()  # nothing happened
    store.post(store.join(other.code, "Cleo"), CLAIM, "objection", "elsewhere")
    assert not moved()  # another seminar's post
    store.vote(bob, post, 3)
    assert moved()
    store.hide(leader, post)
    assert moved()
    store.edit(ann, post, "first, edited")
    assert moved()
    store.withdraw(ann, post)
    assert moved()


def test_a_closed_seminar_is_read_only_until_reopened(store: SeminarStore) -> None:
    opened = store.open_seminar("w", "S")
    leader = store.leader(opened.code, opened.leader_key)
    ann = store.join(opened.code, "Ann")
    post = store.post(ann, CLAIM, "objection", "before")
    store.close_seminar(leader)
    assert store.info(opened.code).closed
    for action in (lambda: store.post(ann, CLAIM, "objection", "after"),
                   lambda: store.vote(ann, CLAIM, 2), lambda: store.edit(ann, post, "changed")):
        with pytest.raises(SeminarError, match="closed"):
            action()
    assert [i.text for i in store.feed(ann)] == ["before"]
    store.reopen_seminar(leader)
    store.post(ann, CLAIM, "objection", "after")
    assert len(store.feed(ann)) == 2


def test_length_and_control_characters_are_refused(store: SeminarStore) -> None:
    opened = store.open_seminar("w", "S")
    ann = store.join(opened.code, "Ann")
    with pytest.raises(SeminarError, match=f"at most {MAX_TEXT}"):
        store.post(ann, CLAIM, "objection", "x" * (MAX_TEXT + 1))
    with pytest.raises(SeminarError, match="U\\+001B"):
        store.post(ann, CLAIM, "objection", "colour \x1b[31mred")
    with pytest.raises(SeminarError, match="empty"):
        store.post(ann, CLAIM, "objection", "   \n ")
    with pytest.raises(SeminarError, match="unknown kind"):
        store.post(ann, CLAIM, "rant", "x")
    with pytest.raises(SeminarError, match="display name"):
        store.join(opened.code, "n" * 41)
    ok = store.post(ann, CLAIM, "objection", "line one\r\nline two")
    assert store.feed(ann)[-1].text == "line one\nline two" and store.feed(ann)[-1].id == ok


def test_rate_limits_per_seat_over_a_sliding_window(store_url: str) -> None:  # noqa: F811
    now = [datetime(2026, 1, 1, 12, tzinfo=UTC)]
    store = SeminarStore(store_url, limits=RateLimits(posts=3, votes=2), clock=lambda: now[0])
    try:
        opened = store.open_seminar("w", "S")
        ann, bob = store.join(opened.code, "Ann"), store.join(opened.code, "Bob")
        for i in range(3):
            now[0] += timedelta(seconds=1)
            store.post(ann, CLAIM, "objection", f"p{i}")
        with pytest.raises(RateLimited, match="at most 3 posts"):
            store.post(ann, CLAIM, "objection", "one too many")
        store.post(bob, CLAIM, "objection", "Bob is not limited by Ann")
        store.vote(ann, CLAIM, 1)
        store.vote(ann, "other", 1)
        with pytest.raises(RateLimited, match="at most 2 votes"):
            store.vote(ann, "third", 1)
        now[0] += timedelta(seconds=61)
        store.post(ann, CLAIM, "objection", "a minute later")
        store.vote(ann, "third", 1)
        assert len([i for i in store.feed(ann) if i.mine]) == 4
    finally:
        store.close()


def test_feed_since_an_id_or_a_time(store: SeminarStore) -> None:
    opened = store.open_seminar("w", "S")
    leader = store.leader(opened.code, opened.leader_key)
    ann = store.join(opened.code, "Ann")
    first = store.post(ann, CLAIM, "objection", "one")
    mark = store.feed(ann)[-1].updated_at
    second = store.post(ann, CLAIM, "question", "two")
    assert [i.id for i in store.feed(ann, since_id=first)] == [second]
    assert [i.id for i in store.feed(ann, since=mark)] == [second]
    store.pin(leader, first)
    assert {i.id for i in store.feed(ann, since=mark)} == {first, second}
    assert [i.id for i in store.feed(ann, claim="elsewhere")] == []


def test_the_feed_shows_every_change_even_when_the_clock_stands_still(store_url: str) -> None:  # noqa: F811
    frozen = datetime(2026, 1, 1, 12, tzinfo=UTC)
    store = SeminarStore(store_url, clock=lambda: frozen)
    other = SeminarStore(store_url, clock=lambda: frozen)  # another app process
    try:
        opened = store.open_seminar("w", "S")
        ann = store.join(opened.code, "Ann")
        post = store.post(ann, CLAIM, "objection", "first")
        assert [i.text for i in store.feed(ann)] == ["first"]
        store.edit(ann, post, "second")
        assert [i.text for i in store.feed(ann)] == ["second"]
        other.post(ann, CLAIM, "question", "from the other process")
        assert [i.text for i in store.feed(ann)] == ["second", "from the other process"]
    finally:
        store.close()
        other.close()


def test_thirty_students_posting_at_once_lose_nothing(store: SeminarStore) -> None:
    opened = store.open_seminar("w", "Load")
    leader = store.leader(opened.code, opened.leader_key)
    seats = [store.join(opened.code, f"Student {i}") for i in range(30)]
    barrier = threading.Barrier(len(seats))
    failures: list[BaseException] = []

    def student(n: int) -> None:
        try:
            barrier.wait()
            for k in range(5):
                store.post(seats[n], CLAIM, "objection", f"s{n}-p{k}")
                store.vote(seats[n], CLAIM, (n + k) % 5)
        except BaseException as exc:
            failures.append(exc)

    threads = [threading.Thread(target=student, args=(n,)) for n in range(len(seats))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not failures, failures[:3]
    texts = sorted(i.text for i in store.feed(leader))
    assert texts == sorted(f"s{n}-p{k}" for n in range(30) for k in range(5))
    assert store.claim_votes(leader)[CLAIM].count == 30


def test_a_restarted_store_keeps_everything(store_url: str) -> None:  # noqa: F811
    first = SeminarStore(store_url)
    opened = first.open_seminar("w", "Restart")
    ann = first.join(opened.code, "Ann")
    post = first.post(ann, CLAIM, "objection", "kept")
    first.vote(ann, post, 3)
    first.feedback(first.leader(opened.code, opened.leader_key), post, "noted")
    first.close()
    again = SeminarStore(store_url)
    try:
        leader = again.leader(opened.code, opened.leader_key)
        (item,) = again.feed(leader)
        assert (item.text, item.vote_mean, item.feedback) == ("kept", 3.0, ("noted",))
        again.edit(ann, post, "still mine after the restart")
    finally:
        again.close()


def test_the_schema_comes_from_the_migrations(store: SeminarStore) -> None:
    tables = set(inspect(store.engine).get_table_names())
    assert {"seminars", "participants", "contributions", "votes", "feedback",
            "moderation_events", "argmap_seminar_version"} <= tables
    with store.engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM argmap_seminar_version")).scalar() == "0001"


def test_sqlite_runs_in_wal_mode_under_the_data_folder(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ARGMAP_DATABASE_URL", raising=False)
    monkeypatch.setenv("ARGMAP_DATA_DIR", str(tmp_path / "data"))
    store = SeminarStore()
    try:
        assert (tmp_path / "data" / "seminars.sqlite").is_file()
        with store.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    finally:
        store.close()
    assert normalise_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
    raw = create_engine(f"sqlite:///{tmp_path / 'data' / 'seminars.sqlite'}")
    assert "seminars" in inspect(raw).get_table_names()
    raw.dispose()
