"""The class as an audience (graded strengths from votes), the exports, and the
`argmap seminar` commands, on the bundled map and a real SQLite file."""

from __future__ import annotations

import json
import os
import re
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import yaml

from argmap.argumentation.gradual import school_strengths
from argmap.core.corpus import Corpus
from argmap.core.loader import load_corpus
from argmap.seminar.audience import class_strengths, vote_base
from argmap.seminar.export import export, export_data
from argmap.seminar.store import SeminarStore, Tally
from tests.hostile import PAYLOAD

ROOT = Path(__file__).resolve().parent.parent
THESIS = "rise-thesis"


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return load_corpus(ROOT / "arguments")


@pytest.fixture
def store(tmp_path: Path) -> Iterator[SeminarStore]:
    made = SeminarStore(f"sqlite:///{tmp_path / 'seminars.sqlite'}")
    yield made
    made.close()


def test_votes_map_onto_base_scores() -> None:
    assert [vote_base(v) for v in (0, 1, 2, 3, 4)] == pytest.approx([0.1, 0.3, 0.5, 0.7, 0.9])
    assert vote_base(9) == pytest.approx(0.9) and vote_base(-1) == pytest.approx(0.1)


def test_the_class_is_an_audience_comparable_with_the_schools(corpus: Corpus) -> None:
    assert THESIS in corpus.claims
    school = next(iter(corpus.schools))
    schools = school_strengths(corpus, school)
    nobody = class_strengths(corpus, {})
    assert set(nobody.strength) == set(schools.strength)
    assert all(b.value == 0.5 for b in nobody.bases.values())
    convinced = class_strengths(corpus, {THESIS: Tally(4.0, 12)})
    sceptical = class_strengths(corpus, {THESIS: Tally(0.0, 12)})
    assert convinced.strength[THESIS] > nobody.strength[THESIS] > sceptical.strength[THESIS]
    assert convinced.bases[THESIS].value == pytest.approx(0.9)
    assert "12 votes" in convinced.bases[THESIS].why
    # what a claim rests on moves it, as for a school: doubt every supporter of the thesis
    supporters = [r.source for r in corpus.relations if r.target == THESIS and r.kind == "supports"
                  and r.source in corpus.claims]
    assert supporters
    doubted = class_strengths(corpus, {s: Tally(0.0, 3) for s in supporters})
    assert doubted.strength[THESIS] < nobody.strength[THESIS]


def _session(store: SeminarStore) -> tuple[str, int, int]:
    opened = store.open_seminar("harris-stalin", "Week 3")
    leader = store.leader(opened.code, opened.leader_key)
    ann, bob = store.join(opened.code, "Ann"), store.join(opened.code, "Bob", anonymous=True)
    objection = store.post(ann, THESIS, "objection", f"{PAYLOAD} objection",
                           citation=f"{PAYLOAD} citation")
    question = store.post(bob, THESIS, "question", "Which archives?")
    hidden = store.post(bob, THESIS, "support", "HIDDEN-ONE")
    store.post(ann, THESIS, "support", "A reply to the question", parent=question)
    store.vote(ann, THESIS, 3)
    store.vote(bob, objection, 4)
    store.pin(leader, objection)
    store.feedback(leader, objection, f"{PAYLOAD} feedback")
    store.mark_answered(leader, question)
    store.hide(leader, hidden)
    return opened.code, objection, question


def test_markdown_report_names_claims_by_title_and_shows_text_as_text(
        store: SeminarStore, corpus: Corpus) -> None:
    code, _, _ = _session(store)
    report = export(store, store.admin(code), corpus, "md")
    assert f"## {corpus.claims[THESIS].heading}" in report.replace("\\", "")
    assert "HIDDEN-ONE" not in report
    assert "pinned" in report and "answered" in report and "Leader's feedback" in report
    # pinned objection before the question; the reply indented beneath the question
    assert report.index("Objection · pinned") < report.index("Question · answered")
    assert "\n  - **Supporting point** " in report
    # every character Markdown or HTML acts on is backslash-escaped, `&` an entity
    contributed = [line for line in report.splitlines() if "alert(1)" in line]
    assert len(contributed) == 3  # the objection, its citation, the leader's feedback
    for line in contributed:
        body = line.split("alert(1)")[0].rsplit(": ", 1)[-1] + "alert(1)" + line.split("alert(1)")[1]
        unescaped = re.findall(r"(?<!\\)[<>*_\[\]`$#|~]", body.replace("\\\\", ""))
        assert not unescaped, (unescaped, body)
        assert "&amp;amp; &amp;lt;" in body and "&lt;" not in body.replace("&amp;lt;", "")
    assert "Bob (anonymous to the class)" in report


