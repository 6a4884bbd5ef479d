"""Property-based fuzzing of the loader on mutations of the bundled map.

Whatever a mutation does to one file, `argmap validate` exits 0 or 1 (never 3),
every problem is one `file:line:col: message` line, and a map that validates also
renders every view kind, formats every note and source, and loads in the app's data
layer. Bounded to a few examples so the suite stays fast; set ARGMAP_FUZZ_EXAMPLES
for a longer campaign (e.g. 500).
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap.citations.chicago import bibliography, note
from argmap.cli import main
from argmap.core.loader import load_corpus
from argmap.drawing.dot import DotOptions, build_dot
from argmap.drawing.render import render
from argmap.graph import build_graph
from argmap.views import select

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = ROOT / "arguments"
FILES = sorted(p.relative_to(BUNDLED) for p in BUNDLED.rglob("*.yaml"))
EXAMPLES = int(os.environ.get("ARGMAP_FUZZ_EXAMPLES", "6"))
PROBLEM = re.compile(r"^[^\n]+:\d+:\d+: \S[^\n]*$")
VALUE_LINE = re.compile(r"^(\s*(?:- )?[\w-]+: )(.+)$", re.MULTILINE)

TOKENS = [
    ": ", "- ", "[", "]", "{", "}", ",", "&a ", "*a", "<<: *a", "!!python/object:os.system ",
    "!tag ", '"', "'", "\n", "\t", "  ", "#", "\x01", "\x1b[31m", "\x00", "\u202e", "\ufffe",
    '"\\x1b"', '"\\0"', '"\\uFFFE"', "1927-13", "1934-02-30", "0000", "-0044", "9" * 40,
    "²", "٣", "~", "null", "yes", "-1", "0", "1e999", ".nan", "---", "...", "? ", "|", ">",
    "id", "claims", "supports", "rise-thesis", "Stalin", "<b>", "$x$", "=1+1", "\r\n", "\x85",
]
FUZZ_TEXT = st.lists(st.one_of(st.sampled_from(TOKENS), st.text(max_size=6)), max_size=6).map("".join)


@st.composite
def mutations(draw: st.DrawFn) -> tuple[Path, str]:
    """One bundled file and its mutated text: a slice replaced, or a value swapped."""
    rel = draw(st.sampled_from(FILES))
    text = (BUNDLED / rel).read_text(encoding="utf-8")
    values = list(VALUE_LINE.finditer(text))
    if values and draw(st.booleans()):
        m = values[draw(st.integers(0, len(values) - 1))]
        new = draw(st.one_of(st.sampled_from(TOKENS), FUZZ_TEXT, st.text(max_size=30)))
        return rel, text[: m.start(2)] + new + text[m.end(2):]
    start = draw(st.integers(0, len(text)))
    length = draw(st.integers(0, 40))
    return rel, text[:start] + draw(FUZZ_TEXT) + text[start + length:]


def run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(args))
    return code, out.getvalue(), err.getvalue()


def check_downstream(folder: Path) -> None:
    """A map that validated: every later stage must take it."""
    from argmap.webapp.data import _load

    corpus = load_corpus(folder)
    graph = build_graph(corpus)
    claim = next(iter(corpus.claims), None)
    school = next(iter(corpus.schools), None)
    specs = ["overview", "period:1900..1960", *(f"section:{s}" for s in corpus.sections)]
    if claim:
        specs += [f"claim:{claim}:2", f"trace:{claim}"]
    if school:
        specs += [f"school:{school}", f"accept:{school}", f"strength:{school}"]
    specs += [f"person:{p}" for p in list(corpus.people)[:1]]
    specs += [f"event:{e}" for e in list(corpus.events)[:1]]
    for spec in specs:
        dot = build_dot(graph, select(graph, spec), DotOptions()).source
        if spec.startswith(("section:", "overview")):
            render(dot, "svg")
    for footnote in corpus.footnotes.values():
        for citation in footnote.citations:
            for markup in ("text", "markdown", "html"):
                note(corpus.sources[citation.source], citation, markup=markup)  # type: ignore[arg-type]
    for source in corpus.sources.values():
        for markup in ("text", "markdown", "html"):
            bibliography(source, markup=markup)  # type: ignore[arg-type]
    loaded = _load(folder)
    assert loaded.graph is not None and not loaded.problems and loaded.error is None


@settings(max_examples=EXAMPLES, deadline=None, derandomize="ARGMAP_FUZZ_EXAMPLES" not in os.environ,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(mutations())
def test_a_mutated_map_is_reported_or_works_everywhere(mutation: tuple[Path, str]) -> None:
    rel, text = mutation
    tmp = Path(tempfile.mkdtemp())
    try:
        folder = tmp / "map"
        shutil.copytree(BUNDLED, folder)
        (folder / rel).write_bytes(text.encode("utf-8", "surrogatepass"))
        code, out, err = run("validate", str(folder))
        assert code in (0, 1), err[-2000:]
        if code == 1:
            lines = err.splitlines()
            assert lines[-1].endswith("problem(s) found"), lines[-3:]
            for line in lines[:-1]:
                assert PROBLEM.match(line), line
                assert line.startswith(str(folder)), line
        else:
            assert out.startswith("ok:")
            check_downstream(folder)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
