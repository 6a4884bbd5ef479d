"""Schools as audiences: the reduction to a Dung framework, commitments, cruxes."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

from argmap.argumentation import af
from argmap.argumentation.audiences import (
    Audience,
    audience_framework,
    framework,
    school_labels,
)
from argmap.core.corpus import Corpus
from argmap.core.errors import UsageError
from argmap.core.loader import load_corpus
from tests.conftest import ARGUMENTS, write

CLI = Callable[..., subprocess.CompletedProcess[str]]

HEAD = """\
works:
  - id: w
    title: A Work
    sections:
      - {id: s1, title: One, paragraphs: 3}
sources:
  - {id: src-a, type: book, title: A Book, issued: "1999", author: [{family: Doe}]}
schools:
  - {id: alpha, name: Alpha school, summary: First.}
  - {id: beta, name: Beta school, summary: Second.}
  - {id: gamma, name: Gamma school, summary: Third.}
"""


def claim(node: str, kind: str = "interpretive", **relations: object) -> str:
    """One claim as a YAML flow mapping; relations as lists of ids or undercut dicts."""
    extra = "".join(f", {k}: {json.dumps(v)}" for k, v in relations.items())
    scope = ", scope: work" if kind == "thesis" else ""
    return (f"  - {{id: {node}, text: Claim {node}., kind: {kind}{scope}, "
            f"locator: {{section: s1, paragraph: 1}}{extra}}}\n")


def stance(school: str, node: str, position: str) -> str:
    return (f"  - {{school: {school}, claim: {node}, position: {position}, "
            f"justification: Because., basis: editorial, source: src-a}}\n")


def make_map(folder: Path, claims: list[str], stances: Sequence[str] = ()) -> Path:
    text = HEAD + "claims:\n" + "".join(claims)
    if stances:
        text += "stances:\n" + "".join(stances)
    return write(folder, {"map.yaml": text})


@pytest.fixture
def load(tmp_path: Path) -> Callable[..., Corpus]:
    def make(claims: list[str], stances: Sequence[str] = ()) -> Corpus:
        return load_corpus(make_map(tmp_path / "map", claims, stances))

    return make


def labels(corpus: Corpus, school: str, semantics: af.Semantics = "grounded") -> dict[str, str]:
    return {k: v.label for k, v in school_labels(corpus, school, semantics).items()}


# --------------------------------------------------------------------------- reduction


def test_an_attack_on_a_premise_propagates_to_what_rests_on_it(load: Callable[..., Corpus]) -> None:
    corpus = load([
        claim("t", "thesis"),
        claim("p", supports=["t"]),
        claim("q", supports=["p"]),
        claim("x", attacks=["q"]),
    ])
    fw, prov = framework(corpus)
    assert set(fw.arguments) == {"t", "p", "q", "x"}
    assert set(fw.attacks) == {("x", "q"), ("x", "p"), ("x", "t")}
    [direct] = prov[("x", "q")]
    assert direct.kind == "direct"
    [to_t] = prov[("x", "t")]
    assert (to_t.kind, to_t.path) == ("supported", ("q", "p", "t"))
    assert "on which t rests" in to_t.describe()
    assert af.grounded(fw).out_set == {"q", "p", "t"}


def test_a_conclusion_with_independent_support_survives_the_fall_of_one(
    load: Callable[..., Corpus],
) -> None:
    """Necessary support applies only to a sole support: t rests on p and on q, so
    x defeating p does not defeat t (the chapter's 'archives confirm' claims)."""
    corpus = load([
        claim("t", "thesis"),
        claim("p", supports=["t"]),
        claim("q", supports=["t"]),
        claim("r", supports=["p"]),
        claim("x", attacks=["r"]),
    ])
    fw, _ = framework(corpus)
    assert set(fw.attacks) == {("x", "r"), ("x", "p")}  # p rests on r alone; t does not
    assert af.grounded(fw).out_set == {"r", "p"}
    assert af.grounded(fw)["t"] == "IN"


def test_an_undercut_defeats_the_conclusion_not_the_premise(load: Callable[..., Corpus]) -> None:
    corpus = load([
        claim("t", "thesis"),
        claim("p", supports=["t"]),
        claim("z", supports=[]),
        claim("u", undercuts=[{"source": "p", "target": "t"}]),
        claim("y", supports=["z"]),
    ])
    fw, prov = framework(corpus)
    assert ("u", "t") in fw.attacks
    assert ("u", "p") not in fw.attacks
    [how] = prov[("u", "t")]
    assert (how.kind, how.via) == ("undercut", "p")
    assert "undercuts the inference p -> t" in how.describe()
    lab = labels(corpus, "alpha")
    assert (lab["p"], lab["t"], lab["u"]) == ("IN", "OUT", "IN")


def test_contradicts_attacks_both_ways(load: Callable[..., Corpus]) -> None:
    corpus = load([claim("a", contradicts=["b"]), claim("b")])
    fw, _ = framework(corpus)
    assert set(fw.attacks) == {("a", "b"), ("b", "a")}
    assert labels(corpus, "alpha") == {"a": "UNDEC", "b": "UNDEC"}
    assert labels(corpus, "alpha", "preferred") == {"a": "UNDEC", "b": "UNDEC"}


# --------------------------------------------------------------------------- audiences


@pytest.fixture
def committed(load: Callable[..., Corpus]) -> Corpus:
    """x attacks a, on which b rests; alpha accepts a, beta rejects x, gamma has no view."""
    return load(
        [
            claim("t", "thesis"),
            claim("a", supports=["b"]),
            claim("b", supports=["t"]),
            claim("x", attacks=["a"]),
            claim("m1", contradicts=["m2"]),
            claim("m2"),
        ],
        [stance("alpha", "a", "accepts"), stance("beta", "x", "rejects"),
         stance("gamma", "b", "qualifies")],
    )


def test_accepting_a_claim_makes_its_attackers_fail(committed: Corpus) -> None:
    none = labels(committed, "gamma")
    assert (none["x"], none["a"], none["b"], none["t"]) == ("IN", "OUT", "OUT", "OUT")
    alpha = school_labels(committed, "alpha")
    assert {k: alpha[k].label for k in ("x", "a", "b", "t")} == {
        "x": "IN", "a": "IN", "b": "IN", "t": "IN"}
    assert alpha["a"].source == "commitment"
    assert alpha["a"].dropped == ("x",)
    assert "accepted by the school (editorial, src-a)" in alpha["a"].reason
    # b is not accepted, but the attack on it ran through a, which alpha holds as given
    assert alpha["b"].source == "semantics" and alpha["b"].attackers == ()


def test_rejecting_a_claim_defeats_it_and_reinstates_what_it_attacked(committed: Corpus) -> None:
    beta = school_labels(committed, "beta")
    assert {k: beta[k].label for k in ("x", "a", "b", "t")} == {
        "x": "OUT", "a": "IN", "b": "IN", "t": "IN"}
    assert beta["x"].source == "commitment"
    assert beta["x"].in_attackers == ("@beta",)
    assert beta["a"].reason == "every attacker is OUT: x"
    fw, _ = audience_framework(committed, Audience.of(committed, "beta"))
    assert "@beta" in fw and "@beta" not in beta


def test_verdict_explains_a_supported_attack(committed: Corpus) -> None:
    gamma = school_labels(committed, "gamma")
    assert gamma["t"].in_attackers == ("x",)
    assert gamma["t"].reason == "attacked by IN x via a"
    assert gamma["b"].reason == "attacked by IN x via a; the school qualifies it"
    assert gamma["t"].to_json()["attackers"][0]["how"][0]["path"] == ["a", "b", "t"]


def test_unknown_school_is_a_usage_error_listing_the_schools(committed: Corpus) -> None:
    with pytest.raises(UsageError, match="schools: alpha, beta, gamma"):
        school_labels(committed, "delta")


@pytest.fixture(scope="module")
def bundled() -> Corpus:
    return load_corpus(ARGUMENTS)


def test_every_school_labels_every_claim_of_the_bundled_map(bundled: Corpus) -> None:
    for school in bundled.schools:
        verdicts = school_labels(bundled, school)
        assert set(bundled.claims) <= set(verdicts)
        assert all(v.label in ("IN", "OUT", "UNDEC") and v.reason for v in verdicts.values())


def test_cli_accept_prints_every_claim_with_a_reason(cli: CLI, tmp_path: Path) -> None:
    folder = make_map(tmp_path / "m", [claim("t", "thesis"), claim("x", attacks=["t"])],
                      [stance("alpha", "t", "accepts")])
    result = cli("--corpus", str(folder), "accept", "--school", "alpha")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "alpha school, grounded semantics: 2 claims, 2 IN, 0 OUT, 0 UNDEC"
    assert lines[1].startswith("IN     t  accepted by the school (editorial, src-a); holds against x")
    data = json.loads(cli("--corpus", str(folder), "accept", "--school", "beta", "--json").stdout)
    assert [(c["node"], c["label"]) for c in data["claims"]] == [("t", "OUT"), ("x", "IN")]


def test_cli_unknown_school_is_exit_2(cli: CLI, tmp_path: Path) -> None:
    folder = make_map(tmp_path / "m", [claim("t", "thesis")])
    result = cli("--corpus", str(folder), "accept", "--school", "nope")
    assert result.returncode == 2
    assert "no school 'nope'; schools: alpha, beta, gamma" in result.stderr
    assert cli("--corpus", str(folder), "compare", "alpha").returncode == 2


def test_cli_af_solve_reads_apx_tgf_and_iccma_files(cli: CLI, tmp_path: Path) -> None:
    apx = tmp_path / "f.apx"
    apx.write_text("% a 2-cycle\narg(a).\narg(b).\narg(c).\natt(a,b).\natt(b,a).\natt(b,c).\n")
    result = cli("af", "solve", "--semantics", "preferred", str(apx))
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "preferred: 2 extension(s) of 3 arguments, 3 attacks", "  {a, c}", "  {b}"]
    grounded = cli("af", "solve", "--semantics", "grounded", "--iccma", str(apx))
    assert grounded.stdout == "[[]]\n"
    tgf = tmp_path / "f.tgf"
    tgf.write_text("a\nb\n#\na b\n")
    assert cli("af", "solve", "--semantics", "stable", "--iccma", str(tgf)).stdout == "[[a]]\n"
    iccma = tmp_path / "f.af"
    iccma.write_text("p af 3\n1 2\n# comment\n2 3\n")
    assert cli("af", "solve", "--semantics", "complete", "--iccma", str(iccma)).stdout == "[[1,3]]\n"


def test_cli_af_solve_reports_malformed_files_and_usage(cli: CLI, tmp_path: Path) -> None:
    bad = tmp_path / "bad.apx"
    bad.write_text("arg(a).\natt(a,z).\nfoo\n")
    result = cli("af", "solve", "--semantics", "grounded", str(bad))
    assert result.returncode == 1
    assert result.stderr.startswith(f"{bad}:3:1: expected arg(a). or att(a,b).")
    assert "Traceback" not in result.stderr
    assert cli("af", "solve", "--semantics", "nope", str(bad)).returncode == 2
    assert cli("af").returncode == 2
    assert cli("af", "solve", "--semantics", "grounded", str(tmp_path / "none.af")).returncode == 2



def test_reasons_name_claims_by_their_titles(load: Callable[..., Corpus]) -> None:
    corpus = load([
        claim("t", "thesis"),
        "  - {id: x, title: The objection, text: X., kind: interpretive,"
        " locator: {section: s1, paragraph: 1}, attacks: [t]}\n",
    ])
    verdict = school_labels(corpus, "alpha")["t"]
    assert verdict.reason == "attacked by IN “The objection”"
    assert verdict.attackers[0].short() == "x"  # without names, ids as before
