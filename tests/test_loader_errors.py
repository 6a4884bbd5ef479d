"""Every kind of mistake is reported at its exact file:line:col, all at once."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from argmap.core.errors import MapError
from argmap.core.loader import load_corpus


def problems(folder: Path) -> list[str]:
    with pytest.raises(MapError) as info:
        load_corpus(folder)
    return [str(p) for p in info.value.problems]


def one(folder: Path) -> str:
    found = problems(folder)
    assert len(found) == 1, found
    return found[0]


def test_valid_base_corpus_loads(corpus_dir: Callable[..., Path]) -> None:
    corpus = load_corpus(corpus_dir())
    assert set(corpus.claims) == {"thesis", "c1"}
    assert corpus.relations[0].kind == "supports"


def test_yaml_syntax_error_is_located(corpus_dir: Callable[..., Path]) -> None:
    folder = corpus_dir({"bad.yaml": "claims:\n  - id: x\n    text: [unclosed\n"})
    found = one(folder)
    assert found.startswith(f"{folder}/bad.yaml:4:1: YAML syntax error")


def test_unknown_field_points_at_the_key_and_suggests(corpus_dir: Callable[..., Path]) -> None:
    folder = corpus_dir({"x.yaml": """\
        claims:
          - id: c2
            text: t
            kind: factual
            locator: {section: s1, paragraph: 1}
            suports: [thesis]
        """})
    found = one(folder)
    assert found == (f"{folder}/x.yaml:6:5: claim 'c2': unknown field 'suports' "
                     "(did you mean 'supports'?)")


def test_missing_field_points_at_the_record(corpus_dir: Callable[..., Path]) -> None:
    folder = corpus_dir({"x.yaml": """\
        claims:
          - id: c2
            kind: factual
            locator: {section: s1, paragraph: 1}
        """})
    assert one(folder) == f"{folder}/x.yaml:2:5: claim 'c2': missing field 'text' (add 'text:')"


def test_mistyped_field_points_at_the_value(corpus_dir: Callable[..., Path]) -> None:
    folder = corpus_dir({"x.yaml": """\
        claims:
          - id: c2
            text: t
            kind: factual
            locator: {section: s1, paragraph: two}
        """})
    found = one(folder)
    assert found.startswith(f"{folder}/x.yaml:5:39: claim 'c2': locator.paragraph: Input should")


def test_wrong_vocabulary_lists_the_choices(corpus_dir: Callable[..., Path]) -> None:
    folder = corpus_dir({"x.yaml": """\
        claims:
          - id: c2
            text: t
            kind: opinion
            locator: {section: s1, paragraph: 1}
        """})
    found = one(folder)
    assert found.startswith(f"{folder}/x.yaml:4:11: claim 'c2': kind: Input should be 'thesis'")


def test_duplicate_ids_name_both_places(corpus_dir: Callable[..., Path]) -> None:
    folder = corpus_dir({"x.yaml": """\
        people:
          - {id: c1, name: Someone}
        """})
    found = problems(folder)
    assert found == [
        f"{folder}/base.yaml:24:9: id 'c1' is defined again at {folder}/x.yaml:2:10 "
        "(rename one of the two)",
        f"{folder}/x.yaml:2:10: duplicate id 'c1' (people); first defined at "
        f"{folder}/base.yaml:24:9 (ids must be unique across the whole corpus, whatever their kind)",
    ]


def test_unknown_reference_suggests_the_closest_id(corpus_dir: Callable[..., Path]) -> None:
    folder = corpus_dir({"x.yaml": """\
        claims:
          - id: c2
            text: t
            kind: factual
            locator: {section: s1, paragraph: 1}
            people: [stallin]
            supports: [thesis, nothing-like-it]
        """})
    assert problems(folder) == [
        f"{folder}/x.yaml:6:14: unknown person 'stallin' (did you mean 'stalin'?)",
        f"{folder}/x.yaml:7:24: unknown claim 'nothing-like-it' (no claim has this id)",
    ]


def test_footnote_number_defined_twice(corpus_dir: Callable[..., Path]) -> None:
    folder = corpus_dir({"x.yaml": """\
        footnotes:
          - {id: n1b, work: w, number: 1, section: s1, paragraph: 2}
        """})
    found = one(folder)
    assert found.startswith(f"{folder}/x.yaml:2:32: footnote number 1 is defined twice: 'n1' at "
                            f"{folder}/base.yaml:")


def test_anchor_over_twelve_words(corpus_dir: Callable[..., Path]) -> None:
    folder = corpus_dir({"x.yaml": """\
        claims:
          - id: c2
            text: t
            kind: factual
            locator:
              section: s1
              paragraph: 1
              anchor: one two three four five six seven eight nine ten eleven twelve thirteen
        """})
    assert one(folder) == (f"{folder}/x.yaml:8:15: claim 'c2': locator.anchor: anchor has 13 "
                           "words; at most 12 are allowed")


def test_paragraph_past_end_of_section(corpus_dir: Callable[..., Path]) -> None:
    folder = corpus_dir({"x.yaml": """\
        claims:
          - id: c2
            text: t
            kind: factual
            locator: {section: s1, paragraph: 9}
        """})
    assert one(folder) == (f"{folder}/x.yaml:5:39: paragraph 9 is past the end of section 's1' "
                           "(the section has 3 paragraphs)")


def test_every_problem_reported_at_once_and_sorted(corpus_dir: Callable[..., Path]) -> None:
    folder = corpus_dir({
        "b.yaml": "claims:\n  - {id: x1, text: t, kind: factual, locator: {section: nope, paragraph: 1}}\n",
        "a.yaml": "sources:\n  - {id: s9, type: boook, title: T}\n",
        "c.yaml": "claims: [unclosed\n",
    })
    found = problems(folder)
    # The file that cannot be parsed first (it may explain the rest), then the others sorted.
    assert [f.split(":")[0].rsplit("/", 1)[1] for f in found] == ["c.yaml", "a.yaml", "b.yaml"]


def test_binary_junk_is_a_problem_not_a_crash(corpus_dir: Callable[..., Path]) -> None:
    folder = corpus_dir()
    (folder / "junk.yaml").write_bytes(b"claims:\n  - \xff\xfe\x00\x01")
    assert one(folder) == f"{folder}/junk.yaml:2:5: file is not UTF-8 text (save it as UTF-8)"


def test_empty_file_is_harmless(corpus_dir: Callable[..., Path]) -> None:
    folder = corpus_dir({"empty.yaml": ""})
    assert len(load_corpus(folder).claims) == 2


def test_list_where_mapping_belongs(corpus_dir: Callable[..., Path]) -> None:
    folder = corpus_dir({"list.yaml": "- id: x\n- id: y\n"})
    assert one(folder).startswith(f"{folder}/list.yaml:1:1: the file holds a list; a mapping")


def test_collection_that_is_not_a_list(corpus_dir: Callable[..., Path]) -> None:
    folder = corpus_dir({"x.yaml": "claims:\n  id: x\n"})
    assert one(folder).startswith(f"{folder}/x.yaml:2:3: 'claims' must be a list of records")


def test_unknown_collection_suggests(corpus_dir: Callable[..., Path]) -> None:
    folder = corpus_dir({"x.yaml": "claimz: []\n"})
    assert one(folder) == f"{folder}/x.yaml:1:1: unknown collection 'claimz' (did you mean 'claims'?)"


def test_duplicate_key_in_a_record(corpus_dir: Callable[..., Path]) -> None:
    folder = corpus_dir({"x.yaml": "people:\n  - id: p1\n    name: A\n    name: B\n"})
    assert one(folder) == f"{folder}/x.yaml:4:5: duplicate key 'name' (remove one of the two)"


def test_billion_laughs_is_refused_quickly(corpus_dir: Callable[..., Path]) -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    folder = corpus_dir({"bomb.yaml": "\n".join(lines) + "\n"})
    found = one(folder)
    assert "aliases expand to more than" in found


def test_symlink_leaving_the_corpus_is_refused(
    corpus_dir: Callable[..., Path], tmp_path: Path
) -> None:
    outside = tmp_path / "outside.yaml"
    outside.write_text("people:\n  - {id: spy, name: Spy}\n")
    folder = corpus_dir()
    (folder / "link.yaml").symlink_to(outside)
    assert one(folder).startswith(f"{folder}/link.yaml:1:1: symlink leads outside the corpus")


def test_unsupported_tag_is_refused(corpus_dir: Callable[..., Path]) -> None:
    folder = corpus_dir({"x.yaml": "people:\n  - !!python/object:os.system {id: x}\n"})
    assert any("x.yaml:2:5: unsupported YAML tag" in p for p in problems(folder))