def test_json_and_yaml_keep_the_text_exactly(store: SeminarStore, corpus: Corpus) -> None:
    code, objection, question = _session(store)
    leader = store.admin(code)
    data = json.loads(export(store, leader, corpus, "json"))
    texts = {c["id"]: c for c in data["contributions"]}
    assert texts[objection]["text"] == f"{PAYLOAD} objection"
    assert texts[objection]["feedback"] == [f"{PAYLOAD} feedback"]
    assert {c["status"] for c in data["contributions"]} == {"visible", "hidden"}
    assert data["class_strengths"][THESIS] == pytest.approx(
        class_strengths(corpus, store.claim_votes(leader)).strength[THESIS], abs=1e-4)
    suggestions = yaml.safe_load(export(store, leader, corpus, "yaml"))["suggestions"]
    by_id = {s["contribution"]: s for s in suggestions}
    assert by_id[objection]["text"] == f"{PAYLOAD} objection"
    assert by_id[objection]["draft_claim"]["attacks"] == [THESIS]
    assert by_id[objection]["claim_title"] == corpus.claims[THESIS].heading
    assert by_id[question]["answered"] is True and "draft_claim" not in by_id[question]
    assert "HIDDEN-ONE" not in json.dumps(suggestions)
    assert export_data(store, leader, None)["claims"][0]["title"] == THESIS


def _arguments_state() -> list[tuple[str, int, int]]:
    return sorted((str(p), p.stat().st_mtime_ns, p.stat().st_size)
                  for p in (ROOT / "arguments").rglob("*"))


def test_the_seminar_commands(cli: Callable[..., subprocess.CompletedProcess[str]], tmp_path: Path,
                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ARGMAP_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("ARGMAP_DATABASE_URL", raising=False)
    before = _arguments_state()
    opened = cli("seminar", "open", "--work", "harris-stalin", "--title", "Week 3")
    assert opened.returncode == 0, opened.stderr
    code = opened.stdout.split("Join code for students: ")[1].split()[0]
    key = opened.stdout.split("keep it private): ")[1].split()[0]
    store = SeminarStore()
    try:
        seat = store.join(code, "Ann")
        store.post(seat, THESIS, "objection", "From the command line test")
        store.leader(code, key)  # the printed key is the leader key
    finally:
        store.close()
    listed = cli("seminar", "list")
    assert code in listed.stdout and "1 participant(s), 1 contribution(s)" in listed.stdout
    assert cli("seminar", "close", code).returncode == 0
    assert "closed" in cli("seminar", "list").stdout
    report = cli("seminar", "export", code, "--format", "md")
    assert report.returncode == 0 and "From the command line test" in report.stdout
    out = tmp_path / "s.yaml"
    assert cli("seminar", "export", code, "--format", "yaml", "-o", str(out)).returncode == 0
    assert yaml.safe_load(out.read_text())["suggestions"][0]["claim"] == THESIS
    assert json.loads(cli("seminar", "export", code, "--format", "json").stdout)["seminar"]["closed"]
    assert cli("seminar", "reopen", code).returncode == 0
    wrong = cli("seminar", "export", "NOPE")
    assert wrong.returncode == 2 and "no seminar has the code" in wrong.stderr
    assert "Traceback" not in wrong.stderr
    bad_work = cli("seminar", "open", "--work", "nope", "--title", "x")
    assert bad_work.returncode == 2 and "no work 'nope'" in bad_work.stderr
    assert cli("seminar").returncode == 2
    assert _arguments_state() == before
    assert os.listdir(tmp_path / "data") and not (ROOT / "arguments" / ".argmap-data").exists()
