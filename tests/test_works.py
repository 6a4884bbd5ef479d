"""Works as namespaces, debates, and errors that point at the cause (issue 13).

The pair: the bundled chapter and an independently written survey of the origins
of the Cold War (tests/data/coldwar), which shares ids with the chapter (`n1`-`n12`,
`stalin`, `molotov`, `revisionist`, `introduction`) and is in its own debate.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from argmap.core.errors import MapError, UsageError
from argmap.core.loader import load_corpus

ROOT = Path(__file__).resolve().parent.parent
CHAPTER = ROOT / "arguments" / "harris-stalin"
COLDWAR = ROOT / "tests" / "data" / "coldwar"
SEED = ROOT.parent.parent / "shared" / "seeds" / "000_50507852347b52b5.txt"
CW, HS = "cold-war-survey", "harris-stalin"

Cli = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture
def pair(tmp_path: Path) -> Path:
    """Both maps, copied unchanged into one corpus folder."""
    root = tmp_path / "arguments"
    shutil.copytree(CHAPTER, root / "harris-stalin")
    shutil.copytree(COLDWAR, root / "coldwar")
    return root


@pytest.fixture
def run(pair: Path, cli: Cli) -> Cli:
    """The real CLI on the pair."""
    def call(*args: str) -> subprocess.CompletedProcess[str]:
        return cli("--corpus", str(pair), *args)
    return call


# ------------------------------------------------------------------ namespaces


def test_each_map_alone_keeps_plain_ids() -> None:
    chapter = load_corpus(ROOT / "arguments")
    assert "n1" in chapter.footnotes and "stalin" in chapter.people
    assert chapter.for_work(HS) is chapter  # one work: nothing is projected or renamed
    survey = load_corpus(COLDWAR)
    assert len(survey.claims) >= 20 and len(survey.schools) == 4
    assert "revisionist" in survey.schools and survey.schools["revisionist"].debate == "cold-war-origins"


def test_the_pair_validates_unchanged_and_keeps_the_works_apart(pair: Path) -> None:
    corpus = load_corpus(pair)
    assert {f"{CW}:n1", f"{HS}:n1", f"{CW}:stalin", f"{HS}:stalin"} <= set(corpus.footnotes) | set(
        corpus.people)
    assert corpus.schools[f"{CW}:revisionist"].proponents != corpus.schools[f"{HS}:revisionist"].proponents
    cw, hs = corpus.for_work(CW), corpus.for_work(HS)
    # Each work under its own ids, and nothing of the other's.
    assert set(cw.footnotes) == {f"n{i}" for i in range(1, 13)}
    assert len(hs.footnotes) == 47 and hs.footnotes["n1"].work == HS
    assert set(hs.claims) == set(load_corpus(ROOT / "arguments").claims)
    assert {c.text for c in cw.claims.values()}.isdisjoint(c.text for c in hs.claims.values())
    assert set(cw.claims) & set(hs.claims) == {"war-thesis"}  # one id, two claims
    assert cw.people["stalin"].role == "Soviet leader"
    assert list(cw.schools) == ["orthodox", "revisionist", "post-revisionist", "corporatist"]
    assert "totalitarian" not in cw.schools and "orthodox" not in hs.schools
    assert all(r.source in cw.claims or r.source in cw.evidence for r in cw.relations)
    assert cw.works[CW].sections[0].id == "introduction"


def test_qualified_reference_and_shared_library(pair: Path) -> None:
    (pair / "_shared").mkdir()
    (pair / "_shared" / "people.yaml").write_text(
        "people:\n  - {id: attlee, name: Clement Attlee, kind: actor}\n"
        "  - {id: stalin, name: Stalin (shared), kind: actor}\n", encoding="utf-8")
    claims = pair / "coldwar" / "claims.yaml"
    text = claims.read_text(encoding="utf-8")
    claims.write_text(text.replace("people: [truman, stimson]",
                                   "people: [truman, stimson, attlee, harris-stalin:ezhov]"),
                      encoding="utf-8")
    corpus = load_corpus(pair)
    cw = corpus.for_work(CW)
    assert cw.claims["war-atomic"].people == ["truman", "stimson", "attlee", "harris-stalin:ezhov"]
    assert cw.people["harris-stalin:ezhov"].name == "Nikolai Ezhov"
    assert cw.people["stalin"].role == "Soviet leader"  # the work's own id wins over the library's
    assert "attlee" in corpus.for_work(HS).people  # the library is every work's


def test_unqualified_id_of_another_work_is_refused_with_the_qualified_form(pair: Path) -> None:
    claims = pair / "coldwar" / "claims.yaml"
    claims.write_text(claims.read_text(encoding="utf-8").replace(
        "people: [truman, stimson]", "people: [truman, ezhov]"), encoding="utf-8")
    with pytest.raises(MapError) as err:
        load_corpus(pair)
    (problem,) = err.value.problems
    assert "unknown person 'ezhov'" in problem.message and "harris-stalin:ezhov" in problem.hint


def test_a_shared_record_naming_an_id_two_works_define_is_ambiguous(pair: Path) -> None:
    (pair / "_shared").mkdir()
    (pair / "_shared" / "events.yaml").write_text(
        "events:\n  - {id: teheran-1943, name: Teheran conference, people: [stalin]}\n",
        encoding="utf-8")
    with pytest.raises(MapError) as err:
        load_corpus(pair)
    (problem,) = err.value.problems
    assert "ambiguous person 'stalin'" in problem.message
    assert "'harris-stalin:stalin'" in problem.hint and "'cold-war-survey:stalin'" in problem.hint


# ------------------------------------------------------------------ the CLI on the pair


def test_per_work_commands_show_only_that_work(run: Cli) -> None:
    cw = run("footnotes", "--work", CW)
    assert cw.returncode == 0 and "Tragedy of American Diplomacy" in cw.stdout
    assert "RGASPI" not in cw.stdout and len(cw.stdout.strip().splitlines()) == 12
    hs = run("footnotes", "--work", HS)
    assert "RGASPI" in hs.stdout and "Tragedy of American Diplomacy" not in hs.stdout
    sources = run("sources", "--work", CW)
    assert "Kolko" in sources.stdout and "Getty" not in sources.stdout
    csl = json.loads(run("sources", "--csl", "--work", CW).stdout)
    assert {i["id"] for i in csl} >= {"williams-tragedy", "gaddis-we-now-know"}
    assert not any("getty" in i["id"] for i in csl)
    found = run("search", "Stalin", "--work", CW, "--json")
    ids = {h["id"] for h in json.loads(found.stdout)}
    assert ids and ids <= set(load_corpus(COLDWAR).claims)
    export = json.loads(run("export", "json", "--work", CW).stdout)
    assert [w["id"] for w in export["works"]] == [CW]
    assert len(export["claims"]) == len(load_corpus(COLDWAR).claims)


def test_without_work_outputs_group_by_work_and_say_which(run: Cli) -> None:
    out = run("footnotes").stdout
    assert "== The Origins of the Cold War: A Survey of the Debate (work cold-war-survey) ==" in out
    assert "== Stalin and Stalinism (work harris-stalin) ==" in out
    refused = run("render", "overview", "-o", "x.svg")
    assert refused.returncode == 2 and "--work" in refused.stderr


def test_views_resolve_within_the_chosen_work(run: Cli, tmp_path: Path) -> None:
    out = tmp_path / "s.dot"
    done = run("render", "section:4", "-o", str(out), "--work", CW)
    assert done.returncode == 0, done.stderr
    dot = out.read_text(encoding="utf-8")
    assert "Containment" in done.stderr and "Mutual insecurity" in dot  # its own main thesis
    assert "Misperception intensified" not in dot  # no other work's main thesis
    done = run("render", "overview", "-o", str(out), "--work", HS)
    dot = out.read_text(encoding="utf-8")
    assert "Misperception intensified" in dot and "Containment answered" not in dot
    trace = run("trace", "war-atomic", "--work", CW)
    assert trace.returncode == 0 and "Stimson" in trace.stdout


def test_check_text_is_per_work(run: Cli, tmp_path: Path) -> None:
    blank = tmp_path / "survey.txt"
    blank.write_text("The survey's text.\n", encoding="utf-8")
    cw = run("check-text", str(blank), "--work", CW)
    assert cw.returncode == 0 and cw.stdout.startswith("0 of 0 anchors")
    if SEED.exists():
        hs = run("check-text", str(SEED), "--work", HS)
        assert hs.returncode == 0, hs.stderr


def test_schools_of_different_debates_are_never_compared(run: Cli) -> None:
    for args in (("compare", "totalitarian", "orthodox"), ("cruxes", "totalitarian", "orthodox"),
                 ("prompts", "totalitarian", "orthodox", "revisionist")):
        refused = run(*args)
        assert refused.returncode == 2, args
        assert "different debates" in refused.stderr, args
    scoped = run("compare", "revisionist", "orthodox", "--work", HS)
    assert scoped.returncode == 2 and "no school 'orthodox'" in scoped.stderr
    four = run("compare", "orthodox", "revisionist", "post-revisionist", "corporatist")
    assert four.returncode == 0 and "Corporatist school" in four.stdout
    prompts = run("prompts", "orthodox", "revisionist", "post-revisionist", "corporatist")
    assert prompts.returncode == 0 and prompts.stdout.startswith("1. ")
    same_id = run("strength", "--school", "revisionist", "--work", CW)
    assert same_id.returncode == 0 and "Revisionists blamed" in same_id.stdout
    assert "Getty" not in same_id.stdout


def test_one_work_with_schools_of_two_debates(tmp_path: Path) -> None:
    root = tmp_path / "map"
    shutil.copytree(COLDWAR, root)
    schools = root / "schools.yaml"
    schools.write_text(schools.read_text(encoding="utf-8").replace(
        "  - id: corporatist\n    name: Corporatist school\n    debate: cold-war-origins",
        "  - id: corporatist\n    name: Corporatist school\n    debate: other"), encoding="utf-8")
    (root / "debates.yaml").write_text("debates:\n  - {id: other, title: Another question}\n",
                                       encoding="utf-8")
    from argmap.argumentation.gradual import compare

    with pytest.raises(UsageError, match="different debates"):
        compare(load_corpus(root), ["orthodox", "corporatist"])


# ------------------------------------------------------------------ errors


CHAPTER_FILES = sorted(p.name for p in CHAPTER.glob("*.yaml"))


@pytest.mark.parametrize("name", CHAPTER_FILES)
def test_a_syntax_error_in_any_file_is_the_first_line(name: str, tmp_path: Path, cli: Cli) -> None:
    root = tmp_path / "arguments"
    shutil.copytree(CHAPTER, root / "harris-stalin")
    broken = root / "harris-stalin" / name
    lines = broken.read_text(encoding="utf-8").splitlines(keepends=True)
    first = next(i for i, line in enumerate(lines) if line.strip() and not line.startswith("#"))
    lines.insert(first + 1, "  - {id: broken, name: [unclosed\n")
    broken.write_text("".join(lines), encoding="utf-8")
    done = cli("validate", str(root))
    assert done.returncode == 1
    out = done.stderr.splitlines()
    assert out[0].startswith(f"{broken}:"), out[:3]
    assert "unknown" not in out[0]
    # Nothing is reported as unknown because the file could not be read.
    assert len(out) <= 6, out[:8]


def test_references_into_an_unreadable_file_are_grouped_under_it(tmp_path: Path) -> None:
    root = tmp_path / "map"
    shutil.copytree(CHAPTER, root)
    people = root / "people.yaml"
    people.write_text(people.read_text(encoding="utf-8") + "  - {id: x, name: [\n", encoding="utf-8")
    with pytest.raises(MapError) as err:
        load_corpus(root)
    first, second, *rest = err.value.problems
    assert first.file == second.file == str(people)
    assert "which could not be read" in second.message and "people.yaml" in second.message
    assert not any("unknown person" in p.message for p in rest)


def write(folder: Path, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "map.yaml").write_text(text, encoding="utf-8")
    return folder


BASE = """\
works:
  - {id: w, title: W, sections: [{id: s, title: S, paragraphs: 2}]}
