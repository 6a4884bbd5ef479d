"""The per-file load cache (issue 14): a second load reuses unchanged files and
never hides a change or a problem."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

import argmap
from argmap.core import loader
from argmap.core.errors import MapError
from argmap.core.loader import load_corpus
from argmap.core.yamlfile import ParsedFile

OTHER = """\
claims:
  - id: other
    text: Another claim.
    kind: factual
    locator: {section: s1, paragraph: 3}
    supports: [thesis]
"""


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files the loader actually parsed, in order."""
    seen: list[str] = []
    real = loader.parse_yaml

    def counting(path: Path, *args: object, **kwargs: object) -> ParsedFile:
        seen.append(path.name)
        return real(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(loader, "parse_yaml", counting)
    return seen


def entries(cache: Path) -> list[Path]:
    return sorted(cache.glob("files-v*/*.pickle"))


def corpus_entries(cache: Path) -> list[Path]:
    return sorted(cache.glob("corpora-v*/*.pickle"))


@pytest.fixture
def finishes(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How often the loader ran its checks across files."""
    seen: list[int] = []
    real = loader._Builder.finish

    def counting(self: loader._Builder) -> object:
        seen.append(1)
        return real(self)

    monkeypatch.setattr(loader._Builder, "finish", counting)
    return seen


def test_warm_load_equals_cold_and_parses_nothing(
    corpus_dir: Callable[..., Path], cache: Path, parses: list[str]
) -> None:
    folder = corpus_dir({"other.yaml": OTHER})
    cold = load_corpus(folder)
    assert sorted(parses) == ["base.yaml", "other.yaml"]
    assert len(entries(cache)) == 2
    parses.clear()
    warm = load_corpus(folder)
    assert parses == []
    assert warm.to_json() == cold.to_json()
    assert warm.origins == cold.origins


def test_editing_one_file_reparses_only_that_file(
    corpus_dir: Callable[..., Path], cache: Path, parses: list[str]
) -> None:
    folder = corpus_dir({"other.yaml": OTHER})
    load_corpus(folder)
    parses.clear()
    other = folder / "other.yaml"
    other.write_text(OTHER.replace("Another claim.", "An edited claim."), encoding="utf-8")
    corpus = load_corpus(folder)
    assert parses == ["other.yaml"]
    assert corpus.claims["other"].text == "An edited claim."


def test_same_size_and_mtime_is_still_reread(
    corpus_dir: Callable[..., Path], cache: Path, parses: list[str]
) -> None:
    """Only the content hash can tell these two files apart."""
    folder = corpus_dir({"other.yaml": OTHER})
    other = folder / "other.yaml"
    before = os.stat(other)
    load_corpus(folder)
    parses.clear()
    edited = OTHER.replace("Another claim.", "Anodher claim.")
    assert len(edited) == len(OTHER)
    other.write_text(edited, encoding="utf-8")
    os.utime(other, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert os.stat(other).st_size == before.st_size
    assert os.stat(other).st_mtime_ns == before.st_mtime_ns
    corpus = load_corpus(folder)
    assert parses == ["other.yaml"]
    assert corpus.claims["other"].text == "Anodher claim."


@pytest.mark.parametrize("bad", [
    OTHER.replace("kind: factual", "kind: factual\n    colour: red"),  # invalid record
    OTHER.replace("kind: factual", "kind: factual\n    kind: causal"),  # duplicate key
    OTHER.replace("claims:", "clams:"),  # unknown collection
])
def test_a_file_with_problems_is_never_cached(
    corpus_dir: Callable[..., Path], cache: Path, parses: list[str], bad: str
) -> None:
    folder = corpus_dir({"other.yaml": bad})
    for _ in range(2):
        parses.clear()
        with pytest.raises(MapError) as first:
            load_corpus(folder)
        assert "other.yaml" in parses
        assert any(p.file.endswith("other.yaml") for p in first.value.problems)
    assert len(entries(cache)) == 1  # base.yaml only


def test_cross_file_problems_are_found_in_cached_files(
    corpus_dir: Callable[..., Path], cache: Path, parses: list[str]
) -> None:
    """References are checked on every load; a cached file is located again."""
    folder = corpus_dir({"other.yaml": OTHER})
    load_corpus(folder)
    base = folder / "base.yaml"
    base.write_text(base.read_text(encoding="utf-8").replace("id: thesis", "id: main-thesis"),
                    encoding="utf-8")
    parses.clear()
    with pytest.raises(MapError) as err:
        load_corpus(folder)
    assert parses == ["base.yaml"]
    located = [p for p in err.value.problems if p.file.endswith("other.yaml")]
    assert [(p.line, p.column) for p in located] == [(6, 16)]
    assert "unknown claim 'thesis'" in located[0].message


def test_corrupt_entries_are_ignored(
    corpus_dir: Callable[..., Path], cache: Path, parses: list[str]
) -> None:
    folder = corpus_dir({"other.yaml": OTHER})
    cold = load_corpus(folder)
    stored = entries(cache)
    stored[0].write_bytes(b"not a pickle at all")
    stored[1].write_bytes(stored[1].read_bytes()[:40])  # truncated
    for whole in corpus_entries(cache):
        whole.write_bytes(whole.read_bytes()[:-10])
    parses.clear()
    assert load_corpus(folder).to_json() == cold.to_json()
    assert sorted(parses) == ["base.yaml", "other.yaml"]
    parses.clear()
    load_corpus(folder)  # rewritten, so now a hit again
    assert parses == []


def test_another_version_invalidates(
    corpus_dir: Callable[..., Path], cache: Path, parses: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    folder = corpus_dir({"other.yaml": OTHER})
    load_corpus(folder)
    parses.clear()
    monkeypatch.setattr(argmap, "__version__", "99.0")
    load_corpus(folder)
    assert sorted(parses) == ["base.yaml", "other.yaml"]


def test_turned_off_and_unsafe_folders_are_not_used(
    corpus_dir: Callable[..., Path], cache: Path, parses: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    folder = corpus_dir({"other.yaml": OTHER})
    monkeypatch.setenv("ARGMAP_NO_CACHE", "1")
    load_corpus(folder)
    assert not cache.exists()
    monkeypatch.delenv("ARGMAP_NO_CACHE")
    cache.mkdir(mode=0o777)
    os.chmod(cache, 0o777)  # anyone could plant a pickle here
    load_corpus(folder)
    parses.clear()
    load_corpus(folder)
    assert sorted(parses) == ["base.yaml", "other.yaml"]
    assert entries(cache) == []


def test_the_cli_reports_problems_in_a_cached_corpus(
    corpus_dir: Callable[..., Path], cache: Path, cli: Callable[..., object]
) -> None:
    folder = corpus_dir({"other.yaml": OTHER})
    first = cli("validate", str(folder))
    assert first.returncode == 0, first.stderr  # type: ignore[attr-defined]
    assert entries(cache)
    (folder / "other.yaml").write_text(OTHER.replace("[thesis]", "[thesys]"), encoding="utf-8")
    second = cli("validate", str(folder))
    assert second.returncode == 1  # type: ignore[attr-defined]
    assert "other.yaml:6:16: unknown claim 'thesys'" in second.stderr  # type: ignore[attr-defined]


def test_an_unchanged_corpus_is_taken_whole(
    corpus_dir: Callable[..., Path], cache: Path, parses: list[str], finishes: list[int]
) -> None:
    """Not one file added, removed or changed: the checks across files would find
    what they found last time (nothing), so the resolved corpus is reused."""
    folder = corpus_dir({"other.yaml": OTHER})
    cold = load_corpus(folder)
    assert len(corpus_entries(cache)) == 1 and finishes == [1]
    parses.clear()
    warm = load_corpus(folder)
    assert parses == [] and finishes == [1]
    assert warm.to_json() == cold.to_json()
    assert warm.origins == cold.origins
    assert warm.files == cold.files
    assert warm.relations == cold.relations


def test_a_damaged_corpus_entry_falls_back_to_the_files(
    corpus_dir: Callable[..., Path], cache: Path, parses: list[str], finishes: list[int]
) -> None:
    folder = corpus_dir({"other.yaml": OTHER})
    cold = load_corpus(folder)
    corpus_entries(cache)[0].write_bytes(b"\x80\x05garbage")
    parses.clear()
    assert load_corpus(folder).to_json() == cold.to_json()
    assert parses == [] and finishes == [1, 1]  # every file cached; checks run again


def test_a_new_file_is_checked_against_the_cached_ones(
    corpus_dir: Callable[..., Path], cache: Path, parses: list[str]
) -> None:
    """Adding a file changes the corpus's key: its duplicate id is found although
    every other file, and the corpus as it was, are in the cache."""
    folder = corpus_dir({"other.yaml": OTHER})
    load_corpus(folder)
    (folder / "again.yaml").write_text(OTHER.replace("Another claim.", "Twice."),
                                       encoding="utf-8")
    parses.clear()
    with pytest.raises(MapError) as err:
        load_corpus(folder)
    assert parses == ["again.yaml"]
    assert any("duplicate id 'other'" in p.message for p in err.value.problems)


def test_a_removed_file_leaves_its_references_dangling(
    corpus_dir: Callable[..., Path], cache: Path, parses: list[str]
) -> None:
    folder = corpus_dir({"other.yaml": OTHER})
    load_corpus(folder)
    # other.yaml supports base.yaml's thesis; move the thesis out of the corpus
    base = folder / "base.yaml"
    text = base.read_text(encoding="utf-8")
    (folder / "base.yaml").unlink()
    (folder / "kept.yaml").write_text(text.replace("id: thesis", "id: main-thesis"),
                                      encoding="utf-8")
    parses.clear()
    with pytest.raises(MapError) as err:
        load_corpus(folder)
    assert any("unknown claim 'thesis'" in p.message for p in err.value.problems)


def test_a_moved_corpus_is_not_taken_from_its_old_place(
    corpus_dir: Callable[..., Path], cache: Path, finishes: list[int], tmp_path: Path
) -> None:
    """The corpus entry is keyed by its folder: records know the files they came from."""
    folder = corpus_dir({"other.yaml": OTHER})
    load_corpus(folder)
    moved = folder.rename(tmp_path / "moved")
    corpus = load_corpus(moved)
    assert finishes == [1, 1]
    assert all(Path(o.path).is_relative_to(moved) for o in corpus.origins.values())


def test_records_survive_the_cache_exactly() -> None:
    """Records are pickled in a lighter form than pydantic's own (see
    argmap.core.model._reduce): every record of the chapter comes back equal,
    with the same fields marked as set, still frozen where it was, and still
    tracking later assignments."""
    import pickle

    from pydantic import BaseModel, ValidationError

    corpus = load_corpus(Path(__file__).resolve().parent.parent / "arguments")
    records: list[BaseModel] = [*corpus.claims.values(), *corpus.evidence.values(),
                                *corpus.footnotes.values(), *corpus.sources.values(),
                                *corpus.stances, *corpus.schools.values(), *corpus.relations]
    assert {type(r).__name__ for r in records} >= {"Claim", "Evidence", "Footnote", "Source",
                                                   "Stance", "School", "Relation"}
    back = pickle.loads(pickle.dumps(records, protocol=pickle.HIGHEST_PROTOCOL))
    for before, after in zip(records, back, strict=True):
        assert type(after) is type(before)
        assert after == before
        assert after.model_fields_set == before.model_fields_set
        assert after.model_dump(exclude_unset=True) == before.model_dump(exclude_unset=True)
    relation = back[-1]
    with pytest.raises(ValidationError):
        relation.source = "elsewhere"
    assert hash(relation) == hash(records[-1])
    claim = next(r for r in back if type(r).__name__ == "Claim"
                 and "attacks" not in r.model_fields_set)
    claim.attacks = []
    assert "attacks" in claim.model_fields_set
