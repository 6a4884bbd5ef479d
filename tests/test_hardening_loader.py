"""Regression tests for hostile files and maps that used to hang, crash or slip
through validation (issue 12): each test reproduces one reported failure."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.citations.chicago import page_range
from argmap.core.errors import MapError, UsageError
from argmap.core.loader import MAX_PROBLEMS_PER_FILE, load_corpus
from argmap.core.model import check_text
from argmap.core.yamlfile import MAX_NODES, parse_yaml
from argmap.graph import build_graph
from argmap.views import select

CLI = Callable[..., subprocess.CompletedProcess[str]]
ROOT = Path(__file__).resolve().parent.parent


def problems(folder: Path) -> list[str]:
    with pytest.raises(MapError) as info:
        load_corpus(folder)
    return [str(p) for p in info.value.problems]


def claim(extra: str) -> str:
    """A claims file with one valid-looking claim plus `extra` fields."""
    return ("claims:\n  - id: c2\n    text: t\n    kind: factual\n"
            "    locator: {section: s1, paragraph: 1}\n" + extra)


# --------------------------------------------------------------- files


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_is_refused_without_blocking(cli: CLI, corpus_dir: Callable[..., Path]) -> None:
    folder = corpus_dir()
    os.mkfifo(folder / "a.yaml")
    result = cli("validate", str(folder))  # used to block for good
    assert result.returncode == 1
    assert f"{folder}/a.yaml:1:1: not a regular file (a FIFO); refused" in result.stderr


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_a_device_is_refused_not_read(cli: CLI, corpus_dir: Callable[..., Path]) -> None:
    folder = corpus_dir()
    (folder / "z.yaml").symlink_to(folder / "zero")
    (folder / "zero").symlink_to("/dev/zero")
    result = cli("validate", str(folder))
    assert result.returncode == 1, result.stderr
    assert "z.yaml:1:1:" in result.stderr
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr


@pytest.mark.skipif(os.geteuid() != 0 if hasattr(os, "geteuid") else True,
                    reason="creating a device node needs root")
def test_a_device_node_in_the_map_is_refused(cli: CLI, corpus_dir: Callable[..., Path]) -> None:
    folder = corpus_dir()
    os.mknod(folder / "z.yaml", 0o600 | 0o020000, os.makedev(1, 5))  # like /dev/zero
    result = cli("validate", str(folder))
    assert result.returncode == 1
    assert f"{folder}/z.yaml:1:1: not a regular file (a character device); refused" in result.stderr


def test_a_symlink_loop_is_a_problem_not_a_crash(cli: CLI, corpus_dir: Callable[..., Path]) -> None:
    folder = corpus_dir()
    (folder / "a.yaml").symlink_to("a.yaml")
    result = cli("validate", str(folder))
    assert result.returncode == 1, result.stderr
    assert f"{folder}/a.yaml:1:1: symlink loop; refused" in result.stderr


def test_a_raw_control_character_is_located(corpus_dir: Callable[..., Path]) -> None:
    folder = corpus_dir({"c.yaml": 'people: []\nx: "\x01"\n'})
    found = problems(folder)
    assert found == [f"{folder}/c.yaml:2:5: file contains the control character U+0001 "
                     "(delete it: YAML files may hold only printable characters, tabs and line breaks)"]


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0,
                    reason="root reads any folder")
def test_an_unreadable_folder_is_reported(corpus_dir: Callable[..., Path]) -> None:
    folder = corpus_dir({"sub/bad.yaml": "claims: 3\n"})
    (folder / "sub").chmod(0)
    try:
        found = problems(folder)
    finally:
        (folder / "sub").chmod(0o755)
    assert any("cannot read folder" in p for p in found), found


def test_an_unreadable_folder_is_reported_for_an_ordinary_user() -> None:
    """The same as an ordinary user sees it: run the check as 'nobody' when we are root."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        pytest.skip("covered by the test above")
    import shutil
    import tempfile

    tmp_path = Path(tempfile.mkdtemp(dir="/tmp"))  # pytest's tmp_path is private to root
    folder = tmp_path / "map"
    (folder / "sub").mkdir(parents=True)
    (folder / "sub" / "bad.yaml").write_text("claims: 3\n")
    (folder / "ok.yaml").write_text("people: []\n")
    (folder / "sub").chmod(0)
    for part in (tmp_path, folder):
        part.chmod(0o755)
    script = ("import sys; from argmap.cli import main; sys.exit(main(['validate', sys.argv[1]]))")
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    try:
        result = subprocess.run(
            ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
             sys.executable, "-c", script, str(folder)],
            capture_output=True, text=True, env=env, timeout=60, check=False,
        )
    except FileNotFoundError:
        pytest.skip("setpriv is not installed")
    finally:
        (folder / "sub").chmod(0o755)
        shutil.rmtree(tmp_path, ignore_errors=True)
    if "Permission denied" in result.stderr and "cannot read folder" not in result.stderr:
        pytest.skip("cannot run as nobody here: " + result.stderr[-200:])
    assert result.returncode == 1, result.stdout + result.stderr
    assert f"{folder}/sub:1:1: cannot read folder: Permission denied" in result.stderr


