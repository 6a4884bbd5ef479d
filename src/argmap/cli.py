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
from typing import Any

from argmap.corpus import Corpus
from argmap.errors import ArgmapError, MapError, UsageError
from argmap.loader import load_corpus

EXIT_OK, EXIT_MAP, EXIT_USAGE, EXIT_BUG = 0, 1, 2, 3

Handler = Callable[[argparse.Namespace], int]


def _corpus(args: argparse.Namespace) -> Corpus:
    return load_corpus(getattr(args, "corpus_arg", None) or args.corpus)


def _print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


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
    from argmap.schema import json_schema

    _print_json(json_schema())
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    corpus = _corpus(args)
    _print_json(corpus.to_json())
    return EXIT_OK


def cmd_footnotes(args: argparse.Namespace) -> int:
    from argmap.notes import footnote_listing, format_footnotes

    corpus = _corpus(args)
    notes = footnote_listing(corpus)
    if args.json:
        _print_json(notes)
    else:
        print(format_footnotes(corpus))
    return EXIT_OK


def cmd_sources(args: argparse.Namespace) -> int:
    from argmap.csl import to_csl_list
    from argmap.notes import bibliography_sources, format_bibliography

    corpus = _corpus(args)
    if args.csl:
        _print_json(to_csl_list(bibliography_sources(corpus, include_editorial=args.all)))
    else:
        text = format_bibliography(corpus, include_editorial=args.all)
        if text:
            print(text)
    return EXIT_OK


def cmd_search(args: argparse.Namespace) -> int:
    from argmap.search import search_claims

    hits = search_claims(_corpus(args), " ".join(args.text))
    if args.json:
        _print_json([h.to_json() for h in hits])
    else:
        for hit in hits:
            c = hit.claim
            print(f"{c.id}  [{c.locator.section} ¶{c.locator.paragraph}]  {c.text}")
        if not hits:
            print("no claims match", file=sys.stderr)
    return EXIT_OK


def cmd_check_text(args: argparse.Namespace) -> int:
    from argmap.anchors import check_anchors

    path = Path(args.textfile)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"cannot read text file {path}: {exc}") from exc
    result = check_anchors(_corpus(args), text)
    for problem in result.missing:
        print(problem, file=sys.stderr)
    found = result.checked - len(result.missing)
    print(f"{found} of {result.checked} anchors found in {path}")
    return EXIT_MAP if result.missing else EXIT_OK


def cmd_render(args: argparse.Namespace) -> int:
    from argmap.dot import DotOptions, build_dot
    from argmap.graph import build_graph
    from argmap.render import format_for, render, write_atomic
    from argmap.views import colour_by_school, select

    out = Path(args.output)
    fmt = format_for(out)
    graph = build_graph(_corpus(args))
    sel = select(graph, args.view)
    if args.school:
        if args.school not in graph.corpus.schools:
            raise UsageError(f"no school '{args.school}'")
        colour_by_school(graph, sel, args.school)
    dot = build_dot(graph, sel, DotOptions(wrap=args.wrap, legend=not args.no_legend))
    write_atomic(out, render(dot.source, fmt))
    print(sel.summary(), file=sys.stderr)
    print(f"wrote {out}", file=sys.stderr)
    return EXIT_OK


def cmd_trace(args: argparse.Namespace) -> int:
    from argmap.graph import build_graph
    from argmap.trace import format_trace, trace
    from argmap.views import select

    graph = build_graph(_corpus(args))
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

    corpus = _corpus(args)
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


def cmd_compare(args: argparse.Namespace) -> int:
    from argmap.argumentation.audiences import compare

    if not 2 <= len(args.schools) <= 3:
        raise UsageError("compare takes two or three schools")
    corpus = _corpus(args)
    comp = compare(corpus, args.schools, _semantics(args))
    if args.json:
        _print_json(comp.to_json())
        return EXIT_OK
    print(f"{' vs '.join(comp.schools)} ({comp.semantics} semantics), {len(corpus.claims)} claims: "
          f"{len(comp.consensus)} consensus (IN for all), {len(comp.contested)} contested "
          f"(IN for some), {len(comp.open)} open (UNDEC for all); "
          f"{len(comp.differences)} labelled differently")
    width = max(len(s) for s in comp.schools)
    for claim in comp.differences:
        c = corpus.claims[claim]
        print(f"\n{claim}  [{c.kind}, {c.locator.section} ¶{c.locator.paragraph}]  {_clip(c.text)}")
        for school in comp.schools:
            v = comp.labels[school][claim]
            print(f"  {school:<{width}}  {v.label:<5}  {v.reason}")
            if v.stance is not None:
                print(f"  {'':<{width}}         “{_clip(v.stance.justification, 110)}”")
    return EXIT_OK


