"""The `argmap` command: a thin shell that assembles library stages.

Exit codes: 0 fine, 1 the map has problems, 2 the command was used wrongly,
3 a bug in argmap. Data goes to stdout, diagnostics to stderr; no traceback
ever reaches a user.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from argmap.core.errors import ArgmapError, MapError, UsageError
from argmap.terminal import PrintableStream, one_line

if TYPE_CHECKING:  # the model (pydantic) is imported by the commands that load a map
    from argmap.core.corpus import Corpus

EXIT_OK, EXIT_MAP, EXIT_USAGE, EXIT_BUG = 0, 1, 2, 3

Handler = Callable[[argparse.Namespace], int]


def _load(args: argparse.Namespace) -> Corpus:
    """The whole corpus named by --corpus (the loader is imported here, not at start-up:
    `argmap --help` and the `af` commands never need it)."""
    import gc

    from argmap.core.loader import load_corpus

    corpus = load_corpus(getattr(args, "corpus_arg", None) or args.corpus)
    # The corpus lives until the command ends: without this, every collection the
    # command's own allocations trigger walks its million objects again (on 10,000
    # claims, most of the time the schools' strengths take).
    gc.freeze()
    return corpus


def _corpus(args: argparse.Namespace) -> Corpus:
    """The corpus, or with --work the one work's corpus (argmap.core.namespaces)."""
    corpus = _load(args)
    work = getattr(args, "work", None)
    if work:
        return corpus.for_work(_known_work(corpus, work))
    return corpus


def _known_work(corpus: Corpus, work: str) -> str:
    if work not in corpus.works:
        known = ", ".join(corpus.works) or "none"
        raise UsageError(f"no work '{work}' in this corpus; works: {known}")
    return work


def _scoped(args: argparse.Namespace) -> list[tuple[str | None, Corpus]]:
    """The corpora a per-work command runs on: the chosen work (--work), else each work
    of the corpus in turn (None when there is at most one: outputs look as they always did)."""
    corpus = _load(args)
    work = getattr(args, "work", None)
    if work:
        return [(None, corpus.for_work(_known_work(corpus, work)))]
    if len(corpus.works) <= 1:
        return [(None, corpus)]
    return [(w, corpus.for_work(w)) for w in corpus.works]


def _one_work(args: argparse.Namespace, *, schools: Sequence[str] = (), node: str = "") -> Corpus:
    """The corpus of the one work a command is about: --work, the only work, or the one
    work holding the schools (or the claim) named; else ask for --work."""
    scoped = _scoped(args)
    if len(scoped) == 1:
        return scoped[0][1]
    if schools or node:
        holding = [(w, c) for w, c in scoped
                   if all(s in c.schools for s in schools) and (not node or node in c.claims
                                                                or node in c.evidence)]
        if len(holding) == 1:
            return holding[0][1]
        if not holding and len(schools) > 1:
            where = {s: [(w, c) for w, c in scoped if s in c.schools] for s in schools}
            if all(where.values()):
                def debate(school: str, corpus: Corpus) -> str:
                    found = corpus.debates.get(corpus.debate_of(school) or "")
                    return f"the debate '{found.title}'" if found is not None else "no debate"

                parts = "; ".join(
                    f"'{s}' is in " + " and ".join(f"{debate(s, c)} (work {w})" for w, c in ws)
                    for s, ws in where.items())
                raise UsageError(f"these schools belong to different debates and cannot be "
                                 f"compared: {parts}. Compare schools of one debate")
    works = ", ".join(str(w) for w, _ in scoped)
    if node:
        having = [str(w) for w, c in scoped if node in c.claims or node in c.evidence]
        if not having:
            raise UsageError(f"no claim '{node}' in any of the works ({works})")
        raise UsageError(f"'{node}' is a claim of several works ({', '.join(having)}); choose "
                         "one with --work ID")
    raise UsageError(f"this corpus holds {len(scoped)} works ({works}); choose one with --work ID")


def _work_heading(corpus: Corpus, work: str | None, first: bool) -> None:
    """With several works, each work's output starts by saying which work it is."""
    if work is None:
        return
    title = corpus.works[work].title
    print(("" if first else "\n") + f"== {title} (work {work}) ==")


def _print_json(data: Any) -> None:
    """JSON goes to the stream beneath the neutralising wrapper: it stays exact."""
    out = sys.stdout.raw if isinstance(sys.stdout, PrintableStream) else sys.stdout
    out.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def cmd_validate(args: argparse.Namespace) -> int:
    corpus = _corpus(args)
    print(
        f"ok: {len(corpus.files)} files, {len(corpus.claims)} claims, "
        f"{len(corpus.evidence)} evidence, {len(corpus.footnotes)} footnotes, "
        f"{len(corpus.sources)} sources, {len(corpus.stances)} stances"
    )
    return EXIT_OK