def test_problems_per_file_are_capped(corpus_dir: Callable[..., Path]) -> None:
    many = "people:\n" + "".join("  - []\n" for _ in range(3 * MAX_PROBLEMS_PER_FILE))
    folder = corpus_dir({"many.yaml": many})
    found = problems(folder)
    assert len(found) == MAX_PROBLEMS_PER_FILE + 1
    assert found[-1].startswith(f"{folder}/many.yaml:{MAX_PROBLEMS_PER_FILE + 2}:5: "
                                f"... and {2 * MAX_PROBLEMS_PER_FILE} more problem(s) in this file")


def test_aliases_of_one_broken_record_report_it_once(corpus_dir: Callable[..., Path]) -> None:
    text = ("people:\n  - &r {id: Bad_Id, name: [1], kind: nope}\n"
            + "".join("  - *r\n" for _ in range(2000)))
    found = problems(corpus_dir({"a.yaml": text}))
    assert len(found) == 3, found


def test_too_many_values_are_refused_before_composing(corpus_dir: Callable[..., Path]) -> None:
    text = "people:\n" + "".join("  - []\n" for _ in range(MAX_NODES + 10))
    found = problems(corpus_dir({"big.yaml": text}))
    assert len(found) == 1
    assert f"holds more than {MAX_NODES} values" in found[0]


# ---------------------------------------------------- maps that validate


@pytest.mark.parametrize("escape", ["\\0", "\\x1b", "\\x01", "\\uFFFE", "\\x85", "\\r"])
def test_control_characters_in_text_are_rejected(corpus_dir: Callable[..., Path], escape: str) -> None:
    folder = corpus_dir({"x.yaml": claim(f'    title: "bad {escape} title"\n')})
    found = problems(folder)
    assert len(found) == 1, found
    assert found[0].startswith(f"{folder}/x.yaml:6:12: claim 'c2': title: text holds the control "
                               "character or noncharacter U+")
    assert "(remove it, or the escape" in found[0]


@pytest.mark.parametrize("raw", ["\ufdd0", "\ufdef", "\U0001fffe", "\U0010ffff"])
def test_noncharacters_written_directly_are_rejected(corpus_dir: Callable[..., Path], raw: str) -> None:
    """No escape, so the file's text decides: the loader must not skip the check."""
    folder = corpus_dir({"x.yaml": claim(f"    title: bad {raw} title\n")})
    found = problems(folder)
    assert len(found) == 1, found
    assert "text holds the control character or noncharacter U+" in found[0]


SCALAR_CHARS = st.sampled_from(
    ["a", " ", "\t", "\r", "\r\n", "\n", "\x85", "\u2028", "\ufdd0", "\U0002fffe", "\ufffd",
     "\\", "\\x1b", "\\0", "\\r", "\\uFFFE", "\\N", "\\x85", "'", '"', "é"])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["plain", "single", "double", "literal", "folded"]),
                          st.lists(SCALAR_CHARS, max_size=8).map("".join)), max_size=5))