def cmd_prompts(args: argparse.Namespace) -> int:
    from argmap.argumentation.audiences import seminar_prompts

    if not 2 <= len(args.schools) <= 3:
        raise UsageError("prompts takes two or three schools")
    prompts = seminar_prompts(_corpus(args), args.schools, _semantics(args))[: args.limit]
    if args.json:
        _print_json([p.to_json() for p in prompts])
        return EXIT_OK
    for number, prompt in enumerate(prompts, 1):
        print(f"{number}. {prompt.claim} ({prompt.downstream} claims rest on it): "
              f"{_clip(prompt.text)}")
        print(f"   {prompt.question}")
        for school, label in prompt.labels.items():
            print(f"   {school}: {label} — {_clip(prompt.reasons.get(school, ''), 110)}")
    return EXIT_OK


def cmd_cruxes(args: argparse.Namespace) -> int:
    from argmap.argumentation.audiences import compare, cruxes

    corpus = _corpus(args)
    found = cruxes(corpus, args.a, args.b, args.max_size)
    if args.json:
        _print_json([c.to_json() for c in found])
        return EXIT_OK
    comp = compare(corpus, [args.a, args.b])
    from argmap.graph import build_graph

    differing = [t for t in build_graph(corpus).theses() if t in comp.differences]
    print(f"{args.a} vs {args.b}: {len(differing)} thesis(es) labelled differently, "
          f"{len(found)} crux(es)")
    for thesis in differing:
        mine = [c for c in found if c.thesis == thesis]
        la, lb = comp.labels[args.a][thesis].label, comp.labels[args.b][thesis].label
        print(f"\n{thesis}: {args.a} {la}, {args.b} {lb}")
        if not mine:
            print(f"  no set of claims {args.a} could accept turns it {lb} "
                  f"(within {args.max_size}, or greedily)")
        for crux in mine:
            note = "" if crux.smallest else "  (found greedily; a smaller set may exist)"
            print(f"  accept {' + '.join(crux.accept)}{note}")
            print(f"    {crux.sentence}")
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
        print(exc, file=sys.stderr)
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


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="argmap",
        description="Historiographical argument maps: validate, explore and render a map.",
    )
    corpus_help = "map folder (default: $ARGMAP_CORPUS, else ./arguments)"
    parser.add_argument("--corpus", default=None, help=corpus_help)
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--corpus", default=argparse.SUPPRESS, help=corpus_help)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    def add(name: str, handler: Handler, help_text: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text, description=help_text, parents=[common])
        p.set_defaults(handler=handler)
        return p

    p = add("validate", cmd_validate, "check a map; every problem as file:line:col")
    p.add_argument("corpus_arg", nargs="?", metavar="CORPUS", help="map folder or file")
    p = add("stats", cmd_stats, "counts by kind, incomplete sources")
    p.add_argument("--json", action="store_true")
    add("schema", cmd_schema, "JSON Schema of the YAML format (for editor completion)")
    p = add("export", cmd_export, "the whole resolved corpus")
    p.add_argument("format", choices=["json"])
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
    p.add_argument("--wrap", type=int, default=30, help="label width in characters")
    p.add_argument("--no-legend", action="store_true")
    p = add("trace", cmd_trace, "a claim traced to its evidence, footnotes and sources")
    p.add_argument("claim")
    p.add_argument("--json", action="store_true")
    semantics = ("grounded", "complete", "preferred", "stable")
    p = add("accept", cmd_accept, "every claim's formal label for one school read as an audience")
    p.add_argument("--school", required=True)
    p.add_argument("--semantics", choices=semantics, default="grounded")
    p.add_argument("--json", action="store_true")
    p = add("compare", cmd_compare, "where two or three schools' formal labels part ways")
    p.add_argument("schools", nargs="+", metavar="SCHOOL", help="two or three school ids")
    p.add_argument("--semantics", choices=semantics, default="grounded")
    p.add_argument("--json", action="store_true")
    p = add("prompts", cmd_prompts,
            "seminar prompts: contested claims, most depended-on first, with each school's reason")
    p.add_argument("schools", nargs="+", metavar="SCHOOL", help="two or three school ids")
    p.add_argument("--semantics", choices=semantics, default="grounded")
    p.add_argument("--limit", type=int, default=10, help="how many prompts (default 10)")
    p.add_argument("--json", action="store_true")
    p = add("cruxes", cmd_cruxes,
            "for each thesis A and B label differently, what A would have to accept to agree")
    p.add_argument("a", metavar="A")
    p.add_argument("b", metavar="B")
    p.add_argument("--max-size", type=int, default=2, help="largest set searched exhaustively")
    p.add_argument("--json", action="store_true")
    p = add("af", cmd_af_usage, "abstract argumentation frameworks (Dung): solve a file")
    af_sub = p.add_subparsers(dest="af_command", metavar="ACTION")
    q = af_sub.add_parser("solve", help="print the extensions of an .af, .apx or .tgf file",
                          description="print the extensions of an .af, .apx or .tgf file")
    q.set_defaults(handler=cmd_af_solve)
    q.add_argument("--semantics", choices=semantics, required=True)
    q.add_argument("--iccma", action="store_true", help="one line: [[a,b],[c]]")
    q.add_argument("file", metavar="FILE")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        code: int = args.handler(args)
        return code
    except MapError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        print(f"{len(exc.problems)} problem(s) found", file=sys.stderr)
        return EXIT_MAP
    except UsageError as exc:
        print(f"argmap: error: {exc}", file=sys.stderr)
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