def cmd_stats(args: argparse.Namespace) -> int:
    from argmap.stats import corpus_stats, format_stats

    stats = corpus_stats(_corpus(args))
    if args.json:
        _print_json(stats)
    else:
        print(format_stats(stats))
    return EXIT_OK


def cmd_schema(args: argparse.Namespace) -> int:
    from argmap.core.schema import json_schema

    _print_json(json_schema())
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    corpus = _corpus(args)
    if args.format != "json":
        return _export_interchange(args, corpus)
    _print_json(corpus.to_json())
    return EXIT_OK


# -- interchange: argmap import / export aif|argdown|graphml|kialo (argmap.interchange) --------
INTERCHANGE_EXPORTS = ("aif", "argdown", "graphml", "kialo")


def _export_interchange(args: argparse.Namespace, corpus: Corpus) -> int:
    from argmap.drawing.render import write_atomic
    from argmap.interchange.formats import export
    from argmap.interchange.work import work_view

    data = export(work_view(corpus, getattr(args, "work", None)), args.format)
    if args.output:
        out = Path(args.output)
        write_atomic(out, data)
        print(f"wrote {out}", file=sys.stderr)
    else:
        stream = sys.stdout.raw if isinstance(sys.stdout, PrintableStream) else sys.stdout
        stream.write(data.decode("utf-8"))
    return EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
    from argmap.interchange.formats import read_file
    from argmap.interchange.importer import format_report, write_work

    graph = read_file(Path(args.file), args.format)
    report = write_work(graph, args.work, getattr(args, "corpus", None))
    if args.json:
        _print_json(report.to_json())
    else:
        print(format_report(report))
    return EXIT_OK


def cmd_footnotes(args: argparse.Namespace) -> int:
    from argmap.citations.notes import footnote_listing, format_footnotes

    scoped = _scoped(args)
    if args.json:
        if len(scoped) == 1:
            _print_json(footnote_listing(scoped[0][1]))
        else:
            _print_json({w: footnote_listing(c) for w, c in scoped})
        return EXIT_OK
    for index, (work, corpus) in enumerate(scoped):
        _work_heading(corpus, work, index == 0)
        print(format_footnotes(corpus))
    return EXIT_OK


def cmd_sources(args: argparse.Namespace) -> int:
    from argmap.citations.csl import to_csl_list
    from argmap.citations.notes import bibliography_sources, format_bibliography

    scoped = _scoped(args)
    if args.csl:
        items = [i for _, c in scoped for i in to_csl_list(bibliography_sources(
            c, include_editorial=args.all))]
        _print_json(list({i["id"]: i for i in items}.values()))
        return EXIT_OK
    for index, (work, corpus) in enumerate(scoped):
        text = format_bibliography(corpus, include_editorial=args.all)
        if text:
            _work_heading(corpus, work, index == 0)
            print(text)
    return EXIT_OK


def cmd_search(args: argparse.Namespace) -> int:
    from argmap.search import search_claims

    scoped = [(w, c, search_claims(c, " ".join(args.text))) for w, c in _scoped(args)]
    if args.json:
        if len(scoped) == 1:
            _print_json([h.to_json() for h in scoped[0][2]])
        else:
            _print_json([{"work": w, **h.to_json()} for w, _, hits in scoped for h in hits])
        return EXIT_OK
    shown = 0
    for work, corpus, hits in scoped:
        if hits:
            _work_heading(corpus, work, shown == 0)
        shown += len(hits)
        for hit in hits:
            c = hit.claim
            view = f"  (a view the text reports: {hit.voice})" if hit.voice else ""
            print(f"{c.id}  [{c.locator.section} ¶{c.locator.paragraph}]  {c.heading}{view}")
            print(f"    {c.text}")
    if not shown:
        print("no claims match", file=sys.stderr)
    return EXIT_OK


def cmd_check_text(args: argparse.Namespace) -> int:
    from argmap.anchors import check_anchors

    path = Path(args.textfile)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"cannot read text file {path}: {exc}") from exc
    result = check_anchors(_one_work(args), text)
    for problem in result.missing:
        print(one_line(str(problem)), file=sys.stderr)
    found = result.checked - len(result.missing)
    print(f"{found} of {result.checked} anchors found in {path}")
    return EXIT_MAP if result.missing else EXIT_OK


