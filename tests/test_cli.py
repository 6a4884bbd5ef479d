"""The real `argmap` entry point: exit codes, streams and outputs."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from pathlib import Path

CLI = Callable[..., subprocess.CompletedProcess[str]]


def test_validate_passes_on_a_valid_map(cli: CLI, corpus_dir: Callable[..., Path]) -> None:
    result = cli("validate", str(corpus_dir()))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("ok: 1 files, 2 claims")


def test_validate_reports_problems_on_stderr_with_exit_1(
    cli: CLI, corpus_dir: Callable[..., Path]
) -> None:
    folder = corpus_dir({"x.yaml": "claims:\n  - {id: c9, text: t, kind: nope, locator: {section: s1, paragraph: 1}}\n"})
    result = cli("validate", str(folder))
    assert result.returncode == 1
    assert result.stdout == ""
    assert f"{folder}/x.yaml:2:29: claim 'c9': kind:" in result.stderr
    assert "Traceback" not in result.stderr


def test_corpus_from_option_and_environment(cli: CLI, corpus_dir: Callable[..., Path]) -> None:
    folder = corpus_dir()
    assert cli("--corpus", str(folder), "validate").returncode == 0


def test_missing_corpus_is_a_usage_error(cli: CLI, tmp_path: Path) -> None:
    result = cli("validate", str(tmp_path / "nowhere"))
    assert result.returncode == 2
    assert "corpus folder not found" in result.stderr


def test_unknown_command_is_exit_2(cli: CLI) -> None:
    assert cli("frobnicate").returncode == 2


def test_stats_lists_incomplete_sources(cli: CLI, corpus_dir: Callable[..., Path]) -> None:
    folder = corpus_dir({"s.yaml": "sources:\n  - {id: nodate, type: book, title: T, author: [{family: X}]}\n"})
    result = cli("--corpus", str(folder), "stats", "--json")
    assert result.returncode == 0, result.stderr
    stats = json.loads(result.stdout)
    assert stats["counts"]["claims"] == 2
    assert "issued" in stats["incomplete_sources"]["nodate"]


def test_schema_is_json_schema_of_a_map_file(cli: CLI) -> None:
    schema = json.loads(cli("schema").stdout)
    assert set(schema["properties"]) >= {"claims", "evidence", "footnotes", "sources", "stances"}
    assert schema["additionalProperties"] is False


def test_export_json_holds_the_resolved_corpus(cli: CLI, corpus_dir: Callable[..., Path]) -> None:
    data = json.loads(cli("--corpus", str(corpus_dir()), "export", "json").stdout)
    assert [c["id"] for c in data["claims"]] == ["thesis", "c1"]
    assert data["relations"] == [{"kind": "supports", "source": "c1", "target": "thesis"}]


def test_footnotes_json_shape(cli: CLI, corpus_dir: Callable[..., Path]) -> None:
    notes = json.loads(cli("--corpus", str(corpus_dir()), "footnotes", "--json").stdout)
    assert notes[0]["number"] == 1 and notes[0]["paragraph"] == 1
    assert notes[0]["citations"][0] | {"note": None} == {
        "source": "src-a", "locator": "12", "label": "page", "function": "evidence", "note": None,
    }


def test_sources_csl_is_importable_csl_json(cli: CLI, corpus_dir: Callable[..., Path]) -> None:
    items = json.loads(cli("--corpus", str(corpus_dir()), "sources", "--csl").stdout)
    assert items[0]["id"] == "src-a" and items[0]["type"] == "book"
    assert items[0]["issued"] == {"date-parts": [[1999]]}


def test_search_matches_people_and_returns_ids(cli: CLI, corpus_dir: Callable[..., Path]) -> None:
    hits = json.loads(cli("--corpus", str(corpus_dir()), "search", "joseph", "--json").stdout)
    assert [h["id"] for h in hits] == ["c1"]
    assert hits[0]["text"] == "A claim about Stalin."


def test_check_text_lists_missing_anchors(
    cli: CLI, corpus_dir: Callable[..., Path], tmp_path: Path
) -> None:
    folder = corpus_dir()
    text = tmp_path / "text.txt"
    text.write_text("Here is A  short\nanchor in the text.")
    ok = cli("--corpus", str(folder), "check-text", str(text))
    assert ok.returncode == 0 and "1 of 1 anchors found" in ok.stdout
    text.write_text("Nothing here.")
    bad = cli("--corpus", str(folder), "check-text", str(text))
    assert bad.returncode == 1
    assert f"{folder}/base.yaml:27:50: anchor of 'c1' is not in the text" in bad.stderr


def test_render_writes_each_format(cli: CLI, corpus_dir: Callable[..., Path], tmp_path: Path) -> None:
    folder = corpus_dir()
    for suffix, magic in [(".svg", b"<?xml"), (".pdf", b"%PDF"), (".png", b"\x89PNG"),
                          (".dot", b"digraph")]:
        out = tmp_path / f"map{suffix}"
        result = cli("--corpus", str(folder), "render", "trace:thesis", "-o", str(out))
        assert result.returncode == 0, result.stderr
        assert out.read_bytes().startswith(magic)


def test_render_unknown_suffix_is_usage_error(cli: CLI, corpus_dir: Callable[..., Path]) -> None:
    result = cli("--corpus", str(corpus_dir()), "render", "overview", "-o", "map.gif")
    assert result.returncode == 2 and "cannot tell the format" in result.stderr


def test_trace_json_has_claim_evidence_notes_sources(
    cli: CLI, corpus_dir: Callable[..., Path]
) -> None:
    data = json.loads(cli("--corpus", str(corpus_dir()), "trace", "thesis", "--json").stdout)
    assert data["claim"]["id"] == "thesis"
    assert data["footnotes"] == [1]
    assert data["sources"] == ["src-a"]


def test_trace_unknown_claim_suggests(cli: CLI, corpus_dir: Callable[..., Path]) -> None:
    result = cli("--corpus", str(corpus_dir()), "trace", "thesiss")
    assert result.returncode == 2 and "did you mean 'thesis'" in result.stderr


def test_python_dash_m_runs_the_cli(corpus_dir: Callable[..., Path]) -> None:
    import sys

    result = subprocess.run([sys.executable, "-m", "argmap", "validate", str(corpus_dir())],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0


def test_committed_schema_matches_the_model(cli: CLI) -> None:
    from tests.conftest import ROOT

    committed = json.loads((ROOT / "docs" / "argmap.schema.json").read_text(encoding="utf-8"))
    assert committed == json.loads(cli("schema").stdout), "run: argmap schema > docs/argmap.schema.json"
