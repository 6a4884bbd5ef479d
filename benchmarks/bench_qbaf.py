"""Benchmark the gradual-semantics engine (argmap.argumentation.qbaf) on seeded random QBAFs.

For each size (a chapter-sized map of 250 arguments and 400 edges, then 1,000 /
3,000 and 10,000 / 30,000) two QBAFs are drawn:

* acyclic: edges only from earlier to later arguments of a random order;
* cyclic: edges between uniformly random distinct pairs (one giant component).

Each edge is an attack or a support with even odds and has a weight uniform in
(0, 1]; base scores are uniform in [0, 1].  Timed per semantics: the first
evaluation (which also builds the integer graph and its strongly connected
components) and a re-evaluation after ``with_base`` (graph cached), median of
``--runs`` ("re-run").  Goals: the chapter map well under 10 ms, 10,000 acyclic arguments
under 0.5 s.  Also timed: removal-based attribution of one well-connected
argument of the chapter map.

usage: python benchmarks/bench_qbaf.py [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import statistics
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TypeVar

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from argmap.argumentation import qbaf  # noqa: E402

SIZES = ((250, 400), (1_000, 3_000), (10_000, 30_000))
T = TypeVar("T")


def random_qbaf(n: int, m: int, *, acyclic: bool, seed: int) -> qbaf.QBAF:
    """n arguments, m distinct edges (attack or support), random weights and base scores."""
    rng = random.Random(seed)
    names = [f"a{i}" for i in range(n)]
    rank = list(range(n))
    rng.shuffle(rank)  # the topological order is not the listing order
    pairs: set[tuple[int, int]] = set()
    while len(pairs) < m:
        x, y = rng.randrange(n), rng.randrange(n)
        if x == y:
            continue
        if acyclic and rank[x] > rank[y]:
            x, y = y, x
        pairs.add((x, y))
    attacks: list[qbaf.Edge] = []
    supports: list[qbaf.Edge] = []
    for x, y in sorted(pairs):
        edge = (names[x], names[y], 1.0 - rng.random())  # weight in (0, 1]
        (attacks if rng.random() < 0.5 else supports).append(edge)
    base = {a: rng.random() for a in names}
    return qbaf.QBAF.build(base, attacks, supports)


def timed(fn: Callable[[], T]) -> tuple[float, T]:
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def bench_strengths(runs: int) -> None:
    print("| arguments | edges | graph | semantics | first (ms) | re-run (ms) | converged | iterations |")
    print("|---:|---:|---|---|---:|---:|---|---:|")
    for n, m in SIZES:
        for acyclic in (True, False):
            q = random_qbaf(n, m, acyclic=acyclic, seed=n)
            for semantics in qbaf.SEMANTICS:
                q0 = q.without([])  # a copy with no cached graph, so "first" pays for it
                first, result = timed(partial(qbaf.strengths, q0, semantics))
                times = []
                for r in range(runs):
                    changed = q0.with_base({q0.arguments[r % n]: 0.5})
                    seconds, _ = timed(partial(qbaf.strengths, changed, semantics))
                    times.append(seconds)
                print(
                    f"| {n:,} | {m:,} | {'acyclic' if acyclic else 'cyclic'} | {semantics} | "
                    f"{first * 1000:.1f} | {statistics.median(times) * 1000:.1f} | "
                    f"{result.converged} | {result.iterations} |",
                    flush=True,
                )


def bench_attribution() -> None:
    q = random_qbaf(250, 400, acyclic=True, seed=250)
    target = max(q.arguments, key=lambda a: len(q.ancestors(a)))
    reach = len(q.ancestors(target))
    print(f"\n## Attribution on the chapter-sized acyclic map: target with {reach} ancestors\n")
    print("| semantics | ms |")
    print("|---|---:|")
    for semantics in qbaf.SEMANTICS:
        seconds, _ = timed(partial(qbaf.attribution, q, target, semantics))
        print(f"| {semantics} | {seconds * 1000:.1f} |")


def main() -> None:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--runs", type=int, default=5, help="timed re-evaluations per case (default 5)")
    args = ap.parse_args()
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(
        f"Python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} cores, "
        f"load average {load:.2f} at start\n"
    )
    print("## Strengths\n")
    bench_strengths(args.runs)
    bench_attribution()


if __name__ == "__main__":
    main()