def cmd_render(args: argparse.Namespace) -> int:
    from argmap.drawing.dot import DotOptions, build_dot
    from argmap.drawing.render import format_for, render, write_atomic
    from argmap.graph import build_graph
    from argmap.views import colour_by_school, select

    out = Path(args.output)
    fmt = format_for(out)
    graph = build_graph(_one_work(args))
    sel = select(graph, args.view)
    if args.school:
        if args.school not in graph.corpus.schools:
            raise UsageError(f"no school '{args.school}'")
        colour_by_school(graph, sel, args.school)
    if fmt == "pdf" and args.paper != "poster":
        from argmap.drawing.handout import PRINT_WRAP, map_pdf
        from argmap.drawing.printing import paper_for

        data = map_pdf(graph, sel, paper_for(args.paper), args.wrap or PRINT_WRAP,
                       not args.no_legend)
    else:
        dot = build_dot(graph, sel, DotOptions(wrap=args.wrap or 30, legend=not args.no_legend))
        data = render(dot.source, fmt)
    write_atomic(out, data)
    print(sel.summary(), file=sys.stderr)
    print(f"wrote {out}", file=sys.stderr)
    return EXIT_OK


def cmd_handout(args: argparse.Namespace) -> int:
    from argmap.drawing.handout import PRINT_WRAP, handout_pdf
    from argmap.drawing.printing import paper_for
    from argmap.drawing.render import format_for, write_atomic
    from argmap.graph import build_graph

    out = Path(args.output)
    if format_for(out) != "pdf":
        raise UsageError(f"a handout is a PDF; name the output FILE.pdf, not '{out}'")
    graph = build_graph(_one_work(args))
    if args.school and args.school not in graph.corpus.schools:
        raise UsageError(f"no school '{args.school}'")
    data = handout_pdf(graph, args.view, paper_for(args.paper), args.school,
                       args.wrap or PRINT_WRAP)
    write_atomic(out, data)
    print(f"wrote {out}", file=sys.stderr)
    return EXIT_OK


def cmd_trace(args: argparse.Namespace) -> int:
    from argmap.graph import build_graph
    from argmap.trace import format_trace, trace
    from argmap.views import select

    graph = build_graph(_one_work(args, node=args.claim))
    select(graph, f"trace:{args.claim}")  # validates the id with a helpful message
    data = trace(graph, args.claim)
    if args.json:
        _print_json(data)
    else:
        print(format_trace(data))
    return EXIT_OK


def _semantics(args: argparse.Namespace) -> Any:
    return getattr(args, "semantics", "grounded")


def _clip(text: str, width: int = 90) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def cmd_accept(args: argparse.Namespace) -> int:
    from argmap.argumentation.audiences import school_labels

    corpus = _one_work(args, schools=[args.school])
    verdicts = school_labels(corpus, args.school, _semantics(args))
    claims = [v for c, v in verdicts.items() if c in corpus.claims]
    if args.json:
        _print_json({"school": args.school, "semantics": _semantics(args),
                     "claims": [v.to_json() for v in claims]})
        return EXIT_OK
    counts = {label: sum(v.label == label for v in claims) for label in ("IN", "OUT", "UNDEC")}
    print(f"{args.school} school, {_semantics(args)} semantics: {len(claims)} claims, "
          + ", ".join(f"{n} {label}" for label, n in counts.items()))
    width = max((len(v.node) for v in claims), default=0)
    for v in claims:
        print(f"{v.label:<5}  {v.node:<{width}}  {v.reason}")
    return EXIT_OK


def _bar(value: float, width: int = 10) -> str:
    filled = round(value * width)
    return "█" * filled + "·" * (width - filled)


def _where(corpus: Corpus, node: str) -> str:
    item = corpus.claims.get(node) or corpus.evidence.get(node)
    if item is None:
        return node
    kind = item.kind if node in corpus.claims else f"evidence: {item.kind}"
    if item.locator is None:
        return f"{kind}, not in the text (editorial)"
    section = corpus.sections[item.locator.section][1].title if item.locator.section in \
        corpus.sections else item.locator.section
    return f"{kind}, {section} ¶{item.locator.paragraph}"


def _heading(corpus: Corpus, node: str) -> str:
    item = corpus.claims.get(node) or corpus.evidence.get(node)
    return f"{item.heading} [{node}]" if item is not None else node


def _stance_source(corpus: Corpus, stance: Any) -> str:
    """Where a stance comes from, as a reader would cite it: 'the text, Dictatorship and
    Terror ¶11, n. 38' or 'editor, from Khlevniuk, Stalin, ch. 4'."""
    from argmap.citations.chicago import short_title

    if stance.basis == "chapter":
        parts = ["the text"]
        if stance.locator is not None:
            section = corpus.sections.get(stance.locator.section)
            title = section[1].title if section else stance.locator.section
            parts.append(f"{title} ¶{stance.locator.paragraph}")
        if stance.footnote in corpus.footnotes:
            parts.append(f"n. {corpus.footnotes[stance.footnote].number}")
        return ", ".join(parts)
    source = corpus.sources.get(stance.source or "")
    if source is None:
        return "editor"
    names = source.author or source.editor
    family = names[0].family or names[0].literal or "" if names else ""
    cited = ", ".join(x for x in (family, short_title(source) or source.id, stance.pages) if x)
    return f"editor, from {cited}"


