"""Benchmark graded strength per school (argmap.argumentation.gradual).

For the chapter map and a generated corpus (benchmarks/generate.py, default
10,000 claims): the time to compute every school's strengths from a loaded
corpus (cold: the per-corpus cache emptied before each run), against the
floor of one DF-QuAD pass over the same framework (the engine alone), and
`compare` with drivers and `cruxes` for one pair on the chapter.

Goals (issue 9): all schools on the chapter under 100 ms; on 10,000 claims
under 2 s.

usage: python benchmarks/bench_gradual.py [--claims 10000] [--runs 5]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from generate import generate  # noqa: E402

from argmap.argumentation import gradual, qbaf  # noqa: E402
from argmap.core.corpus import Corpus  # noqa: E402
from argmap.core.loader import load_corpus  # noqa: E402


def timed(fn: Callable[[], object], runs: int) -> tuple[float, float]:
    """Median wall and CPU seconds over ``runs``."""
    wall: list[float] = []
    cpu: list[float] = []
    for _ in range(runs):
        w0, c0 = time.perf_counter(), time.process_time()
        fn()
        wall.append(time.perf_counter() - w0)
        cpu.append(time.process_time() - c0)
    return statistics.median(wall), statistics.median(cpu)


def all_schools(corpus: Corpus) -> None:
    gradual._CACHE = gradual._Cache()  # cold: nothing cached for this corpus
    for school in corpus.schools:
        gradual.school_strengths(corpus, school)


def engine_floor(corpus: Corpus) -> Callable[[], object]:
    school = next(iter(corpus.schools))
    framework = gradual.school_strengths(corpus, school).framework
    return lambda: qbaf.strengths(framework, "df-quad")


def row(name: str, corpus: Corpus, runs: int) -> str:
    wall, cpu = timed(lambda: all_schools(corpus), runs)
    floor, _ = timed(engine_floor(corpus), runs)
    n = len(corpus.claims) + len(corpus.evidence)
    schools = len(corpus.schools)
    return (f"| {name} | {n:,} | {schools} | {wall * 1000:.1f} ms | {cpu * 1000:.1f} ms | "
            f"{floor * 1000:.1f} ms | {wall / (schools * floor):.2f}× |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--claims", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    chapter = load_corpus(ROOT / "arguments")
    with tempfile.TemporaryDirectory() as tmp:
        generate(Path(tmp), claims=args.claims)
        big = load_corpus(tmp)
        print("| map | claims + evidence | schools | all schools' strengths (wall) | (CPU) "
              "| one DF-QuAD pass (floor) | ratio to schools × floor |")
        print("|---|---:|---:|---:|---:|---:|---:|")
        print(row("chapter", chapter, args.runs))
        print(row(f"generated, {args.claims:,} claims", big, args.runs))
    schools = list(chapter.schools)
    comp_wall, _ = timed(lambda: (all_schools(chapter), gradual.compare(chapter, schools)),
                         args.runs)
    pairs = list(combinations(schools, 2))
    crux_wall, _ = timed(lambda: [gradual.cruxes(chapter, a, b) for a, b in pairs], args.runs)
    print()
    print(f"chapter, cold: compare all {len(schools)} schools with drivers: "
          f"{comp_wall * 1000:.0f} ms; cruxes for all {len(pairs)} pairs (warm strengths): "
          f"{crux_wall * 1000:.0f} ms")


if __name__ == "__main__":
    main()
