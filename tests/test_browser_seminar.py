"""A live seminar in a real browser: the leader and two students in three browser
contexts; an objection (carrying the hostile payload) and a question appear in
the others' pages without a reload; votes; the leader hides one and answers the
other; the report is exported; after a server restart everything is still there.
Marked `browser`."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from argmap.seminar.store import SeminarStore
from tests.hostile import PAYLOAD
from tests.test_browser import CHROMIUM, CHROMIUM_ARGS, start_server, stop_server, wait_healthy

pytestmark = pytest.mark.browser
CLAIM = "rise-thesis"
ARRIVES = 2_000  # ms: the "within 2 seconds", as playwright's wait, not a timing
OBJECTION = f"The purges had other causes. {PAYLOAD}"
QUESTION = "Which archives did Harris use for 1937?"


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing (apt-get install -y chromium)")
    pytest.importorskip("playwright.sync_api", reason="playwright (python) is not installed")
    monkeypatch.delenv("ARGMAP_DATABASE_URL", raising=False)
    monkeypatch.setenv("ARGMAP_DATA_DIR", str(tmp_path / "data"))
    yield tmp_path / "data"


def _server() -> tuple[Any, str]:
    server, url = start_server()
    wait_healthy(f"{url}/_stcore/health", server)
    return server, url


def _open(context: Any, url: str) -> Any:
    page = context.new_page()
    page.goto(f"{url}/?page=seminar&claim={CLAIM}")
    page.locator(".st-key-seminar-join-code input").wait_for(timeout=90_000)
    return page


def _join(page: Any, code: str, name: str) -> None:
    page.locator(".st-key-seminar-join-code input").fill(code)
    page.locator(".st-key-seminar-join-name input").fill(name)
    page.get_by_role("button", name="Join").click()
    page.get_by_text("you: " + name).wait_for(timeout=90_000)


def _lead(page: Any, code: str, key: str) -> None:
    page.locator(".st-key-seminar-lead-code input").fill(code)
    page.locator(".st-key-seminar-lead-key input").fill(key)
    page.get_by_role("button", name="Sign in as leader").click()
    page.get_by_text("you: leader").wait_for(timeout=90_000)


def _post(page: Any, kind: str, text: str) -> None:
    page.locator(".st-key-seminar-post-kind").get_by_text(kind).click()
    page.locator(".st-key-seminar-post-text textarea").fill(text)
    page.get_by_role("button", name="Post", exact=True).click()
    page.get_by_text("Posted your").wait_for(timeout=90_000)


def _stored(check: Any, timeout: float = 15.0) -> None:
    """Wait until the database shows what a click asked for."""
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, "the click never reached the database"
        time.sleep(0.2)


def _safe(page: Any) -> None:
    assert page.locator(".katex").count() == 0
    assert page.locator("img[src*='evil'], img[src*='e.x']").count() == 0
    assert page.locator("a[href*='evil.example']").count() == 0
    assert page.locator("script:has-text('alert(')").count() == 0


def test_a_live_seminar_in_three_browsers_survives_a_restart(data_dir: Path) -> None:
    from playwright.sync_api import expect, sync_playwright

    store = SeminarStore()
    opened = store.open_seminar("harris-stalin", "Week 5: the purges")
    fetched: list[str] = []
    dialogs: list[str] = []
    server, url = _server()
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            try:
                contexts = [browser.new_context(viewport={"width": 1500, "height": 1000},
                                                accept_downloads=True) for _ in range(3)]
                for context in contexts:
                    context.on("request", lambda r: fetched.append(r.url)
                               if "e.x" in r.url or "evil" in r.url else None)
                leader, ann, bob = (_open(c, url) for c in contexts)
                for page in (leader, ann, bob):
                    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
                _lead(leader, opened.code, opened.leader_key)
                _join(ann, opened.code, "Ann")
                _join(bob, opened.code, "Bob")
                for page in (leader, ann, bob):  # every page drawn and its feed running
                    page.get_by_text("0 contribution(s) on this claim").wait_for(timeout=60_000)
                    page.wait_for_load_state("networkidle")

                _post(ann, "Objection", OBJECTION)
                ann.get_by_text("The purges had other causes.").wait_for(timeout=90_000)
                for other in (bob, leader):
                    other.get_by_text("The purges had other causes.").wait_for(timeout=ARRIVES)
                    assert other.get_by_text("The purges had other causes.").count() == 1
                    other.get_by_text("<script>alert(1)</script>", exact=False).first.wait_for()
                _post(bob, "Question", QUESTION)
                bob.get_by_text(QUESTION).wait_for(timeout=90_000)
                for other in (ann, leader):
                    other.get_by_text(QUESTION).wait_for(timeout=ARRIVES)

                items = {i.text: i.id for i in store.feed(store.admin(opened.code))}
                objection, question = items[OBJECTION], items[QUESTION]
                # votes: Ann on Bob's question, Bob on the claim
                ann.locator(f".st-key-seminar-v-{question}").get_by_role("radio", name="3").click()
                bob.locator(f".st-key-seminar-cv-{CLAIM}").get_by_role("radio", name="4").click()
                _stored(lambda: store.claim_votes(store.admin(opened.code)).get(CLAIM) is not None)
                _stored(lambda: store.feed(store.admin(opened.code))[-1].vote_count == 1)
                expect(leader.get_by_text("impact 3.0/4 (1)")).to_be_visible(timeout=90_000)

                # moderation: hide the objection, answer the question
                leader.locator(f".st-key-seminar-hide-{objection} button").click()
                leader.locator(f".st-key-seminar-ans-{question} button").click()
                expect(bob.get_by_text("The purges had other causes.")).to_have_count(0, timeout=90_000)
                expect(ann.get_by_text("hidden by the leader")).to_be_visible(timeout=90_000)
                expect(bob.get_by_text("answered", exact=True)).to_be_visible(timeout=90_000)

                # the report
                leader.get_by_role("tab", name="Leader").click()
                leader.get_by_role("button", name="Prepare the exports").click()
                with leader.expect_download(timeout=90_000) as download:
                    leader.get_by_role("button", name="Export md").click()
                report = Path(download.value.path()).read_text(encoding="utf-8")
                assert QUESTION in report and "answered" in report
                assert "The purges had other causes." not in report  # hidden
                for page in (leader, ann, bob):
                    _safe(page)
            finally:
                browser.close()
        claim_votes = store.claim_votes(store.admin(opened.code))
        assert claim_votes[CLAIM].count == 1 and claim_votes[CLAIM].mean == 4.0

        # restart: a new server process on the same data folder keeps everything
        stop_server(server)
        server, url = _server()
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            try:
                leader = _open(browser.new_context(viewport={"width": 1500, "height": 1000}), url)
                _lead(leader, opened.code, opened.leader_key)
                leader.get_by_text(QUESTION).wait_for(timeout=90_000)
                leader.get_by_text("The purges had other causes.").wait_for()
                expect(leader.get_by_text("hidden by the leader")).to_be_visible()
                expect(leader.get_by_text("answered", exact=True)).to_be_visible()
                expect(leader.get_by_text("impact 3.0/4 (1)")).to_be_visible()
                student = _open(browser.new_context(viewport={"width": 1500, "height": 1000}), url)
                _join(student, opened.code, "Cleo")
                student.get_by_text(QUESTION).wait_for(timeout=90_000)
                expect(student.get_by_text("The purges had other causes.")).to_have_count(0)
                _safe(leader)
            finally:
                browser.close()
    finally:
        stop_server(server)
        store.close()
    assert not fetched, fetched
    assert not dialogs, dialogs