def _base_phrase(corpus: Corpus, school: str, base: Any) -> str:
    if base.stance is None:
        return f"{base.why} (base {base.value:.2f})"
    who = [corpus.people[p].name.split()[-1] for p in base.stance.proponents if p in corpus.people]
    held = f"; held by {', '.join(who[:4])}{' and others' if len(who) > 4 else ''}" if who else ""
    return f"{base.stance.position} ({_stance_source(corpus, base.stance)}{held})"


def cmd_strength(args: argparse.Namespace) -> int:
    from argmap.argumentation.gradual import school_strengths

    corpus = _one_work(args, schools=[args.school])
    result = school_strengths(corpus, args.school, args.semantics)
    nodes = list(corpus.claims) + (list(corpus.evidence) if args.evidence else [])
    if args.json:
        _print_json({"school": args.school, "semantics": args.semantics,
                     "converged": result.converged,
                     "nodes": [{"node": n, "strength": round(result.strength[n], 4),
                                "base": result.bases[n].to_json()} for n in nodes]})
        return EXIT_OK
    print(f"{corpus.schools[args.school].name}: graded strength ({args.semantics}) of "
          f"{len(nodes)} {'claims and evidence' if args.evidence else 'claims'}"
          + ("" if result.converged else " (did not converge; values are the last iterate)"))
    for n in nodes:
        base = result.bases[n]
        print(f"{result.strength[n]:.2f} {_bar(result.strength[n])}  {_heading(corpus, n)}  "
              f"[base {base.value:.2f}: {base.why}]")
    return EXIT_OK


def cmd_compare(args: argparse.Namespace) -> int:
    from argmap.argumentation.gradual import CONTESTED_GAP, compare

    corpus = _one_work(args, schools=args.schools)
    comp = compare(corpus, args.schools, args.semantics, explain=args.limit or None)
    if len(comp.schools) < 2:
        raise UsageError("compare needs at least two different schools")
    shown = comp.differences[: args.limit] if args.limit else comp.differences
    if args.json:
        data = comp.to_json()
        data["differences"] = [d.to_json() for d in shown]
        _print_json(data)
        return EXIT_OK
    names = {s: corpus.schools[s].name for s in comp.schools}
    print(f"{' vs '.join(names.values())}: graded strength ({comp.semantics}), "
          f"{len(corpus.claims)} claims")
    print(f"{len(comp.differences)} contested (strengths differ by {CONTESTED_GAP:.2f} or more), "
          f"{len(comp.agreed_strong)} strong for all (0.65 or more), "
          f"{len(comp.agreed_weak)} weak for all (0.35 or less)."
          + ("" if comp.converged else " Some strengths did not converge."))
    print("Ranked by the gap between the schools and by how much of the map rests on the claim.")
    width = max(len(n) for n in names.values())
    for number, diff in enumerate(shown, 1):
        print(f"\n{number}. {_heading(corpus, diff.claim)}  ({_where(corpus, diff.claim)}; "
              f"{diff.downstream} node(s) rest on it)")
        for school in comp.schools:
            value = diff.strengths[school]
            from argmap.argumentation.gradual import school_strengths

            base = school_strengths(corpus, school, comp.semantics).bases[diff.claim]
            print(f"   {names[school]:<{width}}  {value:.2f} {_bar(value)}  "
                  f"{_base_phrase(corpus, school, base)}")
        if diff.drivers:
            print(f"   What makes the gap ({names[diff.low]} taking {names[diff.high]}'s view "
                  f"of one node at a time, recomputed):")
            for d in diff.drivers:
                print(f"     {d.effect:+.2f}  {_heading(corpus, d.node)}: "
                      f"{d.low.position} → {d.high.position}")
    if args.limit and len(comp.differences) > args.limit:
        print(f"\n… {len(comp.differences) - args.limit} more (--limit 0 shows all)")
    return EXIT_OK