def test_a_file_judged_clean_yields_only_showable_text(values: list[tuple[str, str]]) -> None:
    """The loader skips the per-field text check for a file whose text cannot yield an
    unshowable character (argmap.core.model.yaml_texts_are_showable): whatever the
    scalar styles, line breaks and escapes, a file so judged yields none."""
    lines = []
    for i, (style, body) in enumerate(values):
        if style == "plain":
            lines.append(f"k{i}: x{body}x")
        elif style == "single":
            lines.append(f"k{i}: '{body}'")
        elif style == "double":
            lines.append(f'k{i}: "{body}"')
        else:
            marker = "|" if style == "literal" else ">"
            lines.append(f"k{i}: {marker}\n  x{body}x")
    parsed = parse_yaml(Path("f.yaml"), "f.yaml", "\n".join(lines).encode())
    if parsed.data is None or not parsed.texts_checked:
        return
    strings = [v for pair in parsed.data.items() for v in pair if isinstance(v, str)]
    for text in strings:
        check_text(text)


def test_control_characters_are_rejected_in_every_record_kind(corpus_dir: Callable[..., Path]) -> None:
    folder = corpus_dir({"x.yaml": """\
        people:
          - {id: p1, name: "A\\x1bB"}
        events:
          - {id: e1, name: ok, description: "\\0"}
        sources:
          - {id: s9, type: book, author: [{family: "F\\x07"}], page: "1\\x9b2"}
        schools:
          - {id: sc, name: S, summary: "\\uFFFF"}
        """})
    found = problems(folder)
    assert len(found) == 5, found
    assert all("control character or noncharacter" in p for p in found)


def test_tabs_and_newlines_stay_allowed(corpus_dir: Callable[..., Path]) -> None:
    load_corpus(corpus_dir({"x.yaml": claim('    title: "a\\tb"\n')
                            .replace("text: t", 'text: "line\\nnext"')}))


@pytest.mark.parametrize(("date", "message"), [
    ("1927-13", "'1927-13' has month 13; months run from 01 to 12"),
    ("1927-00", "'1927-00' has month 00"),
    ("1927-02-29", "'1927-02-29' has day 29; that month has 28 days"),
    ("1934-04-31", "that month has 30 days"),
    ("1934-12-00", "has day 00"),
])
def test_dates_must_be_real_calendar_dates(corpus_dir: Callable[..., Path], date: str,
                                           message: str) -> None:
    folder = corpus_dir({"x.yaml": claim(f'    period: {{start: "{date}"}}\n')})
    found = problems(folder)
    assert len(found) == 1 and message in found[0], found
    assert found[0].startswith(f"{folder}/x.yaml:6:21: claim 'c2': period.start:")


@pytest.mark.parametrize("date", ["1928-02-29", "2000-02-29", "-0044-03-15", "1934", "1934-12"])
def test_real_dates_still_validate(corpus_dir: Callable[..., Path], date: str) -> None:
    load_corpus(corpus_dir({"x.yaml": claim(f'    period: {{start: "{date}"}}\n')}))


def test_a_huge_page_number_is_printed_not_converted(cli: CLI, corpus_dir: Callable[..., Path]) -> None:
    big = "9" * 4400
    assert page_range(f"1-{big}") == f"1–{big}"
    folder = corpus_dir({"x.yaml": f"""\
        sources:
          - {{id: s9, type: article-journal, title: T, container-title: J, issued: "1990",
             author: [{{family: Doe}}], page: "12-{big}"}}
        """})
    result = cli("sources", "--all", "--corpus", str(folder))
    assert result.returncode == 0, result.stderr[-500:]


def test_two_sections_may_not_share_a_title(corpus_dir: Callable[..., Path]) -> None:
    folder = corpus_dir({"base.yaml": (ROOT / "tests" / "conftest.py").read_text().split('BASE = """\\\n')[1]
                         .split('"""')[0].replace(
                             "- {id: s1, title: One, paragraphs: 3}",
                             "- {id: s1, title: One, paragraphs: 3}\n      - {id: s2, title: one, paragraphs: 1}")})
    found = problems(folder)
    assert found == [f"{folder}/base.yaml:6:25: section title 'one' is already used by section 's1' "
                     "(give each section of a work its own title)"]


# ------------------------------------------------------------ view specs


@pytest.mark.parametrize("spec", ["claim:thesis:²", "section:²", "claim:thesis:" + "5" * 5000,
                                  "section:" + "9" * 5000, "claim:thesis:٣"])
