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
    from argmap.chicago import bibliography
    from argmap.csl import to_csl_list

    corpus = _corpus(args)
    if args.csl:
        _print_json(to_csl_list(list(corpus.sources.values())))
    else:
        for entry in sorted(bibliography(s) for s in corpus.sources.values()):
            print(entry)
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
    except Exception as exc:  # noqa: BLE001 - the last line of defence for users
        print(f"argmap: internal error ({type(exc).__name__}: {exc}); please report it",
              file=sys.stderr)
        return EXIT_BUG


if __name__ == "__main__":
    sys.exit(main())