def cmd_prompts(args: argparse.Namespace) -> int:
    from argmap.argumentation.gradual import prompts

    corpus = _one_work(args, schools=args.schools)
    found = prompts(corpus, args.schools, args.semantics, limit=args.limit)
    if args.json:
        _print_json([p.to_json() for p in found])
        return EXIT_OK
    if not found:
        print("No crux between these schools moves a thesis; nothing to prompt.")
    for number, prompt in enumerate(found, 1):
        print(f"{number}. {prompt.question}")
        for side in prompt.sides.values():
            print(f"   - {_clip(side, 160)}")
        if prompt.evidence:
            print("   Evidence: " + "; ".join(_heading(corpus, e) for e in prompt.evidence))
        print()
    return EXIT_OK


def cmd_cruxes(args: argparse.Namespace) -> int:
    from argmap.argumentation.gradual import compare, cruxes, school_strengths

    corpus = _one_work(args, schools=[args.a, args.b])
    found = cruxes(corpus, args.a, args.b, args.semantics, max_steps=args.max_steps)
    if args.json:
        _print_json([c.to_json() for c in found])
        return EXIT_OK
    comp = compare(corpus, [args.a, args.b], args.semantics, drivers=0)
    na, nb = corpus.schools[args.a].name, corpus.schools[args.b].name
    contested = {d.claim for d in comp.differences}
    theses = [c.id for c in corpus.claims.values() if c.kind == "thesis" and c.id in contested]
    print(f"{na} vs {nb}: {len(theses)} thesis(es) contested, {len(found)} with a crux "
          f"(what {na} would have to concede, recomputed)")
    for thesis in theses:
        a, b = comp.strengths[args.a][thesis], comp.strengths[args.b][thesis]
        print(f"\n{_heading(corpus, thesis)}: {na} {a:.2f}, {nb} {b:.2f}")
        mine = [c for c in found if c.thesis == thesis]
        if not mine:
            print("  No crux beneath it: the claims and evidence it rests on weigh alike for "
                  "both; they part ways over the thesis itself.")
            for school in (args.a, args.b):
                stance = school_strengths(corpus, school).bases[thesis].stance
                if stance is not None:
                    print(f"  - {corpus.schools[school].name}: "
                          f"{_base_phrase(corpus, school, school_strengths(corpus, school).bases[thesis])}"
                          f" — {_clip(stance.justification, 200)}")
        for crux in mine:
            print(f"  Their readings of the thesis itself: had {na} taken {nb}'s stance on it "
                  f"({_base_phrase(corpus, args.b, school_strengths(corpus, args.b).bases[thesis])}), "
                  f"it would stand at {crux.with_their_stance:.2f}.")
            print(f"  Beneath it (its own stance set aside): {na} {crux.grounds:.2f}, "
                  f"{nb} {crux.other_grounds:.2f}.")
            mine_s = school_strengths(corpus, args.a).strength
            theirs_s = school_strengths(corpus, args.b).strength
            gap = crux.other_grounds - crux.grounds
            for step in crux.steps:
                part = (step.alone - crux.grounds) / gap if gap else 0.0
                print(f"  - {_heading(corpus, step.node)} ({_where(corpus, step.node)}): "
                      f"{na} {mine_s[step.node]:.2f}, {nb} {theirs_s[step.node]:.2f}")
                print(f"      {na}: {_base_phrase(corpus, args.a, step.mine)}")
                print(f"      {nb}: {_base_phrase(corpus, args.b, step.theirs)}")
                print(f"      taking {nb}'s view of it alone: {crux.grounds:.2f} → {step.alone:.2f} "
                      f"({part:.0%} of the difference beneath); with the steps above: "
                      f"{step.cumulative:.2f}")
            if crux.steps:
                closed = "all" if crux.share >= 0.995 else f"{crux.share:.0%}"
                print(f"  Together these close {closed} of the difference beneath the thesis "
                      "(every value recomputed).")
    return EXIT_OK


def cmd_af_usage(args: argparse.Namespace) -> int:
    raise UsageError("af needs an action: argmap af solve --semantics S FILE")


def cmd_af_solve(args: argparse.Namespace) -> int:
    from argmap.argumentation.af import extensions
    from argmap.argumentation.afformats import AFFormatError, read_af

    path = Path(args.file)
    if not path.is_file():
        raise UsageError(f"no such framework file: {path}")
    try:
        fw = read_af(path)
    except AFFormatError as exc:
        print(one_line(str(exc)), file=sys.stderr)
        return EXIT_MAP
    found = sorted(sorted(ext) for ext in extensions(fw, args.semantics))
    if args.iccma:
        print("[" + ",".join("[" + ",".join(ext) + "]" for ext in found) + "]")
    else:
        print(f"{args.semantics}: {len(found)} extension(s) of {len(fw)} arguments, "
              f"{fw.n_attacks} attacks")
        for ext in found:
            print("  {" + ", ".join(ext) + "}")
    return EXIT_OK