claims:
  - {id: c1, text: t, kind: factual, locator: {section: s, paragraph: 1}}
evidence:
  - {id: ev-1, text: t, kind: memoir, locator: {section: s, paragraph: 1}, supports: [c1]}
"""


def test_an_id_of_another_kind_is_named_as_such(tmp_path: Path) -> None:
    text = BASE.replace("locator: {section: s, paragraph: 1}}\nevidence",
                        "locator: {section: s, paragraph: 1}, supports: [ev-1]}\nevidence")
    with pytest.raises(MapError) as err:
        load_corpus(write(tmp_path / "m", text))
    (problem,) = err.value.problems
    assert problem.message == "'ev-1' is evidence, not a claim"


def test_the_comma_trap_is_named(tmp_path: Path) -> None:
    text = BASE + "sources:\n  - {id: s1, type: book, title: T, publisher-place: College Park, MD}\n"
    with pytest.raises(MapError) as err:
        load_corpus(write(tmp_path / "m", text))
    (problem,) = err.value.problems
    assert "unknown field 'MD'" in problem.message
    assert "comma" in problem.hint and '"College Park, MD"' in problem.hint


def test_a_bad_date_is_described_in_words(tmp_path: Path) -> None:
    text = BASE + "events:\n  - {id: e1, name: E, date: 1945/08/06}\n"
    with pytest.raises(MapError) as err:
        load_corpus(write(tmp_path / "m", text))
    (problem,) = err.value.problems
    assert "'1945/08/06' is not a date" in problem.message
    assert "\\d" not in str(problem) and "1945-08-06" in problem.hint


# ------------------------------------------------------------------ the app on the pair


def _app(monkeypatch: pytest.MonkeyPatch, corpus: Path, **params: str) -> str:
    """Everything the app shows as text: markdown, captions, tab and button labels."""
    from tests.test_app import run_app, texts

    at = run_app(monkeypatch, str(corpus), **params)
    return "\n".join([texts(at), *(t.label for t in at.tabs), *(b.label for b in at.button)])


def test_app_schools_page_holds_the_works_debate_and_any_number_of_schools(
        pair: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shown = _app(monkeypatch, pair, page="schools", work=CW,
                 schools="orthodox,revisionist,post-revisionist,corporatist")
    assert "Debate: **The Origins of the Cold War**" in shown
    assert "Corporatist" in shown and "Totalitarian" not in shown
    chapter = _app(monkeypatch, pair, page="schools", work=HS)
    assert "Debate: **Stalin and Stalinism**" in chapter and "Corporatist" not in chapter


def test_app_timeline_spans_the_data_and_lists_what_has_no_date(
        pair: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shown = _app(monkeypatch, pair, page="timeline", work=CW)
    assert "Timeline 1899–1997" in shown and "Undated events (1)" in shown


def test_app_sources_and_search_keep_to_the_work(pair: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shown = _app(monkeypatch, pair, page="sources", work=CW)
    assert "Tragedy of American Diplomacy" in shown and "RGASPI" not in shown
    found = _app(monkeypatch, pair, page="search", work=CW, q="Stalin")
    assert "Stalin wanted a security belt" in found and "Kasahara" not in found


def test_a_section_view_of_the_whole_corpus_adds_only_its_own_works_thesis(pair: Path) -> None:
    from argmap.graph import build_graph
    from argmap.views import select

    graph = build_graph(load_corpus(pair))
    sel = select(graph, f"section:{CW}:containment")
    assert f"{CW}:thesis" in sel.nodes
    assert f"{HS}:abs-thesis-misperception" not in sel.nodes


COMMANDS = [
    ("validate",), ("stats",), ("export", "json"), ("footnotes", "--json"), ("sources", "--all"),
    ("search", "Soviet"), ("trace", "cont-thesis", "--json"),
    ("render", "overview", "-o", "{tmp}/o.dot"), ("render", "school:corporatist", "-o", "{tmp}/s.svg"),
    ("handout", "section:wartime", "-o", "{tmp}/h.pdf"),
    ("accept", "--school", "orthodox"), ("strength", "--school", "corporatist", "--evidence"),
    ("compare", "orthodox", "revisionist", "post-revisionist", "corporatist", "--limit", "0"),
    ("cruxes", "orthodox", "post-revisionist"),
    ("prompts", "orthodox", "revisionist", "post-revisionist", "corporatist"),
]


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: "-".join(a[:2]))
def test_every_command_on_the_survey_alone(args: tuple[str, ...], run: Cli, tmp_path: Path) -> None:
    done = run(*(a.format(tmp=tmp_path) for a in args), "--work", CW)
    assert done.returncode == 0, done.stderr
    drawn = [p.read_text(encoding="utf-8") for p in (*tmp_path.glob("*.dot"), *tmp_path.glob("*.svg"))]
    for other in ("Harris", "RGASPI", "Kasahara", "Ezhov", "Getty", "totalitarian"):
        assert other not in done.stdout, (other, args)
        assert not any(other in text for text in drawn), (other, args)