def test_view_specs_with_odd_digits_are_usage_errors(corpus_dir: Callable[..., Path], spec: str) -> None:
    graph = build_graph(load_corpus(corpus_dir()))
    with pytest.raises(UsageError) as info:
        select(graph, spec)
    assert len(str(info.value)) < 300


def test_render_reports_odd_digits_with_exit_2(cli: CLI, corpus_dir: Callable[..., Path],
                                               tmp_path: Path) -> None:
    result = cli("render", "claim:thesis:²", "-o", str(tmp_path / "x.svg"), "--corpus", str(corpus_dir()))
    assert result.returncode == 2, result.stderr


def test_render_into_a_folder_that_cannot_be_written(cli: CLI, corpus_dir: Callable[..., Path],
                                                     tmp_path: Path) -> None:
    """The clean-up of the temporary file used to raise again (exit 3)."""
    blocker = tmp_path / "file"
    blocker.write_text("")
    result = cli("render", "overview", "-o", str(blocker / "x.svg"), "--corpus", str(corpus_dir()))
    assert result.returncode == 2, result.stderr
    assert "cannot write" in result.stderr


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0,
                    reason="root writes into read-only folders")
def test_render_into_a_read_only_folder(cli: CLI, corpus_dir: Callable[..., Path], tmp_path: Path) -> None:
    out = tmp_path / "ro"
    out.mkdir()
    out.chmod(0o555)
    result = cli("render", "overview", "-o", str(out / "x.svg"), "--corpus", str(corpus_dir()))
    assert result.returncode == 2, result.stderr


# ------------------------------------------------- terminal neutralisation


def test_a_key_with_an_escape_stays_on_one_neutral_line(cli: CLI, corpus_dir: Callable[..., Path]) -> None:
    folder = corpus_dir({"x.yaml": claim('    "bad\\e]0;pwned\\a\\nkey": 1\n')})
    result = cli("validate", str(folder))
    assert result.returncode == 1
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 2, lines
    assert lines[0].startswith(f"{folder}/x.yaml:6:5: claim 'c2': unknown field 'bad\\x1b]0;pwned\\x07\\x0akey'")


@pytest.mark.skipif(sys.platform == "win32", reason="file names with control characters")
def test_a_file_name_with_an_escape_or_newline_stays_on_one_line(
    cli: CLI, corpus_dir: Callable[..., Path]
) -> None:
    folder = corpus_dir({"a\x1b[31m\nb.yaml": "claims: 3\n"})
    result = cli("validate", str(folder))
    assert result.returncode == 1
    assert "\x1b" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 2, lines
    assert lines[0].startswith(f"{folder}/a\\x1b[31m\\x0ab.yaml:1:9: 'claims' must be a list")


def test_usage_errors_are_neutralised(cli: CLI, corpus_dir: Callable[..., Path], tmp_path: Path) -> None:
    result = cli("render", "trace:\x1b]8;;evil\x07x\u202e", "-o", str(tmp_path / "x.svg"),
                 "--corpus", str(corpus_dir()))
    assert result.returncode == 2
    assert "\x1b" not in result.stderr and "\u202e" not in result.stderr
    assert "\\x1b]8;;evil\\x07x\\u202e" in result.stderr


def test_printable_keeps_tabs_and_newlines_and_one_line_does_not() -> None:
    from argmap.terminal import one_line, printable

    assert printable("a\tb\nc\x1b[0m\u202e\x9b") == "a\tb\nc\\x1b[0m\\u202e\\x9b"
    assert one_line("a\tb\nc") == "a\\x09b\\x0ac"


def test_hidden_folders_and_files_are_not_the_map(corpus_dir: Callable[..., Path]) -> None:
    """An import stopped before its rename leaves `.ID.importing-*` behind; `.git` and
    editors' backups are hidden too. None of them is read as part of the map."""
    from argmap.core.loader import load_corpus

    folder = corpus_dir()
    clean = load_corpus(folder).to_json()
    broken = "claims: [\n  - id: thesis\n"  # a parse error and a duplicate id, were it read
    for hidden in (".x.importing-abc12/claims.yaml", ".git/map.yaml", ".base.yaml"):
        (folder / hidden).parent.mkdir(parents=True, exist_ok=True)
        (folder / hidden).write_text(broken, encoding="utf-8")
    assert load_corpus(folder).to_json() == clean