def cmd_new(args: argparse.Namespace) -> int:
    """A new work folder from a text: sections, paragraphs, notes, claim stubs."""
    from argmap.core.loader import corpus_path
    from argmap.scaffold import new_work

    made = new_work(args.work_id, args.from_text, corpus_path(args.corpus))
    parsed = made.parsed
    paragraphs = sum(len(s.paragraphs) for s in parsed.sections)
    print(f"wrote {made.folder}/ ({', '.join(made.files)}): {len(parsed.sections)} sections, "
          f"{paragraphs} paragraphs, {len(parsed.notes)} notes")
    for number in parsed.unplaced:
        print(f"  note {number}: no marker found in the body; placed after the note before it "
              "(see footnotes.yaml)", file=sys.stderr)
    for number in parsed.missing:
        print(f"  marker {number} in the body has no note in the notes list", file=sys.stderr)
    print("next: docs/authoring.md (write claims, validate, check-text, render)")
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="argmap",
        description="Historiographical argument maps: validate, explore and render a map.",
    )
    corpus_help = "map folder (default: $ARGMAP_CORPUS, else ./arguments)"
    parser.add_argument("--corpus", default=None, help=corpus_help)
    work_help = ("the work to show, when the corpus holds several (default: each work in "
                 "turn, or the only one)")
    parser.add_argument("--work", default=None, metavar="ID", help=work_help)
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--corpus", default=argparse.SUPPRESS, help=corpus_help)
    common.add_argument("--work", default=argparse.SUPPRESS, metavar="ID", help=work_help)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    # For commands that give --work their own meaning (import: the new work's id).
    # (Not conflict_handler="resolve": it strips the option from the shared parent
    # action, which turns --work into a positional in every other command.)
    corpus_only = argparse.ArgumentParser(add_help=False)
    corpus_only.add_argument("--corpus", default=argparse.SUPPRESS, help=corpus_help)

    def add(name: str, handler: Handler, help_text: str, *,
            own_work: bool = False) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text, description=help_text,
                           parents=[corpus_only if own_work else common])
        p.set_defaults(handler=handler)
        return p

    p = add("validate", cmd_validate, "check a map; every problem as file:line:col")
    p.add_argument("corpus_arg", nargs="?", metavar="CORPUS", help="map folder or file")
    p = add("stats", cmd_stats, "counts by kind, incomplete sources")
    p.add_argument("--json", action="store_true")
    add("schema", cmd_schema, "JSON Schema of the YAML format (for editor completion)")
    p = add("export", cmd_export, "the whole resolved corpus (json), or one work as AIF, "
            "Argdown, GraphML or Kialo text")
    p.add_argument("format", choices=["json", *INTERCHANGE_EXPORTS])
    p.add_argument("-o", "--output", help="write to this file instead of stdout")
    p = add("import", cmd_import, "bring an AIF, xAIF, OVA, SADFace, Argdown or Kialo map in "
            "as a new work folder of the map", own_work=True)
    p.add_argument("file", metavar="FILE")
    p.add_argument("--work", required=True, metavar="NEW-ID",
                   help="id of the new work; its folder and every id it brings start with it")
    p.add_argument("--format", choices=["aif", "xaif", "ova", "sadface", "argdown", "kialo"],
                   help="the file's format (default: told from the file)")
    p.add_argument("--json", action="store_true", help="the report as JSON")
    p = add("footnotes", cmd_footnotes, "the footnotes with their resolved citations")
    p.add_argument("--json", action="store_true")
    p = add("sources", cmd_sources, "the bibliography (Chicago), or CSL-JSON for Zotero")
    p.add_argument("--csl", action="store_true", help="CSL-JSON array")
    p.add_argument("--all", action="store_true",
                   help="also the sources the map's editor added, in a section of their own")
    p = add("search", cmd_search, "claims whose text, anchor, people, events or evidence match")
    p.add_argument("text", nargs="+")
    p.add_argument("--json", action="store_true")
    p = add("check-text", cmd_check_text, "check every anchor against a copy of the text")
    p.add_argument("textfile")
    p = add("render", cmd_render, "draw a view to .svg, .png, .pdf or .dot")
    p.add_argument("view", help="overview | section:ID | claim:ID[:DEPTH] | trace:ID | "
                   "school:ID | person:ID | event:ID | period:FROM..TO")
    p.add_argument("-o", "--output", required=True, help="output file; format from suffix")
    p.add_argument("--school", help="colour claims by this school's stances")
    p.add_argument("--wrap", type=int, default=None,
                   help="label width in characters (default 30; 24 on printed pages)")
    p.add_argument("--no-legend", action="store_true")
    p.add_argument("--paper", choices=["a4", "letter", "poster"], default="a4",
                   help="PDF only: A4 or Letter pages at a legible size (a large view is "
                   "split across pages), or poster: one page as large as the drawing")
    p = add("handout", cmd_handout, "a seminar handout (PDF): the map on pages, then each "
            "claim with its place in the text, evidence, notes and the schools' stances")
    p.add_argument("view", help="a view, as for render (e.g. section:ID)")
    p.add_argument("-o", "--output", required=True, help="output file (.pdf)")
    p.add_argument("--paper", choices=["a4", "letter"], default="a4")
    p.add_argument("--school", help="colour the map by this school's stances")
    p.add_argument("--wrap", type=int, default=None, help="label width in characters (24)")
    p = add("trace", cmd_trace, "a claim traced to its evidence, footnotes and sources")
    p.add_argument("claim")
    p.add_argument("--json", action="store_true")
    semantics = ("grounded", "complete", "preferred", "stable")
    p = add("accept", cmd_accept, "every claim's formal label for one school read as an audience")
    p.add_argument("--school", required=True)
    p.add_argument("--semantics", choices=semantics, default="grounded")
    p.add_argument("--json", action="store_true")
    graded = ("df-quad", "quadratic-energy")
    p = add("strength", cmd_strength, "every claim's graded strength for one school (QBAF)")
    p.add_argument("--school", required=True)
    p.add_argument("--semantics", choices=graded, default="df-quad")
    p.add_argument("--evidence", action="store_true", help="list the evidence too")
    p.add_argument("--json", action="store_true")
    p = add("compare", cmd_compare,
            "where schools' graded strengths part ways, ranked, with what produces each gap")
    p.add_argument("schools", nargs="+", metavar="SCHOOL", help="two or more school ids")
    p.add_argument("--semantics", choices=graded, default="df-quad")
    p.add_argument("--limit", type=int, default=20, help="how many contested claims (0 = all)")
    p.add_argument("--json", action="store_true")
    p = add("prompts", cmd_prompts,
            "seminar questions from the cruxes of every pair of the schools")
    p.add_argument("schools", nargs="+", metavar="SCHOOL", help="two or more school ids")
    p.add_argument("--semantics", choices=graded, default="df-quad")
    p.add_argument("--limit", type=int, default=10, help="how many prompts (default 10)")
    p.add_argument("--json", action="store_true")
    p = add("cruxes", cmd_cruxes,
            "for each thesis A and B contest, the claims and evidence that account for the gap")
    p.add_argument("a", metavar="A")
    p.add_argument("b", metavar="B")
    p.add_argument("--semantics", choices=graded, default="df-quad")
    p.add_argument("--max-steps", type=int, default=5, help="most nodes in one crux")
    p.add_argument("--json", action="store_true")
    p = add("new", cmd_new, "a new work folder from a plain-text chapter or article with "
            "numbered notes: sections, paragraph counts, notes in place, claim stubs")
    p.add_argument("work_id", metavar="WORK-ID", help="the new work's id (a slug)")
    p.add_argument("--from-text", required=True, metavar="FILE", help="the text (UTF-8)")
    p = add("af", cmd_af_usage, "abstract argumentation frameworks (Dung): solve a file")
    af_sub = p.add_subparsers(dest="af_command", metavar="ACTION")
    q = af_sub.add_parser("solve", help="print the extensions of an .af, .apx or .tgf file",
                          description="print the extensions of an .af, .apx or .tgf file")
    q.set_defaults(handler=cmd_af_solve)
    q.add_argument("--semantics", choices=semantics, required=True)
    q.add_argument("--iccma", action="store_true", help="one line: [[a,b],[c]]")
    q.add_argument("file", metavar="FILE")
    _add_seminar(sub, corpus_only)
    return parser


