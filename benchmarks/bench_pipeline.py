"""Benchmark each pipeline stage on the chapter map and on a generated corpus.

Reports the median of several runs of each stage, and the ratio of
load+validate+index to a raw `yaml.load(CSafeLoader)` of the same files (the
floor any YAML-based loader stands on). Peak memory of the large run is the
process's max RSS, measured in a fresh subprocess.

usage: python benchmarks/bench_pipeline.py [--claims 10000] [--runs 5]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from generate import generate  # noqa: E402

from argmap.core.loader import find_files, load_corpus  # noqa: E402
from argmap.drawing.dot import build_dot  # noqa: E402
from argmap.drawing.render import render  # noqa: E402
from argmap.graph import build_graph  # noqa: E402
from argmap.views import select  # noqa: E402


def median_ms(fn: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def raw_parse(folder: Path) -> None:
    for path in find_files(folder)[0]:
        yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)


def paired(a: Callable[[], object], b: Callable[[], object], runs: int) -> tuple[float, float]:
    """Medians of a and b timed alternately, so background load hits both alike."""
    ta, tb = [], []
    for _ in range(runs):
        for fn, out in ((a, ta), (b, tb)):
            start = time.perf_counter()
            fn()
            out.append((time.perf_counter() - start) * 1000)
    return statistics.median(ta), statistics.median(tb)


def bench(folder: Path, runs: int, focus: str, views: list[str]) -> dict[str, float]:
    results: dict[str, float] = {}
    raw, load = paired(lambda: raw_parse(folder), lambda: load_corpus(folder), runs)
    results["raw CSafeLoader parse"] = raw
    results["load+validate"] = load
    corpus = load_corpus(folder)
    results["graph build"] = median_ms(lambda: build_graph(corpus), runs)
    results["load+validate+index"] = results["load+validate"] + results["graph build"]
    graph = build_graph(corpus)
    for spec in views:
        results[f"view {spec}"] = median_ms(lambda spec=spec: select(graph, spec), runs)
    sel = select(graph, f"claim:{focus}:1")
    results["DOT build (focused view)"] = median_ms(lambda: build_dot(graph, sel).source, runs)
    source = build_dot(graph, sel).source
    results["SVG render (focused view)"] = median_ms(lambda: render(source, "svg"), runs)
    results["focused view end-to-end (select+DOT+SVG)"] = median_ms(
        lambda: render(build_dot(graph, select(graph, f"claim:{focus}:1")).source, "svg"), runs)
    return results


def peak_rss_mb(folder: Path) -> float:
    code = ("import resource, sys; from argmap.core.loader import load_corpus; "
            "from argmap.graph import build_graph; build_graph(load_corpus(sys.argv[1])); "
            "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)")
    out = subprocess.run([sys.executable, "-c", code, str(folder)], capture_output=True,
                         text=True, check=True).stdout
    return int(out.strip()) / 1024


def table(name: str, results: dict[str, float]) -> str:
    raw = results["raw CSafeLoader parse"]
    lines = [f"### {name}", "", "| stage | median ms | × raw parse |", "|---|---:|---:|"]
    lines += [f"| {stage} | {ms:.1f} | {ms / raw:.2f} |" for stage, ms in results.items()]
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--claims", type=int, default=10_000)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    chapter = bench(ROOT / "arguments", args.runs, "rise-kasahara-confirmed-fears",
                    ["overview", "section:dictatorship-and-terror",
                     "trace:abs-thesis-misperception", "school:totalitarian"])
    with tempfile.TemporaryDirectory() as tmp:
        big = Path(tmp)
        generate(big, args.claims)
        large = bench(big, max(1, args.runs // 2), "c500", ["overview", "section:s3", "trace:c500",
                                                            "school:school0"])
        rss = peak_rss_mb(big)
    if args.json:
        print(json.dumps({"chapter": chapter, "large": large, "peak_rss_mb": rss}, indent=2))
        return
    print(table("The chapter map", chapter))
    print()
    print(table(f"Generated corpus of {args.claims} claims", large))
    print()
    print(f"Peak memory (max RSS) loading and indexing the {args.claims}-claim corpus: "
          f"{rss:.0f} MB")


if __name__ == "__main__":
    main()
