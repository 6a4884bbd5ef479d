"""Writing a new work folder from a parsed text: `argmap new WORK-ID --from-text FILE`.

The folder holds what the text itself gives, so the editor starts from the
text's own structure and never from a guess:

- `work.yaml`: the work (its title and authors only if the text prints them),
  its sections with their paragraph counts, and the keywords as a comment;
- `footnotes.yaml`: every note, attached to the section and paragraph where
  its marker stands, its raw text kept as a comment above it for the editor
  to turn into citations;
- `claims.yaml`: `claims: []` and, per paragraph, a commented stub giving the
  paragraph's opening words, to be filled in and uncommented.

Ids are prefixed with the work id (`<work>-introduction`, `<work>-n1`), so
the new folder can sit next to any other map in one corpus. The folder is
written in a temporary folder beside it and renamed into place only once it
validates, alone and with the corpus it joins; an existing folder is never
touched.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from argmap.core.errors import MapError, Problem, UsageError
from argmap.scaffold.text import ParsedText, Section, parse_text

__all__ = ["NewWork", "new_work", "scaffold_files"]

_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
MAX_ID = 80
STUB_WORDS = 12


@dataclass
class NewWork:
    """What `new_work` wrote, for the CLI to report."""

    folder: Path
    parsed: ParsedText
    files: list[str]


def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def _comment(text: str) -> str:
    return " ".join(text.split())


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "section"


def section_ids(work_id: str, sections: list[Section]) -> list[str]:
    """'<work>-<slug of the title>', unique, at most 80 characters."""
    ids: list[str] = []
    for section in sections:
        base = f"{work_id}-{_slug(section.title)}"[:MAX_ID].rstrip("-")
        candidate, n = base, 2
        while candidate in ids:
            suffix = f"-{n}"
            candidate = base[: MAX_ID - len(suffix)].rstrip("-") + suffix
            n += 1
        ids.append(candidate)
    return ids


def _work_yaml(work_id: str, parsed: ParsedText, ids: list[str], source: str) -> str:
    lines = [
        "# yaml-language-server: $schema=../../docs/argmap.schema.json",
        f"# Written by `argmap new` from {_comment(source)}. Paragraph counts are the text's;",
        "# check them against the text before mapping (docs/authoring.md).",
    ]
    if parsed.keywords:
        # At most ten words, so verbatim-check flags only the notes still to be done.
        words = _comment(parsed.keywords).split()
        shown = " ".join(words[:10]) + (" …" if len(words) > 10 else "")
        lines.append(f"# Keywords (as the text gives them): {shown}")
    lines += ["works:", f"  - id: {work_id}"]
    if parsed.title:
        lines.append(f"    title: {_q(parsed.title)}")
    else:
        lines.append(f"    title: {_q(work_id)}   # the text prints no title: replace")
    if parsed.authors:
        lines.append("    author:   # as the byline prints them; split into family/given")
        lines += [f"      - {{literal: {_q(name)}}}" for name in parsed.authors]
    lines.append("    sections:")
    for section_id, section in zip(ids, parsed.sections, strict=True):
        note = "" if section.heading else "   # the text prints no heading here"
        lines.append(
            f"      - {{id: {section_id}, title: {_q(section.title)}, "
            f"paragraphs: {len(section.paragraphs)}}}{note}"
        )
    return "\n".join(lines) + "\n"


def _fallback_place(parsed: ParsedText, number: int) -> tuple[int, int]:
    """Where an unplaced note goes for now: after the last placed note before it."""
    earlier = [n for n in parsed.notes if n.number < number and n.section is not None]
    if earlier and earlier[-1].section is not None and earlier[-1].paragraph is not None:
        return earlier[-1].section, earlier[-1].paragraph
    return 0, 1


def _footnotes_yaml(work_id: str, parsed: ParsedText, ids: list[str]) -> str:
    lines = [
        "# yaml-language-server: $schema=../../docs/argmap.schema.json",
        "# Every note of the text, where its marker stands. The comment above each is the",
        "# note's raw text: turn it into citations (sources.yaml) and delete the comment.",
    ]
    if not parsed.notes:
        return "\n".join([*lines, "footnotes: []"]) + "\n"
    lines.append("footnotes:")
    for note in parsed.notes:
        placed = note.section is not None and note.paragraph is not None
        section, paragraph = (
            (note.section, note.paragraph) if placed else _fallback_place(parsed, note.number)
        )
        assert section is not None and paragraph is not None
        lines.append(f"  # ({note.number}) {_comment(note.text)}")
        if not placed:
            lines.append("  # NOT FOUND: no marker for this note in the body; placed after the")
            lines.append("  # note before it for now. Find its paragraph in the text.")
        lines += [
            f"  - id: {work_id}-n{note.number}",
            f"    work: {work_id}",
            f"    number: {note.number}",
            f"    section: {ids[section]}",
            f"    paragraph: {paragraph}",
            "    citations: []",
        ]
    return "\n".join(lines) + "\n"


def _claims_yaml(work_id: str, parsed: ParsedText, ids: list[str]) -> str:
    lines = [
        "# yaml-language-server: $schema=../../docs/argmap.schema.json",
        "# One stub per paragraph: write the paragraph's claims in your own words",
        "# (docs/format.md, claims), uncomment, and move them into the list.",
        "# The anchor is the paragraph's opening words; replace it with the words",
        "# that state the claim (at most 12, copied exactly).",
        "claims: []",
    ]
    for section_id, section in zip(ids, parsed.sections, strict=True):
        lines += ["", f"# ---- {_comment(section.title)} ({section_id}) ----"]
        for number, paragraph in enumerate(section.paragraphs, start=1):
            opening = paragraph.opening(STUB_WORDS)
            notes = f"   notes: {', '.join(map(str, paragraph.markers))}" if paragraph.markers else ""
            prefix = f"{work_id}-{_slug(section.title)}"[:60].rstrip("-")
            lines += [
                f"# ¶{number}: {_comment(opening)} …{notes}",
                f"# - id: {prefix}-p{number}-",
                "#   title: ",
                "#   text: ",
                "#   kind: interpretive",
                f"#   locator: {{section: {section_id}, paragraph: {number}, "
                f"anchor: {_q(opening)}}}",
            ]
            if paragraph.markers:
                marks = ", ".join(f"{work_id}-n{n}" for n in paragraph.markers)
                lines.append(f"#   footnotes: [{marks}]")
    return "\n".join(lines) + "\n"


def scaffold_files(work_id: str, parsed: ParsedText, source: str) -> dict[str, str]:
    """The files of a new work folder, by name."""
    ids = section_ids(work_id, parsed.sections)
    return {
        "work.yaml": _work_yaml(work_id, parsed, ids, source),
        "footnotes.yaml": _footnotes_yaml(work_id, parsed, ids),
        "claims.yaml": _claims_yaml(work_id, parsed, ids),
    }


def _check_id(work_id: str) -> None:
    if not _ID.match(work_id) or len(work_id) > 40:
        raise UsageError(
            f"work id {work_id!r} is not a slug: use lower-case letters, digits and hyphens "
            "(at most 40 characters), e.g. smith-cold-war"
        )


def _read(path: Path) -> str:
    try:
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise UsageError(f"no such text file: {path}") from exc
    except OSError as exc:
        raise UsageError(f"cannot read {path}: {exc.strerror or exc}") from exc
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise UsageError(
            f"{path} is not UTF-8 text (byte {exc.start + 1}); save it as UTF-8 plain text"
        ) from exc


def _validate(tmp: Path, corpus: Path, target: Path) -> None:
    """The new folder validates on its own, and beside the corpus it joins."""
    from argmap.core.loader import load_corpus

    load_corpus(tmp)  # a MapError here is a bug of this module: let it be reported
    others = [p for p in corpus.iterdir() if p != tmp] if corpus.is_dir() else []
    if not others:
        return
    try:
        load_corpus(corpus, staged=[tmp])  # with the new folder, hidden until renamed
    except MapError as exc:
        ours = [
            Problem(p.file.replace(tmp.name, target.name), p.line, p.column,
                    p.message.replace(tmp.name, target.name),
                    p.hint or "the new work's ids clash with the corpus: choose another work id")
            for p in exc.problems if tmp.name in p.file
        ]
        if ours:
            raise MapError(ours) from exc


def new_work(work_id: str, text_file: str | os.PathLike[str], corpus: Path) -> NewWork:
    """Write `corpus/work_id/` from the text; never overwrite; rename into place at the end."""
    _check_id(work_id)
    target = corpus / work_id
    if target.exists() or target.is_symlink():
        raise UsageError(f"{target} already exists; argmap new never overwrites a folder "
                         "(choose another work id, or move the folder away)")
    text_path = Path(text_file)
    try:
        parsed = parse_text(_read(text_path))
    except ValueError as exc:
        raise UsageError(f"{text_path}: {exc}") from exc
    files = scaffold_files(work_id, parsed, text_path.name)
    corpus.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{work_id}.new-", dir=corpus))
    tmp.chmod(0o755)  # mkdtemp makes it private; a map folder is an ordinary folder
    try:
        for name, content in files.items():
            (tmp / name).write_text(content, encoding="utf-8")
        _validate(tmp, corpus, target)
        if target.exists() or target.is_symlink():
            raise UsageError(f"{target} appeared while writing; nothing was changed")
        os.rename(tmp, target)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return NewWork(target, parsed, list(files))