# --------------------------------------------------------------------------- seminar
# (argmap.seminar does the work; this block only parses and prints)


def _seminar_store(args: argparse.Namespace) -> Any:
    from argmap.seminar.store import SeminarStore

    return SeminarStore(args.database or None)


def cmd_seminar_usage(args: argparse.Namespace) -> int:
    raise UsageError("seminar needs an action: open, close, reopen, list or export")


def cmd_seminar_open(args: argparse.Namespace) -> int:
    from argmap.seminar.store import format_code

    corpus = _corpus(args)
    if args.work not in corpus.works:
        raise UsageError(f"no work '{args.work}' in the map; works: {', '.join(corpus.works) or 'none'}")
    opened = _seminar_store(args).open_seminar(args.work, args.title)
    print(f"Seminar '{opened.title}' on {opened.work} is open.")
    print(f"Join code for students: {format_code(opened.code)}")
    print(f"Leader key (shown only now; keep it private): {opened.leader_key}")
    return EXIT_OK


def _seminar_set(args: argparse.Namespace, closed: bool) -> int:
    store = _seminar_store(args)
    leader = store.admin(args.code)
    (store.close_seminar if closed else store.reopen_seminar)(leader)
    print(f"Seminar {leader.code} is {'closed (read-only)' if closed else 'open again'}.")
    return EXIT_OK


def cmd_seminar_close(args: argparse.Namespace) -> int:
    return _seminar_set(args, True)


def cmd_seminar_reopen(args: argparse.Namespace) -> int:
    return _seminar_set(args, False)


def cmd_seminar_list(args: argparse.Namespace) -> int:
    from argmap.seminar.store import format_code

    found = _seminar_store(args).seminars()
    if not found:
        print("No seminars yet (argmap seminar open --work ID --title TITLE).")
    for info in found:
        print(f"{format_code(info.code)}  {'closed' if info.closed else 'open  '}  "
              f"{info.created_at:%Y-%m-%d %H:%M}  {info.work}  {info.participants} participant(s), "
              f"{info.contributions} contribution(s)  {info.title}")
    return EXIT_OK


def cmd_seminar_export(args: argparse.Namespace) -> int:
    from argmap.seminar.export import export

    store = _seminar_store(args)
    leader = store.admin(args.code)
    try:
        corpus: Corpus | None = _corpus(args)
    except ArgmapError as exc:
        print(f"argmap: warning: the map did not load ({one_line(str(exc).splitlines()[0])}); "
              "claims are named by id", file=sys.stderr)
        corpus = None
    text = export(store, leader, corpus, args.format)
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
    elif args.format == "json":
        _print_json(json.loads(text))
    else:
        print(text, end="")
    return EXIT_OK


def _add_seminar(sub: Any, common: argparse.ArgumentParser) -> None:
    help_text = "live seminars: students' objections, questions and votes on the map"
    p = sub.add_parser("seminar", help=help_text, description=help_text, parents=[common])
    p.set_defaults(handler=cmd_seminar_usage)
    db = argparse.ArgumentParser(add_help=False)
    db.add_argument("--database", default=None, metavar="URL",
                    help="database URL (default: $ARGMAP_DATABASE_URL, else "
                    ".argmap-data/seminars.sqlite or $ARGMAP_DATA_DIR)")
    actions = p.add_subparsers(dest="seminar_command", metavar="ACTION")

    def act(name: str, handler: Handler, text: str) -> argparse.ArgumentParser:
        q: argparse.ArgumentParser = actions.add_parser(name, help=text, description=text,
                                                        parents=[common, db])
        q.set_defaults(handler=handler)
        return q

    q = act("open", cmd_seminar_open, "open a seminar on a work: prints the join code and leader key")
    q.add_argument("--work", required=True, help="the work's id in the map")
    q.add_argument("--title", required=True)
    q = act("close", cmd_seminar_close, "make a seminar read-only")
    q.add_argument("code", metavar="CODE")
    q = act("reopen", cmd_seminar_reopen, "let a closed seminar take contributions again")
    q.add_argument("code", metavar="CODE")
    act("list", cmd_seminar_list, "every seminar in the database")
    q = act("export", cmd_seminar_export, "a seminar as a Markdown report, JSON, or YAML "
            "suggestions for the map's editor (never written into the map)")
    q.add_argument("code", metavar="CODE")
    q.add_argument("--format", choices=["md", "json", "yaml"], default="md")
    q.add_argument("-o", "--output", help="write to this file instead of stdout")


def main(argv: Sequence[str] | None = None) -> int:
    """Run a command with stdout and stderr neutralised for the terminal (see
    argmap.terminal): map text, keys and file names cannot drive it."""
    out, err = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = PrintableStream(out), PrintableStream(err)
    try:
        return _main(argv)
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        sys.stdout, sys.stderr = out, err


def _main(argv: Sequence[str] | None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        code: int = args.handler(args)
        return code
    except MapError as exc:
        for problem in exc.problems:
            print(one_line(str(problem)), file=sys.stderr)
        print(f"{len(exc.problems)} problem(s) found", file=sys.stderr)
        return EXIT_MAP
    except UsageError as exc:
        print(f"argmap: error: {one_line(str(exc))}", file=sys.stderr)
        return EXIT_USAGE
    except ArgmapError as exc:
        print(f"argmap: {exc}", file=sys.stderr)
        return EXIT_MAP
    except BrokenPipeError:
        return EXIT_OK
    except KeyboardInterrupt:
        return 130
    except Exception as exc:
        print(f"argmap: internal error ({type(exc).__name__}: {exc}); please report it",
              file=sys.stderr)
        return EXIT_BUG


if __name__ == "__main__":
    sys.exit(main())
